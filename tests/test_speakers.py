"""Speakers are names: of a person, a body, a country or a described source, never a
dateline, a date, a link, a pronoun, a bare noun or a fragment (CLAIMS.md)."""

import re

PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"}
BARE = {"statement", "report", "letter", "official", "minister", "spokesperson", "spokesman",
        "spokeswoman", "source", "sources", "analysts", "diplomats", "officials", "reporter",
        "countries", "sides", "communique", "agency", "ministry", "government", "side"}
MONTHS_DAYS = re.compile(r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+(?:st|nd|rd|th)?,?)$",
                         re.I)


def not_a_name(name: str, resolved: str | None, text: str) -> str | None:
    """Why ``name`` is no speaker's name, or None."""
    words = name.split()
    if re.search(r"https?:|www\.|pic\.|@", name):
        return "a link or handle"
    if re.search(r"(?<![A-Za-z])\d+(?![A-Za-z])", name) or all(MONTHS_DAYS.match(w)
                                                               for w in words):
        return "a date or number"
    if name.lower() in PRONOUNS:
        return "a pronoun"
    if words[0].lower() in {"of", "for", "and", "to", "in", "on", "at", "by", "from", "'s"}:
        return "a fragment"
    if len(words) == 1 and (name.lower() in BARE or name.islower()):
        return "a bare noun"
    if words[-1].lower() in {"statement", "report", "letter", "communique", "readout"}:
        return "a document, not its issuer"
    if name.isupper() and re.search(rf"(?m)^{re.escape(name)}(?:,| -| —)", text):
        return "a dateline"
    if name[:1].islower() and resolved not in ("mention", "title", "pronoun", "previous"):
        return "lower case"
    return None


def test_every_speaker_in_the_test_articles_is_a_name(predictions):
    texts = {}
    bad = []
    for record in predictions:
        if record.get("schema") != "claimx.claim/1":
            continue
        path = record["article"]["path"]
        if path not in texts:
            with open(path, encoding="utf-8") as f:
                texts[path] = f.read()
        speaker = record["speaker"]
        if speaker["name"] is None:
            assert speaker["resolved"] == "unresolved", speaker
            # the mention is kept, where the claim's sentence has one
            assert speaker["mention"] or record["rule"].endswith(
                (":continuation", ":interview")), record
            continue
        why = not_a_name(speaker["name"], speaker["resolved"], texts[path])
        if why:
            bad.append((record["doc"], speaker["name"], speaker["mention"], why))
    assert not bad, bad


def test_the_checker_catches_non_names():
    text = "KYIV, Ukraine - Zelenskyy said."
    for name in ("KYIV", "statement", "of Russia", "I", "March 3", "pic.twitter.com/x1",
                 "@MFA_Russia", "joint statement", "official"):
        assert not_a_name(name, "named", text), name
    for name, how in (("Kim Yo-jong", "named"), ("NATO", "alias"), ("E3", "named"),
                      ("senior State Department official", "mention")):
        assert not_a_name(name, how, text) is None, name


def test_non_names_are_honest_nulls(claims_of):
    _, claims = claims_of("MOSCOW, Feb 4 - The statement said talks had failed. "
                          "In a statement, the Russian Foreign Ministry said the treaty was "
                          "dead. It also said Moscow would respond.")
    by_content = {c.content.text.split()[0]: c.speaker for c in claims}
    assert by_content["talks"].name is None and by_content["talks"].resolved == "unresolved"
    assert by_content["talks"].mention == "The statement"
    assert by_content["Moscow"].name == "Russian Foreign Ministry"

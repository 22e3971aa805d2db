"""Speakers are names: of a person, a body, a country or a described source, never a
dateline, a date, a link, a pronoun, a bare noun or a fragment (CLAIMS.md)."""

import json
import re

import pytest

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
            assert speaker["mention"] or record["rule"].split("/")[0].endswith(
                (":continuation", ":interview")), record  # "cue:frame/type rule"
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


def test_one_person_spelt_two_ways_in_two_articles_has_one_id(claims_of):
    ids, names = set(), set()
    for spelling in ("Sergei Ryabkov", "Sergey Ryabkov"):
        _, claims = claims_of(f"Deputy Foreign Minister {spelling} said on Monday that Moscow "
                              "would respond to any deployment.")
        ids.add(claims[0].speaker.id)
        names.add(claims[0].speaker.name)
    assert ids == {"sergei-ryabkov"} and names == {"Sergei Ryabkov"}
    # someone the rules do not know: a key of the name, the same for both romanisations
    keys = set()
    for spelling in ("Yuriy Ihnat", "Yuri Ihnat"):
        _, claims = claims_of(f"Air force spokesman {spelling} said the missile could not "
                              "be intercepted.")
        keys.add(claims[0].speaker.id)
    assert keys == {"yury-ihnat"}


def test_the_corpus_view_counts_claims_per_id(tmp_path):
    from typer.testing import CliRunner

    from claimx.cli import app
    from claimx.corpus import speaker_table

    def record(doc, name, mention, sid):
        return {"schema": "claimx.claim/1", "doc": doc, "speaker": {
            "name": name, "mention": mention, "type": "person", "resolved": "named",
            "id": sid}}

    records = [record("a", "Volodymyr Zelensky", "Volodymyr Zelenskyy", "volodymyr-zelensky"),
               record("b", "Volodymyr Zelensky", "Zelensky", "volodymyr-zelensky"),
               record("b", "Sergei Ryabkov", "Ryabkov", "sergei-ryabkov")]
    rows = speaker_table(records)
    assert rows[0] == {"id": "volodymyr-zelensky", "name": "Volodymyr Zelensky",
                       "type": "person", "variants": ["Volodymyr Zelenskyy", "Zelensky"],
                       "claims": 2, "articles": 2}
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = CliRunner().invoke(app, ["speakers", str(path), "--json"])
    assert out.exit_code == 0
    assert [json.loads(line)["claims"] for line in out.stdout.splitlines()] == [2, 1]


def test_the_mention_is_the_sources_whole_phrase_and_the_name_its_core(claims_of):
    text, claims = claims_of(
        "Maria Zakharova, the foreign ministry spokeswoman, said the deployment was a "
        "provocation. Rep. John Mica (R-Fla.) said the treaty was dead. Secretary of State "
        "Antony Blinken, speaking in Athens on Tuesday, said Moscow had broken the pact. "
        "Germany, Poland and the United States said the talks would go on.")

    def by(word):
        return next(c for c in claims if word in c.content.text)

    zakharova = by("provocation").speaker
    assert zakharova.name == "Maria Zakharova"
    assert zakharova.mention == "Maria Zakharova, the foreign ministry spokeswoman"
    assert text[zakharova.start:zakharova.end] == zakharova.mention
    assert zakharova.title  # the apposition still gives the title
    assert by("dead").speaker.mention.startswith("Rep. John Mica (R-Fla.")
    # what the source was doing and when is not who it is
    assert by("broken").speaker.mention == "Secretary of State Antony Blinken"
    several = by("talks")
    assert several.speakers and several.speaker.mention == "Germany, Poland and the United States"


@pytest.mark.parametrize("body, title, affiliation", [
    ("South Korean Defence Minister Ahn Gyu-back said the drills would go ahead.",
     "Defence Minister", "South Korea"),
    # a known person's possessive puts the speaker on that person's side
    ("Trump's special envoy Marshall Billingslea said the talks had been positive.",
     "special envoy", "United States"),
    # a body that belongs to a country stays in the title and gives the side
    ("Pentagon press secretary Sean Parnell said the battery would arrive in October.",
     "Pentagon press secretary", "United States"),
    # a second place name is part of the title, not a second affiliation
    ("Swedish diplomat Anna Berg, chair of the Stockholm Initiative, said the test was near.",
     None, "Sweden"),
])
def test_the_words_before_a_name_give_its_side(claims_of, body, title, affiliation):
    _, claims = claims_of(body)
    assert len(claims) == 1
    assert claims[0].speaker.affiliation == affiliation
    if title:
        assert claims[0].speaker.title == title


def test_a_name_the_model_cut_short_is_whole(claims_of):
    # the small model tags only "Sarah" and only "Lindqvist" here
    _, claims = claims_of("Sarah Min of the Asia Nuclear Policy Initiative warns that China "
                          "will read the debate as a licence to build.\n\n"
                          "Anders Lindqvist, a former official of the test-ban organisation, "
                          "thinks the risk of a test is low.")
    assert [c.speaker.name for c in claims] == ["Sarah Min", "Anders Lindqvist"]


def test_a_name_with_a_role_beside_it_is_a_person_a_pronoun_can_follow(claims_of):
    _, claims = claims_of("Thomas Reinholt believes both sides will keep to the limits.\n\n"
                          "Pavel Semenov, a Russia analyst at the Nordic Centre for Defence "
                          "Analysis, thinks Moscow will test first. “It is likely that we will "
                          "see a test before the summer,” he said.")
    assert [c.speaker.name for c in claims] == ["Thomas Reinholt", "Pavel Semenov",
                                                "Pavel Semenov"]

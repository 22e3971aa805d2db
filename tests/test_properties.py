"""Property-based tests: texts mixed from quotation marks of every kind, cue words, names,
dates, line breaks and odd Unicode never raise, and every claim's offsets point at its
text; JSONL lines of any shape are an article or one error. Examples are derandomised,
so a CI run is repeatable; one Extractor serves them all."""

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.inputs import Input, InputError, Loaded, load

QUOTES = ['"', "“", "”", "„", "«", "»", "‘", "’", "‚", "‹", "›", "'", "`", "''", "``",
          "―", "—", "–", "-"]
CUES = ["said", "says", "told reporters", "SAID", "saId", "according to", "ACCORDING TO",
        "warned", "added", "denied", "claimed", "asked", "called for", "continued", "noted",
        "quoted", "as saying", "declined to say", "Q:", "A:"]
NAMES = ["Putin", "Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov", "the ministry",
         "He", "she", "they", "MSNBC", "TASS", "B.", "0", "%", "(", "Kim Yo Jong",
         "the two leaders", "a senior official", "Washington", "Maria Zakharova:"]
DATES = ["on Saturday", "last week", "in February", "2019-02-04", "Feb. 2", "999-02",
         "yesterday", "hours later", "the next day", "in 1987", "March 3, 2021", "31/12"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", "\u2028", "\n \n"]
PUNCT = [".", ",", ":", ";", "(", ")", "?", "!", "…", "[", "]", "|", "*", "#"]
ODD = ["\u200b", "\ufeff", "\u0301", "𝕏", "\x00", "\u202e", "ﬁ", "Ⅻ", "٣", "ß", "İ",
       "\U0001f600", "\ufffd", "\x0c", "\x85", "e\u0301"]
FRAGMENT = st.one_of(
    st.sampled_from(QUOTES), st.sampled_from(CUES), st.sampled_from(NAMES),
    st.sampled_from(DATES), st.sampled_from(BREAKS), st.sampled_from(PUNCT),
    st.sampled_from(ODD), st.text(max_size=12),
    st.sampled_from(["the treaty is dead", "Russia will respond", "the INF Treaty",
                     "New START", "9M729", "that", "and"]))
TEXTS = st.one_of(
    st.lists(FRAGMENT, max_size=30).map(" ".join), st.lists(FRAGMENT, max_size=40).map("".join),
    st.tuples(st.lists(FRAGMENT, max_size=6).map(" ".join), st.integers(5, 25)).map(
        lambda pair: "\n".join([pair[0]] * pair[1])))  # long, repetitive
PUBLISHED = st.one_of(st.none(), st.dates(), st.just(date(1, 1, 1)), st.just(date(9999, 12, 31)))
SETTINGS = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def records(extractor, text, published):
    return [c.to_dict() for c in extractor.extract(text, published=published)]


@settings(SETTINGS, max_examples=800)
@given(text=TEXTS, published=PUBLISHED)
def test_extract_never_raises_and_offsets_point_at_their_text(extractor, text, published):
    for r in records(extractor, text, published):
        parts = r["content"]["parts"]
        assert r["content"]["text"] == " ".join(text[s:e] for s, e in parts)
        assert parts[0][0] == r["content"]["start"] and parts[-1][1] == r["content"]["end"]
        assert any(ch.isalnum() for ch in r["content"]["text"])
        speaker = r["speaker"]
        if speaker["start"] is not None:
            assert text[speaker["start"]:speaker["end"]] == speaker["mention"]
        cue = r["cue"]
        assert text[cue["start"]:cue["end"]] == cue["text"]
        start, end = r["sentence"]
        if not r["rule"].endswith(("continuation", "interview")):  # the cue of an earlier one
            assert start <= cue["start"] and cue["end"] <= end


@settings(SETTINGS, max_examples=100)
@given(text=TEXTS, published=PUBLISHED)
def test_the_same_input_twice_gives_the_same_bytes(extractor, text, published):
    assert json.dumps(records(extractor, text, published)) == json.dumps(
        records(extractor, text, published))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4), max_leaves=12)
SURROGATES = st.text(st.characters(categories=["Cs", "Lu", "Zs"]), max_size=10)  # escaped
ROWS = st.dictionaries(
    st.sampled_from(["id", "text", "html", "title", "published", "date", "author", "url",
                     "source", "other"]),
    st.one_of(JSON_VALUES, TEXTS, SURROGATES, st.sampled_from(
        ["2019-02-04", "0001-01-01", "2019-13-01", "", "<p>x</p>"])), max_size=6)
LINES = st.one_of(ROWS.map(json.dumps), JSON_VALUES.map(json.dumps), st.text(max_size=40),
                  st.integers(1, 6000).map(lambda n: '{"text": "x", "n": ' + "9" * n + "}"),
                  st.integers(1, 5000).map(lambda n: "[" * n + "]" * n))


@settings(SETTINGS, max_examples=300)
@given(lines=st.lists(LINES, min_size=1, max_size=5))
def test_jsonl_lines_are_articles_or_one_line_errors(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("jsonl") / "dump.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    for item in load(Input(str(path), "dump")):
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(f"{path}:")
        else:
            assert isinstance(item, Loaded) and isinstance(item.text, str)
            for value in (item.text, item.title or "", item.doc_id, item.url or ""):
                value.encode("utf-8")  # no lone surrogate reaches spaCy or the output

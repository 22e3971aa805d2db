"""The anchored matcher finds what spaCy's Matcher finds with the same patterns."""

import pytest
from conftest import DATA, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimx.anchored import AnchoredMatcher, _needs
from claimx.patterns import linear
from claimx.rules import load_rules


def _both(vocab, rules):
    stock, anchored = Matcher(vocab), AnchoredMatcher(vocab)
    for key, patterns in rules:
        stock.add(key, patterns)
        anchored.add(key, patterns)
    return stock, anchored


def test_the_type_rules_match_alike_in_every_sentence(extractor):
    rules = [(r["id"], linear(r["patterns"]))
             for r in load_rules([], defaults=True).entries("cues", "type_rules")]
    stock, anchored = _both(extractor.nlp.vocab, rules)
    assert len(anchored.patterns) > 100 and len(anchored.unanchored) == 1  # the imperative
    paths = sorted((DATA / "articles").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))
    found = 0
    for doc in extractor.nlp.pipe(p.read_text(encoding="utf-8") for p in paths[:12]):
        for sent in doc.sents:
            expected = sorted(set(stock(sent)))
            assert sorted(set(anchored(sent))) == expected, sent.text
            found += len(expected)
    assert found > 50


def test_what_a_pattern_needs():
    assert _needs([{"LOWER": "not", "OP": "?"}, {"LOWER": "to"}, {"POS": "VERB"}]) == [
        ("lower_", frozenset({"to"}))]
    assert _needs([{"LEMMA": {"IN": ["fall", "drop"]}, "OP": "+"}, {"ORTH": "short"}]) == [
        ("lemma_", frozenset({"fall", "drop"})), ("orth_", frozenset({"short"}))]
    assert _needs([{"LOWER": {"NOT_IN": ["be"]}}, {"LOWER": "x", "OP": "*"}]) == []


WORDS = ["not", "to", "go", "Go", "never", "no", "the", "deal", "break", "broke"]
SPEC = st.fixed_dictionaries(
    {}, optional={"LOWER": st.one_of(st.sampled_from(WORDS), st.fixed_dictionaries(
        {"IN": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)})),
        "ORTH": st.sampled_from(WORDS),
        "OP": st.sampled_from(["?", "*", "+", "!"])})


@pytest.fixture(scope="module")
def vocab():
    return Vocab()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(SPEC, min_size=1, max_size=4), min_size=1, max_size=4),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.data())
def test_any_patterns_match_alike_on_any_span(vocab, patterns, words, data):
    stock, anchored = _both(vocab, [("A", patterns[:2]), ("B", patterns[2:] or patterns)])
    doc = Doc(vocab, words=words)
    start = data.draw(st.integers(0, len(words) - 1))
    span = doc[start:data.draw(st.integers(start + 1, len(words)))]
    assert sorted(set(anchored(span))) == sorted(set(stock(span)))

"""A token Matcher that tries each pattern only where a word the pattern needs occurs.

spaCy's Matcher tries every pattern at every token, so its time grows with the number
of patterns: the 134 type-rule patterns made type refinement a third of claimx's own
time. Almost every pattern has a token it cannot match without, with its word (LOWER,
LEMMA, ORTH or TEXT) one of a few values: that word is the pattern's anchor. A span
that lacks one of a pattern's required words cannot match it, so the pattern is not
tried there. Patterns are indexed by one required word (not a stop word where they
have one), and the others are checked before the pattern runs. Matches are the
Matcher's own, (key, start, end) relative to the span.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

# A pattern attribute that tests the word, and the token attribute it reads.
WORD_ATTRS = {"LOWER": "lower_", "LEMMA": "lemma_", "ORTH": "orth_", "TEXT": "orth_"}
TOKEN_ATTRS = set(WORD_ATTRS.values())
REQUIRED_OPS = ("1", "+")  # a token spec that must match at least once
Words = tuple[str, frozenset[str]]  # a token attribute, and the words one of which it is


class AnchoredMatcher:
    def __init__(self, vocab):
        self.vocab = vocab
        self.unanchored = Matcher(vocab)
        self.patterns: list[tuple[Matcher, list[Words]]] = []  # with the words each needs
        self.anchors: dict[tuple[str, str], list[int]] = {}  # (token attribute, word)

    def add(self, key: str, patterns: list[list[dict]]) -> None:
        for pattern in patterns:
            needs = _needs(pattern)
            if not needs:
                self.unanchored.add(key, [pattern])
                continue
            matcher = Matcher(self.vocab)
            matcher.add(key, [pattern])
            self.patterns.append((matcher, needs))
            attr, words = min(needs, key=lambda n: (bool(n[1] & STOP_WORDS), len(n[1])))
            for word in words:
                self.anchors.setdefault((attr, word), []).append(len(self.patterns) - 1)

    def __call__(self, span: Doc | Span) -> list[tuple[int, int, int]]:
        present = {(attr, getattr(t, attr)) for t in span for attr in TOKEN_ATTRS}
        matches = list(self.unanchored(span)) if len(self.unanchored) else []
        for i in sorted({i for a in present & self.anchors.keys() for i in self.anchors[a]}):
            matcher, needs = self.patterns[i]
            if all(any((attr, w) in present for w in words) for attr, words in needs):
                matches += matcher(span)
        return matches


def _needs(pattern: list[dict]) -> list[Words]:
    """For each token spec a match must contain whose word is a value or one of a list:
    those words."""
    needs = []
    for spec in pattern:
        if str(spec.get("OP", "1")) not in REQUIRED_OPS:
            continue
        for attr, token_attr in WORD_ATTRS.items():
            value = spec.get(attr)
            words = [value] if isinstance(value, str) else (
                value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else None)
            if words and all(isinstance(w, str) for w in words):
                needs.append((token_attr, frozenset(words)))
    return needs

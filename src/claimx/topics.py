"""Tag treaties and weapon systems from ``rules/topics.yaml``.

The small model's NER is weak on designations like "9M729" or "Mk-41", so the
gazetteer decides. An alias is matched by its spelling key — lower case, letters
and digits only — over runs of tokens joined by spaces or hyphens, so "Mk-41",
"MK 41" and "Mk41" are one alias and a 10,000-alias gazetteer compiles without
tokenizing each spelling. User ``patterns`` go to a spaCy Matcher. Matches are
ordinary spans in ``doc.spans["claimx_topics"]``, labelled with the canonical
name and carrying the topic id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .patterns import linear
from .rules import Rules

SPANS_KEY = "claimx_topics"
PLURAL_TYPES = {"missile", "launcher", "weapon class", "programme"}
NOT_ALNUM = re.compile(r"[\W_]+")
PARTS = re.compile(r"[^\W\d_]+|\d+")
HYPHENS = {"-", "‐", "‑", "–"}


@dataclass
class TopicRef:
    id: str
    name: str
    type: str
    mention: str
    start: int  # character offsets of the mention
    end: int


def alias_key(text: str) -> str:
    """The spelling key: case, spaces, hyphens and dots do not count."""
    text = text.lower()
    return text if text.isalnum() else NOT_ALNUM.sub("", text)


class TopicTagger:
    """Compiled gazetteer for one vocabulary."""

    def __init__(self, nlp, rules: Rules):
        self.entries = {e["id"]: e for e in rules.entries("topics", "topics")}
        self.keys: dict[str, tuple[str, int]] = {}  # key -> topic id, most tokens it may span
        self.exact: dict[str, str] = {}  # case-sensitive single words ("Patriot") -> topic id
        self.patterns = Matcher(nlp.vocab)
        for topic_id, entry in self.entries.items():  # a later entry wins a shared spelling
            plural = entry["type"] in PLURAL_TYPES
            for alias in map(str, entry.get("aliases", [])):
                forms = [alias] + ([alias + "s"] if plural and alias[-1].isalnum()
                                   and not alias.endswith("s") else [])
                for form in forms:
                    if _case_sensitive(alias):
                        self.exact[form] = topic_id
                    elif key := alias_key(form):
                        self.keys[key] = (topic_id, len(PARTS.findall(form)))
            if entry.get("patterns"):
                self.patterns.add(topic_id, linear(entry["patterns"]))
        self.sorted_keys = sorted(self.keys)  # prefixes by bisection: memory linear in keys
        self.anaphora: dict[str, str] = {}
        for entry in rules.entries("topics", "anaphora"):
            for word in entry.get("words", []):
                self.anaphora[word.lower()] = entry.get("type", "treaty")

    def __call__(self, doc: Doc) -> Doc:
        found = self._aliases(doc) + [(doc.vocab.strings[m], s, e)
                                      for m, s, e in self.patterns(doc)]
        spans = [Span(doc, s, e, label=self.entries[topic_id]["name"], kb_id=topic_id)
                 for topic_id, s, e in found]
        doc.spans[SPANS_KEY] = filter_spans(spans)
        return doc

    def _aliases(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every run of tokens, joined by a space, a hyphen or nothing, whose spelling key
        is an alias key and which spans no more tokens than the alias has parts (so "OK a"
        is not "Oka")."""
        keys = [alias_key(t.text) for t in doc]
        found = []
        for i, token in enumerate(doc):
            if token.text in self.exact:
                found.append((self.exact[token.text], i, i + 1))
            key, j, words = keys[i], i, 1
            while self._starts_a_key(key):
                if key in self.keys and words <= self.keys[key][1]:
                    found.append((self.keys[key][0], i, j + 1))
                j += 1
                if j < len(doc) and doc[j].text in HYPHENS and not doc[j - 1].whitespace_:
                    j += 1
                if j >= len(doc) or not keys[j] or "\n" in doc[j - 1].whitespace_:
                    break
                key, words = key + keys[j], words + 1
        return found

    def _starts_a_key(self, text: str) -> bool:
        """Some alias key begins with ``text`` (never the empty key of a comma)."""
        i = bisect_left(self.sorted_keys, text)
        return bool(text) and i < len(self.sorted_keys) and self.sorted_keys[i].startswith(text)

    def mentions(self, doc: Doc, text: str) -> list[TopicRef]:
        """Named topics, then anaphoric ones resolved to the nearest earlier named topic."""
        named = [self._ref(s.kb_id_, s.text, s.start_char, s.end_char)
                 for s in doc.spans.get(SPANS_KEY, [])]
        refs = list(named)
        covered = {t.i for s in doc.spans.get(SPANS_KEY, []) for t in s}
        for token in doc:
            wanted = self.anaphora.get(token.lemma_.lower())
            if wanted is None or token.i in covered or token.pos_ != "NOUN":
                continue
            dets = [c for c in token.children if c.dep_ == "det"]
            if not dets or dets[0].lower_ not in ("the", "this", "that"):
                continue
            if any(t.i in covered for t in token.subtree):
                continue
            earlier = [r for r in named if r.type == wanted and r.end <= token.idx]
            if earlier:
                target = earlier[-1]
                start = min(dets[0].idx, token.idx)
                refs.append(self._ref(target.id, text[start:token.idx + len(token)],
                                      start, token.idx + len(token)))
        refs.sort(key=lambda r: r.start)
        return refs

    def _ref(self, topic_id: str, mention: str, start: int, end: int) -> TopicRef:
        entry = self.entries[topic_id]
        return TopicRef(topic_id, entry["name"], entry["type"], mention, start, end)


def _case_sensitive(alias: str) -> bool:
    """One title-case word ("Patriot", "Poseidon") may be an ordinary word in lower case."""
    return (" " not in alias and "-" not in alias and alias[:1].isupper()
            and alias[1:].islower() and alias.isalpha())


def claim_topics(refs: list[TopicRef], regions: list[tuple[int, int]],
                 exclude: list[tuple[int, int]]) -> list[TopicRef]:
    """Topics mentioned inside ``regions`` but outside ``exclude``, one per topic, in order."""
    seen: dict[str, TopicRef] = {}
    for r in refs:
        inside = any(s <= r.start and r.end <= e for s, e in regions)
        blocked = any(s <= r.start and r.end <= e for s, e in exclude)
        if inside and not blocked and r.id not in seen:
            seen[r.id] = r
    return list(seen.values())

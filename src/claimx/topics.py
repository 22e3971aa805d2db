"""Tag treaties and weapon systems from ``rules/topics.yaml``.

The small model's NER is weak on designations like "9M729" or "Mk-41", so the
gazetteer decides: aliases compile into spaCy PhraseMatchers (tokenizer only,
so 10,000 aliases load fast) and user ``patterns`` into a Matcher. Matches are
ordinary spans in ``doc.spans["claimx_topics"]``, labelled with the canonical
name and carrying the topic id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .rules import Rules

SPANS_KEY = "claimx_topics"
PLURAL_TYPES = {"missile", "launcher", "weapon class", "programme"}
SPLIT = re.compile(r"[\s-]+")


@dataclass
class TopicRef:
    id: str
    name: str
    type: str
    mention: str
    start: int  # character offsets of the mention
    end: int


class TopicTagger:
    """Compiled gazetteer for one vocabulary."""

    def __init__(self, nlp, rules: Rules):
        self.entries = {e["id"]: e for e in rules.entries("topics", "topics")}
        self.by_label: dict[str, dict] = {}
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns = Matcher(nlp.vocab)
        variants: list[tuple[str, bool, str]] = []  # topic id, case-sensitive?, text
        for topic_id, entry in self.entries.items():
            self.by_label[topic_id] = entry
            forms = set()
            for alias in entry.get("aliases", []):
                forms |= alias_variants(str(alias), entry["type"] in PLURAL_TYPES)
            variants += [(topic_id, _case_sensitive(v), v) for v in sorted(forms)]
            if entry.get("patterns"):
                self.patterns.add(topic_id, entry["patterns"])
        grouped: dict[tuple[str, bool], list[Doc]] = {}
        docs = nlp.tokenizer.pipe(v for _, _, v in variants)  # one pass: fast for big lists
        for (topic_id, exact, _), doc in zip(variants, docs, strict=True):
            grouped.setdefault((topic_id, exact), []).append(doc)
        for (topic_id, exact), docs_ in grouped.items():
            (self.exact if exact else self.lower).add(topic_id, docs_)
        self.anaphora: dict[str, str] = {}
        for entry in rules.entries("topics", "anaphora"):
            for word in entry.get("words", []):
                self.anaphora[word.lower()] = entry.get("type", "treaty")

    def __call__(self, doc: Doc) -> Doc:
        matches = self.lower(doc) + self.exact(doc) + self.patterns(doc)
        spans = [Span(doc, s, e, label=self.by_label[doc.vocab.strings[m]]["name"],
                      kb_id=doc.vocab.strings[m]) for m, s, e in matches]
        doc.spans[SPANS_KEY] = filter_spans(spans)
        return doc

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


def alias_variants(alias: str, plural: bool) -> set[str]:
    """Spelling variants: hyphen, space or nothing between parts; a plural -s."""
    alias = " ".join(alias.split())
    parts = [p for p in SPLIT.split(alias) if p]
    forms = {alias}
    if len(parts) > 1:
        forms |= {" ".join(parts), "-".join(parts)}
        if any(c.isdigit() for c in alias) and all(len(p) <= 4 for p in parts):
            forms.add("".join(parts))
    if plural:
        forms |= {f + "s" for f in forms if f[-1].isalnum() and not f.endswith("s")}
    return forms


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

"""Find cue words (say, accuse, call on, according to...) from ``rules/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .anchored import AnchoredMatcher
from .patterns import linear
from .record import Speaker
from .rules import Rules
from .types import Sides, in_noun_modifier, reporting_verb

NOT_A_CUE_DEPS = {"amod", "compound", "nmod"}  # "the alleged violation", "a so-called deal"
PHRASE_DEPS = {"prt", "prep", "dobj", "advmod", "acomp", "ccomp", "oprd", "dative", "pobj"}


@dataclass
class CueMatch:
    token: Token  # the verb, or "according"
    extra: list[Token]  # the other words of a phrase cue
    entry: dict
    lemma: str  # as written in the rules: "say", "call on"

    @property
    def tokens(self) -> list[Token]:
        return sorted([self.token] + self.extra, key=lambda t: t.i)


@dataclass
class CueWord:
    """The cues one word opens, tried in this order: phrases with one of its dependents
    (in file order), then the word alone as a verb, then as a noun with a that-clause
    (of two entries naming the word alone, the later one)."""

    phrases: list[tuple[str, dict, str]] = field(default_factory=list)  # second lemma
    verb: tuple[dict, str] | None = None  # (entry, lemma as written)
    noun: tuple[dict, str] | None = None


NO_CUE = CueWord()


class CueIndex:
    """The cue words of the rules by lemma, and the type rules."""

    def __init__(self, vocab, rules: Rules):
        self.words: dict[str, CueWord] = {}
        for entry in rules.entries("cues", "cues"):
            for lemma in _as_list(entry["lemma"]):
                words = lemma.lower().split()
                if entry.get("frame") == "noun":
                    self._word(lemma.lower()).noun = (entry, lemma)
                elif len(words) == 1:
                    self._word(words[0]).verb = (entry, lemma)
                else:
                    self._word(words[0]).phrases.append((words[1], entry, lemma))
        self.type_rules = rules.entries("cues", "type_rules")
        self.type_matcher = AnchoredMatcher(vocab)
        for rule in self.type_rules:
            self.type_matcher.add(rule["id"], linear(rule["patterns"]))
        self.sides = Sides(rules)
        self.speech = {lemma for lemma, word in self.words.items()
                       if word.verb and word.verb[0]["type"] == "statement"}
        self.content_nouns = {lemma.lower() for e in rules.entries("cues", "content_nouns")
                              for lemma in _as_list(e["lemma"])}

    def _word(self, lemma: str) -> CueWord:
        return self.words.setdefault(lemma, CueWord())

    def verb(self, lemma: str) -> tuple[dict, str] | None:
        """The entry of a one-word verb cue, and its lemma as written."""
        return self.words.get(lemma, NO_CUE).verb

    def find(self, doc: Doc) -> list[CueMatch]:
        found = []
        for token in doc:
            lemma = token.lemma_.lower()
            word = self.words.get(lemma, NO_CUE)
            match = self._phrase(token, lemma)
            if match is None and word.verb and token.pos_ == "VERB" \
                    and token.dep_ not in NOT_A_CUE_DEPS \
                    and _has_needs(token, word.verb[0].get("needs")):
                match = CueMatch(token, [], *word.verb)
            if match is None and word.noun and token.pos_ == "NOUN" \
                    and that_clause(token) is not None:
                match = CueMatch(token, [], *word.noun)
            if match is not None:
                found.append(match)
        return found

    def _phrase(self, token: Token, lemma: str) -> CueMatch | None:
        options = self.words.get(lemma, NO_CUE).phrases + (
            self.words.get(token.lower_, NO_CUE).phrases if token.lower_ != lemma else [])
        for second, entry, name in options:
            for child in token.children:
                if child.lemma_.lower() == second and child.dep_ in PHRASE_DEPS:
                    return CueMatch(token, [child], entry, name)
        return None

    def refine_type(self, entry: dict, parts: list[Span], speaker: Speaker | None = None,
                    direct: bool = False) -> tuple[str, str | None]:
        """The claim type, refined from the content's words where the cue allows it: the
        first type rule, in file order, that matches inside the content's first sentence,
        else inside any part of the content (at its first word for ``at: start``; in a
        clause whose subject is the speaker's own side or another party for ``subject``;
        outside relative clauses and other modifiers of a noun for ``main_clause``): what
        a quotation of several sentences does, its lead says."""
        parts = [p for p in parts if p is not None and len(p)]
        if not entry.get("refine") or not parts:
            return entry["type"], None
        found: dict[str, list[tuple[Span, int]]] = {}
        for part in parts:
            for m, start, _ in self.type_matcher(part):
                found.setdefault(self.type_matcher.vocab.strings[m], []).append((part, start))
        lead = next(iter(parts[0].sents)).end - parts[0].start  # a quotation's first sentence
        for in_scope in (lambda part, s: part is parts[0] and s < lead, lambda part, s: True):
            for rule in self.type_rules:
                starts = sorted(((p, s) for p, s in found.get(rule["id"], [])
                                 if in_scope(p, s) and not (rule.get("main_clause") and (
                                     in_noun_modifier(p[s], p)
                                     or self._relayed(p[s], p, speaker, direct)))),
                                key=lambda m: (m[0].start, m[1]))
                if rule.get("at", "anywhere") == "start":
                    starts = [m for m in starts[:1] if m[0] is parts[0] and m[1] == 0]
                if rule.get("subject"):
                    starts = [(p, s) for p, s in starts if self.sides.whose(
                        p[s], p, speaker, direct) == rule["subject"]]
                if starts:
                    return rule["type"], rule["id"]
        return entry["type"], None

    def _relayed(self, token: Token, content: Span, speaker: Speaker | None,
                 direct: bool) -> bool:
        """Is ``token`` in what another party is said to have said ("our Chinese friends
        have said that they will not join": their refusal, not the speaker's pledge)?"""
        verb = reporting_verb(token, content, self.speech)
        return verb is not None and self.sides.side(verb, content, speaker, direct) == "other"


def that_clause(noun: Token) -> Token | None:
    """The clause a noun cue states: "the claim that X", "his warning that Y"."""
    for child in noun.children:  # "that" a conjunction, not the relative "the claim that he made"
        if child.dep_ in ("acl", "ccomp", "relcl") and any(
                m.lower_ == "that" and m.pos_ == "SCONJ" for m in child.children):
            return child
    return None


def _has_needs(verb: Token, needs: list[str] | None) -> bool:
    """ "called the move a mistake", not "called a meeting"; and not "what NATO calls the
    SSC-8" or "a missile NATO calls the SSC-8", which name a thing rather than say
    something of it."""
    if not needs:
        return True
    if verb.dep_ in ("relcl", "acl"):  # "a missile NATO calls the SSC-8"
        return False
    children = list(verb.children)
    has = any(c.dep_ in needs or ("oprd" in needs and _quoted_after(c)) for c in children)
    return has and not any(c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WP", "WDT")
                           for c in children)


def _quoted_after(obj: Token) -> bool:
    """ "called his actions “a crucial step”": the parser takes the quoted name for part
    of the object, yet a quotation right after the object is what it was called."""
    doc = obj.doc
    return obj.dep_ == "dobj" and obj.i + 1 < len(doc) and doc[obj.i + 1].is_quote \
        and doc[obj.i + 1].is_left_punct


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]

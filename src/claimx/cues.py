"""Find cue words (say, accuse, call on, according to...) from ``rules/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from .patterns import linear
from .rules import Rules

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


class CueIndex:
    """Lemma lookups for single-word cues and verb+dependent phrases."""

    def __init__(self, vocab, rules: Rules):
        self.single: dict[str, tuple[dict, str]] = {}
        self.phrases: dict[str, list[tuple[str, dict, str]]] = {}
        self.nouns: dict[str, tuple[dict, str]] = {}
        for entry in rules.entries("cues", "cues"):
            lemmas = entry["lemma"] if isinstance(entry["lemma"], list) else [entry["lemma"]]
            for lemma in lemmas:
                words = lemma.lower().split()
                if entry.get("frame") == "noun":
                    self.nouns[lemma.lower()] = (entry, lemma)
                elif len(words) == 1:
                    self.single[words[0]] = (entry, lemma)
                else:
                    self.phrases.setdefault(words[0], []).append((words[1], entry, lemma))
        self.type_rules = rules.entries("cues", "type_rules")
        self.type_matcher = Matcher(vocab)
        for rule in self.type_rules:
            self.type_matcher.add(rule["id"], linear(rule["patterns"]))
        self.content_nouns = {lemma.lower() for e in rules.entries("cues", "content_nouns")
                              for lemma in _as_list(e["lemma"])}

    def find(self, doc: Doc) -> list[CueMatch]:
        found = []
        for token in doc:
            lemma = token.lemma_.lower()
            match = self._phrase(token, lemma)
            if match is None and lemma in self.single and token.pos_ == "VERB" \
                    and token.dep_ not in NOT_A_CUE_DEPS:
                entry, name = self.single[lemma]
                if _has_needs(token, entry.get("needs")):
                    match = CueMatch(token, [], entry, name)
            if match is None and lemma in self.nouns and token.pos_ == "NOUN" \
                    and that_clause(token) is not None:
                entry, name = self.nouns[lemma]
                match = CueMatch(token, [], entry, name)
            if match is not None:
                found.append(match)
        return found

    def _phrase(self, token: Token, lemma: str) -> CueMatch | None:
        options = self.phrases.get(lemma, []) + (
            self.phrases.get(token.lower_, []) if token.lower_ != lemma else [])
        for second, entry, name in options:
            for child in token.children:
                if child.lemma_.lower() == second and child.dep_ in PHRASE_DEPS:
                    return CueMatch(token, [child], entry, name)
        return None

    def refine_type(self, entry: dict, content: Span | None) -> tuple[str, str | None]:
        """The claim type, refined from the content's words where the cue allows it: the
        first type rule, in file order, that matches inside the content."""
        if not entry.get("refine") or content is None or not len(content):
            return entry["type"], None
        found = {self.type_matcher.vocab.strings[m]: start
                 for m, start, _ in reversed(self.type_matcher(content))}
        for rule in self.type_rules:
            start = found.get(rule["id"])
            if start is not None and (rule.get("at", "anywhere") != "start" or start == 0):
                return rule["type"], rule["id"]
        return entry["type"], None


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
    return any(c.dep_ in needs for c in children) and not any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in children)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]

"""Noun cues with a that-clause: "Russia's claim that X", "the allegation by officials
that Y", "Putin made the claim that Z" — the noun's owner speaks, the clause is the content."""

from __future__ import annotations

from spacy.tokens import Doc

from ..cues import CueMatch, that_clause
from ..frames import Frame, phrases, subject, subtree_span
from .cued import CueFinder

# Verbs that only deliver a noun cue's claim: "made the claim that", "repeated its warning
# that" are the subject's own; "rejected the claim that" is not.
LIGHT_VERBS = {"make", "issue", "repeat", "reiterate", "renew", "voice", "express", "level",
               "raise", "deliver", "echo", "stand"}


class Nouns(CueFinder):
    frame = "noun"

    def parse(self, doc: Doc, cue: CueMatch) -> Frame | None:
        noun = cue.token
        clause = that_clause(noun)
        if clause is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if (owner is None or owner.tag_ == "PRP$") and noun.dep_ == "dobj" \
                and noun.head.lemma_ in LIGHT_VERBS:  # "Russia repeated its warning"
            owner = subject(noun.head) or owner
        return Frame(cue, phrases(owner), [subtree_span(clause)], rule="noun")

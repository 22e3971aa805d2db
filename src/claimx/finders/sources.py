"""Source phrases: "according to X" — X speaks, the clause the phrase modifies is what
was said."""

from __future__ import annotations

from spacy.tokens import Doc

from ..cues import CueMatch
from ..frames import Frame, extent, phrases
from .cued import CueFinder


class Sources(CueFinder):
    frame = "source"

    def parse(self, doc: Doc, cue: CueMatch) -> Frame | None:
        prep = cue.token
        to = cue.extra[0] if cue.extra else None
        if to is not None and to.dep_ == "pobj":
            # "In a new poll, …" opening the sentence reports; "gains in some polls" does not
            if prep.i != prep.sent.start:
                return None
            pobj = to
        else:
            pobj = next((c for c in (to.children if to is not None else [])
                         if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        head = prep.head
        while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head.i != head.i \
                and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        skip = {t.i for t in prep.subtree}
        rest = [t for t in head.subtree if t.i not in skip and not t.is_punct]
        if not rest:  # "According to X, …" parsed with the phrase as the root: the rest of it
            rest = [t for t in prep.sent if t.i not in skip and not t.is_punct]
        if not rest:  # "According to MSNBC, basically." has something; this has nothing
            return None
        return Frame(cue, phrases(pobj), [extent(rest)], rule="according-to")

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
            # the source may be parsed as a verb phrase ("according to show insiders")
            pobj = next((c for c in (to.children if to is not None else [])
                         if c.dep_ in ("pobj", "pcomp")), None)
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
        return Frame(cue, phrases(pobj), _sides(rest, head, min(skip), max(skip)),
                     rule="according-to")


def _sides(rest: list, head, first: int, last: int) -> list[tuple[int, int]]:
    """The clause on either side of the source phrase: both sides where the phrase cuts
    into it ("The blast, according to police, went off at 8:30"), else the side its
    verb is on: "Y rose 20 percent, according to the CBO, more than twice what …" ends
    at the phrase, and what the parser hung after it is the writer's."""
    before = [t for t in rest if t.i < first]
    after = [t for t in rest if t.i > last]
    if before and after and head.i < first:
        after = []
    return [extent(side) for side in (before, after) if side]

"""What the finders of a cue word share: the checks every cue passes, and the quotation
or colon block that may replace its syntactic content."""

from __future__ import annotations

from abc import ABC, abstractmethod

from spacy.tokens import Doc, Token

from ..cues import CueMatch
from ..frames import COMPLEMENTS, Frame
from ..frames import subject as subject_of
from ..quotes import quote_at
from .dashes import colon_block
from .quotations import attach_quotes
from .scene import Scene

# What introduces an open question ("would not say when the call took place").
OPEN_QUESTION = {"whether", "if", "when", "why", "how", "where", "what", "who", "which"}


class CueFinder(ABC):
    """Finds the frames of the cues whose ``frame`` field in the rules is ``frame``;
    a subclass says how the parse gives the speaker and content of one."""

    frame: str

    @abstractmethod
    def parse(self, doc: Doc, cue: CueMatch) -> Frame | None:
        """The speaker and syntactic content of one cue, or None where it has none."""

    def find(self, scene: Scene) -> list[Frame]:
        frames = []
        for cue in scene.cues:
            if cue.entry.get("frame", "verb") == self.frame:
                frame, reason = self._frame(scene, cue)
                if frame is None:
                    scene.reject(cue, reason)
                else:
                    frames.append(frame)
        return frames

    def _frame(self, scene: Scene, cue: CueMatch) -> tuple[Frame | None, str]:
        at = cue.token.idx
        if not scene.article.in_body(at, at + 1):
            return None, "outside the article body"
        if quote_at(scene.quotes, at, at + 1):
            return None, "inside a quotation"
        if withheld(cue.token):
            return None, "said nothing (declined to say)"
        frame = self.parse(scene.doc, cue)
        if frame is None or not frame.speakers:
            return None, "no speaker found"
        frame = colon_block(scene, attach_quotes(scene, frame))
        if not frame.content:
            return None, "no content found"
        if cue.entry.get("content") == "clause" and frame.kind == "indirect" \
                and frame.rule.split("+")[0] in ("object", "adjunct") \
                and not _record_object(cue, frame):
            return None, "needs a clause, got an object"
        if frame.rule == "object" and frame.kind == "indirect" and _pronoun(scene.doc, frame):
            return None, "the object is only a pronoun"
        if cue.entry.get("content") == "quote" and frame.kind != "direct":
            return None, "needs a quotation"
        return frame, ""


def _record_object(cue: CueMatch, frame: Frame) -> bool:
    """ "the footage shows a launcher": a record's object is its finding."""
    subject = subject_of(cue.token)
    return frame.rule == "object" and subject is not None \
        and subject.lemma_.lower() in cue.entry.get("object_subjects", ())


def _pronoun(doc: Doc, frame: Frame) -> bool:
    """ "confirmed this", "denied it": what was said is elsewhere, not in the object."""
    span = doc.char_span(*frame.span, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].pos_ == "PRON"


def withheld(verb: Token) -> bool:
    """ "declined to say whether…", "would not say when…": a cue of nothing said."""
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ("decline", "refuse"):
        return True
    asks = any(c.dep_ in (*COMPLEMENTS, "advcl")
               and any(m.lower_ in OPEN_QUESTION for m in c.children) for c in verb.children)
    return asks and any(c.dep_ == "neg" for c in verb.children)

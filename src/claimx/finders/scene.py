"""The one interface of a frame finder, and the article as every finder sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Token

from ..article import Article, ArticleReader
from ..cues import CueIndex, CueMatch
from ..frames import Frame
from ..quotes import Quote


@dataclass
class Rejection:
    """Why a cue word did not become a claim (for ``claimx explain``)."""

    cue: str
    start: int
    reason: str


@dataclass
class Scene:
    """One article: its parse and quotations, the cue words in it, the compiled rules,
    and what the finders that ran before found and rejected."""

    doc: Doc
    article: Article
    quotes: list[Quote]  # not nested; a transcript's answers are added to them
    cues: list[CueMatch]  # in text order
    index: CueIndex
    reader: ArticleReader
    frames: list[Frame] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def reject(self, cue: CueMatch, reason: str) -> None:
        self.rejected.append(Rejection(cue.lemma, cue.token.idx, reason))

    def said(self, token: Token, fallback: str) -> CueMatch:
        """A 'say' cue on ``token`` for a frame with no cue word of its own (a dash, a
        transcript label); a statement cue named ``fallback`` where the rules have no 'say'."""
        entry, lemma = self.index.verb("say") or ({"id": fallback, "type": "statement"}, "say")
        return CueMatch(token, [], entry, lemma)


class Finder(Protocol):
    """One kind of attribution."""

    def find(self, scene: Scene) -> list[Frame]:
        """The frames of this kind in the scene; the cue words it turns down go to
        ``scene.rejected``."""
        ...

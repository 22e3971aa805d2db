"""Frame finders, one module per kind of attribution, and the order they run in.

A finder has one method, ``find(scene) -> list[Frame]`` (:class:`.scene.Finder`). A kind
of cue word in ``rules/cues.yaml`` (its ``frame`` field) is a :class:`.cued.CueFinder`
subclass with the same name there and in the schema. To add a kind of attribution, write
its module and list it here.
"""

from __future__ import annotations

from .dashes import Dashes
from .nouns import Nouns
from .quotations import Continuations
from .scene import Finder, Rejection, Scene
from .sources import Sources
from .transcripts import Transcripts
from .verbs import Verbs

# Finders of frames that open with a cue word or a speaker label. Their frames are then
# nested in one another (a cue inside another frame's content is nested speech, or a
# clause of its own). Transcripts come first: their answers are quotations for the rest.
OPENERS: tuple[Finder, ...] = (Transcripts(), Verbs(), Nouns(), Sources())
# Then, in order, finders for the quotations those frames leave uncovered; each sees
# the frames found before it.
FILLERS: tuple[Finder, ...] = (Dashes(), Continuations())

__all__ = ["FILLERS", "OPENERS", "Finder", "Rejection", "Scene"]

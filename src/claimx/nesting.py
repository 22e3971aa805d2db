"""Frames inside frames: a cue inside another frame's content is nested speech (dropped),
the same speaker's next act ("said … and warned that …") or a clause of its own attached
there (kept, and cut out of the outer content)."""

from __future__ import annotations

from spacy.tokens import Token

from .finders import Scene
from .frames import Frame, clean

SEPARATE = {"relcl", "appos", "acl"}  # a cue attached here is a claim of its own


def nest(scene: Scene, frames: list[Frame]) -> list[Frame]:
    """The frames that are claims of their own, their contents cut where another begins."""
    doc, text = scene.doc, scene.article.text
    dropped = set()
    for a in frames:
        a_start, a_end = a.span
        for b in frames:
            if b is a or not (a_start <= b.cue.token.idx < a_end) or id(b) in dropped:
                continue
            top = _attachment(b.cue.token, a.cue.token)
            if top is None and _coordinated(b.cue.token):
                # "said the decision was wrong and warned that ...": the same speaker's
                # next act, which the parser hung inside the first content
                b.speakers = a.speakers
                first = min(t.i for t in b.cue.token.subtree)
                joint = doc[first - 1] if first > 0 and doc[first - 1].dep_ in (
                    "cc", "punct") else doc[first]
                _cut(a, text, joint.idx)
                continue
            if a.rule == "object" and b.rule == "noun" and b.cue.token.head.i == a.cue.token.i \
                    and a.speakers == b.speakers:
                # "repeated its warning that ...": the verb delivers the noun's claim
                dropped.add(id(a))
                scene.reject(a.cue, "delivers the claim of its object's noun cue")
                break
            if a.rule == "according-to" and b.cue.token in a.cue.token.ancestors:
                # "X said ..., according to a transcript": the record, not a source
                dropped.add(id(a))
                scene.reject(a.cue, "cites the record of another claim")
                break
            if top is None:
                dropped.add(id(b))
                scene.reject(b.cue, "nested inside another claim's content")
                continue
            cut = min(t.idx for t in top.subtree)
            prev = doc[min(t.i for t in top.subtree) - 1]
            if prev.is_punct and prev.idx >= a_start:
                cut = prev.idx
            top_end = max(t.idx + len(t) for t in top.subtree)
            if top_end >= a.content[-1][1] - 2:
                _cut(a, text, cut)
    return [f for f in frames if id(f) not in dropped]


def _cut(frame: Frame, text: str, at: int) -> None:
    """End the content at ``at`` when that falls inside one of its parts."""
    for i, (s, e) in enumerate(frame.content):
        if s < at < e:
            frame.content[i:] = [clean(text, s, at, quoted=False)]
            return


def _attachment(inner: Token, outer: Token) -> Token | None:
    """The highest token under ``outer`` through which ``inner`` hangs as a clause of its
    own (relative clause, apposition), or None when it is nested speech."""
    node, top = inner, None
    while node.i != outer.i and node.head.i != node.i:
        if node.dep_ in SEPARATE:
            top = node if node.dep_ != "relcl" or node.head.dep_ not in SEPARATE else node.head
        node = node.head
    if node.i != outer.i:
        return inner  # not below the outer cue at all: keep both
    return top


def _coordinated(cue: Token) -> bool:
    """A cue verb joined by 'and' with no subject of its own (the parser may call it a
    conjunct or, wrongly, a complement)."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return False
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    return cue.dep_ == "conj" or (before is not None and before.lower_ in ("and", "but"))

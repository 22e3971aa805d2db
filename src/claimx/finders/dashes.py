"""Dashes and colons: '«…» — Maria Zakharova.' names a source with no verb; 'He told
the crowd:' closing its paragraph introduces what the next paragraph says."""

from __future__ import annotations

import re

from ..frames import Frame
from .scene import Scene

# '“…” — Name.' at the paragraph's end or before the next quotation ('“…” ― A. “…” ― B.'
# in a list of quotes); the horizontal bar ― is this dash in some house styles.
DASH_SOURCE = re.compile(
    r"^[\s,.]*(?P<dash>[—–―]|--?)\s*(?P<who>[^\n.«“\"]{3,80}?)\s*\.?\s*(?:$|(?=[“\"«„]))")


class Dashes:
    """'«...» — Foreign Ministry spokeswoman Maria Zakharova.': a source with no verb,
    for a quotation no other frame covers."""

    def find(self, scene: Scene) -> list[Frame]:
        doc, article = scene.doc, scene.article
        covered = [p for f in scene.frames for p in f.content]
        extra = []
        for q in scene.quotes:
            if not q.closed or any(s < q.end and q.start < e for s, e in covered):
                continue
            para_end = article.paragraphs[q.paragraph][1]
            tail = article.text[q.outer_end:para_end]
            m = DASH_SOURCE.match(tail)
            if not m or not article.in_body(q.start, q.end):
                continue
            span = doc.char_span(q.outer_end + m.start("who"), q.outer_end + m.end("who"),
                                 alignment_mode="expand")
            dash = doc.char_span(q.outer_end + m.start("dash"), q.outer_end + m.end("dash"),
                                 alignment_mode="expand")
            if span is None or dash is None or any(t.pos_ in ("VERB", "AUX") for t in span) \
                    or not any(t.pos_ == "PROPN" for t in span):
                continue
            words = [t for t in span if not t.is_punct]
            extra.append(Frame(scene.said(dash[0], "dash"), [words], [(q.start, q.end)],
                               kind="direct", rule="dash"))
        return extra


def colon_block(scene: Scene, frame: Frame) -> Frame:
    """'He told the crowd:' closing its paragraph: the quotation, or the block quoted
    without marks, in the next paragraph is what was said."""
    article = scene.article
    text, cue = article.text, frame.cue.token
    para = article.paragraph_of(cue.idx)
    end = article.paragraphs[para][1]
    colon = text.rfind(":", cue.idx, end)
    if colon < 0 or text[colon + 1:end].strip() or colon >= cue.sent.end_char \
            or para + 1 >= len(article.paragraphs):
        return frame
    start, stop = article.paragraphs[para + 1]
    if not article.in_body(start, stop):
        return frame
    below = [q for q in scene.quotes if q.paragraph == para + 1]
    if below and not text[start:below[0].outer_start].strip():
        frame.content, frame.quotes = [(below[0].start, below[0].end)], below[:1]
    else:
        lead = len(text[start:stop]) - len(text[start:stop].lstrip())
        frame.content = [(start + lead, start + len(text[start:stop].rstrip()))]
    frame.kind, frame.rule = "direct", f"{frame.rule}+colon"
    return frame

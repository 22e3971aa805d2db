"""Quotations: the quotation beside a reporting clause is what was said, also where it
goes on after the clause's full stop; a paragraph that is only a quotation carries on
the previous speaker."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..frames import Frame, clean, extent
from ..quotes import Quote
from .scene import Scene

GAP = re.compile(r"^[\s,;:—–-]*$")  # between a reporting clause and its quotation
# The rest of a reporting clause up to its full stop, where the parser missed that the
# sentence ends there ('…,'' said Brian Baker, an adviser. ''These…').
REPORT_END = re.compile(r"[^.!?\"“”«»\n]{0,250}[.!?]\s*")
# A conjunction that joins a second quotation to the reporting clause ('"…," he said,
# but "…"').
ADVERBIAL = {"after", "before", "when", "while", "because", "since", "although", "though",
             "until", "once", "whereas", "as"}
JOINED = re.compile(r"\s*,?\s*(?:but|and)\s*")


def attach_quotes(scene: Scene, frame: Frame) -> Frame:
    """Prefer a quotation next to the reporting clause; else extend over cut quotes."""
    text, article, quotes = scene.article.text, scene.article, scene.quotes
    words = [t for group in frame.speakers for t in group] + frame.cue.tokens + [
        t for group in frame.addressee for t in group]
    r_start, r_end = extent(sorted(words, key=lambda t: t.i))
    para = article.paragraph_of(frame.cue.token.idx)
    local = [q for q in quotes if q.paragraph == para
             and not (r_start <= q.start and q.end <= r_end)]
    before = [q for q in local if q.outer_end <= r_start
              and GAP.match(text[q.outer_end:r_start])]
    after = [q for q in local if q.outer_start >= r_end
             and GAP.match(text[r_end:q.outer_start])]
    adjacent = before[-1:] + after[:1]
    syntactic = frame.content
    cue = frame.cue.token
    if adjacent and (not syntactic or _within(syntactic, adjacent, text)
                     or frame.rule == "parenthetical"
                     # '"…," Ramos told AFP in an interview': a quotation ahead of the
                     # reporting clause outweighs a mere phrase after it
                     or (before and frame.rule == "adjunct")
                     # '"…," Warren told Stumpf, after he admitted …': nor does a clause
                     # the parser hung on the cue through an adverbial one
                     or (before and syntactic[0][0] >= r_end
                         and (_adverbial(text, syntactic[0][0])
                              or _next_act(scene.doc, syntactic[0][0])))
                     # a complement past the full stop: the parser ran two sentences together
                     or _past_report(text, cue, r_end, syntactic[0][0])):
        chain = list(adjacent)
        if not after:  # '"...," he said. "..."': the quotation goes on after the cue
            chain += _goes_on(scene, local, cue, max(r_end, chain[-1].outer_end), r_end)
        frame.content = [(q.start, q.end) for q in chain]
        frame.kind, frame.quotes, frame.rule = "direct", chain, f"{frame.rule}+quote"
        return frame
    if not syntactic:
        return frame
    start, end = syntactic[0][0], syntactic[-1][1]
    if article.dateline and start < article.dateline[1] <= end:
        start = article.dateline[1]
    start, end = clean(text, start, end, quoted=False)
    if end <= start:
        frame.content = []
        return frame
    touched = [q for q in quotes if q.start < end and start < q.end]
    for q in touched:
        start, end = min(start, q.start if q.start < start else start), max(end, q.end)
    if touched and all(q.start <= start and end <= q.end for q in touched[:1]) \
            and len(touched) == 1:
        s2, e2 = touched[0].start, touched[0].end
        frame.content, frame.kind = [(s2, e2)], "direct"
    elif touched:
        frame.content, frame.kind = [(start, end)], "mixed"
    else:  # in parts where a reporting clause splits it ("The move, he said, was…")
        frame.content, frame.kind = _within_each(text, syntactic, start, end), "indirect"
    frame.quotes = touched
    more = _goes_on(scene, local, cue, r_end, r_end) if end <= r_start else []
    if more:  # 'X may delay the vote, the mayor said. "We do not have the numbers."'
        frame.content.append((more[0].start, more[0].end))
        frame.kind, frame.quotes = "mixed", touched + more
    return frame


def _goes_on(scene: Scene, local: list[Quote], cue: Token, start: int, report_end: int
             ) -> list[Quote]:
    """The quotation that goes on after the full stop of the reporting clause ending at
    ``report_end`` (from ``start`` on), as a list of one or none; not one with a cue word
    of its own after it ('"…," he said. "…," she added.')."""
    later = [q for q in local if q.outer_start >= start]
    if not later or not _past_report(scene.article.text, cue, report_end, later[0].outer_start):
        return []
    q = later[0]
    upto = later[1].outer_start if len(later) > 1 else scene.article.paragraphs[q.paragraph][1]
    return [] if any(q.outer_end <= c.token.idx < upto for c in scene.cues) else [q]


def _adverbial(text: str, start: int) -> bool:
    """The content opens with a conjunction of time, cause or concession: the parser
    took the adverbial clause (and what hangs on it) for the complement."""
    first = re.match(r"\w+", text[start:start + 20])
    return first is not None and first.group().lower() in ADVERBIAL


def _next_act(doc: Doc, start: int) -> bool:
    """The content opens with a participle after a comma ('"…," she said, answering a
    question at …'): the speaker's next act, which the parser took for the complement."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span[0].tag_ == "VBG" and span[0].i > 0 \
        and doc[span[0].i - 1].text == ","


def _within_each(text: str, parts: list[tuple[int, int]], start: int, end: int
                 ) -> list[tuple[int, int]]:
    out = [clean(text, max(s, start), min(e, end), quoted=False) for s, e in parts]
    return [(s, e) for s, e in out if e > s] or [(start, end)]


def _within(spans: list[tuple[int, int]], quotes: list[Quote], text: str) -> bool:
    """Does the syntactic content lie inside (or just around) the adjacent quotations?
    Not where it goes on past a quoted phrase that is part of its clause ('said "modest
    fees" and a levy would pay for it'); a quoted sentence ends in its own punctuation
    ('said "we will respond," and left')."""
    lo, hi = min(q.outer_start for q in quotes), max(q.outer_end for q in quotes)
    s, last = spans[0][0], max(quotes, key=lambda q: q.outer_end)
    if spans[-1][1] > hi and re.search(r"\w", text[hi:spans[-1][1]]) \
            and not re.search(r"[,.;:!?]\s*$", text[last.start:last.end]):
        return False
    return lo - 1 <= s <= hi or (s < lo and not text[s:lo].strip(" ,:“\"'«‘"))


def _past_report(text: str, cue: Token, report_end: int, at: int) -> bool:
    """Does ``at`` come right after the full stop of the reporting clause ending at
    ``report_end``: the end of the cue's sentence, or of the clause where the parser
    missed that the sentence ends there?"""
    sent_end = cue.sent.end_char
    if at >= sent_end and not text[sent_end:at].strip():
        return True
    between = text[report_end:at].rstrip("“\"'`«„ ")
    return at > report_end and (REPORT_END.fullmatch(between) is not None
                                or JOINED.fullmatch(between) is not None)


class Continuations:
    """A paragraph that is only a quotation carries on the previous speaker."""

    def find(self, scene: Scene) -> list[Frame]:
        article, frames = scene.article, scene.frames
        covered = [p for f in frames for p in f.content]
        extra: list[Frame] = []
        by_para: dict[int, list[Quote]] = {}
        for q in scene.quotes:
            by_para.setdefault(q.paragraph, []).append(q)
        for index, (p_start, p_end) in enumerate(article.paragraphs):
            qs = by_para.get(index)
            if not qs or not article.in_body(qs[0].start, qs[0].end):
                continue
            outside = article.text[p_start:p_end]
            for q in reversed(qs):
                outside = outside[:q.outer_start - p_start] + outside[q.outer_end - p_start:]
            if any(ch.isalnum() for ch in outside):
                continue
            if any(s < q.end and q.start < e for q in qs for s, e in covered):
                continue
            earlier = [f for f in frames + extra if f.span[1] <= p_start]
            if not earlier:
                continue
            prev = max(earlier, key=lambda f: f.span[1])
            parts = [(q.start, q.end) for q in qs]
            extra.append(Frame(prev.cue, prev.speakers, parts, [], kind="direct",
                               rule="continuation", quotes=qs))
            covered += parts
        return extra

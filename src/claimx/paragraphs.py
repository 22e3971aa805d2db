"""Split a text into paragraphs whatever its layout: blank lines between paragraphs, one
paragraph a line (scrapes, exports), or lines hard-wrapped at a fixed width (wire copy,
e-mail), whose wrapped line breaks are joined again.

A paragraph is a span of the text as given: its wrapped line breaks stay in it, so
every offset still points into that text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

LINE_BREAK = re.compile(r"\r\n|\r|\n")
BULLET = re.compile(r"[ \t]*(?:[-•*–—▪●]|\(?\d{1,2}[.)])[ \t]+\S")
SENTENCE_FINAL = re.compile(r"""[.!?:;…]["”’»)\]]*$""")
MIN_WRAPPED = 3  # lines that run on into the next before a text counts as wrapped
MAX_WIDTH = 140  # wider lines are paragraphs of their own, not a fill width
LEAD_IN_WORDS = 8  # "Key points", "Read more:"
ITEM_WORDS = 16  # a line under a "…:" lead-in that is a list item, not a paragraph
FULL = 0.75  # a filled line is at least this share of the width


def split_paragraphs(text: str, opens: Callable[[str, int], bool] | None = None
                     ) -> list[tuple[int, int]]:
    return paragraph_layout(text, opens)[0]


def paragraph_layout(text: str, opens: Callable[[str, int], bool] | None = None
                     ) -> tuple[list[tuple[int, int]], int | None]:
    """Paragraph spans, trimmed, and the width the text was wrapped at (None: it was
    not). A blank line always ends a paragraph; a single line break does too, unless
    the text is hard-wrapped and the line before it was full (the next word would not
    have fitted), or it joins the items of a list. ``opens`` says of a line and its
    offset that it starts a paragraph of its own even so (a date line, a label)."""
    lines = _lines(text)
    width = wrap_width(text, lines)
    spans: list[tuple[int, int]] = []
    start = None  # the paragraph being gathered: its first line's start and end, its
    first_end = last = end = 0  # last line's start and end
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if start is not None:
                _add_trimmed(spans, text, start, end)
            start = None
        elif start is not None and _runs_on(text[start:first_end], text[last:end], line, s,
                                            width, opens):
            end, last = e, s
        else:
            if start is not None:
                _add_trimmed(spans, text, start, end)
            start, end, last, first_end = s, e, s, e
    if start is not None:
        _add_trimmed(spans, text, start, end)
    return spans, width


def unwrapped(text: str, paragraphs: list[tuple[int, int]]) -> str:
    """The text with each line break inside a paragraph a space, but before a list item:
    of the same length, so every offset into it is one into ``text``."""
    chars = list(text)
    for start, end in paragraphs:
        for m in LINE_BREAK.finditer(text, start, end):
            if not BULLET.match(text, m.end()):
                chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def wrap_width(text: str, lines: list[tuple[int, int]]) -> int | None:
    """The width a hard-wrapped text was filled to, or None when its line breaks are
    paragraph breaks: most lines followed by another line of the same paragraph are
    nearly as long as the longest, and most of those end inside a sentence."""
    continued = [text[s:e].rstrip() for (s, e), (s2, e2) in zip(lines, lines[1:], strict=False)
                 if text[s:e].strip() and text[s2:e2].strip()]
    if len(continued) < MIN_WRAPPED:
        return None
    lengths = sorted(len(line) for line in continued)
    typical = lengths[(len(lengths) - 1) * 9 // 10]  # a few over-long ones (a URL) aside
    width = max(n for n in lengths if n <= typical * 1.25)
    if width > MAX_WIDTH:
        return None
    full = [line for line in continued if len(line) >= FULL * width]
    open_ended = [line for line in full if not SENTENCE_FINAL.search(line)]
    if 2 * len(full) < len(continued) or 2 * len(open_ended) < len(full):
        return None
    return width


def _runs_on(first: str, line: str, nxt: str, offset: int, width: int | None,
             opens: Callable[[str, int], bool] | None) -> bool:
    """Whether ``nxt`` continues the paragraph that began with ``first`` and has got to
    ``line``, rather than starting one of its own."""
    lead_in = len(first.split()) <= LEAD_IN_WORDS
    if BULLET.match(nxt):  # an item joins its list, and the list its lead-in line
        return bool(BULLET.match(line)) or (lead_in and (
            first.rstrip().endswith(":") or not SENTENCE_FINAL.search(first.rstrip())))
    if lead_in and first.rstrip().endswith(":") and len(nxt.split()) <= ITEM_WORDS and \
            not SENTENCE_FINAL.search(nxt.rstrip()):  # "Read more:" and its links
        return True
    if width is None:
        return False
    if _indent(nxt) > _indent(line):
        return False
    if opens is not None and opens(nxt.strip(), offset):
        return False
    word = nxt.split()[0]
    if "-" in word[1:]:  # a fill may break after a hyphen
        word = word[:word.index("-", 1) + 1]
    return len(line.rstrip()) + 1 + len(word) > width


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _add_trimmed(spans: list, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    if end - trail > start + lead:
        spans.append((start + lead, end - trail))

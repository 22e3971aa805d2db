"""Pair quotation marks, paragraph by paragraph.

Pairing is local to a paragraph, so an unbalanced mark costs at most its own
paragraph. An unclosed quotation runs to its paragraph's end: the news convention
for a quotation that goes on in the next paragraph, which reopens it.
"""

from __future__ import annotations

from dataclasses import dataclass

# The marks a double opening mark may be closed by: English “…”, German „…“ and
# »…«, French «…»; a straight mark closes any, and a curly closing one a straight one.
DOUBLE_PAIRS = {"“": "”\"", "„": "“”\"", "«": "»\"", "»": "«\"", '"': '"”'}
DOUBLE_CLOSE = "”"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
ALL_MARKS = "".join(DOUBLE_PAIRS) + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "'`"
# Two straight singles or two graves stand for a straight double in ASCII archives (''…'',
# ``…''), as newspaper databases and Penn Treebank-style text write quotations.
DOUBLED = ("''", "``")


@dataclass
class Quote:
    """A quotation: ``start``/``end`` exclude the marks; ``outer_*`` include them."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    paragraph: int
    closed: bool = True
    nested: bool = False


def find_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    quotes: list[Quote] = []
    for index, (start, end) in enumerate(paragraphs):
        # marks around no word ('""', a stray '."') quote nothing: no claim is empty
        quotes.extend(q for q in _pair(text, start, end, index)
                      if any(ch.isalnum() for ch in text[q.start:q.end]))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _pair(text: str, start: int, end: int, paragraph: int) -> list[Quote]:
    found: list[Quote] = []
    double: tuple[int, int, str] | None = None  # offset, width and kind of the open double
    single: int | None = None

    def close(open_at: int, open_width: int, close_at: int, close_width: int) -> None:
        inner_start, inner_end = open_at + open_width, close_at
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        found.append(Quote(inner_start, inner_end, open_at, close_at + close_width,
                           paragraph, closed=close_width > 0))

    i = start
    while i < end:
        ch = text[i]
        width = 2 if i + 1 < end and text[i:i + 2] in DOUBLED else 1
        if width == 2:
            ch = '"'
        elif ch not in ALL_MARKS or ch == "`":
            i += 1
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + width] if i + width < end else " "
        if double is not None and ch in DOUBLE_PAIRS[double[2]]:
            close(double[0], double[1], i, width)
            double = None
        elif ch in DOUBLE_PAIRS and (ch != "»" or _opens(prev, nxt)):
            if double is not None:  # a new opening while one is open: the old one was unclosed
                close(double[0], double[1], _trim_back(text, double[0], i), 0)
            double, single = (i, width, ch), None
        elif ch in DOUBLE_CLOSE and double is None and _opens(prev, nxt):
            double = (i, 1, '"')  # ”…” typed with the closing mark twice: it opens here
        elif ch in DOUBLE_CLOSE or ch in "«»":
            pass  # a closing mark with nothing open
        elif single is not None and text[single] == "‚" and ch == "‘":  # German ‚…‘
            close(single, 1, i, 1)
            single = None
        elif ch in SINGLE_OPEN or (ch == "'" and _opens(prev, nxt)):
            if single is None:
                single = i
        elif (ch in SINGLE_CLOSE or ch == "'") and single is not None and not nxt.isalnum():
            # A closing single mark only where one is open and it ends a word:
            # otherwise it is an apostrophe ("the United States’ lead", "CBS’").
            close(single, 1, i, 1)
            single = None
        i += width
    if double is not None:
        close(double[0], double[1], _trim_back(text, double[0], end), 0)
    nested = [(q.outer_start, q.outer_end) for q in found]
    for q in found:
        q.nested = any(s < q.outer_start and q.outer_end <= e for s, e in nested
                       if (s, e) != (q.outer_start, q.outer_end))
    return found


def _opens(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in "([—–-") and nxt.isalnum()


def _trim_back(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def quote_at(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The outermost quote containing [start, end), if any."""
    for q in quotes:
        if q.start <= start and end <= q.end and not q.nested:
            return q
    return None

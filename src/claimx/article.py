"""Read an article's layout: headline, header (date, byline), dateline, body.

Only the text itself is used, with the patterns of ``rules/article.yaml``; the
text is never altered, so every offset claimx reports points into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property

from .paragraphs import LINE_BREAK, paragraph_layout, unwrapped
from .patterns import compile_regex
from .record import ArticleRef
from .rules import Rules

SENTENCE_END = re.compile(r"""[.!?:;…]["”’»)\]]*\s*$""")
QUESTION_END = re.compile(r"""\?["”’»)\]]*\s*$""")
HEADER_GAP = 2  # paragraphs (standfirst, kicker headline, note) a header line may follow
HEADER_REST_WORDS = 8  # words a header line may hold beside its date or byline
HEADER_ITEM_CHARS = 160  # a header item run into the body is read within this
HEADER_LABELS = {"published", "updated", "posted", "modified", "date", "dated", "first", "last"}
HEADER_CHARS = 500  # header lines open a paragraph of their own this near the top
HEADLINE_WORDS = 24
STANDFIRST_WORDS = 40  # a longer paragraph before a header line is body, not a standfirst
TURN = re.compile(r"""[.!?…]["”’»)\]]*\s+""")  # a sentence's end, where a label may follow
LABEL_CHARS = 80
MIN_TURNS = 4  # labels in a one-line text before it is read as turns of a transcript
CLOSED = re.compile(r"""[.;:]["”’»)\]]*\s*$""")  # a headline may end in ? or !, not in .


@dataclass
class Article:
    """One input article and what its layout says about it."""

    text: str
    id: str
    path: str | None = None
    title: str | None = None
    published: date | None = None
    published_text: str | None = None
    published_source: str | None = None  # header | dateline | given | None
    author: str | None = None
    url: str | None = None
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    body: list[tuple[int, int]] = field(default_factory=list)
    excluded: list[tuple[int, int, str]] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    # answers of a transcript: speaker label start and end, answer text start and end
    answers: list[tuple[int, int, int, int]] = field(default_factory=list)
    labels: list[tuple[int, int]] = field(default_factory=list)  # "Q:", "LINDQVIST: "…
    wrapped: bool = False  # hard-wrapped lines, joined again into paragraphs
    breaks: list[int] = field(default_factory=list)  # spaces the parser reads as line breaks

    def ref(self) -> ArticleRef:
        """The article's part of a claim record."""
        return ArticleRef(self.path, self.title,
                          self.published.isoformat() if self.published else None, self.author,
                          self.url)

    def to_data(self) -> dict:
        """The layout as plain values, so that a Doc carrying it can go to a worker
        process, into a DocBin or to disk; the text only when the Doc's (what the parser
        reads) differs from it."""
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "text"}
        data["published"] = self.published.isoformat() if self.published else None
        if (self.wrapped or self.breaks) and self.parse_text() != self.text:
            data["text"] = self.text
        return data

    @classmethod
    def from_data(cls, text: str, data: dict) -> Article:
        """The inverse of :meth:`to_data` (msgpack gives back lists as tuples, JSON
        tuples as lists)."""
        values = {"text": data.get("text", text)}
        for f in fields(cls):
            if f.name == "text" or f.name not in data:
                continue
            value = data[f.name]
            if isinstance(value, list | tuple):
                value = (tuple(value) if str(f.type).startswith("tuple")
                         else [tuple(v) if isinstance(v, list | tuple) else v for v in value])
            values[f.name] = value
        if values.get("published"):
            values["published"] = date.fromisoformat(values["published"])
        return cls(**values)

    def in_body(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.body)

    def parse_text(self) -> str:
        """What the parser reads: a hard-wrapped text with its wrapped line breaks as
        spaces, so that no sentence, name or topic is cut by a newline token; and a line
        break where a one-line text was cut (after its title, header or a turn), so that
        none runs on across the cut either."""
        text = unwrapped(self.text, self.paragraphs) if self.wrapped else self.text
        if not self.breaks:
            return text
        chars = list(text)
        for i in self.breaks:
            chars[i] = "\n"
        return "".join(chars)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the one before a gap)."""
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)


class ArticleReader:
    """Compiled layout rules; one per process, shared by every article."""

    def __init__(self, rules: Rules):
        def compiled(section: str) -> list[tuple[str, re.Pattern, dict]]:
            return [(e["id"], compile_regex(e["pattern"]), e)
                    for e in rules.entries("article", section)]

        self.header = compiled("header")
        self.datelines = compiled("datelines")
        self.skip = compiled("skip")
        self.end = compiled("end")
        self.max_heading_words = int(rules.mapping("article", "headings").get("max_words", 8))
        interview = rules.mapping("article", "interview")
        self.question, self.answer, self.label = (
            compile_regex(interview[k]) if interview.get(k) else None
            for k in ("question", "answer", "label"))
        settings = rules.mapping("dates", "settings")
        self.date_settings = settings

    def read(self, text: str, doc_id: str, path: str | None = None,
             published: date | None = None, title: str | None = None) -> Article:
        from .dates import parse_absolute

        art = Article(text=text, id=doc_id, path=path, published=published,
                      published_source="given" if published else None)
        art.paragraphs, width = paragraph_layout(text, self._opens_paragraph)
        art.wrapped = width is not None
        if len(art.paragraphs) == 1:  # all on one line: cut after the given title and
            art.paragraphs = _after_title(text, *art.paragraphs[0], title)  # before the
            art.paragraphs[-1:] = self._labelled_runs(text, *art.paragraphs[-1])  # turns
            art.breaks = [s - 1 for s, _ in art.paragraphs[1:] if text[s - 1] in " \t"]
        if not art.paragraphs:
            return art
        paragraphs = art.paragraphs
        view = art.parse_text()  # a wrapped header line is read whole
        head = int(self._is_headline(view, paragraphs, title))
        art.title = title
        if head:
            first_start, first_end = paragraphs[0]
            art.title = title or " ".join(text[first_start:first_end].split())
            art.excluded.append((first_start, first_end, "headline"))
        body_index = self._body_start(view, paragraphs, head)
        for s, e in paragraphs[head:body_index]:
            for line_start, line in _lines(view, s, e):
                self._read_header_line(art, line, parse_absolute)
                art.excluded.append((line_start, line_start + len(line), "header"))
        if art.published is None and art.title:  # a date only in the headline ("… Press
            self._read_header_line(art, art.title, parse_absolute)  # Conference on April 16, 2025")
        for i, (s, e) in enumerate(paragraphs[body_index:], start=body_index):
            if i == body_index and s < HEADER_CHARS:
                s = self._run_in_header(art, view, s, e, parse_absolute)
            chunk = text[s:e]
            if any(p.match(chunk) for _, p, _ in self.end):
                art.excluded.append((s, len(text), "after end marker"))
                break
            reason = self._skip_reason(chunk)
            if reason:
                art.excluded.append((s, e, reason))
                continue
            if art.dateline is None and not art.body:
                s = self._read_dateline(art, s, e, parse_absolute)
            art.body.append((s, e))
        self._read_interview(art)
        return art

    def _read_interview(self, art: Article) -> None:
        """Answers of a transcript: "Q:"/"A:" paragraphs, or paragraphs under speaker labels
        ("LINDQVIST: …", "Vladimir Putin: …") when at least two are questions and two are
        not. An unlabelled paragraph between an answer and the next label continues it."""
        if self.question is None or self.answer is None:
            return
        labelled = {}  # body paragraph index -> (label, label start, label end, text start)
        for i, (s, e) in enumerate(art.body):
            chunk = art.text[s:e]
            m = self.answer.match(chunk) or self.question.match(chunk) or (
                self.label.match(chunk) if self.label else None)
            if m:
                end = s + (m.end(m.re.groupindex["label"]) if "label" in m.groupdict() else m.end())
                labelled[i] = (art.text[s:end], s, end, s + m.end())
        asked = Counter(label for i, (label, *_) in labelled.items()
                        if QUESTION_END.search(art.text[art.body[i][0]:art.body[i][1]]))
        said = Counter(label for label, *_ in labelled.values())
        asking = {label for label in said  # the interviewer's label: mostly questions
                  if self.question.match(label) or 2 * asked[label] > said[label]}
        questions = sum(label in asking for label, *_ in labelled.values())
        if questions < 2 or len(labelled) - questions < 2:
            return
        art.labels = [(s, t) for _, s, _, t in labelled.values()]
        answer, last = None, max(labelled)
        for i, (s, e) in enumerate(art.body):
            if i in labelled:
                label, label_start, label_end, start = labelled[i]
                answer = None if label in asking else (label_start, label_end)
            elif i > last:
                break
            else:
                start = s
            if answer is not None:
                art.answers.append((*answer, start, e))

    def _labelled_runs(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A paragraph cut before each speaker label that follows a sentence's end ("…the
        treaty? LINDQVIST: We…"), when it holds a transcript's worth of them."""
        cuts = [m.end() for m in TURN.finditer(text, start, end)
                if any(p is not None and p.match(text[m.end():m.end() + LABEL_CHARS])
                       for p in (self.question, self.answer, self.label))]
        if len(cuts) < MIN_TURNS:
            return [(start, end)]
        bounds = [start, *cuts, end]
        return [(a, a + len(text[a:b].rstrip())) for a, b in zip(bounds, bounds[1:], strict=False)
                if text[a:b].strip()]

    def _is_headline(self, text: str, paragraphs: list[tuple[int, int]],
                     title: str | None) -> bool:
        """The first paragraph is the headline when the given title is its text or, with
        no title given, when more follows and it is short and not closed like a sentence
        (unless a header line follows it: "The INF Treaty Is Gone. Europe's Missile Race
        Is Just Starting.")."""
        first = " ".join(text[paragraphs[0][0]:paragraphs[0][1]].split())
        if title is not None:
            return first.casefold() == " ".join(title.split()).casefold()
        if len(paragraphs) < 2 or len(first.split()) > HEADLINE_WORDS:
            return False
        return not CLOSED.search(first) or any(
            self._is_header(text[s:e]) for s, e in paragraphs[1:2 + HEADER_GAP])

    def _body_start(self, text: str, paragraphs: list[tuple[int, int]], head: int) -> int:
        """Index of the first body paragraph: after the header paragraphs that follow the
        headline, and after up to ``HEADER_GAP`` short paragraphs before one (a standfirst,
        a kicker's real headline, a translator's note: "…ignore\n\nKate Ashworth in
        Berlin\n\nSat 8 Mar 2025")."""
        start = head
        for i, (s, e) in enumerate(paragraphs[head:], start=head):
            if self._is_header(text[s:e]):
                start = i + 1
            elif start > head or i - head >= HEADER_GAP or len(
                    text[s:e].split()) > STANDFIRST_WORDS:
                break
        return start

    def _opens_paragraph(self, line: str, offset: int) -> bool:
        """A line that starts a paragraph even where the line before it could wrap into
        it: a speaker label, a wire dateline, or near the top a date line or byline."""
        starts = [self.label, self.question, self.answer] + [p for _, p, _ in self.datelines]
        return any(p is not None and p.match(line) for p in starts) or (
            offset < HEADER_CHARS and self._is_header(line))

    def _is_header(self, chunk: str) -> bool:
        """Short lines only, one of them a byline or date line: a header pattern that
        leaves at most a few words of the line (a place, a time) and no sentence."""
        found = False
        for line in chunk.splitlines():
            line = line.strip()
            if not line or self._skip_reason(line) == "caption":
                continue
            if len(line.split()) > 2 * self.max_heading_words:
                return False
            found = found or any(
                (m := p.search(part)) and len((part[:m.start()] + part[m.end():]).split())
                <= HEADER_REST_WORDS and not SENTENCE_END.search(part)
                for _, p, _ in self.header for part in [q.strip() for q in line.split("|")])
        return found

    def _run_in_header(self, art: Article, view: str, start: int, end: int,
                       parse_absolute) -> int:
        """Header items that filling or a one-line layout ran into the text after them
        ("By Ann Lee | Feb 4, 2019 | 4:23am EST Putin consults…", "Published 29 August
        2025 By Ann Lee, diplomatic correspondent Britain…"): read as header lines and
        left out of the body, whose start this gives."""
        pos = start
        while (item := self._header_item(view, pos, end)) is not None:
            self._read_header_line(art, view[pos:item], parse_absolute)
            pos = item + len(view[item:end]) - len(view[item:end].lstrip(" \t|"))
        if pos > start:
            art.excluded.append((start, pos, "header"))
            if view[pos - 1] in " \t":
                art.breaks.append(pos - 1)
        return pos

    def _header_item(self, view: str, start: int, end: int) -> int | None:
        """The end of a byline or date that opens ``view[start:end]``, after at most a few
        words of a header's kind ("Updated 5:32 PM GMT+2,"): capitalised or numbers."""
        window = view[start:min(end, start + HEADER_ITEM_CHARS)]
        ends = [m.end() for _, p, _ in self.header for m in [p.search(window)]
                if m and m.end() > m.start() and _header_words(window[:m.start()])]
        return start + min(ends) if ends else None

    def _read_header_line(self, art: Article, line: str, parse_absolute) -> None:
        for part in [line.strip()] + [p.strip() for p in line.split("|")]:
            for _, pattern, _ in self.header:
                m = pattern.search(part)
                if not m:
                    continue
                groups = m.groupdict()
                if groups.get("author") and not art.author:
                    art.author = groups["author"].strip()
                if groups.get("date") and art.published is None:
                    value = parse_absolute(groups["date"], None, self.date_settings)
                    if value is not None:
                        art.published, art.published_text = value, groups["date"]
                        art.published_source = "header"

    def _read_dateline(self, art: Article, start: int, end: int, parse_absolute) -> int:
        chunk = art.text[start:end]
        for _, pattern, _ in self.datelines:
            m = pattern.match(chunk)
            if not m:
                continue
            art.dateline = (start, start + m.end())
            art.excluded.append((start, start + m.end(), "dateline"))
            when = m.groupdict().get("date")
            if when and art.published is None:
                value = parse_absolute(when, None, self.date_settings)
                if value is not None:
                    art.published, art.published_text = value, when
                    art.published_source = "dateline"
            return start + m.end()
        return start

    def _skip_reason(self, chunk: str) -> str | None:
        for _, pattern, entry in self.skip:
            if pattern.search(chunk):
                return entry.get("kind", "skipped")
        words = chunk.split()
        if len(words) <= self.max_heading_words and not SENTENCE_END.search(chunk):
            return "heading"
        return None


def _header_words(text: str) -> bool:
    """Words a header item may follow: a label, a time, a kicker in capitals ("Updated
    5:32 PM GMT+2,", "THE MONITOR INTERVIEW"), not a sentence's "On 2 February 2019"."""
    words = text.split()
    return len(words) <= HEADER_REST_WORDS // 2 and all(
        w.isupper() or w[0].isdigit() or w.strip(":,").lower() in HEADER_LABELS for w in words)


def _after_title(text: str, start: int, end: int, title: str | None
                 ) -> list[tuple[int, int]]:
    """A paragraph that opens with the given title, cut after it: the headline of an
    article laid out on one line."""
    words = title.split() if title else []
    m = re.compile(r"\s*".join(map(re.escape, words)), re.I).match(text, start, end) \
        if words else None
    if m is None:
        return [(start, end)]
    pos = m.end()
    rest = end - len(text[pos:end].lstrip())
    if rest >= end or text[pos:pos + 1].isalnum():
        return [(start, end)]
    return [(start, pos), (rest, end)]


def _lines(text: str, start: int, end: int):
    pos = start
    for m in LINE_BREAK.finditer(text, start, end):
        if text[pos:m.start()].strip():
            yield pos, text[pos:m.start()]
        pos = m.end()
    if text[pos:end].strip():
        yield pos, text[pos:end]


def split_article(article: Article, size: int) -> list[tuple[int, Article]]:
    """Paragraph-aligned pieces of at most ``size`` characters (a paragraph longer than
    that is cut at its last line or sentence break), each with its offset into the
    whole text; the parse of a very long text would not fit in memory otherwise."""
    if len(article.text) <= size:
        return [(0, article)]
    cuts, start = [], 0
    for p_start, p_end in article.paragraphs:
        while p_end - start > size:
            if p_start > start:
                cut = p_start
            else:
                window = article.text[start:start + size]
                cut = start + max(window.rfind("\n"), window.rfind(". ") + 1, size // 2)
            cuts.append((start, cut))
            start = p_start = cut
    cuts.append((start, len(article.text)))
    return [(s, _slice(article, s, e)) for s, e in cuts if e > s]


def _slice(article: Article, start: int, end: int) -> Article:
    def inside(spans):
        return [(max(a, start) - start, min(b, end) - start, *rest)
                for a, b, *rest in spans if a < end and b > start]

    def inside_disjoint(spans):  # in text order and disjoint: bisect instead of a scan
        i, out = max(0, bisect_left(spans, (start,)) - 1), []
        while i < len(spans) and spans[i][0] < end:
            a, b = spans[i]
            if b > start:
                out.append((max(a, start) - start, min(b, end) - start))
            i += 1
        return out

    part = Article(text=article.text[start:end], id=article.id, path=article.path,
                   title=article.title, published=article.published,
                   published_text=article.published_text,
                   published_source=article.published_source, author=article.author,
                   url=article.url)
    part.paragraphs = inside_disjoint(article.paragraphs)
    part.body = inside_disjoint(article.body)
    part.excluded = inside(article.excluded)
    part.answers = [(a - start, b - start, c - start, d - start)
                    for a, b, c, d in article.answers if start <= a and d <= end]
    part.labels = inside(article.labels)
    part.wrapped = article.wrapped
    part.breaks = [i - start for i in article.breaks if start <= i < end]
    if article.dateline and start <= article.dateline[0] < end:
        part.dateline = (article.dateline[0] - start, article.dateline[1] - start)
    return part

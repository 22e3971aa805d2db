"""Read an article's layout: headline, header (date, byline), dateline, body.

Only the text itself is used, with the patterns of ``rules/article.yaml``; the
text is never altered, so every offset claimx reports points into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .record import ArticleRef
from .rules import Rules

PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
SENTENCE_END = re.compile(r"""[.!?:;…]["”’»)\]]*\s*$""")
QUESTION_END = re.compile(r"""\?["”’»)\]]*\s*$""")
HEADER_GAP = 2  # paragraphs (standfirst, kicker headline, note) a header line may follow
HEADER_REST_WORDS = 8  # words a header line may hold beside its date or byline


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
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    body: list[tuple[int, int]] = field(default_factory=list)
    excluded: list[tuple[int, int, str]] = field(default_factory=list)
    dateline: tuple[int, int] | None = None
    # answers of a transcript: speaker label start and end, answer text start and end
    answers: list[tuple[int, int, int, int]] = field(default_factory=list)
    labels: list[tuple[int, int]] = field(default_factory=list)  # "Q:", "LINDQVIST: "…

    def ref(self) -> ArticleRef:
        """The article's part of a claim record."""
        return ArticleRef(self.path, self.title,
                          self.published.isoformat() if self.published else None, self.author)

    def in_body(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.body)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the one before a gap)."""
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(spans, text, pos, m.start())
        pos = m.end()
    _add_trimmed(spans, text, pos, len(text))
    return spans


def _add_trimmed(spans: list, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk) - len(chunk.rstrip())
    if end - trail > start + lead:
        spans.append((start + lead, end - trail))


class ArticleReader:
    """Compiled layout rules; one per process, shared by every article."""

    def __init__(self, rules: Rules):
        def compiled(section: str) -> list[tuple[str, re.Pattern, dict]]:
            return [(e["id"], re.compile(e["pattern"]), e)
                    for e in rules.entries("article", section)]

        self.header = compiled("header")
        self.datelines = compiled("datelines")
        self.skip = compiled("skip")
        self.end = compiled("end")
        self.max_heading_words = int(rules.mapping("article", "headings").get("max_words", 8))
        interview = rules.mapping("article", "interview")
        self.question = re.compile(interview["question"]) if interview.get("question") else None
        self.answer = re.compile(interview["answer"]) if interview.get("answer") else None
        self.label = re.compile(interview["label"]) if interview.get("label") else None
        settings = rules.mapping("dates", "settings")
        self.date_settings = settings

    def read(self, text: str, doc_id: str, path: str | None = None,
             published: date | None = None, title: str | None = None) -> Article:
        from .dates import parse_absolute

        art = Article(text=text, id=doc_id, path=path, published=published,
                      published_source="given" if published else None)
        art.paragraphs = split_paragraphs(text)
        if not art.paragraphs:
            return art
        paragraphs = list(art.paragraphs)
        first_start, first_end = paragraphs[0]
        line_end = text.find("\n", first_start, first_end)
        line_end = first_end if line_end < 0 else line_end
        art.title = title or text[first_start:line_end].strip()
        art.excluded.append((first_start, line_end, "headline"))
        header_lines = [(line_end + 1, first_end)] if line_end < first_end else []
        body_index = self._body_start(text, paragraphs)
        header_lines += paragraphs[1:body_index]
        for s, e in header_lines:
            for line_start, line in _lines(text, s, e):
                self._read_header_line(art, line, parse_absolute)
                art.excluded.append((line_start, line_start + len(line), "header"))
        if art.published is None:  # a date only in the headline ("… Press Conference on
            self._read_header_line(art, art.title, parse_absolute)  # April 16, 2025")
        for s, e in paragraphs[body_index:]:
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
                end = s + (m.end("label") if "label" in m.groupdict() else m.end())
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

    def _body_start(self, text: str, paragraphs: list[tuple[int, int]]) -> int:
        """Index of the first body paragraph: after the header paragraphs that follow the
        headline, and after up to ``HEADER_GAP`` paragraphs before one (a standfirst, a
        kicker's real headline, a translator's note: "…ignore\n\nKate Ashworth in
        Berlin\n\nSat 8 Mar 2025")."""
        start = 1
        for i, (s, e) in enumerate(paragraphs[1:], start=1):
            if self._is_header(text[s:e]):
                start = i + 1
            elif start > 1 or i > HEADER_GAP:
                break
        return start

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


def _lines(text: str, start: int, end: int):
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            yield pos, line
        pos += len(line) + 1


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
                   published_source=article.published_source, author=article.author)
    part.paragraphs = inside_disjoint(article.paragraphs)
    part.body = inside_disjoint(article.body)
    part.excluded = inside(article.excluded)
    part.answers = [(a - start, b - start, c - start) for a, b, c in article.answers
                    if start <= a and c <= end]
    part.labels = inside(article.labels)
    if article.dateline and start <= article.dateline[0] < end:
        part.dateline = (article.dateline[0] - start, article.dateline[1] - start)
    return part

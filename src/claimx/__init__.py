"""claimx: who said what, when, about which treaty or missile, from news articles.

Hold one :class:`Extractor` per process (or Dask worker): it owns the loaded
pipeline; nothing is kept in module globals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from .article import Article, split_article
from .batches import batches
from .record import Claim, article_record

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Extractor", "Result", "extract", "__version__"]


def as_date(value: date | str | None) -> date | None:
    """A publication date given as a date, a datetime or an ISO string (YYYY-MM-DD...)."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, date):  # a datetime: its day
        return value.date()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()  # a date or a timestamp
        except ValueError:
            pass
    raise ValueError(f"published must be a date or a YYYY-MM-DD string, not {value!r}")


class Result(NamedTuple):
    article: Article
    claims: list[Claim]
    summary: dict  # the claimx.article/1 record: speakers and topic counts


class Extractor:
    """A loaded pipeline with claimx's components; reuse it for every article."""

    def __init__(self, model: str | None = None, rules: list[Path] | None = None,
                 default_rules: bool = True, batch_size: int = 16,
                 chunk_chars: int = 25_000, batch_chars: int = 50_000):
        from .model import load_pipeline

        self.nlp = load_pipeline(model, rules, default_rules)
        self.batch_size = batch_size
        self.batch_chars = batch_chars
        self.chunk_chars = min(chunk_chars, self.nlp.max_length)

    def read(self, text: str, doc_id: str = "doc", path: str | None = None,
             published: date | str | None = None, title: str | None = None) -> Article:
        reader = self.nlp.get_pipe("claimx").builder.reader
        return reader.read(text, doc_id=doc_id, path=path, published=as_date(published),
                           title=title)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Claims for each article, in input order; the parse is the only costly step.
        A text longer than ``chunk_chars`` is parsed in paragraph-aligned pieces, and a
        batch holds at most ``batch_size`` texts and about ``batch_chars`` characters:
        the parser's memory grows with the tokens of a batch (a 100,000-character text
        alone takes ~600 MB), so this keeps it flat whatever the input."""

        def pieces():
            for article in articles:
                parts = split_article(article, self.chunk_chars)
                for i, (offset, piece) in enumerate(parts):
                    yield piece, (article, offset, i == len(parts) - 1)

        def parsed():
            for batch in batches(pieces(), self.batch_size, self.batch_chars,
                                 lambda item: len(item[0].text)):
                docs = []
                for piece, context in batch:
                    doc = self.nlp.make_doc(piece.parse_text())
                    doc._.claimx_article = piece.to_data()
                    docs.append((doc, context))
                yield from self.nlp.pipe(docs, batch_size=len(docs), as_tuples=True)

        claims: list[Claim] = []
        topics: list[tuple[str, str, str]] = []
        for doc, (article, offset, last) in parsed():
            found = doc._.claims
            for claim in found:
                claim.shift(offset)
            claims += found
            topics += [(t["id"], t["name"], t["type"]) for t in doc._.claimx_summary["topics"]
                       for _ in range(t["count"])]
            if last:
                summary = doc._.claimx_summary if not offset else article_record(
                    article.id, article.ref(), claims, topics)
                yield Result(article, claims, summary)
                claims, topics = [], []

    def extract(self, text: str, published: date | str | None = None, doc_id: str = "doc"
                ) -> list[Claim]:
        article = self.read(text, doc_id=doc_id, published=published)
        return next(self.pipe([article])).claims


def extract(text: str, published: date | str | None = None, doc_id: str = "doc",
            model: str | None = None) -> list[dict]:
    """One-off convenience: loads a pipeline per call; use :class:`Extractor` for many texts."""
    return [c.to_dict() for c in Extractor(model).extract(text, published, doc_id)]

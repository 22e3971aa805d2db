"""claimx: who said what, when, about which treaty or missile, from news articles.

Hold one :class:`Extractor` per process (or Dask worker): it owns the loaded
pipeline; nothing is kept in module globals.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from .article import Article
from .record import Claim

__version__ = "0.1.0"
__all__ = ["Article", "Claim", "Extractor", "Result", "extract", "__version__"]


class Result(NamedTuple):
    article: Article
    claims: list[Claim]
    summary: dict  # the claimx.article/1 record: speakers and topic counts


class Extractor:
    """A loaded pipeline with claimx's components; reuse it for every article."""

    def __init__(self, model: str | None = None, rules: list[Path] | None = None,
                 default_rules: bool = True, batch_size: int = 16):
        from .model import load_pipeline

        self.nlp = load_pipeline(model, rules, default_rules)
        self.batch_size = batch_size

    def read(self, text: str, doc_id: str = "doc", path: str | None = None,
             published: date | None = None, title: str | None = None) -> Article:
        reader = self.nlp.get_pipe("claimx").builder.reader
        return reader.read(text, doc_id=doc_id, path=path, published=published, title=title)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Claims for each article, in input order; the parse is the only costly step."""

        def docs():
            for article in articles:
                doc = self.nlp.make_doc(article.text)
                doc._.claimx_article = article
                yield doc

        for doc in self.nlp.pipe(docs(), batch_size=self.batch_size):
            yield Result(doc._.claimx_article, doc._.claims, doc._.claimx_summary)

    def extract(self, text: str, published: date | None = None, doc_id: str = "doc"
                ) -> list[Claim]:
        article = self.read(text, doc_id=doc_id, published=published)
        return next(self.pipe([article])).claims


def extract(text: str, published: date | str | None = None, doc_id: str = "doc",
            model: str | None = None) -> list[dict]:
    """One-off convenience: loads a pipeline per call; use :class:`Extractor` for many texts."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return [c.to_dict() for c in Extractor(model).extract(text, published, doc_id)]

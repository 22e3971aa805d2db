"""claimx's spaCy components: ``nlp.add_pipe("claimx")`` works in any English pipeline.

``claimx_paragraphs`` goes before the parser so that no sentence runs across a
paragraph break (a headline into the first paragraph, say); ``claimx`` goes at
the end and leaves the claims on ``doc._.claims``.
"""

from __future__ import annotations

from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .claims import ClaimBuilder
from .record import article_record
from .rules import load_rules

# Registered at import time so that worker processes (n_process > 1) have them too.
for _name in ("claims", "claimx_article", "claimx_rejected", "claimx_summary"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


SENTENCE_FINAL = tuple('.!?…:;"”’»)]')


class ParagraphSplitter:
    """Start a sentence at every paragraph, header line and after a wire dateline, and
    nowhere else after a word that cannot end a sentence (the parser otherwise splits
    after a paragraph that lacks its full stop). A doc made by ``nlp(text)`` has no
    article yet: it is read here, with the rules of the pipeline's claimx component."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.claimx_article
        if article is None and "claimx" in self.nlp.pipe_names:
            article = self.nlp.get_pipe("claimx").builder.reader.read(doc.text, doc_id="doc")
            doc._.claimx_article = article
        starts = set()
        if article is not None:
            starts = {s for s, _ in article.paragraphs} | {s for s, _, _ in article.excluded}
            if article.dateline:
                starts.add(article.dateline[1])
            starts |= {end for _, end in article.labels}
        flags = numpy.zeros((len(doc), 1), dtype="int64")  # 1 starts, -1 cannot, 0 parser's
        last, prev = "", None
        for token in doc:
            if prev is not None:
                if not prev.is_space:
                    last = prev.text
                if token.idx in starts or (prev.is_space and prev.text.count("\n") >= 2):
                    flags[token.i] = 1
                elif not token.is_space and not last.endswith(SENTENCE_FINAL):
                    flags[token.i] = -1
            prev = token
        if len(doc):
            flags[0] = 1  # from_array wants uint64; -1 wraps as spaCy's own arrays do
            doc.from_array([SENT_START], flags.astype("uint64"))  # Token setters rescan the doc
        return doc


class ClaimExtractor:
    """Finds claims with the rules compiled once at construction."""

    def __init__(self, nlp: Language, rules: list[str], default_rules: bool):
        self.rules = load_rules([Path(p) for p in rules], defaults=default_rules)
        self.builder = ClaimBuilder(nlp, self.rules)

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.claimx_article
        if article is None:
            article = self.builder.reader.read(doc.text, doc_id="doc")
            doc._.claimx_article = article
        self.builder.topics(doc)
        result = self.builder(doc, article)
        doc._.claims = result.claims
        doc._.claimx_rejected = result.rejected
        doc._.claimx_summary = article_record(article.id, article.ref(), result.claims,
                                              result.topics)
        return doc


@Language.factory("claimx_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp)


@Language.factory("claimx", default_config={"rules": [], "default_rules": True})
def make_claimx(nlp: Language, name: str, rules: list[str], default_rules: bool
                ) -> ClaimExtractor:
    return ClaimExtractor(nlp, rules, default_rules)

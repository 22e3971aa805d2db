"""claimx's spaCy components: ``nlp.add_pipe("claimx")`` works in any English pipeline.

``claimx_paragraphs`` goes before the parser so that no sentence runs across a
paragraph break (a headline into the first paragraph, say); ``claimx`` goes at
the end. Everything they leave on a Doc is plain data, Spans or SpanGroups, so a
Doc can go through ``nlp.pipe(n_process=2)``, a ``DocBin`` or ``to_disk``:

- ``doc._.claims``: the claims as :class:`claimx.Claim` objects, built on each access
  from ``doc._.claimx_records``, their ``claimx.claim/1`` records;
- ``doc.spans["claimx_claims"]``: one span per claim over its content, labelled with
  its type, whose ``span._.claim`` is the record and ``span._.speaker``, ``cue``,
  ``kind``, ``type``, ``date`` and ``topics`` its main fields (displaCy's span view
  renders them);
- ``doc._.claimx_article`` (the layout), ``claimx_rejected``, ``claimx_summary``.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from .article import Article
from .claims import ClaimBuilder
from .record import Claim, article_record
from .rules import load_rules

CLAIMS_KEY = "claimx_claims"

# Registered at import time so that worker processes (n_process > 1) have them too.
for _name in ("claimx_article", "claimx_records", "claimx_rejected", "claimx_summary"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Doc.has_extension("claims"):
    Doc.set_extension("claims", getter=lambda doc: [Claim.from_dict(r) for r in
                                                    doc._.claimx_records or []])


def _record(span: Span) -> dict | None:
    return next((r for r in span.doc._.claimx_records or []
                 if get_string_id(r["id"]) == span.id), None)


def _field(read):
    return lambda span: None if (record := _record(span)) is None else read(record)


SPAN_FIELDS = {
    "claim": lambda r: r,
    "speaker": lambda r: r["speaker"]["name"] or r["speaker"]["mention"],
    "cue": lambda r: r["cue"]["text"],
    "kind": lambda r: r["kind"],
    "type": lambda r: r["type"],
    "date": lambda r: r["date"]["value"],
    "topics": lambda r: [t["name"] for t in r["topics"]],
}
for _name, _read in SPAN_FIELDS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_field(_read))


SENTENCE_FINAL = tuple('.!?…:;"”’»)]')


class ParagraphSplitter:
    """Start a sentence at every paragraph, header line and after a wire dateline, and
    nowhere else after a word that cannot end a sentence (the parser otherwise splits
    after a paragraph that lacks its full stop). A doc made by ``nlp(text)`` has no
    article yet: it is read here, with the rules of the pipeline's claimx component."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        layout = doc._.claimx_article
        if layout is None and "claimx" in self.nlp.pipe_names:
            reader = self.nlp.get_pipe("claimx").builder.reader
            layout = doc._.claimx_article = reader.read(doc.text, doc_id="doc").to_data()
        starts = set()
        if layout is not None:
            starts = {s for s, _ in layout["paragraphs"]} | {s for s, _, _ in layout["excluded"]}
            if layout["dateline"]:
                starts.add(layout["dateline"][1])
            starts |= {end for _, end in layout["labels"]}
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
        layout = doc._.claimx_article
        article = (Article.from_data(doc.text, layout) if layout is not None
                   else self.builder.reader.read(doc.text, doc_id="doc"))
        self.builder.topics(doc)
        result = self.builder(doc, article)
        records = [claim.to_dict() for claim in result.claims]
        doc._.claimx_article = article.to_data()
        doc._.claimx_records = records
        doc._.claimx_rejected = [asdict(r) for r in result.rejected]
        doc._.claimx_summary = article_record(article.id, article.ref(), result.claims,
                                              result.topics)
        doc.spans[CLAIMS_KEY] = [
            doc.char_span(r["content"]["start"], r["content"]["end"], label=r["type"],
                          span_id=get_string_id(r["id"]), alignment_mode="expand")
            for r in records]  # the id's hash: a string would stay in the vocab for good
        return doc


@Language.factory("claimx_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter(nlp)


@Language.factory("claimx", default_config={"rules": [], "default_rules": True})
def make_claimx(nlp: Language, name: str, rules: list[str], default_rules: bool
                ) -> ClaimExtractor:
    return ClaimExtractor(nlp, rules, default_rules)

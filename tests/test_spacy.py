"""claimx as spaCy data: what the components leave on a Doc survives worker processes,
DocBin and disk; claims are a SpanGroup; a saved pipeline and the component's config
work as they do for any spaCy component."""

import json
from datetime import date, datetime

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st
from test_cli import SAMPLE, claimx

from claimx import as_date

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(path.read_text(encoding="utf-8")) for path in SAMPLES]


def test_worker_processes_give_the_same_claims(nlp, docs):
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    in_workers = list(nlp.pipe(texts, n_process=2))
    assert [d._.claimx_records for d in in_workers] == [d._.claimx_records for d in docs]
    assert all(d._.claimx_records for d in docs)


def test_claim_ids_stay_out_of_the_vocab(nlp, docs):
    """A run over many articles must not grow the string store by every claim's id."""
    spans = [s for d in docs for s in d.spans["claimx_claims"]]
    assert spans and all(s._.claim["id"] not in nlp.vocab.strings for s in spans)
    assert [s._.claim["id"] for s in spans] == [r["id"] for d in docs
                                               for r in d._.claimx_records]


def test_docbin_and_disk_keep_claims_spans_and_layout(nlp, docs, tmp_path):
    from spacy.tokens import Doc, DocBin

    stored = DocBin(store_user_data=True, docs=docs).to_bytes()
    restored = list(DocBin().from_bytes(stored).get_docs(nlp.vocab))
    docs[0].to_disk(tmp_path / "doc.spacy")
    restored.append(Doc(nlp.vocab).from_disk(tmp_path / "doc.spacy"))
    for before, after in zip(docs + docs[:1], restored, strict=True):
        assert [c.to_dict() for c in after._.claims] == [c.to_dict() for c in before._.claims]
        assert plain(after._.claimx_summary) == plain(before._.claimx_summary)
        assert [(s.start, s.end, s.label_, s._.speaker) for s in after.spans["claimx_claims"]] \
            == [(s.start, s.end, s.label_, s._.speaker) for s in before.spans["claimx_claims"]]
        assert plain(after._.claimx_article) == plain(before._.claimx_article)


def plain(value):
    """As JSON sees it (msgpack gives lists back as tuples)."""
    return json.loads(json.dumps(value))


def test_every_claim_is_a_content_span_with_its_fields(docs):
    for doc in docs:
        claims = doc._.claims
        spans = list(doc.spans["claimx_claims"])
        assert len(spans) == len(claims) > 0
        for claim, span in zip(claims, spans, strict=True):
            assert span.start_char <= claim.content.start < claim.content.end <= span.end_char
            assert span.end_char - span.start_char < len(claim.content.text) + 40  # no more
            assert span.label_ == span._.type == claim.type
            assert span._.speaker == (claim.speaker.name or claim.speaker.mention)
            assert (span._.cue, span._.kind, span._.date) == \
                (claim.cue.text, claim.kind, claim.date.value)
            assert span._.topics == [t.name for t in claim.topics]
            assert span._.claim["id"] == claim.id


def test_displacy_span_view_renders_the_claims(nlp):
    import re

    from spacy import displacy

    doc = nlp("Headline here\n\n2019-02-04\n\nThe minister said on Friday that the talks "
              "would resume. \u201cWe will not leave the treaty,\u201d Lavrov told reporters.")
    spans = list(doc.spans["claimx_claims"])
    assert len(spans) == 2
    html = displacy.render(doc, style="span", options={"spans_key": "claimx_claims"})
    marked = re.findall(r'<span style="font-weight: bold; display: inline-block[^>]*>\s*(\S+)',
                        html)
    assert marked == [t.text for s in spans for t in s]
    labels = re.findall(r'font-size: 0.6em[^>]*>\s*(\S+)', html)
    assert labels == [s.label_ for s in spans]


def test_saved_pipeline_loads_as_model_dir(nlp, tmp_path, sample_run):
    from claimx.model import load_pipeline

    nlp.to_disk(tmp_path / "pipeline")
    again = load_pipeline(str(tmp_path / "pipeline"))
    assert again.pipe_names == nlp.pipe_names
    result = claimx("extract", SAMPLE, "--model", tmp_path / "pipeline")
    assert result.returncode == 0, result.stderr
    assert result.stdout == sample_run.stdout


@pytest.fixture(scope="module")
def sample_run():
    return claimx("extract", SAMPLE)


def test_component_rules_come_through_its_config(tmp_path):
    import spacy

    from claimx.model import resolve_model

    (tmp_path / "cues.yaml").write_text(
        "cues:\n  - id: insinuate\n    lemma: [insinuate]\n    type: accusation\n",
        encoding="utf-8")
    text = ("Headline here\n\n2019-02-04\n\n"
            "The minister insinuated that Russia had broken the treaty.")
    contents = {}
    for rules in ([], [str(tmp_path)]):
        nlp = spacy.load(resolve_model(), exclude=["senter"])
        nlp.add_pipe("claimx_paragraphs", before="parser")
        nlp.add_pipe("claimx", config={"rules": rules})
        assert nlp.get_pipe_config("claimx")["rules"] == rules
        contents[bool(rules)] = [(c.cue.lemma, c.type) for c in nlp(text)._.claims]
    assert ("insinuate", "accusation") in contents[True]
    assert ("insinuate", "accusation") not in contents[False]


ONE_SENTENCE = ("Russian President Vladimir Putin said on Saturday that Russia would suspend "
                "the INF Treaty.")


def test_a_one_sentence_doc_gives_its_claim(nlp):
    claims = nlp(ONE_SENTENCE)._.claims
    if not claims:
        pytest.xfail("the header detector takes a lone sentence for a headline "
                     "(the layout work in article.py fixes it)")
    assert [(c.speaker.name, c.cue.text) for c in claims] == [("Vladimir Putin", "said")]
    assert claims[0].content.text == "Russia would suspend the INF Treaty"


def test_published_takes_a_date_a_datetime_or_an_iso_string(extractor):
    text = "Headline here\n\nThe minister said on Friday that the talks would resume."
    by_date = [c.to_dict() for c in extractor.extract(text, published=date(2019, 2, 4))]
    assert by_date[0]["date"]["value"] == "2019-02-01"
    for given_as in ("2019-02-04", "2019-02-04T09:30:00+01:00", datetime(2019, 2, 4, 23)):
        assert [c.to_dict() for c in extractor.extract(text, published=given_as)] == by_date
    article = extractor.read(text, published="2019-02-04")
    assert article.published == date(2019, 2, 4)
    with pytest.raises(ValueError, match="04/02/2019"):
        extractor.extract(text, published="04/02/2019")


@given(st.dates())
def test_as_date_reads_back_every_iso_date(day):
    assert as_date(day.isoformat()) == as_date(day) == day
    assert as_date(datetime(day.year, day.month, day.day, 12).isoformat()) == day


def test_every_record_on_the_test_articles_fits_the_schema(extractor):
    from jsonschema import validate

    from claimx.record import JSON_SCHEMA

    paths = SAMPLES + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    results = extractor.pipe(extractor.read(p.read_text(encoding="utf-8"), doc_id=p.stem)
                             for p in paths)
    resolved = set()
    for result in results:
        for claim in result.claims:
            record = claim.to_dict()
            validate(record, JSON_SCHEMA)  # enums included: resolved, kind, type, date.source
            resolved.add(record["speaker"]["resolved"])
    assert len(resolved) >= 8

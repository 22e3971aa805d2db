"""Inputs: doc ids unique within a run, formats found by content, trafilatura's --json
lines as first-class articles."""

import json
import subprocess
import sys

import pytest

from claimx.inputs import Input, Loaded, expand, load, sniff

TEXT = "Putin said on Saturday that the treaty is dead.\n\nLavrov said the talks had failed."
TRAFILATURA = {"title": "Putin speaks", "author": "Jane Doe", "hostname": "example.com",
               "date": "2019-02-04", "fingerprint": "7ff4058e9da636fa", "id": None,
               "source": "https://example.com/putin", "comments": "", "tags": "",
               "raw_text": "Putin speaks " + TEXT, "text": "Putin speaks\n" + TEXT}


def test_doc_ids_are_paths_under_their_argument_and_unique(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / "news" / folder).mkdir(parents=True)
        (tmp_path / "news" / folder / "index.html").write_text("x")
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("x")
    (tmp_path / "one.txt").write_text("x")
    given = [tmp_path / "news", tmp_path / "one.txt", tmp_path / "a" / "same.txt",
             tmp_path / "b" / "same.txt", "-"]
    ids = [i.doc_id for i in expand([str(p) for p in given])]
    assert ids == ["a/index", "b/index", "one", f"{tmp_path.as_posix()}/a/same",
                   f"{tmp_path.as_posix()}/b/same", "stdin"]


@pytest.mark.parametrize(("text", "fmt"), [
    ('{"text": "Putin said so."}\n{"text": "x"}\n', "jsonl"),
    ("\n<!DOCTYPE html><html><body><p>Putin said so.</p></body></html>", "html"),
    ("<p>Putin said so.</p>", "html"),
    ("{Putin} said so.\n", "text"), ("<Putin> said so.", "text"), ("Putin said so.", "text")])
def test_formats_are_found_by_content(text, fmt):
    assert sniff(text) == fmt


def test_trafilatura_json_lines_are_articles(tmp_path):
    (tmp_path / "dump.json").write_text(json.dumps(TRAFILATURA) + "\n"
                                        + json.dumps({"id": "x7", "text": "Putin said."}))
    first, second = load(Input(str(tmp_path / "dump.json"), "dump"))
    assert isinstance(first, Loaded) and isinstance(second, Loaded)
    assert (first.doc_id, first.title, first.author, first.url, str(first.published)) == (
        "dump:1", "Putin speaks", "Jane Doe", "https://example.com/putin", "2019-02-04")
    assert first.text == TRAFILATURA["text"] and first.path == f"{tmp_path}/dump.json:1"
    assert (second.doc_id, second.url) == ("x7", None)


def test_a_given_title_keeps_the_first_paragraphs_claim(extractor):
    article = extractor.read(TEXT, doc_id="t", published="2019-02-04", title="Russia speaks")
    claims = next(extractor.pipe([article])).claims
    assert [c.content.text for c in claims] == ["the treaty is dead", "the talks had failed"]
    article = extractor.read(TRAFILATURA["text"], published="2019-02-04", title="Putin speaks")
    assert [c.content.text for c in next(extractor.pipe([article])).claims] == [
        "the treaty is dead", "the talks had failed"]


def run(*args, stdin):
    return subprocess.run([sys.executable, "-m", "claimx.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_standard_input_is_read_by_its_content_and_input_format_overrides():
    from jsonschema import validate

    from claimx.record import JSON_SCHEMA

    result = run("extract", "-", stdin=json.dumps(TRAFILATURA) + "\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc"], r["content"]["text"]) for r in records] == [
        ("stdin:1", "the treaty is dead"), ("stdin:1", "the talks had failed")]
    assert records[0]["article"] == {"path": "-:1", "title": "Putin speaks",
                                     "published": "2019-02-04", "author": "Jane Doe",
                                     "url": "https://example.com/putin"}
    validate(records[0], JSON_SCHEMA)
    page = ("<html><head><title>Putin speaks</title></head><body><article><h1>Putin speaks"
            f"</h1><p>{TEXT.replace(chr(10) * 2, '</p><p>')}</p></article></body></html>")
    html = run("extract", "-", "--published", "2019-02-04", stdin=page)
    assert [json.loads(line)["content"]["text"] for line in html.stdout.splitlines()] == [
        "the treaty is dead", "the talks had failed"]
    as_text = run("extract", "-", "--input-format", "text", "--articles",
                  stdin=json.dumps(TRAFILATURA))
    assert [json.loads(line)["doc"] for line in as_text.stdout.splitlines()] == ["stdin"]

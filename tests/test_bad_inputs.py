"""A table of bad inputs: each gives its exit code and its one stderr line, and a good
article given alongside is still written. The inputs that fail one article each share one
run (a model load); the usage errors, which stop before any article, run alone."""

import json
import random
import subprocess
import sys

import pytest

GOOD = "Headline\n\n2019-02-04\n\nPutin said on Saturday that the treaty is dead.\n"
LINE = {"text": "Putin said the treaty is dead."}


def jsonl(**fields) -> bytes:
    return (json.dumps({**LINE, **fields}) + "\n").encode()


# file name, bytes, how the stderr line goes on after "claimx: error: PATH"
FAILING = [
    ("nul.txt", b"Putin\x00said\x00", ": binary file, not an article"),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4, ": binary file, not an article"),
    ("noise.txt", random.Random(3).randbytes(3000).replace(b"\x00", b"\x01"),
     ": binary file, not an article"),
    ("controls.txt", b"Putin said \x01\x02\x03\x04\x05\x06\x07\x08 so.",
     ": binary file, not an article"),
    ("utf16-no-bom.txt", "Putin said so.".encode("utf-16-le"), ": binary file, not an article"),
    ("binary.html", b"\x00\x01\x02<html>", ": binary file, not an article"),
    ("empty-page.html", b"<html><body></body></html>", ": no article text found in the HTML"),
    ("not-json.jsonl", b"Putin said so.\n", ":1: invalid JSON: Expecting value"),
    ("cut.jsonl", b'{"text": "Putin sa\n', ":1: invalid JSON: Unterminated string starting at"),
    ("trailing-comma.jsonl", b'{"text": "x",}\n', ":1: invalid JSON: "),  # words vary
    ("deep.jsonl", b"[" * 50_000 + b"]" * 50_000 + b"\n", ":1: invalid JSON: nested too deeply"),
    ("deep-field.jsonl", b'{"text": "x", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n",
     ":1: invalid JSON: nested too deeply"),
    ("array.jsonl", b"[1, 2]\n", ':1: an article line needs a "text" or "html" string'),
    ("null.jsonl", b"null\n", ':1: an article line needs a "text" or "html" string'),
    ("string.jsonl", b'"text"\n', ':1: an article line needs a "text" or "html" string'),
    ("no-text.jsonl", b'{"title": "T"}\n', ':1: an article line needs a "text" or "html" string'),
    ("empty-text.jsonl", b'{"text": ""}\n', ':1: an article line needs a "text" or "html" string'),
    ("text-number.jsonl", b'{"text": 1.5}\n', ':1: "text" must be a string, not float'),
    ("text-nan.jsonl", b'{"text": NaN}\n', ':1: "text" must be a string, not float'),
    ("text-list.jsonl", jsonl(text=["Putin said so."]), ':1: "text" must be a string, not list'),
    ("text-bool.jsonl", b'{"text": true}\n', ':1: "text" must be a string, not bool'),
    ("html-list.jsonl", b'{"html": ["<p>x</p>"]}\n', ':1: "html" must be a string, not list'),
    ("html-empty-page.jsonl", b'{"html": "<html></html>"}\n',
     ":1: no article text found in the HTML"),
    ("title-list.jsonl", jsonl(title=["a", "b"]), ':1: "title" must be a string, not list'),
    ("title-dict.jsonl", jsonl(title={"en": "T"}), ':1: "title" must be a string, not dict'),
    ("title-float.jsonl", jsonl(title=5.5), ':1: "title" must be a string, not float'),
    ("author-list.jsonl", jsonl(author=["A", "B"]), ':1: "author" must be a string, not list'),
    ("id-list.jsonl", jsonl(id=[1]), ':1: "id" must be a string, not list'),
    ("id-dict.jsonl", jsonl(id={"n": 1}), ':1: "id" must be a string, not dict'),
    ("url-bool.jsonl", jsonl(url=True), ':1: "url" must be a string, not bool'),
    ("source-float.jsonl", jsonl(source=0.5), ':1: "source" must be a string, not float'),
    ("published-words.jsonl", jsonl(published="last Tuesday"),
     ':1: "published" must be YYYY-MM-DD'),
    ("published-month-13.jsonl", jsonl(published="2019-13-01"),
     ':1: "published" must be YYYY-MM-DD'),
    ("published-year-0.jsonl", jsonl(published="0000-01-01"),
     ':1: "published" must be YYYY-MM-DD'),
    ("published-inf.jsonl", b'{"text": "x", "published": 1e999}\n',
     ':1: "published" must be a string, not float'),
    ("published-list.jsonl", jsonl(published=["2019-02-04"]),
     ':1: "published" must be a string, not list'),
    ("date-words.jsonl", jsonl(date="yesterday"), ':1: "date" must be YYYY-MM-DD'),
    ("date-dict.jsonl", jsonl(date={"y": 2019}), ':1: "date" must be a string, not dict'),
]


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    for name, data, _ in FAILING:
        (folder / name).write_bytes(data)
    (folder / "huge.txt").write_bytes(b"")
    with open(folder / "huge.txt", "r+b") as f:
        f.truncate(50_000_001)
    (folder / "empty-folder").mkdir()
    good = folder / "good.txt"
    good.write_text(GOOD)
    paths = [*(folder / name for name, _, _ in FAILING), folder / "huge.txt",
             folder / "empty-folder", folder / "missing.txt", good]
    result = subprocess.run([sys.executable, "-m", "claimx.cli", "extract", *map(str, paths)],
                            capture_output=True, text=True, timeout=600)
    return folder, result


OTHER_FAILING = [
    ("huge.txt", ": file too large (50,000,001 bytes; the limit is 50,000,000)"),
    ("empty-folder", ": no article files (.txt, .html, .jsonl) in this directory"),
    ("missing.txt", ": no such file or directory"),
]


@pytest.mark.parametrize(("name", "line"), [(n, line) for n, _, line in FAILING] + OTHER_FAILING,
                         ids=[n for n, _, _ in FAILING] + [n for n, _ in OTHER_FAILING])
def test_a_bad_input_is_one_line_exit_1_and_the_good_article_is_written(failing_run, name,
                                                                        line):
    folder, result = failing_run
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert sum(e.startswith(f"claimx: error: {folder}/{name}{line}") for e in errors) == 1
    assert sum(f"{folder}/{name}" in e for e in errors) == 1
    assert [json.loads(r)["doc"] for r in result.stdout.splitlines()] == ["good"]


def test_nothing_else_reaches_standard_error(failing_run):
    _, result = failing_run
    assert len(result.stderr.splitlines()) == len(FAILING) + len(OTHER_FAILING)


def run_alone(tmp_path, data, *options):
    (tmp_path / "input").write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD)
    return subprocess.run([sys.executable, "-m", "claimx.cli", "extract", *options,
                           str(tmp_path / "input"), str(tmp_path / "good.txt")],
                          capture_output=True, text=True, timeout=600)


# bytes, options, exit code, the stderr line ({path} is the input's), the good one written
ALONE = [
    ("Putin said “the treaty” is dead.".encode()[:-2] + b"\xff.", (), 0,
     "claimx: warning: {path}: invalid UTF-8 replaced with U+FFFD (the first at byte 34)",
     True),
    ("Le ministre a dit que le café rouvrirait.".encode("cp1252"), (), 0,
     "claimx: warning: {path}: not UTF-8; decoded as cp12", True),
    (b"Putin said so.", ("--published", "04/02/2019"), 2,
     "claimx: error: --published must be YYYY-MM-DD, not '04/02/2019'", False),
    (b"Putin said so.", ("--model", "no_such_model_xyz"), 2,
     "claimx: error: spaCy model 'no_such_model_xyz' is not installed", False),
    (b"Putin said so.", ("--model", "no.such.model"), 2,
     "claimx: error: spaCy model 'no.such.model' is not installed", False),
    (b"Putin said so.", ("--rules", "/no/such/rules"), 2,
     "claimx: error: /no/such/rules: rule folder not found", False),
]


@pytest.mark.parametrize(("data", "options", "code", "line", "written"), ALONE,
                         ids=["broken-utf8", "cp1252", "published", "model", "dotted-model",
                              "rules"])
def test_warnings_and_usage_errors(tmp_path, data, options, code, line, written):
    result = run_alone(tmp_path, data, *options)
    assert result.returncode == code
    assert result.stderr.splitlines()[0].startswith(line.format(path=tmp_path / "input"))
    assert ("good" in {json.loads(r)["doc"] for r in result.stdout.splitlines()}) == written


def test_a_model_folder_without_a_pipeline_and_a_broken_rule_file_exit_2(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "cues.yaml").write_text("cues:\n  - id: [x\n")
    empty = run_alone(tmp_path, b"x", "--model", str(tmp_path / "rules"))
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr == (f"claimx: error: {tmp_path}/rules: not a spaCy pipeline folder "
                            "(no config.cfg in it)\n")
    broken = run_alone(tmp_path, b"x", "--rules", str(tmp_path / "rules"))
    assert (broken.returncode, broken.stdout) == (2, "")
    assert broken.stderr == (f"claimx: error: {tmp_path}/rules/cues.yaml:2:9: '[' is never "
                             "closed (end of file at 3:1)\n")

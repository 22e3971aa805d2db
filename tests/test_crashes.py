"""Regressions of every crash issue 12 lists: each input gives what it should, not only no
traceback."""

import json
import os
import subprocess
import sys
from datetime import date

from conftest import ROOT

GOOD = "Headline\n\n2019-02-04\n\nPutin said on Saturday that the treaty is dead.\n"


def claims(extractor, text, published=None):
    return [(c.speaker.name, c.cue.text, c.content.text) for c in
            extractor.extract(text, published=published)]


def test_according_to_with_no_clause_is_no_claim_and_the_next_sentence_is(extractor):
    text = "According to MSNBC, basically.\n\nAccording to MSNBC, the treaty is dead."
    assert claims(extractor, text) == [("MSNBC", "According to", "the treaty is dead")]
    assert claims(extractor, "0\n\nACCORDING TO 0:") == []


def test_a_subject_of_no_words_is_no_speaker(extractor):
    text = "0\n\nB( %said:\n\nPutin said the treaty is dead."
    assert claims(extractor, text) == [("Vladimir Putin", "said", "the treaty is dead")]


def test_quotation_marks_around_no_word_quote_nothing(extractor):
    assert claims(extractor, '0\n\nsaId B."\n\n."') == []
    text = 'Putin said: "The treaty is dead."\n\n""\n\n"Russia will respond."'
    assert [c[2] for c in claims(extractor, text)] == ["The treaty is dead.",
                                                        "Russia will respond."]


def test_dates_outside_the_calendar_fall_back_and_early_years_have_four_digits(extractor):
    first = extractor.extract("Putin said last week that the treaty is dead.",
                              published=date(1, 1, 1))
    assert [(c.date.value, c.date.source) for c in first] == [("0001-01-01", "published")]
    early = extractor.extract("Putin said in February that the treaty is dead.",
                              published=date(999, 3, 10))
    assert [c.date.value for c in early] == ["0999-02"]
    assert early[0].to_dict()["article"]["published"] == "0999-03-10"


def run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "claimx.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300, **kwargs)


def test_bad_jsonl_lines_and_file_names_are_one_line_each_and_the_rest_is_written(tmp_path):
    lines = ['[' * 100_000 + ']' * 100_000,
             json.dumps({"text": "Putin said the treaty is dead.", "title": ["a", "b"]}),
             '{"id": "big", "text": "Putin said the treaty is dead.", "n": ' + "9" * 5000 + "}",
             '{"id": "odd\\udc00", "text": "Putin said the \\ud800 treaty is dead.",'
             ' "title": "x\\udfff"}']
    (tmp_path / "rows.jsonl").write_text("\n".join(lines) + "\n")
    os.makedirs(tmp_path / "names")
    (tmp_path / "names" / "good.txt").write_text(GOOD)
    with open(os.path.join(os.fsencode(tmp_path / "names"), b"caf\xe9.txt"), "wb") as f:
        f.write(GOOD.encode())
    result = run("extract", tmp_path / "rows.jsonl", tmp_path / "names")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"claimx: error: {tmp_path}/rows.jsonl:1: invalid JSON: nested too deeply",
        f"claimx: error: {tmp_path}/rows.jsonl:2: \"title\" must be a string, not list"]
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in records] == ["big", "odd\ufffd", "caf\ufffd", "good"]
    assert records[1]["article"]["title"] == "x\ufffd"
    assert records[1]["content"]["text"] == "the \ufffd treaty is dead"
    assert records[2]["article"]["path"] == f"{tmp_path}/names/caf\ufffd.txt"


def test_closed_standard_input_is_one_line(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    result = run("extract", "-", tmp_path / "good.txt", stdin=None,
                 preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["claimx: error: -: standard input is closed"]
    assert json.loads(result.stdout)["doc"] == "good"


def test_a_model_folder_that_is_no_pipeline_exits_2(tmp_path):
    result = run("extract", ROOT / "samples", "--model", tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"claimx: error: {tmp_path}: not a spaCy pipeline folder "
                             "(no config.cfg in it)\n")
    assert result.stdout == ""


def test_a_blank_line_parsed_as_a_noun_names_nobody(extractor):
    """A PolNeAR article's parse made a blank line the object of "to" after a cue: its
    addressee's name was "\\n\\n" and the speaker check read the last of no words."""
    from spacy.tokens import Doc

    from claimx.frames import noun_phrase

    doc = Doc(extractor.nlp.vocab, words=["He", "spoke", "to", "\n\n", "the", "press"],
              spaces=[True, True, False, False, True, False],
              heads=[1, 1, 1, 2, 5, 1], deps=["nsubj", "ROOT", "prep", "pobj", "det", "dobj"])
    assert noun_phrase(doc[3]) == []
    assert [t.text for t in noun_phrase(doc[5])] == ["the", "press"]

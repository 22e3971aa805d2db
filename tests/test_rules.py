"""Rule files: clear errors with file:line, overlays by id, shipped in the wheel."""

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from claimx.rules import RuleErrors, load_rules


def errors_for(tmp_path, name, text):
    (tmp_path / f"{name}.yaml").write_text(text)
    with pytest.raises(RuleErrors) as info:
        load_rules([tmp_path])
    return [str(e) for e in info.value.errors]


@pytest.mark.parametrize("text,error", [
    ("topics:\n  - id: t\n    name: [unclosed\n",
     "3:11: '[' is never closed (end of file at 4:1)"),
    ("topics:\n  - id: 't\n", "2:9: \"'\" is never closed (end of file at 3:1)"),
    ("topics: {a: 1\n", "1:9: '{' is never closed (end of file at 2:1)"),
    ("topics: [a, b\nx: 1\n", "1:9: '[' is not closed: did not find expected ',' or ']' at 2:2"),
    ("topics:\n  - id: a\n  name: x\n", "3:3: invalid YAML: did not find expected '-' "
     "indicator (while parsing a block collection at 2:3)"),
])
def test_broken_yaml_is_reported_where_the_mistake_is(tmp_path, text, error):
    assert errors_for(tmp_path, "topics", text) == [f"{tmp_path / 'topics.yaml'}:{error}"]


def test_unknown_key_and_wrong_type(tmp_path):
    errors = errors_for(tmp_path, "topics",
                        "topics:\n  - id: t\n    name: T\n    type: missile\n"
                        "    alias: [x]\n  - id: u\n    name: U\n    type: missile\n"
                        "    aliases: nope\n")
    assert any("topics.yaml:5:5: topics[0]: unknown key 'alias'" in e for e in errors)
    assert any("topics.yaml:9:14: topics[1].aliases: Input should be a valid list, not a string"
               in e for e in errors)


def test_bad_spacy_pattern_and_duplicate_id(tmp_path):
    errors = errors_for(tmp_path, "topics",
                        "topics:\n  - id: t\n    name: T\n    type: missile\n"
                        "    patterns: [[{NOT_AN_ATTR: x}]]\n"
                        "  - id: t\n    name: T2\n    type: missile\n")
    assert any("topics.yaml:5" in e and "bad spaCy pattern" in e for e in errors)
    assert any("topics.yaml:6:9: topics[1].id: duplicate id 't'" in e for e in errors)


def test_overlay_adds_and_replaces_by_id(tmp_path):
    (tmp_path / "topics.yaml").write_text(
        "topics:\n  - id: hwasong-99\n    name: Hwasong-99\n    type: missile\n"
        "    aliases: [Hwasong-99]\n  - id: kalibr\n    name: Kalibr (renamed)\n"
        "    type: missile\n    aliases: [Kalibr]\n")
    rules = load_rules([tmp_path])
    names = {e["id"]: e["name"] for e in rules.entries("topics", "topics")}
    assert names["hwasong-99"] == "Hwasong-99"
    assert names["kalibr"] == "Kalibr (renamed)"
    assert "inf-treaty" in names


def test_new_topic_entry_is_matched_without_code_change(tmp_path):
    from datetime import date

    from claimx import Extractor

    (tmp_path / "topics.yaml").write_text(
        "topics:\n  - id: hwasong-99\n    name: Hwasong-99\n    type: missile\n"
        "    aliases: [Hwasong-99]\n")
    ex = Extractor(rules=[tmp_path])
    text = "Headline\n\nOfficials said the Hwasong 99s were moved north."
    claims = ex.extract(text, published=date(2024, 1, 5))
    assert [t.name for t in claims[0].topics] == ["Hwasong-99"]


def test_default_rules_ship_inside_the_wheel(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                           timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("claimx-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for rule in ("cues", "speakers", "dates", "topics", "article", "extended/topics"):
        assert f"claimx/rules/{rule}.yaml" in names


def test_the_extended_overlay_adds_topics_beyond_the_canonical_list(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no folder called "extended" here: the packaged overlay
    default = {e["name"] for e in load_rules().entries("topics", "topics")}
    extended = {e["name"] for e in load_rules([Path("extended")]).entries("topics", "topics")}
    assert "Typhon" in default and "Hwasong-18" not in default and "Patriot" not in default
    assert {"Hwasong-18", "Patriot", "SALT II"} <= extended and default < extended
    errors_free = subprocess.run([sys.executable, "-m", "claimx.cli", "rules", "check",
                                  "extended"], capture_output=True, text=True)
    assert errors_free.returncode == 0, errors_free.stderr


def test_yaml_boolean_trap_is_explained(tmp_path):
    errors = errors_for(tmp_path, "cues",
                        "type_rules:\n  - id: r\n    type: denial\n"
                        "    patterns:\n      - [{LOWER: {IN: [not, no]}}]\n")
    assert any("cues.yaml:5" in e and "'false'" in e and "quote it" in e for e in errors)


def test_duplicate_yaml_key_is_an_error(tmp_path):
    errors = errors_for(tmp_path, "topics",
                        "topics:\n  - id: a\n    name: A\n    name: B\n    type: missile\n")
    assert any("topics.yaml:4:5: topics[0].name: duplicate key" in e for e in errors)


def test_rules_check_command(tmp_path):
    from test_cli import claimx

    ok = claimx("rules", "check")
    assert ok.returncode == 0 and re.search(r"\b\d{2,} topics\b", ok.stdout)
    (tmp_path / "cues.yaml").write_text("cues:\n  - id: x\n    lemma: say\n    typ: statement\n")
    bad = claimx("rules", "check", tmp_path)
    assert bad.returncode == 2
    assert "cues.yaml:4:5: cues[0]: unknown key 'typ'" in bad.stderr


def test_rules_test_passes_on_defaults_and_names_a_failing_rule(tmp_path):
    from test_cli import claimx

    ok = claimx("rules", "test")
    assert ok.returncode == 0
    assert re.search(r"^\d+ passed, 0 failed$", ok.stdout, re.M)
    (tmp_path / "cues.yaml").write_text(
        "cues:\n  - id: insinuate\n    lemma: [insinuate]\n    type: accusation\n"
        "    examples:\n      - {text: \"Moscow insinuated that Kyiv staged the strike.\","
        " type: denial}\n")
    bad = claimx("rules", "test", tmp_path)
    assert bad.returncode == 1
    assert "FAIL" in bad.stdout and "cues.yaml cues:insinuate" in bad.stdout
    assert "no claim with type=denial; got: [insinuate accusation by Russia" in bad.stdout


@pytest.mark.parametrize("mention,expected", [
    ("Poland's foreign ministry", ("Polish Foreign Ministry", "organisation")),
    ("the Polish foreign ministry", ("Polish Foreign Ministry", "organisation")),
    ("Russia's defence ministry", ("Russian Defense Ministry", "organisation")),  # an entity
    ("U.S. Army", ("US Army", "organisation")),
    ("the German government", ("Germany", "country")),
    ("the Russian diplomat", ("Russian diplomat", "organisation")),  # a role, not a body
])
def test_a_countrys_bodies_have_one_spelling(mention, expected):
    from claimx.speakers import SpeakerResolver

    assert SpeakerResolver(load_rules()).canonical_group(mention) == expected

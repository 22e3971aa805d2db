"""What `rules check` accepts, `extract` runs: a wrong value of each kind in every field
of every rule file's schema gives both commands the same file:line:col error, exit 2."""

import json
import re
from typing import Annotated, get_origin

import pytest
import yaml
from annotated_types import MaxLen, MinLen
from conftest import ROOT
from typer.testing import CliRunner

from claimx.cli import app
from claimx.schema import FILES, Example, Model, field_name, inner_model

EXAMPLE = {"text": "Lavrov said the treaty was dead.", "published": "2020-01-06",
           "speaker": "Sergei Lavrov", "cue": "say", "type": "statement", "kind": "indirect",
           "date": "2020-01-06", "topics": ["INF Treaty"], "claims": 1}
PATTERNS = [[{"LOWER": "not"}, {"LOWER": "to"}]]
REGEX = r"^(?P<date>\d{4})$"
# One entry of every section holding every field: each wrong value replaces one of them.
VALID = {
    "cues": {
        "cues": [{"id": "c", "lemma": ["say"], "type": "statement", "object": "content",
                  "frame": "verb", "content": "any", "needs": ["ccomp"],
                  "object_subjects": ["poll"], "refine": True, "confidence": 0.5,
                  "examples": [EXAMPLE]}],
        "type_rules": [{"id": "r", "type": "demand", "at": "start", "subject": "own",
                        "main_clause": True,
                        "patterns": PATTERNS,
                        "examples": [EXAMPLE]}],
        "content_nouns": [{"id": "n", "lemma": ["claim"]}]},
    "speakers": {
        "entities": [{"id": "e", "name": "Oz", "type": "country", "aliases": ["Ozland"],
                      "adjectives": ["Ozian"], "affiliation": "Oz", "examples": [EXAMPLE]}],
        "people": [{"id": "p", "name": "Ann Bo", "title": "Minister", "affiliation": "Oz",
                    "gender": "f", "aliases": ["Bo"], "examples": [EXAMPLE]}],
        "titles": [{"id": "t", "words": ["minister"], "role": "minister", "generic": False,
                    "examples": [EXAMPLE]}],
        "pronouns": [{"id": "o", "words": ["she"], "refers_to": ["person"]}],
        "institutions": [{"id": "i", "words": ["army"], "stands_for": "institution"}]},
    "dates": {
        "expressions": [{"id": "x", "words": ["lately"], "anchor": "day:2",
                         "granularity": "day", "examples": [EXAMPLE]}],
        "durations": [{"id": "d", "patterns": PATTERNS}],
        "settings": {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
                     "RETURN_AS_TIMEZONE_AWARE": False, "DATE_ORDER": "DMY",
                     "PREFER_LOCALE_DATE_ORDER": True, "STRICT_PARSING": False}},
    "topics": {
        "topics": [{"id": "k", "name": "Kx-1", "type": "missile", "aliases": ["Kx-1"],
                    "patterns": PATTERNS, "country": "Oz", "wikidata": "Q42",
                    "examples": [EXAMPLE]}],
        "anaphora": [{"id": "a", "words": ["pact"], "type": "treaty"}]},
    "article": {
        "header": [{"id": "h", "pattern": REGEX}], "datelines": [{"id": "l", "pattern": REGEX}],
        "skip": [{"id": "s", "pattern": REGEX, "kind": "caption"}],
        "end": [{"id": "z", "pattern": REGEX}], "headings": {"max_words": 8},
        "interview": {"question": REGEX, "answer": REGEX, "label": REGEX}},
}
MISSING = object()
WRONG_TYPE = {str: 5, bool: "yes", int: "x", float: "x", list: 5, dict: "x"}


def mappings(value, model, loc=()):
    """Every mapping of VALID with the model that validates it and its path."""
    yield loc, value, model
    for name, item in value.items():
        inner = inner_model(model.model_fields[name].annotation)
        for i, element in enumerate(item if isinstance(item, list) else [item]):
            if inner is not None and isinstance(element, dict):
                yield from mappings(element, inner, (*loc, name, i) if isinstance(item, list)
                                    else (*loc, name))


def bound(model, name, kind):
    metadata = model.model_fields[name].metadata
    return next((m for m in metadata if isinstance(m, kind)), None)


def wrong_values(model, name, value):
    """(kind, value) pairs for one field: each must be refused."""
    yield "wrong type", WRONG_TYPE[type(value)]
    if isinstance(value, list):
        yield "wrong item type", [WRONG_TYPE[type(value[0])]]
    if isinstance(value, str) or isinstance(value, list) and bound(model, name, MinLen):
        yield "empty", value[:0]
    most = bound(model, name, MaxLen)
    if isinstance(value, list) and most:
        yield "huge", value * (most.max_length + 1)
    elif isinstance(value, str):
        yield "huge", "x" * (most.max_length + 1 if most else 100_000)
    elif type(value) in (int, float):
        yield "huge", 10 ** 9


def cases():
    found = []
    for file, data in VALID.items():
        for loc, mapping, model in mappings(data, FILES[file]):
            for name, value in mapping.items():
                found += [(file, (*loc, name), kind, wrong)
                      for kind, wrong in wrong_values(model, name, value)]
                if model.model_fields[name].is_required():
                    found.append((file, (*loc, name), "missing", MISSING))
            found.append((file, (*loc, "zzz"), "unknown key", 1))
    return found


CASES = cases()


def with_value(file, loc, value):
    data = json.loads(json.dumps(VALID[file]))  # no shared parts: YAML would alias them
    target = data
    for step in loc[:-1]:
        target = target[step]
    if value is MISSING:
        del target[loc[-1]]
    else:
        target[loc[-1]] = value
    return data


def test_every_field_of_every_model_is_exercised():
    seen = {(model, name) for file, data in VALID.items()
            for _, mapping, model in mappings(data, FILES[file]) for name in mapping}

    def models(model):
        yield model
        for info in model.model_fields.values():
            if (inner := inner_model(info.annotation)) is not None:
                yield from models(inner)

    every = {(m, name) for root in FILES.values() for m in models(root)
             for name in m.model_fields}
    assert every - seen == set() and issubclass(next(iter(every))[0], Model)
    assert len(CASES) == 549


def test_the_valid_files_are_valid(tmp_path):
    for file, data in VALID.items():
        (tmp_path / f"{file}.yaml").write_text(yaml.safe_dump(json.loads(json.dumps(data))))
    result = CliRunner().invoke(app, ["rules", "check", "--no-default-rules", str(tmp_path)])
    assert result.exit_code == 0, result.output


def position(text, loc, kind):
    """Where the wrong value (or for an unknown key, the key) is in the written YAML."""
    node = yaml.compose(text)
    for step in loc if kind != "missing" else loc[:-1]:
        if isinstance(node, yaml.MappingNode):
            k, node = next((k, v) for k, v in node.value if k.value == step)
            if kind == "unknown key" and step == loc[-1]:
                node = k
        else:
            node = node.value[step]
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


@pytest.mark.parametrize("file,loc,kind,value", CASES,
                         ids=[f"{c[0]}:{field_name(c[1])}:{c[2]}" for c in CASES])
def test_a_wrong_value_stops_check_and_extract_alike(tmp_path, file, loc, kind, value):
    text = yaml.safe_dump(with_value(file, loc, value), sort_keys=False, width=200)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / f"{file}.yaml").write_text(text)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nLavrov said the treaty was dead.\n")
    runner = CliRunner()
    check = runner.invoke(app, ["rules", "check", "--no-default-rules", str(rules)])
    extract = runner.invoke(app, ["extract", "--no-default-rules", "--rules", str(rules),
                                  str(article)])
    assert check.exit_code == extract.exit_code == 2, check.output
    assert "Traceback" not in check.output + extract.output
    assert check.stderr == extract.stderr and check.stderr.count("\n") == 1, check.stderr
    loc = (*loc, 0) if kind == "wrong item type" else loc
    where = position(text, loc, kind)
    named = field_name(loc[:-1] if kind == "unknown key" else loc).replace("(top level)", "")
    assert check.stderr.startswith(f"claimx: error: {rules / file}.yaml:{where}: {named}"
                                   ), check.stderr


def documented_keys():
    """(file, key) of every row of rules/README.md's format tables."""
    text = (ROOT / "rules" / "README.md").read_text(encoding="utf-8").split("\n## Format\n")[1]
    found, file = set(), None
    for line in text.splitlines():
        if heading := re.match(r"### `([\w.]+?)(?:\.yaml)?`$", line):
            file = heading.group(1)
        elif row := re.match(r"\| `([\w\[\].]+)` \|", line):
            found.add((file, row.group(1)))
    return found


def schema_keys(model, prefix=""):
    for name, info in model.model_fields.items():
        inner = inner_model(info.annotation)
        if inner is None or inner is Example:
            yield prefix + name
        else:
            many = "[]" if get_origin(info.annotation) in (list, Annotated) else ""
            yield from schema_keys(inner, f"{prefix}{name}{many}.")


def test_the_rules_readme_documents_every_key_and_no_other():
    declared = {(file, key) for file, model in FILES.items() for key in schema_keys(model)}
    declared |= {("examples", key) for key in schema_keys(Example)}
    assert documented_keys() == declared

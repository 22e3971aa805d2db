"""Bounded input: only regular files of at most 1 MiB are read, aliases cannot expand
past a bound, and whatever a rule file holds is refused in one line, in linear time."""

import os
import time
import tracemalloc

import pytest
import spacy
from test_cli import claimx

from claimx.rules import RuleErrors, Rules, load_rules
from claimx.topics import TopicTagger
from claimx.yamlfile import MAX_EXPANSIONS

BOMB = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]) + "\n"


def errors(folder):
    with pytest.raises(RuleErrors) as info:
        load_rules([folder], defaults=False)
    return [str(e).replace(f"{folder}{os.sep}", "") for e in info.value.errors]


@pytest.mark.parametrize("make", ["fifo", "device", "directory"])
def test_only_regular_files_are_read(tmp_path, make):
    target = tmp_path / "cues.yaml"
    {"fifo": os.mkfifo, "device": lambda p: os.symlink("/dev/zero", p),
     "directory": os.mkdir}[make](target)
    for command in (("rules", "check"), ("extract", "--rules")):
        run = claimx(*command, tmp_path, *(["-"] if command[0] == "extract" else []),
                     stdin="Title\n\nLavrov said so.\n")
        assert run.returncode == 2 and run.stderr == (
            f"claimx: error: {target}: not a regular file\n"), run.stderr


@pytest.mark.parametrize("text,message", [
    ("# padding\n" * 110_000, "topics.yaml: rule file over 1024 KiB"),
    (BOMB, "topics.yaml: YAML aliases expand to 490329036 more nodes (at most 10000)"),
    ("topics: &a\n  - *a\n", "topics.yaml:1:9: a YAML alias refers to itself"),
    ("topics:\n  - id: t\x00\n", "topics.yaml:2:10: character U+0000 is not allowed in YAML"),
    ("topics: " + "[" * 150 + "]" * 150 + "\n",
     "topics.yaml:1:109: YAML nested deeper than 100 levels"),
])
def test_hostile_files_are_refused_in_one_line(tmp_path, text, message):
    (tmp_path / "topics.yaml").write_text(text)
    start = time.perf_counter()
    assert errors(tmp_path) == [message]
    assert time.perf_counter() - start < 10  # the walk is linear: a bomb took minutes


def test_a_few_aliases_are_fine(tmp_path):
    (tmp_path / "topics.yaml").write_text(
        "topics:\n  - {id: t, name: T, type: missile, aliases: &a [Kx]}\n"
        "  - {id: u, name: U, type: missile, aliases: *a}\n")
    topics = load_rules([tmp_path], defaults=False).entries("topics", "topics")
    assert [t["aliases"] for t in topics] == [["Kx"], ["Kx"]]


def test_a_bomb_inside_a_field_is_refused_before_it_is_expanded(tmp_path):
    (tmp_path / "topics.yaml").write_text(
        BOMB + "topics:\n  - id: t\n    name: T\n    type: missile\n    aliases: *a8\n")
    assert errors(tmp_path) == [
        f"topics.yaml: YAML aliases expand to 926177086 more nodes (at most {MAX_EXPANSIONS})"]


def test_topic_aliases_take_memory_linear_in_their_length():
    aliases = [f"{i:03d}" + "x" * 496 for i in range(200)]  # 200 aliases of 499 characters
    rules = Rules({"topics": {"topics": {"t": {"id": "t", "name": "T", "type": "treaty",
                                                "aliases": aliases}}}})
    nlp = spacy.blank("en")
    tracemalloc.start()
    tagger = TopicTagger(nlp, rules)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2_000_000  # every prefix stored: 200 * 125,000 characters
    doc = nlp(f"The, {aliases[7]} treaty")  # a comma's empty key starts no alias
    assert tagger._aliases(doc) == [("t", 2, 3)]

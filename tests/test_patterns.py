"""User regexes run on RE2: a catastrophic pattern in every place one is allowed
cannot hang extraction; what RE2 cannot run is refused at check time, with why."""

import json
import subprocess
import sys

from test_cli import claimx

from claimx.patterns import compile_regex

EVIL = "(a+)+$"
TOKEN_REGEX = [[{"LOWER": {"REGEX": EVIL}}], [{"TEXT": {"REGEX": EVIL, "NOT_IN": ["x"]}}]]
RULES = {
    "article": {"header": [{"id": "h", "pattern": EVIL}],
                "datelines": [{"id": "d", "pattern": EVIL}],
                "skip": [{"id": "s", "pattern": EVIL, "kind": "caption"}],
                "end": [{"id": "e", "pattern": EVIL}],
                "interview": {"question": EVIL, "answer": EVIL, "label": EVIL}},
    "cues": {"type_rules": [{"id": "r", "type": "denial", "patterns": TOKEN_REGEX}]},
    "dates": {"durations": [{"id": "u", "patterns": TOKEN_REGEX}]},
    "topics": {"topics": [{"id": "t", "name": "T", "type": "missile",
                           "patterns": TOKEN_REGEX}]},
}
RUN = "a" * 40 + "b"  # Python's re takes ~2**40 steps to fail (a+)+$ on it
ARTICLE = (f"Title {RUN}\n\nBy {RUN}\n\n{RUN} - Lavrov said on Friday that {RUN} was dead.\n\n"
           f"{RUN}: “The treaty {RUN} is over,” he said.\n\n{RUN}\n")
TIMED = """
import json, sys, time
from claimx import Extractor
ex = Extractor(rules=[sys.argv[1]])
start = time.perf_counter()
claims = ex.extract(sys.argv[2], published="2020-01-06")
print(json.dumps({"seconds": time.perf_counter() - start, "claims": len(claims)}))
"""


def write(folder, rules):
    folder.mkdir(exist_ok=True)
    for name, data in rules.items():
        (folder / f"{name}.yaml").write_text(json.dumps(data))  # JSON is YAML
    return folder


def test_a_nested_quantifier_everywhere_finishes_in_under_a_second(tmp_path):
    rules = write(tmp_path / "rules", RULES)
    assert claimx("rules", "check", rules).returncode == 0
    timed = subprocess.run([sys.executable, "-c", TIMED, str(rules), ARTICLE],
                           capture_output=True, text=True, timeout=120)
    assert timed.returncode == 0, timed.stderr
    result = json.loads(timed.stdout)
    assert result["claims"] >= 1 and result["seconds"] < 1.0, result


def test_what_re2_cannot_run_is_refused_with_the_reason(tmp_path):
    rules = write(tmp_path / "rules", {
        "article": {"skip": [{"id": "s", "pattern": r"(\w)\1"}],
                    "interview": {"label": "(?<=Q):"}},
        "topics": {"topics": [{"id": "t", "name": "T", "type": "missile",
                               "patterns": [[{"LOWER": {"REGEX": "a(?=b)"}}],
                                            [{"_": {"x": {"REGEX": "a"}}}]]}]}})
    errors = claimx("rules", "check", rules).stderr.splitlines()
    assert [e.split("rules/")[1] for e in errors] == [
        "topics.yaml:1:70: topics[0].patterns[0]: not supported by RE2 (linear-time "
        "matching): invalid perl operator: (?=",
        "topics.yaml:1:104: topics[0].patterns[1]: REGEX on x is not supported (only on ORTH, "
        "TEXT, LOWER, NORM, LEMMA, POS, TAG, DEP, ENT_TYPE, SHAPE, PREFIX, SUFFIX, MORPH)",
        "article.yaml:1:34: skip[0].pattern: bad regular expression: not supported by RE2 "
        r"(linear-time matching): invalid escape sequence: \1",
        "article.yaml:1:71: interview.label: bad regular expression: not supported by RE2 "
        "(linear-time matching): invalid perl operator: (?<="]


def test_classes_mean_what_they_mean_in_python():
    assert compile_regex(r"^[\w.-]+\s\d+$").match("Müller-Lüdenscheid\xa0٣")
    assert compile_regex(r"^\W\S\D$").match("!x-") and not compile_regex(r"\W").search("é")
    assert compile_regex(r"[]a]+").fullmatch("]a]")

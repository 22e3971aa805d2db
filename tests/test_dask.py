"""claimx on Dask: a LocalCluster of two worker processes writes the bytes of one process,
ordered to one file or in parts, with the run loop's rules for articles that fail."""

import subprocess
import sys

import pytest
from conftest import DATA, ROOT

pytest.importorskip("distributed")

INPUTS = [DATA / "articles", ROOT / "samples"]


def claimx(*args):
    return subprocess.run([sys.executable, "-m", "claimx.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def single(predictions):
    """What one process writes for INPUTS (the records of the shared run, as written)."""
    from claimx.writer import dumps

    assert len(predictions) > 100
    return "".join(dumps(record) + "\n" for record in predictions)


def test_a_local_cluster_of_two_writes_the_bytes_of_one_process(tmp_path, single):
    out = tmp_path / "claims.jsonl"
    result = claimx(*INPUTS, "-q", "--scheduler", "local:2", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text() == single
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]  # no .partial left


def test_parts_on_the_cluster_and_an_unreadable_input_cost_only_it(tmp_path, single):
    bad = tmp_path / "in" / "noise.txt"
    bad.parent.mkdir()
    bad.write_bytes(bytes(range(256)) * 8)
    parts = tmp_path / "parts"
    result = claimx(ROOT / "samples", bad, "-q", "--scheduler", "local:2",
                    "--partitioned", parts)
    assert result.returncode == 1
    alone = claimx(ROOT / "samples", bad, "-q")  # the same error line, the same records
    assert alone.stderr.startswith(f"claimx: error: {bad}: binary file")
    errors = [line for line in result.stderr.splitlines() if line.startswith("claimx: ")]
    assert errors == alone.stderr.splitlines()
    samples = alone.stdout
    assert [p.name for p in parts.iterdir()] == ["part-00000.jsonl"]
    assert (parts / "part-00000.jsonl").read_text() == samples
    assert single.endswith(samples)  # the samples' records as in the whole run


def test_a_bad_scheduler_is_one_line_and_exit_2():
    result = claimx(ROOT / "samples", "--scheduler", "local:0")
    assert result.returncode == 2
    assert result.stderr == ("claimx: error: --scheduler local:0: local:N needs a number of "
                             "workers N >= 1\n")


def test_parts_hold_every_size_articles_and_together_are_the_whole(tmp_path):
    from claimx.run import Outcome
    from claimx.writer import Parts, dumps

    outcomes = [Outcome(f"a{i}", f"a{i}", [{"n": i}, {"n": -i}]) for i in range(5)]
    parts = Parts(tmp_path / "new" / "parts", size=2)
    for outcome in outcomes:
        parts.emit(outcome)
    assert sorted(p.name for p in (tmp_path / "new" / "parts").iterdir()) == [
        "part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl.partial"]
    parts.close()
    files = sorted((tmp_path / "new" / "parts").iterdir())
    assert [f.name for f in files] == ["part-00000.jsonl", "part-00001.jsonl",
                                       "part-00002.jsonl"]
    assert files[1].read_text() == dumps({"n": 2}) + "\n" + dumps({"n": -2}) + "\n" + \
        dumps({"n": 3}) + "\n" + dumps({"n": -3}) + "\n"
    assert "".join(f.read_text() for f in files) == "".join(
        dumps(r) + "\n" for o in outcomes for r in o.records)
    from claimx.partial import OutputError

    with pytest.raises(OutputError, match="holds part files already"):
        Parts(tmp_path / "new" / "parts")


def test_a_partition_that_fails_whole_is_one_error_line_per_article():
    from claimx.dask import PARTITION, _taken
    from claimx.inputs import Loaded

    class Future:
        def __init__(self, value):
            self.value = value

        def result(self):
            if isinstance(self.value, Exception):
                raise self.value
            return self.value

        def release(self):
            pass

    window = [Loaded(f"d{i}", "text", f"in/d{i}.txt") for i in range(PARTITION + 2)]
    fine = ["first partition's outcomes"]
    got = list(_taken(window, [Future(fine), Future(RuntimeError("worker lost"))]))
    assert got[0] == fine[0]
    assert [o.error for o in got[1:]] == [
        "in/d8.txt: internal error (RuntimeError: worker lost)",
        "in/d9.txt: internal error (RuntimeError: worker lost)"]

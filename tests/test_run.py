"""The run loop: one article's crash costs only itself, records stream out in input order,
-o is whole or absent, signals end the run and its workers, --resume continues it."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import DATA, ROOT

SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def claimx(*args, faults=False, env=None, **kwargs):
    command = [str(ROOT / "tests" / "faults.py")] if faults else ["-m", "claimx.cli"]
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, *command, *map(str, args)], text=True, timeout=300,
                          env={**os.environ, **(env or {})}, **streams)


@pytest.fixture(scope="module")
def samples_run():
    return claimx("extract", *SAMPLES)


@pytest.fixture
def bad_folder(tmp_path):
    """The two samples with an article between them that breaks the pipeline."""
    for path in SAMPLES:
        (tmp_path / path.name).write_bytes(path.read_bytes())  # inf-mutual…, inf-suspension…
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_raises_costs_only_itself(bad_folder, samples_run, jobs):
    boom = bad_folder / "inf-n-boom.txt"
    boom.write_text("Headline\n\n2019-02-04\n\nBOOM, the minister said on Friday.\n")
    result = claimx("extract", bad_folder, "--jobs", jobs, faults=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"claimx: error: {boom}: internal error (IndexError: injected)"]
    assert result.stdout.replace(str(bad_folder), str(ROOT / "samples")) == samples_run.stdout


def test_a_worker_that_dies_costs_only_its_article(bad_folder, samples_run):
    die = bad_folder / "inf-n-die.txt"
    die.write_text("Headline\n\n2019-02-04\n\nDIE, the minister said on Friday.\n")
    result = claimx("extract", bad_folder, "--jobs", "2", faults=True)
    assert result.returncode == 1
    assert result.stderr.startswith(f"claimx: error: {die}: internal error (BrokenProcessPool:")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout.replace(str(bad_folder), str(ROOT / "samples")) == samples_run.stdout


def test_no_traceback_reaches_the_user_of_any_command():
    result = claimx("schema", faults=True, env={"CLAIMX_FAULT": "schema"})
    assert result.returncode == 1
    assert result.stderr == ("claimx: error: internal error (TypeError: Object of type object "
                             "is not JSON serializable)\n")


@pytest.mark.parametrize("where, says", [
    ("missing/out.jsonl", "no such folder"), (".", "is a directory"),
    ("/proc/out.jsonl", "cannot write")])
def test_the_output_is_checked_before_any_work(tmp_path, where, says):
    result = claimx("extract", "no-such-input.txt", "-o", where, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()  # the input is not even looked at
    assert line.startswith("claimx: error: -o ") and says in line
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_one_line_and_exit_1():
    with open("/dev/full", "w") as full:
        result = claimx("extract", SAMPLES[0], stdout=full)
    assert result.returncode == 1
    assert result.stderr == "claimx: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_closes_the_pipe_ends_the_run_quietly(jobs):
    process = subprocess.Popen([sys.executable, "-m", "claimx.cli", "extract", DATA / "articles",
                                "--jobs", jobs], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert json.loads(process.stdout.readline())["schema"] == "claimx.claim/1"
    process.stdout.close()
    assert process.wait(timeout=300) == 141
    assert process.stderr.read() == b""


def _interrupt(command, sig, ready, **popen):
    """Start ``command`` in a session of its own, send ``sig`` once ``ready()``, and return
    its exit code, its stderr, the seconds it took to end, and what of its session lives."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, **popen)
    ready(process)
    sent = time.monotonic()
    process.send_signal(sig)
    code = process.wait(timeout=60)
    took = time.monotonic() - sent
    time.sleep(0.2)
    left = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True)
    return code, process.stderr.read().decode(), took, left.stdout.split()


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_ends_the_run_and_its_workers_and_leaves_no_file(tmp_path, sig, code):
    out = tmp_path / "claims.jsonl"
    command = [sys.executable, "-m", "claimx.cli", "extract", DATA / "articles", "--jobs", "2",
               "-o", out]
    got, stderr, took, left = _interrupt(command, sig, lambda p: _wait_for_size(
        tmp_path / "claims.jsonl.partial"))
    assert got == code
    assert stderr.startswith(f"claimx: interrupted by {sig.name} after ")
    assert "Traceback" not in stderr
    assert took < 2 and left == []
    assert list(tmp_path.iterdir()) == []


def _wait_for_size(path, lines=1):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= lines:
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} did not get {lines} line(s)")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_resume_continues_an_interrupted_run_without_repeating_a_record(tmp_path, jobs):
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted((DATA / "articles").glob("*.txt"))[:12]:
        (articles / path.name).write_bytes(path.read_bytes())
    whole = claimx("extract", articles, "-q")
    out = tmp_path / "claims.jsonl"
    command = [sys.executable, "-m", "claimx.cli", "extract", articles, "-q", "-o", out,
               "--resume", "--jobs", jobs]
    journal = tmp_path / "claims.jsonl.journal"
    for lines in (2, 5):  # interrupted twice, the second time after resuming
        code, stderr, _, _ = _interrupt(command, signal.SIGTERM,
                                        lambda p, n=lines: _wait_for_size(journal, n))
        assert code == 143 and "run again with --resume" in stderr
    with open(tmp_path / "claims.jsonl.partial", "a") as partial:
        partial.write('{"schema": "claimx.claim/1", "id": "cut sh')  # an article in part
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0
    assert out.read_text() == whole.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "claims.jsonl"]


def test_resume_needs_an_output_file():
    result = claimx("extract", SAMPLES[0], "--resume")
    assert result.returncode == 2 and "--resume needs -o FILE" in result.stderr


def test_progress_counts_against_the_total_and_ends_with_a_summary(samples_run):
    result = claimx("extract", *SAMPLES, "--progress")
    assert result.stdout == samples_run.stdout
    lines = result.stderr.splitlines()
    assert lines[0].startswith("claimx: 1/2 articles, ") and ", ETA " in lines[0]
    claims = samples_run.stdout.count("\n")
    assert lines[-1].startswith(f"claimx: 2 articles, {claims} claims, 0 failed, ")


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_streamed_record_by_record_is_the_array_at_once(count):
    import io

    from claimx.writer import Stream

    records = [{"schema": "x", "n": n, "nested": {"list": [n, "é"]}} for n in range(count)]
    handle = io.StringIO()
    stream = Stream(handle, "json")
    for record in records:
        stream.write([record])
    stream.close()
    assert handle.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_batches_grow_so_that_the_first_article_goes_out_alone():
    from claimx.batches import growing

    assert [len(b) for b in growing(range(20), 8)] == [1, 2, 4, 8, 5]


def _articles(*sizes):
    from claimx.inputs import Loaded

    return [Loaded(f"a{i}", "x" * size, None) for i, size in enumerate(sizes)]


@pytest.mark.parametrize("sizes, jobs, workers", [
    ((1_000,) * 40, 2, 1),  # 40,000 characters: not worth a worker
    ((60_000,), 2, 1),  # one article: nothing to share
    ((20_000,) * 3, 2, 2),
    ((20_000,) * 3, 4, 2),  # no more workers than the input has work for
    ((20_000,) * 30, 4, 4),
    ((20_000,) * 30, 1, 1)])
def test_workers_are_started_only_for_work_that_pays_for_them(sizes, jobs, workers):
    from claimx.run import WORKER_CHARS, workers_for

    assert WORKER_CHARS == 25_000  # the sizes above are chosen around it
    articles = _articles(*sizes)
    stream = iter(articles)
    got, todo = workers_for(stream, jobs)
    assert got == workers
    assert list(todo) == articles  # read ahead, nothing lost or reordered


def test_a_small_input_under_jobs_is_read_ahead_no_further_than_it_needs():
    from claimx.run import workers_for

    read: list[int] = []

    def articles():
        for i, loaded in enumerate(_articles(*(30_000,) * 10)):
            read.append(i)
            yield loaded

    workers, todo = workers_for(articles(), 2)
    assert workers == 2 and read == [0, 1]  # 60,000 characters decide for two workers
    assert len(list(todo)) == 10

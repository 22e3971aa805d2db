"""Benchmark the run loop's streaming (a script, not a test).

    python bench/stream.py [--small 20] [--large 2000]

Prints, in one run:
- when the first record leaves ``claimx.run.run`` and when the second article has been
  parsed (a clock component after the parser), on the project's samples and test
  articles: the first record must leave first;
- the peak RSS of ``claimx extract FOLDER -o FILE`` on ``--small`` and on ``--large``
  generated articles, each in a fresh process, and their ratio (flat: within 10 %).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NAMES = ["Sergei Lavrov", "Mike Pompeo", "Jens Stoltenberg", "Wang Yi", "Dmitry Peskov",
         "Antony Blinken", "Sergei Ryabkov", "Taro Kono"]
CUES = ["said", "told reporters", "warned", "claimed", "insisted", "added"]
TOPICS = ["the INF Treaty", "New START", "the 9M729 missile", "Aegis Ashore", "the Kalibr"]


def article(seed: int) -> str:
    """A short made-up wire story: a headline, a date line, five paragraphs with claims."""
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(5):
        name, cue, topic = rng.choice(NAMES), rng.choice(CUES), rng.choice(TOPICS)
        paragraphs.append(f"\u201cWe will not accept any violation of {topic},\u201d {name} "
                          f"{cue} on {rng.choice(['Monday', 'Friday', 'Tuesday'])}. "
                          f"{name.split()[-1]} {cue} that talks on {topic} would resume "
                          f"in {rng.randint(2, 12)} weeks.")
    return f"Officials weigh arms control, report {seed}\n\n2019-02-{1 + seed % 27:02d}\n\n" \
        + "\n\n".join(paragraphs) + "\n"


def first_record_vs_second_parse() -> None:
    from spacy.language import Language

    from claimx import Extractor
    from claimx.run import Options, run

    parsed: list[float] = []

    @Language.component("bench_clock")
    def clock(doc):
        parsed.append(time.monotonic())
        return doc

    ex = Extractor()
    ex.nlp.add_pipe("bench_clock", after="parser")
    paths = [str(ROOT / "samples"), str(ROOT / "tests" / "data" / "articles")]
    left: list[float] = []
    start = time.monotonic()
    tally = run(paths, Options(extractor=ex), lambda outcome: left.append(time.monotonic()))
    first, second = left[0] - start, parsed[1] - start
    print(f"{tally.articles} articles: the first record left at {first:.2f} s, the second "
          f"article was parsed at {second:.2f} s (first {'before' if first < second else 'AFTER'}"
          f" it); all done at {time.monotonic() - start:.1f} s")


def peak_rss(count: int, folder: Path) -> tuple[float, float]:
    """Peak RSS (MB) and seconds of a fresh ``claimx extract`` on ``count`` articles."""
    files = folder / str(count)
    files.mkdir()
    for i in range(count):
        (files / f"a{i:05d}.txt").write_text(article(i), encoding="utf-8")
    # VmHWM, not ru_maxrss: Linux carries a parent's peak into ru_maxrss across fork and
    # exec, so run from bench/run.py (both pipelines loaded) it reported the parent's
    script = ("import runpy, sys\n"
              "sys.argv = ['claimx'] + sys.argv[1:]\n"
              "try:\n    runpy.run_module('claimx.cli', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
              "print(int(peak[0].split()[1]) / 1024)")
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script, "extract", str(files), "-q", "-o",
                          str(folder / f"{count}.jsonl")], capture_output=True, text=True,
                         check=True)
    return float(out.stdout.split()[-1]), time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=2000)
    args = parser.parse_args()
    first_record_vs_second_parse()
    with tempfile.TemporaryDirectory() as tmp:
        small, small_s = peak_rss(args.small, Path(tmp))
        large, large_s = peak_rss(args.large, Path(tmp))
        claims = Path(tmp, f"{args.large}.jsonl").read_bytes().count(b"\n")
    print(f"peak RSS: {small:.0f} MB on {args.small} articles ({small_s:.0f} s), {large:.0f} MB "
          f"on {args.large} ({large_s:.0f} s, {claims} claims): ratio {large / small:.3f}")


if __name__ == "__main__":
    main()

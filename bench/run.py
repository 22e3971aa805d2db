"""Benchmark claimx against raw spaCy on the same texts (a script, not a test).

    python bench/run.py [--copies N]

Prints, in one run: raw ``nlp.pipe`` words/s of the same model, claimx words/s and
their ratio; the share of claimx's own time spent on dates; the CLI with --jobs 1
and --jobs 2; loading a 10,000-alias user gazetteer; cold start of ``claimx
extract`` on one sample; peak memory. The corpus is the project's own articles
(samples and test articles), repeated ``--copies`` times.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(copies: int) -> list[tuple[str, str]]:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "articles").glob("*.txt"))
    return [(f"{p.stem}-{i}", p.read_text(encoding="utf-8"))
            for i in range(copies) for p in files]


def gazetteer_seconds(nlp) -> float:
    """Validate, merge and compile a user topics.yaml of 2,500 entries x 4 aliases."""
    import tempfile

    from claimx.rules import load_rules
    from claimx.topics import TopicTagger

    lines = ["topics:"]
    for i in range(2500):
        aliases = ", ".join(f'"{stem}-{i}"' for stem in ("XR", "Storm", "Kestrel Mk", "BX"))
        lines.append(f"  - {{id: bench-{i}, name: Bench {i}, type: missile, "
                     f"aliases: [{aliases}]}}")
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "topics.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        start = time.perf_counter()
        TopicTagger(nlp, load_rules([Path(tmp)]))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    args = parser.parse_args()

    import spacy

    from claimx import Extractor
    from claimx.model import resolve_model

    texts = corpus(args.copies)
    words = sum(len(t.split()) for _, t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words")

    raw = spacy.load(resolve_model())
    list(raw.pipe([t for _, t in texts[:4]]))  # warm up
    start = time.perf_counter()
    for _ in raw.pipe((t for _, t in texts), batch_size=16):
        pass
    raw_s = time.perf_counter() - start

    ex = Extractor()
    builder = ex.nlp.get_pipe("claimx").builder
    list(ex.pipe(ex.read(t, doc_id=i) for i, t in texts[:4]))
    timed = {"dates": 0.0}
    original = builder._dates

    def dates_timed(*a, **k):
        t0 = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            timed["dates"] += time.perf_counter() - t0

    builder._dates = dates_timed
    start = time.perf_counter()
    claims = 0
    for result in ex.pipe(ex.read(t, doc_id=i) for i, t in texts):
        claims += len(result.claims)
    cx_s = time.perf_counter() - start

    print(f"raw spaCy: {words / raw_s:,.0f} words/s")
    print(f"claimx:    {words / cx_s:,.0f} words/s  ({claims} claims)")
    print(f"ratio claimx / raw spaCy: {raw_s / cx_s:.2f}")
    print(f"dates: {100 * timed['dates'] / cx_s:.1f}% of claimx time")

    import tempfile

    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as tmp:
        for name, text in texts:
            Path(tmp, f"{name}.txt").write_text(text, encoding="utf-8")
        walls = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "claimx.cli", "extract", tmp, "-q",
                            "--jobs", str(jobs), "-o", str(Path(out, f"{jobs}.jsonl"))],
                           check=True)
            walls[jobs] = time.perf_counter() - start
        same = Path(out, "1.jsonl").read_bytes() == Path(out, "2.jsonl").read_bytes()
    print(f"claimx extract CLI: --jobs 1 {walls[1]:.1f} s, --jobs 2 {walls[2]:.1f} s, "
          f"speed-up {walls[1] / walls[2]:.2f}x, identical output: {same}")

    print(f"10,000-alias user gazetteer: loaded and compiled in {gazetteer_seconds(ex.nlp):.2f} s")

    sample = ROOT / "samples" / "inf-suspension-2019.txt"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "claimx.cli", "extract", str(sample)],
                   check=True, capture_output=True)
    print(f"cold start, claimx extract on one sample: {time.perf_counter() - start:.2f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process, both pipelines loaded): {peak:.0f} MB")


if __name__ == "__main__":
    main()

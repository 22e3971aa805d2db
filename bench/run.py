"""Benchmark claimx against raw spaCy on the same texts (a script, not a test).

    python bench/run.py [--copies N] [--rounds N] [--huge-mb MB]

Prints, in one run: raw ``nlp.pipe`` words/s of the same model, claimx words/s and
their ratio; the share of claimx's own time spent on dates; the CLI with --jobs 1
and --jobs 2; loading a 10,000-alias user gazetteer; cold start of ``claimx
extract`` on one sample; peak memory. The corpus is the project's own articles
(samples and test articles), repeated ``--copies`` times. Raw spaCy and claimx
alternate for ``--rounds`` rounds and the median ratio is reported, so that a
busy machine slows both alike. ``--huge-mb`` also runs one article of that many
megabytes end to end (parsed in pieces) and checks its offsets.
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


def huge_article(ex, megabytes: float) -> None:
    """One article of ``megabytes`` MB (the samples' body paragraphs over and over), end to
    end; every claim's cue offsets must point at the cue in the whole article."""
    paragraphs = []
    for f in sorted((ROOT / "samples").glob("*.txt")):
        article = ex.read(f.read_text(encoding="utf-8"))
        paragraphs += [article.text[s:e] for s, e in article.body]
    body, size = [], 0
    while size < megabytes * 1_000_000:
        body.append(paragraphs[len(body) % len(paragraphs)])
        size += len(body[-1]) + 2
    text = "Headline\n\nFebruary 4, 2019\n\n" + "\n\n".join(body)
    start = time.perf_counter()
    result = next(ex.pipe([ex.read(text, doc_id="huge")]))
    seconds = time.perf_counter() - start
    wrong = sum(text[c.cue.start:c.cue.end] != c.cue.text for c in result.claims)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(text) / 1e6:.1f} MB article: {len(result.claims)} claims in {seconds:.0f} s, "
          f"{wrong} with wrong offsets; peak memory since start {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--huge-mb", type=float, default=0)
    args = parser.parse_args()

    import spacy

    from claimx import Extractor
    from claimx.model import resolve_model

    texts = corpus(args.copies)
    words = sum(len(t.split()) for _, t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words")

    raw = spacy.load(resolve_model())
    list(raw.pipe([t for _, t in texts[:4]]))  # warm up
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
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _ in raw.pipe((t for _, t in texts), batch_size=16):
            pass
        raw_s = time.perf_counter() - start
        start = time.perf_counter()
        claims = 0
        for result in ex.pipe(ex.read(t, doc_id=i) for i, t in texts):
            claims += len(result.claims)
        rounds.append((raw_s, time.perf_counter() - start))
    raw_s, cx_s = sorted(rounds, key=lambda r: r[0] / r[1])[len(rounds) // 2]

    print(f"raw spaCy: {words / raw_s:,.0f} words/s")
    print(f"claimx:    {words / cx_s:,.0f} words/s  ({claims} claims)")
    print(f"ratio claimx / raw spaCy: {raw_s / cx_s:.2f} (median of "
          f"{', '.join(f'{r / c:.2f}' for r, c in rounds)})")
    print(f"dates: {100 * timed['dates'] / sum(c for _, c in rounds):.1f}% of claimx time")

    import tempfile

    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as tmp:
        for name, text in texts:
            Path(tmp, f"{name}.txt").write_text(text, encoding="utf-8")
        walls: list[tuple[float, float]] = []
        for _ in range(min(args.rounds, 3)):  # alternating, as above
            wall = {}
            for jobs in (1, 2):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "claimx.cli", "extract", tmp, "-q",
                                "--jobs", str(jobs), "-o", str(Path(out, f"{jobs}.jsonl"))],
                               check=True)
                wall[jobs] = time.perf_counter() - start
            walls.append((wall[1], wall[2]))
        same = Path(out, "1.jsonl").read_bytes() == Path(out, "2.jsonl").read_bytes()
    one, two = sorted(walls, key=lambda w: w[0] / w[1])[len(walls) // 2]
    print(f"claimx extract CLI: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, speed-up "
          f"{one / two:.2f}x (median of {', '.join(f'{a / b:.2f}' for a, b in walls)}), "
          f"identical output: {same}")

    print(f"10,000-alias user gazetteer: loaded and compiled in {gazetteer_seconds(ex.nlp):.2f} s")

    sample = ROOT / "samples" / "inf-suspension-2019.txt"
    raw_cold = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
                "nlp(open(sys.argv[2], encoding='utf-8').read())")
    commands = {"claimx": [sys.executable, "-m", "claimx.cli", "extract", str(sample)],
                "raw": [sys.executable, "-c", raw_cold, resolve_model(), str(sample)]}
    colds: dict[str, list[float]] = {"claimx": [], "raw": []}
    for _ in range(5):  # alternating, so that a busy moment slows both
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            colds[name].append(time.perf_counter() - start)
    cold, raw_cold_s = sorted(colds["claimx"])[2], sorted(colds["raw"])[2]
    print(f"cold start, claimx extract on one sample: {cold:.2f} s (median of 5: "
          f"{', '.join(f'{c:.2f}' for c in colds['claimx'])}); raw spaCy import, load and "
          f"parse of it: {raw_cold_s:.2f} s; ratio {cold / raw_cold_s:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (this process, both pipelines loaded): {peak:.0f} MB")
    if args.huge_mb:
        huge_article(ex, args.huge_mb)


if __name__ == "__main__":
    main()

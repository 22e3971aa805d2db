"""Benchmark claimx in one run, as ratios (a script, not a test; it takes a while).

    python bench/run.py [--rounds N] [--generated N] [--quick] [--huge-mb MB]

Prints: claimx / raw spaCy ``nlp.pipe`` words/s of the same model on the project's
articles (samples and test articles) and on a generated corpus (``--generated``
articles, 300 by default: the project's articles with their body paragraphs shuffled);
the share of claimx's time spent on dates; ``claimx extract --jobs 2`` / ``--jobs 1``
at 40 and at 300 articles; ``--scheduler local:2`` (a Dask LocalCluster of two worker
processes) / one process on the generated corpus, with the workers' memory; loading a
10,000-alias user gazetteer; cold start of ``claimx extract`` on one sample / raw
spaCy's own; peak memory at 20 and 2,000 articles (bench/stream.py). Each pair runs in
alternating rounds and the median ratio is reported, so that a busy machine slows both
alike. ``--quick`` is one round of everything on smaller inputs, to try the script.
``--huge-mb`` also runs one article of that many megabytes end to end (parsed in
pieces) and checks its offsets; ``--texts DIR`` also measures words/s on a folder of
articles of your own (the generated corpus repeats the project's words, which flatters
claimx's cache of token embeddings).
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "claimx.cli", "extract", "-q"]


def project() -> list[tuple[str, str]]:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted(
        (ROOT / "tests" / "data" / "articles").glob("*.txt"))
    return [(p.stem, p.read_text(encoding="utf-8")) for p in files]


def generated(ex, count: int) -> list[tuple[str, str]]:
    """``count`` articles made from the project's: each keeps an article's header (what
    comes before its body) and shuffles its body paragraphs."""
    articles = []
    sources = project()
    for i in range(count):
        name, text = sources[i % len(sources)]
        article = ex.read(text)
        paragraphs = [text[s:e] for s, e in article.body]
        random.Random(i).shuffle(paragraphs)
        header = text[:article.body[0][0]] if article.body else ""
        articles.append((f"{name}-g{i:04d}", header + "\n\n".join(paragraphs) + "\n"))
    return articles


def median_ratio(rounds: list[tuple[float, float]]) -> tuple[float, str]:
    """The median of a / b over rounds, and the rounds' ratios for the record."""
    ratios = sorted(a / b for a, b in rounds)
    return ratios[len(ratios) // 2], ", ".join(f"{a / b:.2f}" for a, b in rounds)


def words_per_second(raw, ex, texts: list[tuple[str, str]], rounds: int, label: str) -> None:
    words = sum(len(t.split()) for _, t in texts)
    timed = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in raw.pipe((t for _, t in texts), batch_size=16):
            pass
        raw_s = time.perf_counter() - start
        start = time.perf_counter()
        for _ in ex.pipe(ex.read(t, doc_id=i) for i, t in texts):
            pass
        timed.append((raw_s, time.perf_counter() - start))
    ratio, each = median_ratio(timed)
    raw_s, cx_s = sorted(timed, key=lambda r: r[0] / r[1])[len(timed) // 2]
    print(f"{label} ({len(texts)} articles, {words:,} words): raw spaCy {words / raw_s:,.0f} "
          f"words/s, claimx {words / cx_s:,.0f}; claimx / raw {ratio:.2f} (rounds {each})")


def folder(tmp: str, name: str, texts: list[tuple[str, str]]) -> Path:
    path = Path(tmp, name)
    path.mkdir()
    for doc, text in texts:
        (path / f"{doc}.txt").write_text(text, encoding="utf-8")
    return path


def cli_rounds(inputs: Path, out: Path, commands: dict[str, list[str]], rounds: int
               ) -> tuple[dict[str, list[float]], bool]:
    """Seconds of each command on ``inputs`` in alternating rounds, and whether all wrote
    the same bytes."""
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, extra in commands.items():
            start = time.perf_counter()
            subprocess.run([*CLI, str(inputs), "-o", str(out / f"{name}.jsonl"), *extra],
                           check=True)
            seconds[name].append(time.perf_counter() - start)
    outputs = {(out / f"{name}.jsonl").read_bytes() for name in commands}
    return seconds, len(outputs) == 1


def jobs(tmp: str, texts: list[tuple[str, str]], rounds: int) -> None:
    inputs = folder(tmp, f"jobs-{len(texts)}", texts)
    seconds, same = cli_rounds(inputs, Path(tmp), {"one": ["--jobs", "1"],
                                                   "two": ["--jobs", "2"]}, rounds)
    ratio, each = median_ratio(list(zip(seconds["one"], seconds["two"], strict=True)))
    print(f"--jobs 2 / --jobs 1 on {len(texts)} articles: {ratio:.2f}x (rounds {each}; "
          f"--jobs 1 median {sorted(seconds['one'])[rounds // 2]:.1f} s); identical output: "
          f"{same}")


def dask(tmp: str, texts: list[tuple[str, str]], rounds: int) -> None:
    inputs = folder(tmp, f"dask-{len(texts)}", texts)
    seconds, same = cli_rounds(inputs, Path(tmp), {"single": [],
                                                   "dask": ["--scheduler", "local:2"]}, rounds)
    ratio, each = median_ratio(list(zip(seconds["single"], seconds["dask"], strict=True)))
    words = sum(len(t.split()) for _, t in texts)
    median = sorted(seconds["dask"])[rounds // 2]
    print(f"Dask LocalCluster(2) / one process on {len(texts)} articles: {ratio:.2f}x "
          f"(rounds {each}; end to end, cluster start included: {words / median:,.0f} words/s); "
          f"identical output: {same}")
    print(f"Dask worker memory after the run: {worker_memory(inputs)}")


def worker_memory(inputs: Path) -> str:
    """Each local worker's resident memory once it has extracted ``inputs``."""
    from claimx.dask import connected, outcomes
    from claimx.run import read

    with connected("local:2") as client:
        for _ in outcomes(client, read([str(inputs)])):
            pass
        rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
    return ", ".join(f"{value / 2**20:.0f} MB" for value in sorted(rss.values()))


def cold_start(rounds: int) -> None:
    from claimx.model import resolve_model

    sample = ROOT / "samples" / "inf-suspension-2019.txt"
    raw_cold = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
                "nlp(open(sys.argv[2], encoding='utf-8').read())")
    commands = {"claimx": [sys.executable, "-m", "claimx.cli", "extract", str(sample)],
                "raw": [sys.executable, "-c", raw_cold, resolve_model(), str(sample)]}
    colds: dict[str, list[float]] = {"claimx": [], "raw": []}
    for _ in range(rounds):  # alternating, so that a busy moment slows both
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            colds[name].append(time.perf_counter() - start)
    ratio, each = median_ratio(list(zip(colds["claimx"], colds["raw"], strict=True)))
    print(f"cold start, claimx extract on one sample / raw spaCy's import, load and parse "
          f"of it: {ratio:.2f} (claimx median {sorted(colds['claimx'])[rounds // 2]:.2f} s, "
          f"raw {sorted(colds['raw'])[rounds // 2]:.2f} s; rounds {each})")


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
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--huge-mb", type=float, default=0)
    parser.add_argument("--texts", type=Path, action="append", default=[],
                        help="also claimx / raw spaCy words/s on this folder's .txt files")
    args = parser.parse_args()
    rounds = 1 if args.quick else args.rounds
    count = 60 if args.quick else args.generated

    import spacy
    import stream

    from claimx import Extractor
    from claimx.model import resolve_model

    raw = spacy.load(resolve_model())
    ex = Extractor()
    own, made = project(), generated(ex, count)
    list(raw.pipe([t for _, t in own[:4]]))  # warm up
    list(ex.pipe(ex.read(t, doc_id=i) for i, t in own[:4]))
    builder = ex.nlp.get_pipe("claimx").builder
    timed = {"dates": 0.0, "all": 0.0}
    dating = builder.dating

    def dates_timed(*a, **k):
        t0 = time.perf_counter()
        try:
            return dating(*a, **k)
        finally:
            timed["dates"] += time.perf_counter() - t0

    builder.dating = dates_timed
    start = time.perf_counter()
    words_per_second(raw, ex, own, rounds, "project articles")
    timed["all"] = time.perf_counter() - start
    builder.dating = dating
    print(f"dates: {100 * timed['dates'] / timed['all']:.1f}% of the time of both pipelines")
    words_per_second(raw, ex, made, rounds, "generated corpus")
    for given in args.texts:
        texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(given.glob("*.txt"))]
        words_per_second(raw, ex, texts, rounds, str(given))

    with tempfile.TemporaryDirectory() as tmp:
        jobs(tmp, own[:40], rounds)
        jobs(tmp, made, rounds)
        dask(tmp, made, rounds)

    print(f"10,000-alias user gazetteer: loaded and compiled in {gazetteer_seconds(ex.nlp):.2f} s")
    cold_start(3 if args.quick else 5)
    small, large = (20, 200) if args.quick else (20, 2000)
    with tempfile.TemporaryDirectory() as tmp:
        small_mb, _ = stream.peak_rss(small, Path(tmp))
        large_mb, large_s = stream.peak_rss(large, Path(tmp))
    print(f"peak RSS of claimx extract -o FILE: {small_mb:.0f} MB on {small} generated "
          f"articles, {large_mb:.0f} MB on {large} ({large_s:.0f} s): ratio "
          f"{large_mb / small_mb:.3f}")
    if args.huge_mb:
        huge_article(ex, args.huge_mb)


if __name__ == "__main__":
    main()

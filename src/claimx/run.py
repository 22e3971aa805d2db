"""The run loop of ``claimx extract``: read each input, extract each article with any
failure kept to that article, and write each article's records as soon as it is done, in
input order, in one process or several.

It is apart from the CLI so that another runner (a distributed one) can drive the same
steps: ``read`` numbers the articles, ``extract`` turns a batch into ``Outcome``s and
never raises, ``run`` orders, writes, counts and stops.
"""

from __future__ import annotations

import errno
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from .batches import growing
from .inputs import InputError, Loaded, expand, load


@dataclass
class Outcome:
    """One article's records, or the line that says why it has none."""

    where: str  # its path, file:line or id: what a line about it names
    doc: str
    records: list[dict] = field(default_factory=list)
    claims: int = 0
    undated: bool = False  # claims, but no publication date to resolve them against
    error: str | None = None


class Stop(Exception):
    """The run ends early with exit ``code``; ``message`` (if any) is its stderr line."""

    def __init__(self, code: int, message: str | None = None):
        super().__init__(message)
        self.code, self.message = code, message


def internal(where: str, exc: BaseException) -> str:
    return f"{where}: internal error ({type(exc).__name__}: {exc})"


def write_failed(exc: OSError) -> Stop:
    """A reader that closed the pipe ends the run quietly (141, as SIGPIPE would); any other
    write error is one line and exit 1."""
    if exc.errno == errno.EPIPE:
        return Stop(141)
    return Stop(1, f"claimx: error: cannot write the output: {exc.strerror or exc}")


def read(paths: list[str], input_format: str = "auto", published: date | None = None,
         on_error: Callable[[str], None] = print, warn: Callable[[str], None] = print
         ) -> Iterator[Loaded]:
    """Every article of ``paths`` in input order; an input that cannot be read, or whose
    reading raises, goes to ``on_error`` as one line and the others are still read; what
    reading had to guess goes to ``warn``."""
    for raw in paths:
        for item in _guarded(expand([raw]), raw, on_error):
            if isinstance(item, InputError):
                on_error(str(item))
                continue
            for loaded in _guarded(load(item, input_format), item.name, on_error):
                if isinstance(loaded, InputError):
                    on_error(str(loaded))
                    continue
                if loaded.warning:
                    warn(f"claimx: warning: {loaded.warning}")
                if published:
                    loaded.published = published
                yield loaded


def _guarded(items: Iterable, name: str, on_error: Callable[[str], None]) -> Iterator:
    try:
        yield from items
    except Exception as exc:
        on_error(internal(name, exc))


def where(loaded: Loaded) -> str:
    return loaded.path or loaded.doc_id


def extract(extractor, batch: list[Loaded], articles_too: bool = False) -> list[Outcome]:
    """The batch's outcomes in order. An exception costs only the article that raised it:
    the rest of the batch is redone one article at a time."""
    done: list[Outcome] = []
    try:
        for outcome in _outcomes(extractor, batch, articles_too):
            done.append(outcome)
    except Exception:
        for loaded in batch[len(done):]:
            try:
                done += _outcomes(extractor, [loaded], articles_too)
            except Exception as exc:
                done.append(Outcome(where(loaded), loaded.doc_id, error=internal(where(loaded),
                                                                                  exc)))
    return done


def _outcomes(extractor, batch: list[Loaded], articles_too: bool) -> Iterator[Outcome]:
    def articles():
        for loaded in batch:
            article = extractor.read(loaded.text, doc_id=loaded.doc_id, path=loaded.path,
                                     published=loaded.published, title=loaded.title)
            article.author = article.author or loaded.author
            article.url = loaded.url
            yield article

    for loaded, result in zip(batch, extractor.pipe(articles()), strict=True):
        claims = [c.to_dict() for c in result.claims]
        yield Outcome(where(loaded), loaded.doc_id,
                      claims + ([result.summary] if articles_too else []), len(claims),
                      bool(claims) and result.summary["article"]["published"] is None)


@dataclass
class Options:
    """How to run: ``extractor`` in this process, or in up to ``jobs`` worker processes
    forked from it (see ``workers_for``), or elsewhere: ``elsewhere`` takes the articles
    read and gives their outcomes in the same order (``claimx.dask.outcomes``)."""

    extractor: object = None
    jobs: int = 1
    elsewhere: Callable[[Iterator[Loaded]], Iterator[Outcome]] | None = None
    input_format: str = "auto"
    published: date | None = None
    articles_too: bool = False
    fail_fast: bool = False
    skip: set[tuple[str, str]] = field(default_factory=set)  # (where, doc) done before
    progress: bool = False
    say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)


@dataclass
class Tally:
    articles: int = 0
    claims: int = 0
    failures: int = 0
    undated: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def line(self) -> str:
        return (f"claimx: {self.articles} articles, {self.claims} claims, {self.failures} "
                f"failed, {time.monotonic() - self.started:.1f} s")


def run(paths: list[str], options: Options, emit: Callable[[Outcome], None]) -> Tally:
    """Extract ``paths`` and ``emit`` each article's outcome in input order as soon as it is
    done. Raises ``Stop`` on --fail-fast, a signal (SIGINT 130, SIGTERM 143) or a write
    error; whatever ends the run, worker processes end with it."""
    tally = Tally()

    def failed(message: str) -> None:
        tally.failures += 1
        options.say(f"claimx: error: {message}")
        if options.fail_fast:
            raise Stop(1)

    todo = (a for a in read(paths, options.input_format, options.published, failed,
                            options.say)
            if (where(a), a.doc_id) not in options.skip)
    total = count(paths, options.input_format) if options.progress else None
    show = _Progress(total and total - len(options.skip), options.say) if options.progress \
        else None
    try:
        with _signals(), closing(_ordered(todo, options)) as outcomes:  # workers end here
            for outcome in outcomes:
                if outcome.error:
                    failed(outcome.error)
                else:
                    try:
                        emit(outcome)
                    except OSError as exc:
                        raise write_failed(exc) from None
                    tally.articles += 1
                    tally.claims += outcome.claims
                    if outcome.undated:
                        tally.undated.append(outcome.where)
                if show:
                    show.update(tally)
    except _Signal as exc:
        before = f" ({tally.articles + len(options.skip)} with the earlier run's)" \
            if options.skip else ""
        raise Stop(128 + exc.signum, f"claimx: interrupted by {signal.Signals(exc.signum).name}"
                                     f" after {tally.articles} article(s){before}") from None
    finally:
        if show:
            show.end()
    if options.progress:
        options.say(tally.line())
    return tally


def collect(paths: list[str], extractor, say: Callable[[str], None]) -> list[dict]:
    """All records of ``paths`` in one list, for what needs the whole set (scoring)."""
    records: list[dict] = []
    run(paths, Options(extractor=extractor, say=say), lambda outcome: records.extend(
        outcome.records))
    return records


def _ordered(todo: Iterator[Loaded], options: Options) -> Iterator[Outcome]:
    if options.elsewhere:
        yield from options.elsewhere(todo)
        return
    workers, todo = workers_for(todo, options.jobs)
    if workers == 1:
        for batch in growing(todo, options.extractor.batch_size):
            yield from extract(options.extractor, batch, options.articles_too)
    else:
        yield from _parallel(todo, options, workers)


# A worker pays for itself from this many characters of input: measured, a forked worker
# costs about 0.5 s of CPU (its first touches of the shared pipeline's pages, its own
# caches, texts and records sent across) and the last batch about 0.25 s alone, so two
# workers break even at about 1.5 s of work, 24,000 characters here; this is twice that
# for two workers. See README, Speed.
WORKER_CHARS = 25_000
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()


def workers_for(todo: Iterator[Loaded], jobs: int) -> tuple[int, Iterator[Loaded]]:
    """How many of ``jobs`` worker processes pay for themselves on this input, and the
    input unchanged. Each needs WORKER_CHARS characters of work to gain more than it
    costs, and an article of its own, so the input is read (not parsed) ahead until there
    are that many for each, or it ends: a small input runs in this process, with no worker
    at all. Workers are forked
    from this process, pipeline loaded, so none loads its own; where processes cannot fork
    (Windows) the run stays in this process."""
    if jobs == 1 or not CAN_FORK:
        return 1, todo
    ahead: list[Loaded] = []
    chars = 0
    for loaded in todo:
        ahead.append(loaded)
        chars += len(loaded.text)
        if chars >= jobs * WORKER_CHARS and len(ahead) >= jobs:
            break
    return max(1, min(jobs, len(ahead), chars // WORKER_CHARS)), chain(ahead, todo)


def _parallel(todo: Iterator[Loaded], options: Options, jobs: int) -> Iterator[Outcome]:
    """Small batches to worker processes, results taken in submission order: memory stays
    flat and the order is the input's. Batches of at most 4 articles (about half a second
    each here) leave little for one worker to finish alone at the end, and 3 in flight per
    worker keep one that got ahead busy while the head of the window is still parsed."""
    workers = _Workers(options, jobs)
    window: deque = deque()
    complete = False
    try:
        for batch in growing(todo, 4):
            window.append((batch, workers.submit(batch)))
            yield from workers.take(window, 3 * jobs)
        yield from workers.take(window, 0)
        complete = True
    finally:
        workers.stop(kill=not complete)


class _Workers:
    """A pool of processes forked from this one, which has the pipeline loaded: they share
    its memory and load nothing. A pool whose worker dies is forked anew."""

    def __init__(self, options: Options, jobs: int):
        self.options, self.jobs = options, jobs
        self.pool = self._new()

    def _new(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.jobs, multiprocessing.get_context("fork"),
                                   initializer=_start_worker,
                                   initargs=(self.options.extractor,))

    def submit(self, batch: list[Loaded]):
        return self.pool.submit(_work, batch, self.options.articles_too)

    def take(self, window: deque, keep: int) -> Iterator[Outcome]:
        """Outcomes of the finished batches at the head of ``window``, waiting for more
        until at most ``keep`` are in flight. A worker that dies costs only its article:
        the batches in flight are redone one article at a time, so the next death names
        the article that caused it."""
        from concurrent.futures.process import BrokenProcessPool

        while len(window) > keep or (window and window[0][1].done()):
            batch, future = window.popleft()
            try:
                yield from future.result()
            except BrokenProcessPool:
                pending = batch + [loaded for later, _ in window for loaded in later]
                window.clear()
                yield from self._one_by_one(pending)

    def _one_by_one(self, pending: list[Loaded]) -> Iterator[Outcome]:
        from concurrent.futures.process import BrokenProcessPool

        self.restart()
        for loaded in pending:
            try:
                yield from self.submit([loaded]).result()
            except BrokenProcessPool as exc:
                yield Outcome(where(loaded), loaded.doc_id, error=internal(where(loaded), exc))
                self.restart()

    def restart(self) -> None:
        self.stop(kill=True)
        self.pool = self._new()

    def stop(self, kill: bool) -> None:
        if kill:  # no public way to end the workers before Python 3.14's terminate_workers
            for process in list((self.pool._processes or {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


_WORKER: dict = {}  # the worker process's pipeline, the one it was forked with


def _start_worker(extractor) -> None:
    """Signals are the main process's to handle (it ends the workers), and a worker never
    holds the run's standard input or output open: a reader of it must see it end. What
    the worker was forked with is frozen out of its garbage collections, which would
    otherwise write to (and so copy) every page of the shared pipeline."""
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    _WORKER["extractor"] = extractor


def _work(batch: list[Loaded], articles_too: bool) -> list[Outcome]:
    return extract(_WORKER["extractor"], batch, articles_too)


class _Signal(BaseException):
    """SIGINT or SIGTERM, raised where the main thread is, so that the run unwinds."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals():
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread; a caller's thread keeps its own
        return

    def handler(signum, frame):
        raise _Signal(signum)

    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, previous in old.items():
            signal.signal(number, previous)


def count(paths: list[str], input_format: str = "auto") -> int | None:
    """How many articles ``paths`` hold (a JSONL file's non-blank lines), for the progress
    line; None when standard input is among them or counting fails."""
    from .inputs import FORMATS

    total = 0
    try:
        for item in expand(paths):
            if isinstance(item, InputError):
                continue
            if item.name == "-":
                return None
            suffix = os.path.splitext(item.name)[1].lower()
            if (FORMATS.get(suffix, "text") if input_format == "auto" else input_format) \
                    == "jsonl":
                with open(item.name, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    except Exception:
        return None
    return total


class _Progress:
    """done/total and ETA on standard error: rewritten in place on a terminal, otherwise a
    line at most every 5 seconds."""

    def __init__(self, total: int | None, say: Callable[[str], None]):
        self.total, self.say, self.tty = total, say, sys.stderr.isatty()
        self.started, self.last = time.monotonic(), -5.0

    def update(self, tally: Tally) -> None:
        now = time.monotonic()
        if not self.tty and now - self.last < 5:
            return
        self.last = now
        done = tally.articles + tally.failures
        line = f"claimx: {done}/{self.total or '?'} articles, {tally.claims} claims"
        if self.total and done:
            line += f", ETA {(now - self.started) / done * (self.total - done):.0f} s"
        if self.tty:
            sys.stderr.write("\r" + line + "\x1b[K")
            sys.stderr.flush()
        else:
            self.say(line)

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()

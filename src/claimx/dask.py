"""claimx on a Dask cluster (the optional ``dask`` extra): the run loop of ``claimx.run``
with the extraction on the cluster's workers.

    from distributed import Client
    from claimx.dask import Pipeline, outcomes
    client = Client("tcp://scheduler:8786")
    client.register_plugin(Pipeline())                 # one pipeline per worker, once
    for outcome in outcomes(client, claimx.run.read(paths)):
        ...                                            # in input order

or ``claimx extract PATHS --scheduler ADDRESS`` (``local:N`` for a local cluster of N
worker processes). The articles are read here, by claimx's own readers (doc ids,
decoding, warnings and error lines are a single run's), and go to the workers as Dask
bags of a few articles a partition, a window of them at a time, so that records come
back in input order as they are done while memory stays flat. Workers need claimx and
the model installed, and any --rules folder at the same path; no shared file system.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from .batches import batches
from .inputs import Loaded
from .run import Outcome, extract, internal, where

PARTITION = 8  # articles a bag partition (one task): about a second of a worker's time
PLUGIN = "claimx"


class Pipeline(WorkerPlugin):
    """Loads one claimx pipeline in each worker when the worker joins, for all its tasks."""

    name = PLUGIN

    def __init__(self, model: str | None = None, rules: list[Path] | None = None,
                 default_rules: bool = True):
        self.model, self.rules, self.default_rules = model, [str(r) for r in rules or []], \
            default_rules
        self.extractor = None

    def setup(self, worker) -> None:
        from . import Extractor

        self.extractor = Extractor(self.model, [Path(r) for r in self.rules],
                                   self.default_rules)


def _extract(articles, articles_too: bool) -> list[Outcome]:
    """One partition's outcomes, by the pipeline of the worker it runs on."""
    return extract(get_worker().plugins[PLUGIN].extractor, list(articles), articles_too)


def outcomes(client: Client, articles: Iterator[Loaded], articles_too: bool = False
             ) -> Iterator[Outcome]:
    """Each article's outcome, in input order, extracted on ``client``'s workers (which
    need the ``Pipeline`` plugin). Windows of two partitions per worker thread are bags of
    their own; the next window is computing while this one's results are taken."""
    import dask.bag

    threads = max(1, sum(client.nthreads().values()))  # 1 while no worker has joined yet
    pending: deque = deque()
    try:
        for window in batches(articles, 2 * threads * PARTITION):
            bag = dask.bag.from_sequence(window, partition_size=PARTITION)
            parts = bag.map_partitions(_extract, articles_too).to_delayed()
            # one at a time: each is given a priority after the one before it
            pending.append((window, [client.compute(part) for part in parts]))
            if len(pending) > 1:
                yield from _taken(*pending.popleft())
        while pending:
            yield from _taken(*pending.popleft())
    finally:
        for _, futures in pending:
            client.cancel(futures)


def _taken(window: list[Loaded], futures: list) -> Iterator[Outcome]:
    """A window's outcomes in order. A partition that fails as a whole (its workers died,
    Dask's retries spent) is one error line for each of its articles."""
    for number, future in enumerate(futures):
        try:
            done = future.result()
        except Exception as exc:
            part = window[number * PARTITION:(number + 1) * PARTITION]
            done = [Outcome(where(a), a.doc_id, error=internal(where(a), exc)) for a in part]
        future.release()
        yield from done


class Unreachable(Exception):
    """No cluster at the address given, or no way to start a local one."""


@contextmanager
def connected(scheduler: str, model: str | None = None, rules: list[Path] | None = None,
              default_rules: bool = True) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler`` ("tcp://host:8786"), or of a local
    cluster of N single-threaded worker processes for "local:N", with the pipeline
    plugin registered; a local cluster ends with it."""
    cluster = None
    try:
        if scheduler.startswith("local:"):
            count = scheduler.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise Unreachable(f"--scheduler {scheduler}: local:N needs a number of "
                                  "workers N >= 1")
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1,
                                   processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)  # not its shutdown notes
        client = Client(cluster or scheduler, timeout=30)
    except (OSError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise Unreachable(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    try:
        client.register_plugin(Pipeline(model, rules, default_rules))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

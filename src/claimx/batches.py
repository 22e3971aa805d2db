"""Group a stream into batches by count and, optionally, by weight (characters)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int, limit: float = float("inf"),
            weight: Callable[[T], float] = lambda item: 0) -> Iterator[list[T]]:
    """Lists of at most ``size`` items, closed early once their weights reach ``limit``
    (one long text is a batch of its own)."""
    batch: list[T] = []
    total = 0.0
    for item in items:
        batch.append(item)
        total += weight(item)
        if len(batch) >= size or total >= limit:
            yield batch
            batch, total = [], 0.0
    if batch:
        yield batch


def growing(items: Iterable[T], cap: int) -> Iterator[list[T]]:
    """Lists of 1, 2, 4… items up to ``cap``: the first item goes out alone, as soon as it is
    done, and later ones in batches large enough to parse efficiently."""
    items, size = iter(items), 1
    while batch := list(islice(items, size)):
        yield batch
        size = min(cap, size * 2)

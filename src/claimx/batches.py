"""Group a stream into batches by count and, optionally, by weight (characters)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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

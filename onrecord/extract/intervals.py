"""Ranges asked which of them overlap a range or hold a point, without reading them all.

An extractor keeps lists of ranges (the quoted passages, the quotes found so far, the tagger's hulls) and asks, for
every token or every candidate, whether any of them overlaps it: a list read whole for each question is quadratic in
a long article. :class:`Intervals` files each range under the buckets of positions it comes near, so a question reads
only the ranges near it. The answers are those of the plain loops they replace (``any(s < end and start < e …)``,
``any(s <= at < e …)``), for any ranges, empty or reversed ones included.
"""

from __future__ import annotations

from collections.abc import Iterable


class Intervals:
    """Half-open ranges ``(start, end)``; ``bucket`` is how many positions a bucket holds."""

    def __init__(self, ranges: Iterable[tuple[int, int]] = (), bucket: int = 64) -> None:
        self.ranges: list[tuple[int, int]] = []
        self._bucket = bucket
        self._at: dict[int, list[int]] = {}
        for s, e in ranges:
            self.add(s, e)

    def _buckets(self, a: int, b: int) -> range:
        # one position wider on each side: a range is found by any question within one position of it
        return range((min(a, b) - 1) // self._bucket, max(a, b) // self._bucket + 1)

    def add(self, start: int, end: int) -> None:
        k = len(self.ranges)
        self.ranges.append((start, end))
        for b in self._buckets(start, end):
            self._at.setdefault(b, []).append(k)

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The ranges, in the order they were added, that come within one position of ``start`` .. ``end``: all
        that overlap ``(start, end)``, hold a position of it or lie inside it, and perhaps a few more."""
        seen: set[int] = set()
        for b in self._buckets(start, end):
            seen.update(self._at.get(b, ()))
        return [self.ranges[k] for k in sorted(seen)]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any range ``(s, e)`` has ``s < end and start < e``."""
        return any(s < end and start < e for s, e in self.near(start, end))

    def holds(self, at: int) -> bool:
        """Whether any range ``(s, e)`` has ``s <= at < e``."""
        return any(s <= at < e for s, e in self.near(at, at))

    def __len__(self) -> int:
        return len(self.ranges)

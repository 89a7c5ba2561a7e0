"""Each quote's place in the page order, kept as its rowid.

The pages list quotes newest article first: by the day the article was published (undated ones last), then the
article stored latest first, then in reading order. A quote's rowid says all of that in one integer, given once
when the quote is stored and never changed (an article's date is never rewritten)::

    rowid = day << DAY_SHIFT | slot << SLOT_SHIFT | (PER_SLOT - 1 - place)

``day`` is the published date's proleptic ordinal (``date.toordinal``; 0 for an undated article), ``slot`` counts
the articles stored with that day (the next one takes the day's highest slot plus one, read off the rowid index),
``place`` is the quote's place in its article, by offset. So the page order is ``ORDER BY rowid DESC``: the search
index (FTS5, or PostgreSQL's GIN), the speaker index and a bitmap of rowids all hold their quotes in it already,
and a date range is a range of rowids. Nothing about the order is read at query time.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..errors import OnrecordError

DAY_SHIFT = 41  # days up to 9999-12-31 (ordinal 3,652,059 < 2**22) leave 41 bits below
SLOT_SHIFT = 9  # 512 quotes to a slot: the slots of a day's articles lie close, a bitmap of them stays dense
PER_SLOT = 1 << SLOT_SHIFT  # quotes of one article in one slot (a longer article takes several, in order)
SLOTS = 1 << (DAY_SHIFT - SLOT_SHIFT)  # articles stored for one day
# a day, a month or a year, and then nothing more of a date (a time may follow): "2024/03/05" or "20240305" is none
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?(?![0-9/.-])")


def day_of(published: str | None, *, last: bool = False) -> int:
    """The ordinal of the day ``published`` starts with (``YYYY-MM-DD…``; a month or a year alone is its first
    day, or with ``last`` its last day); 0 when there is no such day (undated)."""
    m = _DATE.match(published or "")
    if not m:
        return 0
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        date(year, month or 1, day or 1)  # a day that is one
        if not last or day:
            return date(year, month or 1, day or 1).toordinal()
        if month:  # the month's last day
            return date(year, month, calendar.monthrange(year, month)[1]).toordinal()
        return date(year, 12, 31).toordinal()
    except ValueError:
        return 0


def day_range(day_from: int | None, day_to: int | None) -> tuple[int, int]:
    """The rowids of the quotes of articles published from ``day_from`` to ``day_to`` (days, both included;
    None: open), as ``lo <= rowid < hi``. Undated articles (day 0) are in no range."""
    lo = max(1, day_from or 1) << DAY_SHIFT
    hi = ((day_to + 1) << DAY_SHIFT) if day_to is not None else (1 << 63) - 1
    return lo, max(lo, hi)


def next_slot(c: Any, day: int) -> int:
    """The first free slot of ``day``: one past the highest stored, read off the rowid index."""
    lo = day << DAY_SHIFT
    row = c.execute("SELECT MAX(rowid) FROM quotes WHERE rowid >= ? AND rowid < ?", (lo, lo + (1 << DAY_SHIFT)))
    top = row.fetchone()[0]
    return 0 if top is None else ((int(top) - lo) >> SLOT_SHIFT) + 1


def article_keys(c: Any, published: str | None, starts: Sequence[int]) -> list[int]:
    """The rowids for an article's quotes, given their offsets in the order they are stored: reading order
    (offset, then the order given) in the article's new slot (slots, past PER_SLOT quotes) of its day."""
    if not starts:
        return []
    day = day_of(published)
    slots = (len(starts) + PER_SLOT - 1) // PER_SLOT
    first = next_slot(c, day)
    if first + slots > SLOTS:
        raise OnrecordError("E210", f"more than {SLOTS:,} articles stored for the day of {published!r}",
                            hint="give the articles their real dates")
    placed = _place_keys(day, first, len(starts))
    keys = [0] * len(starts)
    for place, i in enumerate(sorted(range(len(starts)), key=lambda i: (starts[i], i))):
        keys[i] = placed[place]
    return keys


def _place_keys(day: int, first: int, n: int) -> list[int]:
    """The rowids of an article's ``n`` quotes in reading order, in ``day``'s slots from ``first`` on (the first
    quotes in the highest slot: the page order reads rowids down)."""
    slots = (n + PER_SLOT - 1) // PER_SLOT
    base = day << DAY_SHIFT
    return [base | (first + slots - 1 - place // PER_SLOT) << SLOT_SHIFT | (PER_SLOT - 1 - place % PER_SLOT)
            for place in range(n)]


def oldest_first(key: int, published: str | None = None, article: int = 0, start: int = 0,
                 ) -> tuple[Any, ...]:
    """Sort key of a quote for timelines: the oldest day first; in a day by the article's ``published`` (its
    time), then the article stored first (``article``, its rowid), then ``start``. Without them, in reading
    order within the day's slots (right for a day whose quotes are all in one article)."""
    return key >> DAY_SHIFT, published or "", article, start, -key


def oldest_first_order(c: Any, keys: list[int]) -> dict[int, tuple[Any, ...]]:
    """:func:`oldest_first` for each quote rowid in ``keys``, reading the article's time and rowid only for the
    days on which the quotes lie in more than one slot (several articles)."""
    slots: dict[int, set[int]] = {}
    for k in keys:
        slots.setdefault(k >> DAY_SHIFT, set()).add(k >> SLOT_SHIFT)
    several = [k for k in keys if len(slots[k >> DAY_SHIFT]) > 1]
    order = {k: oldest_first(k) for k in keys}
    for i in range(0, len(several), 500):
        chunk = several[i : i + 500]
        for rowid, published, article, start in c.execute(
                "SELECT q.rowid, a.published, a.rowid, q.start FROM quotes q JOIN articles a ON a.id = q.article_id"
                f" WHERE q.rowid IN ({','.join('?' * len(chunk))})", chunk).fetchall():
            order[int(rowid)] = oldest_first(int(rowid), published, int(article), int(start))
    return order


def renumber(c: Any) -> int:
    """Give every stored quote its rowid in the page order (an upgrade from a schema before it): articles in the
    order they were stored, each article's quotes by offset. Returns how many quotes were renumbered."""
    rows = c.execute("SELECT a.id, a.published, q.rowid, q.start FROM articles a JOIN quotes q ON q.article_id = a.id"
                     " ORDER BY a.rowid, q.start, q.rowid").fetchall()
    by_article: dict[str, tuple[str | None, list[tuple[int, int]]]] = {}
    for aid, published, rowid, start in rows:
        by_article.setdefault(aid, (published, []))[1].append((int(rowid), int(start)))
    c.execute("UPDATE quotes SET rowid = -rowid")  # out of the way of the new numbers
    slots: dict[int, int] = {}
    moved: list[tuple[int, int]] = []
    for published, quotes in by_article.values():
        day = day_of(published)
        first = slots.get(day, 0)
        slots[day] = first + (len(quotes) + PER_SLOT - 1) // PER_SLOT
        moved += [(key, -rowid) for key, (rowid, _) in zip(_place_keys(day, first, len(quotes)), quotes,
                                                            strict=True)]
    c.executemany("UPDATE quotes SET rowid = ? WHERE rowid = ?", moved)
    return len(moved)

"""Content negotiation: which of the media types a page can be sent as the client's ``Accept`` prefers.

A short parser of RFC 9110 section 12.5.1: media ranges separated by commas, each with an optional ``q``
weight (0 to 1; 0 means "not this"); names compared without regard to case; a range matches a type exactly,
as ``type/*`` or as ``*/*``, and the most specific range that matches gives the type its weight. A range
that cannot be read (no ``/``, a bad weight) is passed over. Ties, an empty header and a header that accepts
none of the offers give the first offer: the server's own choice.
"""

from __future__ import annotations

import math
from functools import lru_cache

Range = tuple[str, str, float]


def parse_accept(header: str) -> list[Range]:
    """The media ranges of an Accept header, as (type, subtype, weight), lower case, in order."""
    out: list[Range] = []
    for part in header.split(","):
        media, *params = part.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        kind, sub = kind.strip(), sub.strip()
        if not slash or not kind or not sub or "/" in sub or (kind == "*" and sub != "*"):
            continue
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":  # what follows the weight are extensions, not media type parameters
                try:
                    weight = float(value.strip())
                except ValueError:
                    weight = math.nan
                break
        if 0.0 <= weight <= 1.0:  # NaN fails both
            out.append((kind, sub, weight))
    return out


def weight_of(offer: str, ranges: list[Range]) -> float:
    """The weight the most specific matching range gives ``offer`` (``type/subtype``); 0 when none matches."""
    kind, _, sub = offer.lower().partition("/")
    best, weight = -1, 0.0
    for rk, rs, q in ranges:
        if (rk, rs) == (kind, sub):
            rank = 2
        elif rk == kind and rs == "*":
            rank = 1
        elif (rk, rs) == ("*", "*"):
            rank = 0
        else:
            continue
        if rank > best:
            best, weight = rank, q
    return weight


@lru_cache(maxsize=1024)
def preferred(header: str, offers: tuple[str, ...]) -> str:
    """The offer the header prefers: the highest weight above 0, the first offer on a tie or when none is
    acceptable (a page is better than a 406 to a client that asked for something else)."""
    ranges = parse_accept(header)
    if not ranges:
        return offers[0]
    best, chosen = 0.0, offers[0]
    for offer in offers:
        q = weight_of(offer, ranges)
        if q > best:
            best, chosen = q, offer
    return chosen


PAGE_OFFERS = ("text/html", "application/json")


def wants_json(header: str) -> bool:
    """Whether a page asked for with this Accept header is sent as its JSON twin rather than HTML."""
    return preferred(header, PAGE_OFFERS) == "application/json"

"""How an article is laid out, and the text the extractors read.

Plain-text exports come in many layouts: one paragraph a line; paragraphs hard-wrapped at a fixed width with blank
lines between them; CRLF line ends; a block of header lines at the top (``Headline:``, ``Date:``, ``Publisher:``);
a byline (``By Ann Lee | The Courier``) or an update stamp. The stored text never changes (every offset points into
it); the extractors read a **reading view** of the same length, in which

* a line break that only wraps a paragraph is a space, so a sentence is never cut at the end of a line;
* a carriage return is a space, so CRLF reads as LF;
* header lines, bylines and update stamps are blanked out, so none of them becomes a speaker.

The same article in any of these layouts therefore gives the same quotes and speakers, at offsets into its own text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Article, Quote, Span

# "Headline: …", "Date: …", "Publisher: …" lines at the top of a plain-text export
HEADER_LINE = re.compile(r"^\ufeff?(headline|title|subtitle|subhead|dek|standfirst|date|published|updated|publisher|"
                         r"source|outlet|author|authors|byline|by|url|link|section|category|tags?)\s*:\s*(.*)$", re.I)
# what the header keys fill in on an Article
HEADER_FIELDS = {"headline": "title", "title": "title", "date": "published", "published": "published",
                 "publisher": "outlet", "source": "outlet", "outlet": "outlet", "author": "author",
                 "authors": "author", "byline": "author", "by": "author", "url": "url", "link": "url"}
# a byline or a stamp on a line of its own: "By ANN LEE | ann@courier.test | The Courier", "UPDATED: May 3, 2024"
# (a short line that does not end a sentence: "By Tuesday, the council had voted." is not one)
BYLINE = re.compile(r"^(?:-\s*)?(?i:by)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}"
                    r"(?:\s*(?:[|,]|and)\s*.*)?(?<![.!?”\"])$|"
                    r"^(?i:updated|published|posted|last updated)\s*:?\s+[A-Z0-9].{0,60}$")
BYLINE_MAX = 120
# a line of a wrapped paragraph reaches at least this share of the wrap width
WRAP_SHARE = 0.6
# widths beyond this are paragraphs a line, not wrapping
MAX_WRAP_WIDTH = 130


RULE = re.compile(r"^[=_*~-]{3,}$")
# a photo credit closing a caption line: "… have split Labour. Picture: Alamy/LBC"
CREDIT = re.compile(r"(?:^|(?<=[.!?”\"]\s))(?:Pictures?|Photo(?:graph)?s?|Images?|Credit|Photo credit|Pictured)\s*:"
                    r"\s*[^.!?\n]{1,80}$")
# a date stamp on a line of its own: "29 January 2025, 22:45 | Updated: 30 January 2025, 00:57"
DATE_STAMP = re.compile(r"^\d{1,2}\s+[A-Z][a-z]+\s+\d{4}(?:,?\s+\d{1,2}[:.]\d{2})?(?:\s*[|•·-]\s*.{0,60})?$")
# a line that only carries a web address and a page number ("https://example.test/story 1/6"): a printout's footer
PAGE_FOOTER = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\d+\s*/\s*\d+)?$|^(?:page\s+)?\d+\s*(?:/|of)\s*\d+$", re.I)


def _header_end(text: str, lines: list[tuple[int, int]]) -> int:
    """The index of the first line after the header block (0 when there is none): header lines, with rules
    (``=====``) and blank lines around them, at the top."""
    k, seen = 0, False
    while k < len(lines):
        line = text[lines[k][0] : lines[k][1]].strip().lstrip("\ufeff")
        if HEADER_LINE.match(line):
            seen = True
        elif line and not RULE.match(line):
            break
        k += 1
    return k if seen else 0


def header(text: str) -> dict[str, str]:
    """The fields of the header block at the top of a plain-text export (``{"title": …, "published": …}``)."""
    out: dict[str, str] = {}
    lines = _lines(text)
    for s, e in lines[: _header_end(text, lines)]:
        m = HEADER_LINE.match(text[s:e].strip().lstrip("\ufeff"))
        field = HEADER_FIELDS.get(m.group(1).lower()) if m else None
        if m and field and m.group(2).strip() and field not in out:
            out[field] = m.group(2).strip()
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def wrap_width(text: str) -> int | None:
    """The width the text is hard-wrapped at, or None when its line breaks end paragraphs.

    A wrapped text has many lines followed by another non-blank line, most of them close to one width (the
    longest of those lines); a text of one paragraph a line has line lengths spread as widely as its paragraphs.
    A few paragraphs left on one long line among wrapped ones (a paragraph added by another hand, a publisher's
    notice) are set aside when the width is read: they end at a blank line and say nothing of it."""
    lines = [text[s:e].rstrip("\r") for s, e in _lines(text)]
    inner = [len(a) for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip()]
    if len(inner) < 4:
        return None
    filled = [len(x.rstrip()) for x in lines if x.strip()]
    # one-line paragraphs longer than every line that runs on: a few of them (a fifth of the lines at most) are
    # set aside; more, and the text is one paragraph a line with a list or an address block in it
    longest_inner = max(inner)
    alone = sum(1 for a, b in zip(lines, [*lines[1:], ""], strict=True) if a.strip() and not b.strip()
                and len(a.rstrip()) > longest_inner)
    lengths = sorted(n for n in filled if n <= longest_inner) if alone <= 0.2 * len(filled) else sorted(filled)
    width = lengths[int(0.95 * (len(lengths) - 1))]
    if width > MAX_WRAP_WIDTH or width < 30:
        return None
    near = sum(1 for n in inner if n >= WRAP_SHARE * width)
    return width if near >= 0.6 * len(inner) else None


def _quote_open(text: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether a curly quotation mark opened in line ``k``'s run of non-blank lines is still open at its end."""
    first = k
    while first > 0 and text[lines[first - 1][0] : lines[first - 1][1]].strip():
        first -= 1
    run = text[lines[first][0] : lines[k][1]]
    return run.count("“") > run.count("”")


def _blank_line_paragraphs(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether blank lines part the paragraphs of a wrapped text (as in most of it): then a single line break inside
    a quotation still open is a wrap, even after a full stop (see :func:`reading_view`)."""
    full = [bool(text[s:e].strip()) for s, e in lines]
    gaps = sum(1 for k in range(1, len(full)) if full[k] and not full[k - 1] and any(full[:k - 1]))
    filled = sum(full)
    return gaps >= 3 and gaps >= filled / 8


def reading_view(text: str) -> str:
    """The text the extractors read: the same length, wrapping line breaks and carriage returns as spaces, header
    lines, bylines and printout footers blanked (see the module's docstring)."""
    chars = list(text.replace("\r", " ").replace("\ufeff", " "))
    lines = _lines(text)
    artefact = [False] * len(lines)
    for k in range(_header_end(text, lines)):
        artefact[k] = True
    for k, (s, e) in enumerate(lines):
        line = text[s:e].strip()
        if line and ((e - s <= BYLINE_MAX and BYLINE.match(line)) or PAGE_FOOTER.match(line) or RULE.match(line)
                     or DATE_STAMP.match(line)):
            artefact[k] = True
        credit = CREDIT.search(text[s:e].rstrip())
        if credit is not None and not artefact[k]:
            chars[s + credit.start() : s + credit.end()] = " " * (credit.end() - credit.start())
    for k, (s, e) in enumerate(lines):
        if artefact[k]:
            chars[s:e] = " " * (e - s)
    width = wrap_width(text)
    if width is None:
        return "".join(chars)
    blank_paragraphs = _blank_line_paragraphs(text, lines)
    for k, (s, e) in enumerate(lines):
        if artefact[k] or not text[s:e].strip() or e - s < WRAP_SHARE * width:
            continue
        n = k + 1
        while n < len(lines) and artefact[n]:  # a footer or byline between two lines of one paragraph
            n += 1
        if n >= len(lines) or not text[lines[n][0] : lines[n][1]].strip():
            continue  # a blank line: the paragraph ends
        nxt = text[lines[n][0] : lines[n][1]].strip()
        if re.match(r"[-•*]\s", nxt):
            continue  # a list item starts
        line = text[s:e].rstrip()
        if re.search(r"[.!?:][”\"’']?$", line) and len(line) + 1 + len(nxt.split()[0]) <= width and \
                not (blank_paragraphs and _quote_open(text, lines, k)):
            continue  # the sentence ends and the next word would have fitted: the paragraph ends (unless blank lines
            # part the paragraphs and a quotation opened in this one runs on: "“… show up late.\nBefore we …”")
        for j in range(k, n):
            chars[lines[j][1]] = " "
    return "".join(chars)


def as_read(article: Article) -> Article:
    """The article as the extractors read it: its reading view in place of its text (same id, same offsets)."""
    view = reading_view(article.text)
    return article if view == article.text else replace(article, text=view)


def restore(quotes: list[Quote], text: str) -> None:
    """Give every span of ``quotes`` the stored text's characters (the view has spaces where it had line breaks)."""
    def fix(span: Span | None) -> Span | None:
        return None if span is None else Span(text[span.start : span.end], span.start, span.end)

    for q in quotes:
        q.span = fix(q.span) or q.span
        q.cue = fix(q.cue)
        q.content = fix(q.content)
        if q.mention is not None:
            q.mention.span = fix(q.mention.span) or q.mention.span

"""Layout-proof reading: one article written in every layout gives the same quotes and speakers."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from onrecord import pipeline
from onrecord.extract.layout import header, reading_view, wrap_width
from onrecord.store import open_store

PARAGRAPHS = [
    "The county board voted on Tuesday to close two of the three branch libraries in the valley, a decision "
    "that drew a crowd of parents to the meeting hall.",
    "“We are taking books away from the children who need them most, and nobody on this board has explained what "
    "the savings will buy,” said Marta Quillon, who chairs the Friends of Eastvale Library.",
    "Supervisor Dennis Ockley defended the plan. He said the county could not keep paying for buildings that "
    "fewer than forty people visit in a week, and that a mobile library would reach more families.",
    "“This is about serving readers, not about keeping lights on in empty rooms,” Ockley said.",
    "Quillon said her group would collect signatures to put the question on the ballot in November.",
    "The Eastvale Teachers Association said in a statement that it opposed the closures and would back the "
    "petition.",
]
HEADER = ["Headline: Valley libraries face closure after board vote", "Date: 2025-03-04",
          "Publisher: The Valley Courier", "By Ann Petrova | The Valley Courier"]


def _wrapped(width: int, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return sep.join(textwrap.fill(p, width) for p in PARAGRAPHS) + "\n"


NOTICE = ("This report first appeared in the Valley Courier and is republished here with the permission of its "
          "editors; to share it, use the links at the foot of the page or write to the news desk.")


def _mixed() -> str:
    """Hard-wrapped at 72, but one paragraph (added by another hand) and a closing notice each left on one line."""
    paras = [textwrap.fill(p, 72) for p in PARAGRAPHS]
    paras[0] = PARAGRAPHS[0]
    return "\n\n".join([*paras, NOTICE]) + "\n"


def _html() -> str:
    # inline markup splits the quotes and the names
    paras = [p.replace("books away", "<em>books</em> away").replace("Marta Quillon", "<a href='/q'>Marta Quillon</a>")
             .replace("empty rooms", "<strong>empty</strong> rooms") for p in PARAGRAPHS]
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (f"<html><head><title>Valley libraries face closure</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Valley libraries face closure</h1>{body}</article><footer>© Courier</footer></body></html>")


LAYOUTS: dict[str, tuple[str, Any]] = {
    "one paragraph a line": (".txt", lambda: "\n".join(PARAGRAPHS) + "\n"),
    "blank lines between paragraphs": (".txt", lambda: "\n\n".join(PARAGRAPHS) + "\n"),
    "hard-wrapped at 72, blank lines between": (".txt", lambda: _wrapped(72, True)),
    "hard-wrapped at 60, blank lines between": (".txt", lambda: _wrapped(60, True)),
    "hard-wrapped at 80, no blank lines": (".txt", lambda: _wrapped(80, False)),
    "CRLF, hard-wrapped": (".txt", lambda: _wrapped(72, True).replace("\n", "\r\n")),
    "header lines and a byline": (".txt", lambda: "\n".join(HEADER) + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"),
    "header lines, hard-wrapped": (".txt", lambda: "\n".join(HEADER) + "\n\n" + _wrapped(70, True)),
    "HTML with inline tags": (".html", _html),
    "hard-wrapped, a paragraph and a notice left on one line": (".txt", _mixed),
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _read(tmp_path: Path, name: str) -> tuple[str, set[tuple[str, str | None]]]:
    suffix, make = LAYOUTS[name]
    path = tmp_path / f"article{suffix}"
    path.write_bytes(make().encode("utf-8"))
    store = open_store(":memory:")
    pipeline.ingest(store, [path], settings={"extractor": "rules.v1"})
    (article,) = store.articles()
    quotes = store.quotes(article.id)
    for q in quotes:  # every offset points into the stored text
        assert article.text[q.span.start : q.span.end] == q.span.text
        if q.mention is not None:
            assert article.text[q.mention.span.start : q.mention.span.end] == q.mention.span.text
    return article.text, {(_norm(q.span.text), q.speaker) for q in quotes}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str | None]]:
    return _read(tmp_path_factory.mktemp("ref"), "one paragraph a line")[1]


def test_the_reference_reading_is_right(reference: set[tuple[str, str | None]]) -> None:
    speakers = {s for _, s in reference}
    assert {"Marta Quillon", "Dennis Ockley"} <= speakers
    assert any(t.startswith("We are taking books away") and s == "Marta Quillon" for t, s in reference)
    assert any(t.startswith("This is about serving readers") and s == "Dennis Ockley" for t, s in reference)
    assert not any("Courier" in (s or "") or "Petrova" in (s or "") for s in speakers)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_same_quotes_and_speakers(tmp_path: Path, layout: str,
                                                         reference: set[tuple[str, str | None]]) -> None:
    _, got = _read(tmp_path, layout)
    assert got == reference


@pytest.mark.parametrize("width,blank", [(60, True), (72, True), (80, False)])
def test_a_wrapped_text_is_read_as_whole_paragraphs(width: int, blank: bool) -> None:
    text = _wrapped(width, blank)
    assert wrap_width(text) is not None
    view = reading_view(text)
    assert len(view) == len(text)
    assert [_norm(p) for p in re.split(r"\n\s*\n" if blank else r"\n", view) if p.strip()] == PARAGRAPHS


@pytest.mark.parametrize("text", [
    "\n".join(PARAGRAPHS),                                  # one paragraph a line: long, spread-out lines
    "\n\n".join(PARAGRAPHS),
    "State |\nCA |\nAlder College |\n$633,914 |\nCO |\nFort Lewis College |\n$512,000 |\n",  # a table
    # one paragraph a line, with a list of short lines in it (the list's lines run on; the paragraphs do not)
    "\n\n".join([PARAGRAPHS[0], "The candidates are:\nMarta Quillon, independent, a local councillor\n"
                 "Dennis Ockley, Labour, a retired teacher\nAnn Petrova, Green, a parish clerk\n"
                 "Tom Reyes, Liberal Democrat, a farmer", PARAGRAPHS[1]]),
])
def test_line_breaks_that_end_paragraphs_stay(text: str) -> None:
    assert wrap_width(text) is None
    assert reading_view(text) == text


def test_header_lines_give_metadata_and_are_blanked() -> None:
    text = "\n".join(HEADER) + "\n\n" + PARAGRAPHS[0]
    assert header(text) == {"title": "Valley libraries face closure after board vote", "published": "2025-03-04",
                            "outlet": "The Valley Courier"}
    view = reading_view(text)
    assert view.strip() == PARAGRAPHS[0] and len(view) == len(text)
    ruled = "=====\nTitle: A\nAuthor: Bo Fry\n=====\n\nBody text here."
    assert header(ruled) == {"title": "A", "author": "Bo Fry"}
    assert reading_view(ruled).strip() == "Body text here."


@pytest.mark.parametrize("line,blank", [
    ("By ANN PETROVA | ann@courier.test | The Valley Courier", True),
    ("- By Courier Staff", True),
    ("UPDATED: March 4, 2025 at 5:31 a.m.", True),
    ("https://courier.test/2025/03/04/libraries 2/6", True),
    ("By Tuesday, the board had voted to close the branches.", False),
    ("By contrast, Ockley said the plan would save money.", False),
    ("14 March 2025, 09:12 | Updated: 15 March 2025, 10:40", True),
    ("14 March 2025 was the day the board voted to close two branches.", False),
])
def test_bylines_stamps_and_footers_are_blanked_but_sentences_are_not(line: str, blank: bool) -> None:
    text = PARAGRAPHS[0] + "\n" + line + "\n" + PARAGRAPHS[1]
    assert (line not in reading_view(text)) is blank


def test_a_printout_footer_inside_a_wrapped_paragraph_does_not_cut_it() -> None:
    lines = textwrap.fill(PARAGRAPHS[2], 64).split("\n")
    text = "\n".join([*lines[:2], "https://courier.test/story 1/3", *lines[2:]]) + "\n\n" + \
        textwrap.fill(PARAGRAPHS[0], 64) + "\n\n" + textwrap.fill(PARAGRAPHS[1], 64)
    view = reading_view(text)
    assert _norm(view.split("\n\n")[0]) == PARAGRAPHS[2]


@pytest.mark.parametrize("line,kept,credit", [
    ("The board's plan has split the town. Picture: Valley Press/Alamy", "The board's plan has split the town.",
     "Valley Press/Alamy"),
    ("Photo: Courier staff", "", "Courier staff"),
    ("The picture: a town split over its libraries.", "The picture: a town split over its libraries.", None),
])
def test_a_photo_credit_is_blanked_and_its_caption_kept(line: str, kept: str, credit: str | None) -> None:
    text = PARAGRAPHS[0] + "\n\n" + line + "\n\n" + PARAGRAPHS[1]
    view = reading_view(text)
    assert len(view) == len(text)
    assert kept in view
    if credit:
        assert credit not in view


def test_where_blank_lines_part_paragraphs_a_line_break_after_a_full_stop_only_wraps(tmp_path: Path) -> None:
    quote = ("“We are taking books away from the children who need them most.\nNobody on this board has explained "
             "what the savings will buy,” said Marta Quillon.")
    text = "\n\n".join([textwrap.fill(PARAGRAPHS[0], 72), quote, *(textwrap.fill(p, 72) for p in PARAGRAPHS[2:])])
    assert len(quote.split("\n")[0]) + 1 + len("Nobody") <= wrap_width(text)  # the next word would have fitted
    view = reading_view(text)
    assert "them most. Nobody on this board" in view
    from onrecord.eval.realnews import run_article

    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    quotes = [q for d in run_article(path, [])[""]["documents"] for q in d["quotes"] if "taking books" in q["text"]]
    assert [(q["kind"], q["speaker"]) for q in quotes] == [("direct", "Marta Quillon")]


def test_where_blank_lines_part_paragraphs_one_line_reactions_stay_apart() -> None:
    # lines that each close their quote are lines of their own, even inside a wrapped, blank-line-parted article
    block = ("Opposition leader Ben Hart said: “This is a shameful day.”\n"
             "Librarian Rosa Diaz, of Eastfield library: “I am heartbroken.”\n"
             "Union official Mo Khan: “We will fight this in the courts.”")
    text = "\n\n".join([textwrap.fill(p, 70) for p in PARAGRAPHS[:3]] + [block] +
                       [textwrap.fill(p, 70) for p in PARAGRAPHS[3:]])
    assert wrap_width(text) is not None
    view = reading_view(text)
    assert "shameful day.”\nLibrarian" in view and "heartbroken.”\nUnion" in view

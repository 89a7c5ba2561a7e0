"""Pairs for choosing the near-duplicate threshold (:mod:`onrecord.resolve.stories`), written here.

Positives: a wire story and the copies outlets make of it (a new headline, the last paragraphs cut, a local
paragraph added, the outlet's boilerplate around it, words changed to house style, paragraphs reordered, and
several of these at once). Negatives: two stories written independently about the same event (same people,
same meeting, even a shared quote), and stories on different events. :func:`score` gives precision and
recall per threshold; ``benchmarks/bench_dedup.py`` prints them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

# Two events, each written up twice by different newsrooms (A and B): same facts, their own words.
STORIES: dict[str, str] = {
    "ferry-a": """Island ferry fares to rise by a fifth

The regional transport board voted on Thursday to raise fares on the island ferry by 20 per cent from April,
the first increase in six years.

Board chair Helen Okafor said the rise was unavoidable after fuel costs doubled. "We have held fares for as long
as we could, and we cannot hold them any longer without cutting sailings," she said.

Islanders packed the public gallery. Several shouted as the vote was taken, and the meeting was halted twice.

Councillor Rob Dunmore, who represents the island ward, voted against the increase. He said families who
depend on the ferry for school and work would be hit hardest. "This is a tax on living on an island," he said.

The board said season tickets for students and pensioners would be frozen for a year. A review of the
timetable will be published in the summer.

The operator, Sound Ferries, carried 1.2 million passengers last year, up from 900,000 before the pandemic.
""",
    "ferry-b": """Anger as transport board backs ferry price hike

Passengers on the island route will pay a fifth more to cross from the spring after a vote that drew angry
scenes at the transport board's headquarters.

Members approved the increase by seven votes to three. Supporters pointed to fuel bills that have doubled in
two years, while opponents warned of emptier boats and a quieter island.

"This is a tax on living on an island," said Rob Dunmore, the ward councillor, who led the opposition and
promised to take a petition to the regional assembly.

Helen Okafor, who chairs the board, told reporters after the meeting that the only alternative was fewer
crossings in winter, which she called worse for everyone.

Campaign group Keep Us Afloat said more than 3,000 people had signed its petition in a week. Its founder,
Maria Castell, said the group would consider a legal challenge to the way the consultation was run.
""",
    "library-a": """Council to close three branch libraries

Three branch libraries will close in September after the city council approved its budget on Monday night,
despite a campaign by parents and authors to save them.

Council leader Sam Whitfield said the closures would save 600,000 pounds a year and protect the central
library's opening hours. "Nobody came into politics to close libraries," he said. "But we have to balance
the books, and the law says we must."

The branches at Eastgate, Millbrook and Holloway Road will be offered to community groups to run as
volunteer libraries. Two groups have already come forward.

Opposition leader Priya Nair said the council had not looked hard enough for other savings. She said her
group would have cut the cost of consultants instead.

The children's author Tom Ashcroft, who grew up near Millbrook, handed in a petition of 12,000 names before
the meeting. He called the decision "a sad night for the city".
""",
    "library-b": """Budget vote seals fate of Eastgate, Millbrook and Holloway Road libraries

Campaigners vowed to keep fighting after councillors voted through a budget that ends council funding for
three neighbourhood libraries this autumn.

Priya Nair, who leads the opposition, accused the ruling group of choosing the easy cut. "They found money
for consultants and none for children's books," she told the chamber.

The council's leader, Sam Whitfield, said the savings of 600,000 pounds were needed to meet a legal duty to
set a balanced budget, and that the central library would keep its hours.

Volunteers in Eastgate say they are ready to run their branch themselves, with help from a local charity.
A group in Holloway Road is raising money for new shelving.

Author Tom Ashcroft, one of the campaign's best-known faces, said the night was a sad one, but that the
petition had shown how much the libraries mattered.
""",
}
EVENTS = {"ferry-a": "ferry", "ferry-b": "ferry", "library-a": "library", "library-b": "library"}

BOILER_TOP = "By Staff Reporter\nPublished 9:14am\n"
BOILER_END = ("\nThis story was first published by the Regional News Wire and is republished with permission. "
              "Sign up to our newsletter for the day's top stories. Share this article: Facebook, X, Email.\n")


def _paras(text: str) -> list[str]:
    return [p for p in text.strip().split("\n\n") if p.strip()]


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def new_headline(text: str) -> str:
    p = _paras(text)
    return _join(["Latest: " + p[0].lower().capitalize() + " after vote", *p[1:]])


def cut_end(text: str) -> str:
    p = _paras(text)
    return _join(p[: max(3, len(p) - 2)])


def add_local(text: str) -> str:
    p = _paras(text)
    local = ("Readers in our area can find the full meeting papers on the council website, and we will\n"
             "follow the story as it develops over the coming weeks.")  # wrapped as the stories are
    return _join([*p[:2], local, *p[2:]])


def boilerplate(text: str) -> str:
    return BOILER_TOP + text + BOILER_END


def house_style(text: str) -> str:
    swaps = {"per cent": "%", " on Thursday": "", " on Monday night": " on Monday", "pounds": "GBP",
             "said": "says", "told reporters": "said"}
    for a, b in swaps.items():
        text = text.replace(a, b)
    return text


def reorder(text: str) -> str:
    p = _paras(text)
    if len(p) > 4:
        p[2], p[3] = p[3], p[2]
        p[-1], p[-2] = p[-2], p[-1]
    return _join(p)


def heavy(text: str) -> str:
    return boilerplate(house_style(cut_end(add_local(new_headline(text)))))


EDITS: dict[str, Callable[[str], str]] = {"new headline": new_headline, "end cut": cut_end, "local paragraph":
                                          add_local, "boilerplate": boilerplate, "house style": house_style,
                                          "reordered": reorder, "all at once": heavy}


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    what: str


def pairs() -> list[Pair]:
    """Every positive (a story and each edited copy) and negative (two different stories) pair."""
    out = [Pair(text, edit(text), True, f"{name}: {what}") for name, text in STORIES.items()
           for what, edit in EDITS.items()]
    names = sorted(STORIES)
    for i, x in enumerate(names):
        for y in names[i + 1:]:
            kind = "same event" if EVENTS[x] == EVENTS[y] else "different events"
            out.append(Pair(STORIES[x], STORIES[y], False, f"{x} / {y}: {kind}"))
            out.append(Pair(heavy(STORIES[x]), STORIES[y], False, f"{x} (edited) / {y}: {kind}"))
    return out


def score(thresholds: list[float]) -> list[dict[str, float]]:
    """Precision and recall of "estimated Jaccard at or over t means one story" on :func:`pairs`."""
    from ..resolve.stories import signature

    scored = [(float(signature(p.a).jaccard(signature(p.b))), p.same) for p in pairs()]
    rows = []
    for t in thresholds:
        tp = sum(1 for s, same in scored if s >= t and same)
        fp = sum(1 for s, same in scored if s >= t and not same)
        fn = sum(1 for s, same in scored if s < t and same)
        rows.append({"threshold": t, "precision": tp / (tp + fp) if tp + fp else 1.0,
                     "recall": tp / (tp + fn) if tp + fn else 1.0, "true": tp, "false": fp, "missed": fn})
    return rows


TEMPLATES = (
    "The {body} voted on {day} to {act} the {thing} in {place}, a decision {who} called {word}.",
    "{who}, who chairs the {body}, said: \u201cWe will {act} the {thing} because {place} cannot wait.\u201d",
    "Opponents led by {who} said the plan to {act} the {thing} would cost {n} jobs in {place}.",
    "About {n} residents signed a petition against the {thing} before the {body} met on {day}.",
    "\u201cThis is {word} for {place},\u201d {who} told reporters after the {body} vote.",
    "The {thing} has been debated in {place} for {n} months, and the {body} will review it on {day}.",
    "{who} said the {body} had not been told how the {thing} would be paid for.",
    "A report for the {body} found that {n} households in {place} use the {thing} each week.",
)
SLOTS = {
    "body": ["council", "transport board", "health trust", "school board", "planning committee", "assembly",
             "housing panel", "police board", "harbour authority", "water board", "parks committee", "cabinet"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "act": ["close", "expand", "cut", "fund", "sell", "rebuild", "delay", "scrap", "review", "protect", "merge"],
    "thing": ["library", "bus route", "clinic", "bridge", "car park", "swimming pool", "youth centre", "ferry",
              "market", "school", "depot", "museum", "tram line", "recycling centre", "sports ground"],
    "place": ["Eastgate", "Millbrook", "Holloway", "Northfield", "Riverside", "Kingsmead", "Ashford Vale",
              "Brackley", "Corran", "Dunmore Bay", "Elmstead", "Fairhaven", "Glenholm", "Harrowby"],
    "word": ["a scandal", "a relief", "overdue", "a betrayal", "the right call", "a disgrace", "a start"],
}


def generated(n: int, seed: int = 0) -> list[str]:
    """``n`` different articles for benchmarks, from sentence templates with names, places and numbers drawn at
    random, so that two of them rarely share five words in a row (as two reports of one week's news)."""
    rng = random.Random(seed)
    first = ["Ana", "Ben", "Carla", "Dev", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kemi", "Lars",
             "Mona", "Nils", "Olu", "Petra", "Quinn", "Rosa", "Sven", "Tara"]
    last = ["Adler", "Brook", "Costa", "Dahl", "Eze", "Frost", "Gill", "Hale", "Ito", "Joshi", "Kerr", "Lund",
            "Mears", "Novak", "Oduya", "Price", "Quayle", "Reyes", "Stone", "Trent"]
    out = []
    for i in range(n):
        sentences = []
        for _ in range(12):
            fill = {k: rng.choice(v) for k, v in SLOTS.items()}
            fill["who"] = f"{rng.choice(first)} {rng.choice(last)}"
            fill["n"] = str(rng.randint(2, 5000))
            sentences.append(rng.choice(TEMPLATES).format(**fill))
        paras = [" ".join(sentences[k:k + 3]) for k in range(0, 12, 3)]
        out.append(_join([f"Report {i}: {rng.choice(SLOTS['thing']).capitalize()} row in {rng.choice(SLOTS['place'])}",
                          *paras]))
    return out

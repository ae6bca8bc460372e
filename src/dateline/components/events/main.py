"""The article's main event: the one its headline and lead tell, as an analyst records it.

News is written as an inverted pyramid: the headline and the lead paragraph carry the event the
article is about (who, what, where, when, how many), and the rest of the text adds detail,
reactions and background, earlier attacks and the war's running toll among them (Pöttker 2003,
"News and its communicative quality: the inverted pyramid", Journalism Studies 4(4); Bell 1991,
*The Language of News Media*, ch. 9). An event data coder (ACLED, UCDP GED) reads an article
the same way: the main event is the lead's, told in full, and a toll or attack further down is
another event or none.

So the main event is chosen among the violent events (PLOVER ASSAULT, COERCE) that are asserted
(not negated, not hypothetical), news (not historical) and the event's own (not a cumulative
toll), in the head of the article (headline and the first body sentences), the one telling the
most of it (a toll, an actor, a place); with none in the head, the first such event in the text.

A headline and its lead often tell one event in several clauses ("Air strikes hit a market on
Friday killing at least 18": a strike and a killing; "Regime strike on Aleppo" / "At least eight
people were killed"): what one clause leaves out (the actor, the place, the toll) is taken from
the others of the head, as a reader joins them. Tolls follow how news updates a count: a precise
figure over a vague one ("dozens" in the headline, "12" in the lead), a later report over an
earlier one; the others stay on the event as ``tolls``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...records import Event
from ..doctext import text_of
from ..headline import headline_span
from .participants import in_country

VIOLENT = ("ASSAULT", "COERCE")
LEAD_SENTENCES = 2  # the lead: the first sentences after the headline (a wire lead is one or two)
MIN_WORDS = 6  # fewer words is a byline or a date line ("AFP  Tuesday 30 Sep 2014"), no sentence
_WORD = re.compile(r"[^\W\d_]{2,}")


def lead_end(text: str, sentences: list[tuple[int, int]], after: int) -> int:
    """The end of the lead: the end of the LEAD_SENTENCES-th sentence after ``after`` that is a
    sentence (a byline, a date or an agency's name the parser cut off is none)."""
    ends = [e for s, e in sentences if e > after and len(_WORD.findall(text[max(s, after) : e])) >= MIN_WORDS]
    if not ends:
        return len(text)
    return ends[min(LEAD_SENTENCES, len(ends)) - 1]


def doc_lead_end(doc, after: int) -> int:
    """:func:`lead_end` of a Doc, worked out once per Doc (the coder and the placing of every event
    ask for it)."""
    key = ("dateline_events_lead_end", after)
    if key not in doc.user_data:
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        doc.user_data[key] = lead_end(text_of(doc), sentences, after)
    return doc.user_data[key]


def candidates(events: list[Event]) -> list[Event]:
    """The events that can be the main one, as the scorer's lead rule and a coder read them."""
    viol = [e for e in events if e.type in VIOLENT]
    cand = [e for e in viol if not e.negated and not e.hypothetical] or viol
    cand = [e for e in cand if not e.historical] or cand
    return [e for e in cand if not e.cumulative] or cand


def _told(e: Event) -> int:
    """How much of the event a clause tells: a toll, an actor, a place."""
    return (
        2 * (e.fatalities is not None or e.fatalities_min is not None) + (e.source is not None) + (e.place is not None)
    )


class Head:
    """The head of the article: where its headline stands, where its lead ends, the headline's toll."""

    def __init__(self, text: str, title: str | None, sentences: list[tuple[int, int]], quantities=()) -> None:
        self.headline = headline_span(text, title)
        self.end = lead_end(text, sentences, self.headline[1] if self.headline else 0)
        h = self.headline
        # The headline's count of the dead: the main event's toll in the fewest words.
        self.tolls = [
            q
            for q in quantities or ()
            if h is not None and h[0] <= q.start < h[1] and q.unit in ("killed", "dead") and not q.high
        ]
        # A toll the head updates ("the death toll from the blast has risen to 61"): the latest report.
        self.updates = [
            q
            for q in quantities or ()
            if q.start < self.end
            and q.unit in ("killed", "dead")
            and not q.vague
            and _UPDATE.search(text[max(0, q.start - 120) : q.start])
        ]


# "The death toll ... has risen to", "the toll reached", "Death Toll ... Rises to": a count updated.
_UPDATE = re.compile(
    r"\btoll\b(?:(?!\.\s).){0,100}\b(?:rose|risen|rises|rising|reached|reaches|climbed|climbs|mounted|"
    r"jumped|increased|surpass(?:ed|es)?|exceeded|stands|stood)\b(?:(?!\.\s).){0,30}$",
    re.IGNORECASE,
)


def choose(events: list[Event], head: Head) -> Event | None:
    """The main event (not yet completed from the rest of the head), or None when there is none.

    The event whose toll is the headline's is the one the headline names, wherever the body tells
    it ("IS executes 70 of its members" / "... has executed at least 70 of its own members");
    otherwise the head's violent event telling the most, else the first one in the text."""
    if not events:
        return None
    cand = candidates(events)
    if not cand:
        return events[0]
    exact = [q for q in head.tolls if not q.vague]
    if exact:
        named = [e for e in cand if e.fatalities == exact[0].value and not e.cumulative]
        if named:
            # the body's telling before the headline's own clause: it says who, where and when
            return min(named, key=lambda e: (_in_headline(e, head), e.trigger.start))
    in_head = [e for e in cand if e.trigger.start < head.end]
    if not in_head:
        return min(cand, key=lambda e: e.trigger.start)
    return max(in_head, key=lambda e: (_told(e), -e.trigger.start))


def _in_headline(e: Event, head: Head) -> bool:
    return head.headline is not None and head.headline[0] <= e.trigger.start < head.headline[1]


def select(
    events: list[Event],
    text: str,
    title: str | None,
    sentences: list[tuple[int, int]],
    quantities=(),
    retold: list[Event] | tuple[Event, ...] = (),
) -> tuple[list[Event], str | None]:
    """(events, main event id): the main event completed from the other violent events of the head,
    from the headline's clauses the body tells again (``retold``, not events of their own) and from
    the headline's toll."""
    head = Head(text, title, sentences, quantities)
    main = choose(events, head)
    if main is None:
        return events, None
    if main.type not in VIOLENT:
        return events, main.id
    same = [
        e
        for e in candidates([*retold, *events])
        if e.trigger.start < head.end and e is not main and _compatible(main, e)
    ]
    done = _complete(main, same, head)
    if done.fatalities is None and not done.cumulative:
        done = _counted_later(done, events, quantities)
    if done.source is None:
        done = _acted_later(done, events)
    if done.date_rule in (None, "publication"):
        done = _dated_later(done, events)
    # An actor taken from another clause ("Rebel shelling kills four" in the headline, placed
    # nowhere) is coded like the event's own, with the country of the place the event now has.
    if done is not main:
        done = replace(done, source=in_country(done.source, done.place), target=in_country(done.target, done.place))
    return [done if e.id == main.id else e for e in events], main.id


def _counted_later(main: Event, events: list[Event], quantities=()) -> Event:
    """A toll the head leaves vague or untold, counted further down: "Scores of civilians killed in
    airstrikes" and, in the body, "the airstrikes killed 25 civilians"; "Aid convoy attacked near
    Aleppo" and, three sentences on, "20 civilians were killed". News gives the count where it has
    it; the first later count of a compatible event (not another day, not a running total, at
    least the vague word's lower bound) is the main event's, the vague word kept as a report of it."""
    for e in events:
        if (
            e.trigger.start > main.trigger.start
            and e.type in VIOLENT
            and e.fatalities is not None
            and e.fatalities >= (main.fatalities_min or 0)
            and not (e.cumulative or e.historical or e.negated or e.hypothetical)
            and _compatible(main, e)
        ):
            # the vague word stays a report of the toll (the headline's is there already)
            vague = [q for q in quantities or () if q.vague and q.text == main.fatalities_text]
            tolls = main.tolls or tuple(vague[:1])
            return replace(
                main,
                fatalities=e.fatalities,
                fatalities_min=None,
                fatalities_text=e.fatalities_text,
                tolls=tolls,
            )
    return main


def same_telling(a: Event, b: Event) -> bool:
    """Two clauses that can tell one event (:func:`_compatible`) and do not name two different
    actors as its source ("Assad's air force kills 65 in Raqqa" is not the lead's "coalition strikes
    against ISIS")."""
    if a.source is not None and b.source is not None and not _same_actor(a.source, b.source):
        return False
    return _compatible(a, b)


def _same_actor(a, b) -> bool:
    """Not two different actors: the same entity, name or country, or one of them a description
    that names no one ("gunmen", "militants" may be the lead's Boko Haram fighters)."""
    if a.entity is not None and a.entity == b.entity or a.name == b.name:
        return True
    if a.entity is None and a.country is None or b.entity is None and b.country is None:
        return True
    return a.country is not None and a.country == b.country


def _later_tellings(main: Event, events: list[Event]) -> Iterator[Event]:
    """The attacks told after the main event at its place, asserted, of this news and compatible
    with it (:func:`_compatible`): what a reader joins to it."""
    if main.place is None:
        return
    for e in events:
        if (
            e.trigger.start > main.trigger.start
            and e.type in VIOLENT
            and e.place is not None
            and e.place.name == main.place.name
            and not (e.cumulative or e.historical or e.negated or e.hypothetical)
            and _compatible(main, e)
        ):
            yield e


def _acted_later(main: Event, events: list[Event]) -> Event:
    """Who carried out the main event, told further down where the head names no one: "a chemical
    massacre near Damascus that killed hundreds" and, three sentences on, "opponents said the
    president's forces killed 1,300 people ... east of Damascus". The first later telling of an
    attack at the same place, on a compatible day, with a source, gives it."""
    e = next((e for e in _later_tellings(main, events) if e.source is not None), None)
    return replace(main, source=e.source) if e is not None else main


def _dated_later(main: Event, events: list[Event]) -> Event:
    """The day of the main event, told further down where its own sentence gives none: "a
    chemical massacre near Damascus that the opposition claims killed hundreds" and, two sentences
    on, "the president's forces killed 1,300 people east of Damascus in the attacks on Wednesday".
    The first later telling at the same place dated to a day of the publication month
    (``main.date``, which the month of publication stands for) gives it: an older attack there is
    background, not this one."""
    for e in _later_tellings(main, events):
        if (
            e.date_rule in ("governing", "sentence")
            and e.date is not None
            and len(e.date) >= 10
            and (main.date is None or e.date.startswith(main.date))
        ):
            return replace(main, date=e.date[:10], date_rule=e.date_rule)
    return main


def _compatible(main: Event, other: Event) -> bool:
    """Two clauses that can tell one event: not on two different days, each the day its own clause
    names (a date elsewhere in the sentence may be the day it was said: "said on Saturday"), and
    the one's actor is not the other's target ("IS attacks a Kurdish town" / "Kurds killed 45 IS
    fighters")."""
    if (
        main.date_rule == other.date_rule == "governing"
        and main.date
        and other.date
        and main.date[:10] != other.date[:10]
        and len(main.date) >= 10
        and len(other.date) >= 10
    ):
        return False
    if other.source is not None and main.target is not None and other.source.name == main.target.name:
        return False
    if main.source is not None and other.target is not None and main.source.name == other.target.name:
        return False
    return True


def _complete(main: Event, others: list[Event], head: Head) -> Event:
    """The main event with what the other clauses of the head tell of it: the actor, the place, and
    the toll (the most specific report of it; the other reports kept as ``tolls``)."""
    changes: dict = {}
    if main.source is None:
        src = next((e.source for e in others if e.source is not None), None)
        if src is not None:
            changes["source"] = src
    if main.place is None:
        place = next((e.place for e in others if e.place is not None), None)
        if place is not None:
            changes["place"] = place
    if main.cumulative:
        return replace(main, **changes) if changes else main
    # Every report of the toll: an update the head tells first ("the toll has risen to 61"), then
    # the headline's count, then the event's own and the other clauses of the head. The headline is
    # written last and states the event's toll as the outlet finally counts it: a lead clause with
    # another figure tells a part of it ("Seven killed in Aleppo and Sweida" / "Six civilians were
    # killed ... in Aleppo") or an earlier count. A count beats a vague word ("dozens" in the
    # headline, "12" in the lead); the other reports stay on the event as ``tolls``.
    reports = [(int(q.value), None, q.text, q) for q in head.updates[:1]]  # the latest first
    reports += [(int(q.value), None, q.text, q) for q in head.tolls if not q.vague]
    for e in [main, *others]:
        if e.cumulative:
            continue
        if e.fatalities is not None or e.fatalities_min is not None:
            reports.append((e.fatalities, e.fatalities_min, e.fatalities_text, None))
    reports += [(None, int(q.value), q.text, q) for q in head.tolls if q.vague]
    if reports:
        best = next((r for r in reports if r[0] is not None), reports[0])
        changes.update(fatalities=best[0], fatalities_min=best[1], fatalities_text=best[2])
        # the headline's reports not kept (a headline clause coded as the main event is its own report)
        own = main.fatalities_text if _in_headline(main, head) else None
        others_q = [r[3] for r in reports if r[3] is not None and r is not best and r[2] != own]
        if others_q:
            changes["tolls"] = tuple(dict.fromkeys(main.tolls + tuple(others_q)))
    return replace(main, **changes) if changes else main

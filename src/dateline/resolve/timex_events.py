"""Which date an event gets: the events component's one call into the time normalizer.

``event_date`` is a pure function over the times of a sentence (anything with ``start``,
``end``, ``type`` and ``value``, e.g. ``records.TimeRef``), so it needs neither spaCy nor
the records module.

Rules, in order (the value is always a TIMEX3 value):

1. ``governing``: the time expression the events component found attached to the trigger
   in the parse ("struck *on Thursday*"), when its value is a calendar date or period.
2. ``sentence``: otherwise the nearest calendar time in the trigger's sentence, preferring
   one before the trigger at equal distance (news leads put the date after the verb:
   "the Pentagon said on Thursday").
3. ``publication``: otherwise the publication date at *month* precision (``2024-01``): an
   undated event in a news report happened before publication, usually days but sometimes
   weeks before, so the day would claim a precision the text does not give. Pass
   ``fallback="day"`` or ``"week"`` for a finer guess.

Vague values (``PAST_REF``, ``PRESENT_REF``), durations and sets never date an event.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Protocol


class _Time(Protocol):
    start: int
    end: int
    type: str
    value: str


_CALENDAR = re.compile(r"\d{3,4}(?:-(?:\d\d|W\d\d|Q\d|H\d|SP|SU|FA|WI)(?:-\d\d)?)?(?:-WE)?(?:T.*)?")


def is_calendar(value: str | None) -> bool:
    """True for a value that names a stretch of the calendar: ``2024-01-25``, ``2024-W04``, ``2019``."""
    return bool(value) and _CALENDAR.fullmatch(value) is not None


def event_date(
    times: list[Any],
    trigger_start: int,
    trigger_end: int,
    sentence_start: int,
    sentence_end: int,
    governing: _Time | None = None,
    published: str | None = None,
    fallback: str = "month",
) -> tuple[str | None, str]:
    """(TIMEX3 value, rule) for an event whose trigger spans ``trigger_start:trigger_end``.

    ``rule`` is ``"governing"``, ``"sentence"``, ``"publication"`` or ``"none"`` (no date
    known at all: value None).
    """
    if governing is not None and governing.type in ("DATE", "TIME") and is_calendar(governing.value):
        return governing.value, "governing"
    best = None
    for t in times:
        if t.type not in ("DATE", "TIME") or not is_calendar(t.value):
            continue
        if not (sentence_start <= t.start and t.end <= sentence_end):
            continue
        dist = (
            trigger_start - t.end if t.end <= trigger_start else t.start - trigger_end if t.start >= trigger_end else 0
        )
        key = (max(dist, 0), t.start > trigger_start)
        if best is None or key < best[0]:
            best = (key, t.value)
    if best is not None:
        return best[1], "sentence"
    if published:
        return _coarsen(published, fallback), "publication"
    return None, "none"


def _coarsen(published: str, fallback: str) -> str:
    if fallback == "day":
        return published[:10]
    if fallback == "week":
        try:
            y, w, _ = dt.date.fromisoformat(published[:10]).isocalendar()
            return f"{y}-W{w:02d}"
        except ValueError:
            return published[:7]
    return published[:7]

"""Which of an article's towns a name the gazetteer lacks lies in, read off the words around it.

News places a building, a street or a campus by naming its town beside it: "the Palais des
Nations in Geneva", "Crossroads Correctional Center in Shelby", "Seoul's Jamsil Stadium", "the
University of California, Los Angeles". Such a name lies inside that town, so the town's point is
its best answer (the containment patterns of toponym resolvers since Leidner 2007, who reads
"X in Y" and "X, Y" as Y containing X). Pure text patterns over mention offsets; no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# "X in Y", "X at Y", "X near Y", "X outside Y", "X north of Y": Y right after X names its town
_AFTER = re.compile(
    r"\s+(?:in|at|near|outside|outside of|just outside|(?:north|south|east|west)(?:east|west)? of)"
    r"\s+(?:the\s+(?:city|town|village)\s+of\s+|downtown\s+)?$",
    re.IGNORECASE,
)
# "X, Y" only when X is plainly a building or an institution: a bare "Madinaty, Liverpool" is a list
_COMMA = re.compile(r"\s*,\s*$")
_FACILITY = re.compile(
    r"\b(?:university|college|school|academy|hospital|cent(?:er|re)|clinic|hotel|church|cathedral|"
    r"mosque|temple|stadium|arena|park|square|street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|"
    r"drive|mall|market|museum|library|prison|jail|court(?:house)?|hall|airport|station|base|"
    r"camp|plaza|palace|building|tower|bridge|institute)\b",
    re.IGNORECASE,
)
# "Y's X": "Seoul's Jamsil Stadium", "Harare's Third Street"
_BEFORE = re.compile(r"^[’']s\s+$")
_MAX_GAP = 30


def container(text: str, spans: Sequence[tuple[int, int]], i: int, towns: Sequence[bool]) -> int | None:
    """The index of the mention that names the town mention ``i`` lies in, or None.

    ``spans`` are the mentions' (start, end) offsets; ``towns[j]`` says whether mention ``j`` was
    resolved to a town (a city, capital or county the gazetteer knows), the only kind that contains.
    """
    start, end = spans[i]
    name = text[start:end]
    best = None
    for j, (s, e) in enumerate(spans):
        if j == i or not towns[j]:
            continue
        if end <= s <= end + _MAX_GAP:
            gap = text[end:s]
            named = _AFTER.fullmatch(gap) or _COMMA.fullmatch(gap) and _FACILITY.search(name)
            if named and (best is None or s < spans[best][0]):
                best = j
        elif start - 3 <= e <= start and _BEFORE.match(text[e:start]):
            return j
    return best


def is_facility(name: str) -> bool:
    """Whether a name is plainly a building, a street or an institution ("Alder Hey Children's Hospital")."""
    return bool(_FACILITY.search(name))

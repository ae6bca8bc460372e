"""What the resolver takes and gives: a place-name mention and its resolution.

Kept apart from ``resolver`` so that the modules it calls (``fallback``) can name a Mention
without importing the resolver back.
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import Candidate


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Resolution:
    mention: Mention
    place: Candidate | None
    precision: str | None
    score: float = 0.0

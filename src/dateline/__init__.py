"""dateline: reads conflict news the way an analyst does.

>>> from dateline import analyze
>>> report = analyze("Militants attacked a base in Anbar on Monday.", published="2024-01-25")
>>> report.to_json()
"""

from __future__ import annotations

import logging

from .pipeline import Pipeline, analyze
from .records import Article, Entity, Event, Place, Quantity, Quote, Report, TimeRef

__all__ = ["analyze", "Pipeline", "Article", "Report", "Entity", "Quote", "TimeRef", "Place", "Event", "Quantity"]
__version__ = "0.1.0"  # the one place it is written: pyproject.toml reads it from here

logging.getLogger(__name__).addHandler(logging.NullHandler())

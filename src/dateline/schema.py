"""The versioned JSON Schema of a report, shipped as package data."""

from __future__ import annotations

import functools
import json
from importlib import resources

import jsonschema

from .records import FACT_KINDS


@functools.cache
def report_schema() -> dict:
    return json.loads(resources.files("dateline").joinpath("data/report.schema.json").read_text(encoding="utf-8"))


def validate(report: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when a report does not follow the schema."""
    jsonschema.validate(report, report_schema(), cls=jsonschema.Draft202012Validator)


def check_offsets(report: dict) -> list[str]:
    """Every span whose ``text`` is given must be ``report['text'][start:end]``; returns the mismatches."""
    text = report["text"]
    bad: list[str] = []

    def walk(obj, where: str) -> None:
        if isinstance(obj, dict):
            if (
                isinstance(obj.get("start"), int)
                and isinstance(obj.get("end"), int)
                and isinstance(obj.get("text"), str)
            ):
                if text[obj["start"] : obj["end"]] != obj["text"]:
                    bad.append(f"{where}: {obj['text']!r} != text[{obj['start']}:{obj['end']}]")
            for k, v in obj.items():
                if k != "text":
                    walk(v, f"{where}.{k}")
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, f"{where}[{i}]")

    for key in (*FACT_KINDS, "dateline"):
        walk(report.get(key), key)
    return bad

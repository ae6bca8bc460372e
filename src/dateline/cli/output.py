"""Output formats shared by the CLI commands (sqlite-utils' shared ``--nl/--csv`` options)."""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from ..records import Report


class RowFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class ReportFormat(enum.StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def only(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> list[dict[str, Any]]:
    """The rows with just these columns, in this order."""
    return [{c: r[c] for c in columns} for r in rows]


def print_rows(rows: Sequence[Mapping[str, Any]], fmt: RowFormat, title: str | None = None) -> None:
    if fmt == RowFormat.json:
        print(json.dumps(list(rows), ensure_ascii=False, indent=1, default=str))
    elif fmt == RowFormat.jsonl:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False, default=str))
    elif fmt == RowFormat.csv:
        if rows:
            w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        table = Table(title=title)
        cols = list(rows[0]) if rows else []
        for c in cols:
            table.add_column(c, overflow="fold", max_width=60)
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c]) for c in cols))
        Console().print(table if rows else f"[dim]no {title or 'rows'}[/dim]")


def summary(report: Report) -> str:
    """A readable summary of one report, for a person."""
    out = [
        f"== {report.id}: {report.title or '(no title)'}",
        f"   published {report.published or 'unknown'}"
        + (f" ({report.published_source})" if report.published_source else "")
        + (f", dateline {report.dateline.text}" if report.dateline else ""),
    ]
    main = next((e for e in report.events if e.id == report.main_event), None)
    # The article's main event first (its headline and lead's), as a reader takes it in.
    out.append(f"   main event: {_event_line(main) if main else 'none'}")
    if report.entities:
        people = [f"{e.name} ({e.title})" if e.title else e.name for e in report.entities if e.type == "PERSON"]
        orgs = [
            e.name + (f" [{', '.join(e.aliases)}]" if e.aliases else "") for e in report.entities if e.type == "ORG"
        ]
        out.append(f"   people: {'; '.join(people) or '-'}")
        out.append(f"   organisations: {'; '.join(orgs) or '-'}")
    for q in report.quotes:
        who = q.speaker.name if q.speaker else "(unattributed)"
        out.append(f"   quote [{q.kind}] {who}: {_clip(q.content.text)}")
    for e in report.events:
        out.append(f"   event{' NOT' if e.negated else ''} {_event_line(e)}")
    places = [f"{p.text} ({p.lat:.2f}, {p.lon:.2f})" for p in report.places if p.lat is not None and not p.metonymy]
    if places:
        out.append(f"   places: {'; '.join(dict.fromkeys(places))}")
    if report.times:
        out.append("   times: " + "; ".join(f"{t.text} = {t.value}" for t in report.times))
    if report.quantities:
        out.append(
            "   numbers: " + "; ".join(f"{q.text} = {q.value:g} {q.unit or ''}".rstrip() for q in report.quantities)
        )
    for c in report.contradictions:
        a = c.a.speaker.name if c.a.speaker else "?"
        b = c.b.speaker.name if c.b.speaker else "?"
        out.append(f"   contradiction ({c.type}) on {c.about}: {a} vs {b}")
    return "\n".join(out)


def _event_line(e) -> str:
    src = e.source.name if e.source else "?"
    tgt = e.target.name if e.target else "?"
    where = f" in {e.place.name}" if e.place else ""
    when = f" on {e.date}" if e.date else ""
    if e.fatalities is not None:
        dead = f", {e.fatalities} killed"
    elif e.fatalities_text:
        dead = f", {e.fatalities_text} killed"  # a vague toll as written: "dozens"
    else:
        dead = ""
    total = " (running total)" if e.cumulative else ""
    return f"{e.type}: {src} → {tgt}{where}{when}{dead}{total}  «{_clip(e.trigger.text, 40)}»"


def _clip(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"

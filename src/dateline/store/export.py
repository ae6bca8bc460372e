"""Exports of the deduplicated events: ACLED-style CSV, Parquet, GeoJSON and JSON lines.

The CSV follows the columns of the ACLED codebook (2023, "Data columns") that dateline can fill:
one row per real-world event, however many reports told of it. ``fatalities`` is the lowest
figure any report gave, as ACLED codes the most conservative credible report; ``notes`` gives
every figure with its outlet, so the range stays visible. A toll the reports give only in words
("dozens", "hundreds") is null in dateline's own records, with the words and their lower bound; the
export alone applies ACLED's convention for such reports (ACLED Codebook 2023, "Fatalities": a vague
count is coded at its conservative lower bound: "dozens" 12, "hundreds" 100) and says so in
``notes``. ``main_event`` counts the articles whose main event (the one their headline and lead
tell) this is: an analyst's one event per article is ``main_event > 0`` (``--main-only``). Parquet is written by DuckDB itself
(``COPY ... (FORMAT parquet)``), so no Arrow dependency is needed, whichever database holds the store.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb

from .answers import AcledEvent, EventReport
from .database import Store

ACLED_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "fatalities",
    "source",
    "notes",
    "reports",
    "sources",
    "main_event",
)
FORMATS = ("csv", "parquet", "geojson", "jsonl")


@functools.cache
def _country_names() -> dict[str, str]:
    data = json.loads(resources.files("dateline").joinpath("data/countries.json").read_text(encoding="utf-8"))
    return {c["iso2"]: c["name"] for c in data["countries"] if c.get("iso2")}


def country_name(code: str | None) -> str | None:
    return _country_names().get(code or "", code)


def acled_rows(store: Store, main_only: bool = False) -> Iterator[dict]:
    """One ACLED-style row per linked event (two queries in all, the reports streamed); with
    ``main_only``, only the events that are some article's main event."""
    for ev, (_, reports) in _paired(store):
        row = acled_row(ev, reports)
        if not main_only or row["main_event"]:
            yield row


def _paired(store: Store) -> Iterator[tuple[AcledEvent, tuple[str, list[EventReport]]]]:
    catalog = store.catalog()
    evs = catalog.acled_events()
    by_id = dict(catalog.all_event_reports()) if len(evs) < 1000 else None
    if by_id is not None:
        for ev in evs:
            yield ev, (ev["event_id"], by_id.get(ev["event_id"], []))
        return
    stream = catalog.all_event_reports()
    pending = next(stream, None)
    for ev in evs:
        if pending and pending[0] == ev["event_id"]:
            yield ev, pending
            pending = next(stream, None)
        else:
            yield ev, (ev["event_id"], [])


def acled_row(ev: AcledEvent, reports: list[EventReport]) -> dict:
    # a syndicated copy is not another source: it is listed under its original's outlet
    outlets = list(dict.fromkeys(r["outlet"] or r["article_id"] for r in reports if not r["copy_of"])) or list(
        dict.fromkeys(r["outlet"] or r["article_id"] for r in reports)
    )
    figures = [f"{r['fatalities']} ({r['outlet'] or r['article_id']})" for r in reports if r["fatalities"] is not None]
    # the main event's sentence first: the one its article leads with
    told = sorted(reports, key=lambda r: not r.get("main"))
    sentence = next((r["sentence"] for r in told if r["sentence"]), None)
    notes = " ".join(sentence.split()) if sentence else ""
    if figures:
        notes += f" [fatalities reported: {', '.join(dict.fromkeys(figures))}]"
    fatalities = ev.get("fatalities")
    vague = [r for r in reports if r.get("fatalities") is None and r.get("fatalities_min") is not None]
    if fatalities is None and vague:
        # ACLED's convention for a count given in words, applied here only (see the module's doc)
        low = min(vague, key=lambda r: r["fatalities_min"] or 0)
        fatalities = low["fatalities_min"]
        notes += f" [fatalities coded {fatalities} from '{low['fatalities_text']}' (ACLED convention)]"
    row = {
        **{k: ev.get(k) for k in ACLED_COLUMNS},
        "fatalities": fatalities,
        "source": "; ".join(outlets),
        "notes": notes.strip(),
        "country": country_name(ev.get("country")),
        "main_event": len({r["article_id"] for r in reports if r.get("main")}),
    }
    return row


def to_geojson(rows: list[dict]) -> dict:
    features = []
    for r in rows:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export(store: Store, fmt: str, out: str | Path | None = None, main_only: bool = False) -> int:
    """Write the deduplicated events in ``fmt`` to ``out`` (a path; standard output when None for
    text formats); with ``main_only``, only articles' main events. Returns the number written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs an output file (--output events.parquet)")
        # DuckDB writes Parquet itself; rows go through a table of a scratch in-memory DuckDB (so
        # notes and sources come along, and a PostgreSQL store is exported the same way)
        rows = list(acled_rows(store, main_only))
        with duckdb.connect(":memory:") as scratch:
            scratch.execute(
                "CREATE TABLE export_rows ("
                + ", ".join(
                    f'"{c}" {"DOUBLE" if c in ("latitude", "longitude") else "BIGINT" if c in ("geo_precision", "time_precision", "fatalities", "reports", "sources", "main_event") else "VARCHAR"}'
                    for c in ACLED_COLUMNS
                )
                + ")"
            )
            if rows:
                scratch.executemany(
                    "INSERT INTO export_rows VALUES (" + ", ".join("?" * len(ACLED_COLUMNS)) + ")",
                    [[r[c] for c in ACLED_COLUMNS] for r in rows],
                )
            scratch.execute(f"COPY export_rows TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
        return len(rows)
    fh = sys.stdout if out is None else open(out, "w", encoding="utf-8", newline="")
    n = 0
    try:
        if fmt == "csv":
            w = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS))
            w.writeheader()
            for row in acled_rows(store, main_only):
                w.writerow(row)
                n += 1
        elif fmt == "geojson":
            rows = list(acled_rows(store, main_only))
            n = len(rows)
            json.dump(to_geojson(rows), fh, ensure_ascii=False, default=str)
            fh.write("\n")
        else:  # jsonl: each event with every report behind it
            for ev, (_, reports) in _paired(store):
                if main_only and not any(r.get("main") for r in reports):
                    continue
                fh.write(
                    json.dumps(
                        {
                            **acled_row(ev, reports),
                            "plover_type": ev["plover_type"],
                            "fatalities_max": ev["fatalities_max"],
                            "mentions": reports,
                        },
                        ensure_ascii=False,
                        default=str,
                    )
                    + "\n"
                )
                n += 1
    finally:
        if out is not None:
            fh.close()
        else:
            fh.flush()
    return n

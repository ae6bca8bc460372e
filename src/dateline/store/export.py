"""Exports of the deduplicated events: ACLED-style CSV, Parquet, GeoJSON and JSON lines.

The CSV follows the columns of the ACLED codebook (2023, "Data columns") that dateline can fill:
one row per real-world event, however many reports told of it. ``fatalities`` is the lowest
figure any report gave, as ACLED codes the most conservative credible report; ``notes`` gives
every figure with its outlet, so the range stays visible. Parquet is written by DuckDB itself
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
)
FORMATS = ("csv", "parquet", "geojson", "jsonl")

_EVENTS_SQL = """
SELECT e.linked_id AS event_id, strftime(e.date_first, '%Y-%m-%d') AS event_date,
       coalesce(e.acled_event_type, e.type) AS event_type, e.acled_sub_event_type AS sub_event_type,
       e.actor1, e.actor2, e.country, e.admin1, e.place AS location,
       round(e.lat, 5) AS latitude, round(e.lon, 5) AS longitude, e.geo_precision, e.time_precision,
       e.fatalities_min AS fatalities, e.fatalities_max, e.type AS plover_type, e.mentions,
       e.reports, e.sources, e.date_last
FROM linked_events e {where}
ORDER BY e.date_first NULLS LAST, e.linked_id {limit}
"""


@functools.cache
def _country_names() -> dict[str, str]:
    data = json.loads(resources.files("dateline").joinpath("data/countries.json").read_text(encoding="utf-8"))
    return {c["iso2"]: c["name"] for c in data["countries"] if c.get("iso2")}


def country_name(code: str | None) -> str | None:
    return _country_names().get(code or "", code)


def events(store: Store, where: str = "", params: list | None = None, limit: int | None = None) -> list[dict]:
    """Linked events as rows (the ``linked_events`` table with ACLED names)."""
    sql = _EVENTS_SQL.format(where=where, limit=f"LIMIT {int(limit)}" if limit else "")
    return store.query(sql, params or [])


_MENTIONS_SQL = """
SELECT m.linked_id, m.article_id, a.source AS outlet, a.published, a.title, d.original_id AS copy_of, m.event_id,
       m.type, m.date_first, m.date_last, m.place, m.source AS actor1, m.target AS actor2, m.fatalities,
       ev.trigger, ev.sentence
FROM event_mentions m JOIN articles a ON a.id = m.article_id
LEFT JOIN article_duplicates d ON d.article_id = m.article_id
LEFT JOIN events ev ON ev.article_id = m.article_id AND ev.event_id = m.event_id
{join} WHERE {where}
ORDER BY {order} a.published NULLS LAST, m.article_id, m.event_id
"""


def mentions(store: Store, event_id: str) -> list[dict]:
    """Every report of one linked event: article, outlet, sentence, figures."""
    rows = store.query(_MENTIONS_SQL.format(join="", where="m.linked_id = ?", order=""), [event_id])
    return [{k: v for k, v in r.items() if k != "linked_id"} for r in rows]


def _all_mentions(store: Store) -> Iterator[tuple[str, list[dict]]]:
    """(event id, its reports) for every linked event, in the order of :func:`events`, streamed."""
    cur = store.con.execute(
        _MENTIONS_SQL.format(
            join="JOIN linked_events e ON e.linked_id = m.linked_id",
            where="true",
            order="e.date_first NULLS LAST, e.linked_id,",
        )
    )
    cols = [c[0] for c in cur.description]
    current = ""  # the linked event whose reports are in group (set before group has any)
    group: list[dict] = []
    while rows := cur.fetchmany(2048):
        for row in rows:
            r = dict(zip(cols, row))
            lid = r.pop("linked_id")
            if lid != current and group:
                yield current, group
                group = []
            current = lid
            group.append(r)
    if group:
        yield current, group


def acled_rows(store: Store) -> Iterator[dict]:
    """One ACLED-style row per linked event (two queries in all, the reports streamed)."""
    for ev, (_, reports) in _paired(store):
        yield acled_row(ev, reports)


def _paired(store: Store) -> Iterator[tuple[dict, tuple[str, list[dict]]]]:
    evs = events(store)
    by_id = dict(_all_mentions(store)) if len(evs) < 1000 else None
    if by_id is not None:
        for ev in evs:
            yield ev, (ev["event_id"], by_id.get(ev["event_id"], []))
        return
    stream = _all_mentions(store)
    pending = next(stream, None)
    for ev in evs:
        if pending and pending[0] == ev["event_id"]:
            yield ev, pending
            pending = next(stream, None)
        else:
            yield ev, (ev["event_id"], [])


def acled_row(ev: dict, reports: list[dict]) -> dict:
    # a syndicated copy is not another source: it is listed under its original's outlet
    outlets = list(dict.fromkeys(r["outlet"] or r["article_id"] for r in reports if not r["copy_of"])) or list(
        dict.fromkeys(r["outlet"] or r["article_id"] for r in reports)
    )
    figures = [f"{r['fatalities']} ({r['outlet'] or r['article_id']})" for r in reports if r["fatalities"] is not None]
    sentence = next((r["sentence"] for r in reports if r["sentence"]), None)
    notes = " ".join(sentence.split()) if sentence else ""
    if figures:
        notes += f" [fatalities reported: {', '.join(dict.fromkeys(figures))}]"
    row = {
        **{k: ev.get(k) for k in ACLED_COLUMNS},
        "source": "; ".join(outlets),
        "notes": notes.strip(),
        "country": country_name(ev.get("country")),
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


def export(store: Store, fmt: str, out: str | Path | None = None) -> int:
    """Write the deduplicated events in ``fmt`` to ``out`` (a path; standard output when None for
    text formats). Returns the number of events written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs an output file (--output events.parquet)")
        # DuckDB writes Parquet itself; rows go through a table of a scratch in-memory DuckDB (so
        # notes and sources come along, and a PostgreSQL store is exported the same way)
        rows = list(acled_rows(store))
        with duckdb.connect(":memory:") as scratch:
            scratch.execute(
                "CREATE TABLE export_rows ("
                + ", ".join(
                    f'"{c}" {"DOUBLE" if c in ("latitude", "longitude") else "BIGINT" if c in ("geo_precision", "time_precision", "fatalities", "reports", "sources") else "VARCHAR"}'
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
            for row in acled_rows(store):
                w.writerow(row)
                n += 1
        elif fmt == "geojson":
            rows = list(acled_rows(store))
            n = len(rows)
            json.dump(to_geojson(rows), fh, ensure_ascii=False, default=str)
            fh.write("\n")
        else:  # jsonl: each event with every report behind it
            for ev, (_, reports) in _paired(store):
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

"""Exports of deduplicated events: ACLED-style CSV, Parquet, GeoJSON, JSON lines; the CLI queries."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.records import Actor, Event, Place, PlaceRef, Report, Span
from dateline.store import Store
from dateline.store.export import ACLED_COLUMNS, export

TEXT = "Boko Haram fighters killed {n} villagers in an attack on Kautikari on Tuesday, police said."


def report(id, outlet, n, day="2024-03-05"):
    text = TEXT.format(n=n) + f" ({outlet})"
    place = Place(
        id="p1",
        start=55,
        end=64,
        text="Kautikari",
        name="Kautikari",
        lat=10.77,
        lon=12.70,
        country="NG",
        admin1="Borno",
        feature="city",
        precision="exact",
    )
    ev = Event(
        id="ev1",
        type="ASSAULT",
        trigger=Span(20, 26, "killed"),
        sentence=Span(0, len(text), text),
        source=Actor("Boko Haram", "NGA", "rebels"),
        target=Actor("villagers", None, "civilians"),
        place=PlaceRef("Kautikari", 10.77, 12.70, "NG", "p1"),
        date=day,
        fatalities=n,
        acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack",
    )
    return Report(id=id, text=text, source=outlet, published=day, places=(place,), events=(ev,))


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "e.duckdb"
    with Store(path) as s:
        s.add_reports(
            [
                (report("a", "Wire A", 12), None),
                (report("b", "Agency B", 15), None),
                (report("c", "Wire A", 4, day="2024-03-11"), None),
            ]
        )
    return path


def test_acled_csv_has_one_row_per_event_with_the_range_of_figures(db, tmp_path):
    out = tmp_path / "e.csv"
    with Store(db) as s:
        assert export(s, "csv", out) == 2
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    first = rows[0]
    assert (
        first["event_date"],
        first["event_type"],
        first["sub_event_type"],
        first["country"],
        first["admin1"],
        first["location"],
        first["fatalities"],
        first["source"],
        first["sources"],
    ) == (
        "2024-03-05",
        "Violence against civilians",
        "Attack",
        "Nigeria",
        "Borno",
        "Kautikari",
        "12",
        "Wire A; Agency B",
        "2",
    )
    assert "12 (Wire A), 15 (Agency B)" in first["notes"]
    assert rows[1]["event_date"] == "2024-03-11" and rows[1]["sources"] == "1"


def test_parquet_geojson_jsonl(db, tmp_path):
    with Store(db) as s:
        export(s, "parquet", tmp_path / "e.parquet")
        export(s, "geojson", tmp_path / "e.geojson")
        export(s, "jsonl", tmp_path / "e.jsonl")
    assert duckdb.sql(f"SELECT count(*), max(fatalities) FROM '{tmp_path / 'e.parquet'}'").fetchall() == [(2, 12)]
    geo = json.loads((tmp_path / "e.geojson").read_text())
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["coordinates"] == [12.7, 10.77]
    lines = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert [len(x["mentions"]) for x in lines] == [2, 1]


def test_cli_events_and_event(db):
    runner = CliRunner()
    res = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [(r["reports"], r["sources"]) for r in rows] == [(2, 2), (1, 1)]
    res = runner.invoke(app, ["event", rows[0]["event_id"], "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["outlet"] for x in res.output.splitlines()] == ["Wire A", "Agency B"]
    res = runner.invoke(app, ["events", "--db", str(db), "--min-sources", "2", "--format", "json"])
    assert len(json.loads(res.output)) == 1
    res = runner.invoke(app, ["event", "E999999", "--db", str(db)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["export", "--db", str(db), "--format", "xml"])
    assert res.exit_code == 2


def test_a_syndicated_copy_is_not_another_source(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        original = report("a", "Wire A", 12)
        copy = Report(**{**original.__dict__, "id": "copy", "source": "Portal F", "text": original.text + " More."})
        s.add_reports([(original, None), (copy, None)])
        assert s.query("SELECT article_id, original_id FROM article_duplicates") == [
            {"article_id": "copy", "original_id": "a"}
        ]
        assert s.query("SELECT reports, sources FROM linked_events") == [{"reports": 2, "sources": 1}]
        out = tmp_path / "e.csv"
        export(s, "csv", out)
    assert next(csv.DictReader(out.open()))["source"] == "Wire A"


def test_main_events_only_and_acleds_convention_for_a_vague_toll(tmp_path):
    from dataclasses import replace

    path = tmp_path / "m.duckdb"
    main = replace(report("m", "Wire A", 12), main_event="ev1")
    # "dozens of villagers were killed": no count, a lower bound and the words
    vague = report("v", "Agency B", 12, day="2024-04-02")
    ev = replace(vague.events[0], fatalities=None, fatalities_min=12, fatalities_text="dozens")
    vague = replace(vague, events=(ev,))
    # "the insurgency has killed 35,000 since 2009": a running total, never an event's toll
    total = report("t", "Wire C", 35000, day="2024-05-01")
    total = replace(total, events=(replace(total.events[0], cumulative=True),))
    with Store(path) as s:
        s.add_reports([(main, None), (vague, None), (total, None)])
        assert s.con.execute("SELECT fatalities, cumulative FROM events WHERE article_id = 't'").fetchone() == (
            None,
            True,
        )
        out = tmp_path / "all.csv"
        assert export(s, "csv", out) == 3
        rows = {r["source"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
        assert rows["Wire A"]["main_event"] == "1" and rows["Agency B"]["main_event"] == "0"
        assert rows["Agency B"]["fatalities"] == "12" and "'dozens' (ACLED convention)" in rows["Agency B"]["notes"]
        assert rows["Wire C"]["fatalities"] == ""
        only = tmp_path / "main.csv"
        assert export(s, "csv", only, main_only=True) == 1


def test_named_actors_come_before_generic_nouns(tmp_path):
    from dataclasses import replace

    path = tmp_path / "a.duckdb"
    reports = []
    for i in range(3):  # "gunmen" is told of more often than the named group
        r = report(f"g{i}", "Wire A", 2 + i, day=f"2024-04-0{i + 1}")
        reports.append(replace(r, events=(replace(r.events[0], source=Actor("gunmen", None, None)),)))
    reports.append(report("b", "Agency B", 9, day="2024-05-01"))
    with Store(path) as s:
        s.add_reports([(r, None) for r in reports])
        _, rows = s.catalog().actors(limit=10)
    names = [r["name"] for r in rows]
    assert names.index("Boko Haram") < names.index("gunmen"), names

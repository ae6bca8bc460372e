"""The DuckDB store: migrations, idempotent ingest, replacement of changed articles, queries."""

from __future__ import annotations

import pytest

from dateline.errors import StoreError
from dateline.records import Entity, Report, Span
from dateline.store import Store
from dateline.store.migrations import MIGRATIONS


def report(id="a", text="Rockets hit a base in Anbar on Tuesday.") -> Report:
    ent = Entity(id="e1", name="Anbar", type="GPE", mentions=(Span(22, 27, "Anbar"),))
    return Report(id=id, text=text, title="Rockets", published="2024-01-23", entities=(ent,))


def test_migrations_are_applied_once(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.schema_version() == MIGRATIONS[-1][0]
    with Store(path) as s:
        assert s.migrate() == []


def test_same_article_twice_changes_nothing(fresh_store):
    assert fresh_store.add_reports([(report(), None)]) == 1
    before = fresh_store.counts()
    assert fresh_store.add_reports([(report(), None)]) == 0
    assert fresh_store.add_reports([(report(id="copy"), None)]) == 0  # same content under another id
    assert fresh_store.counts() == before == {**before, "articles": 1, "entities": 1}


def test_changed_article_replaces_its_facts(fresh_store):
    fresh_store.add_reports([(report(), None)])
    fresh_store.add_reports([(report(text="Rockets hit a base in Anbar on Tuesday, officials said."), None)])
    assert fresh_store.counts()["articles"] == 1 and fresh_store.counts()["entities"] == 1
    assert "officials" in fresh_store.report("a").text


def test_failed_batch_leaves_nothing_half_written(fresh_store):
    fresh_store.add_reports([(report(), None)])
    bad = Report(id="b", text="Another text entirely.", entities=(Entity(id="e1", name="X", type="GPE", mentions=()),))
    object.__setattr__(bad, "title", object())  # not storable: the whole batch must roll back
    with pytest.raises((TypeError, StoreError)):  # DuckDB cannot bind the object
        fresh_store.add_reports([(report(id="c", text="A third text."), None), (bad, None)])
    assert fresh_store.counts()["articles"] == 1
    assert [r["id"] for r in fresh_store.query("SELECT id FROM articles")] == ["a"]


def test_a_long_writer_reopens_its_file_and_goes_on(tmp_path, monkeypatch):
    """The writer reopens its DuckDB file every REOPEN_AFTER new articles (DuckDB's segment
    metadata grows while a file is open); nothing stored is lost and ids go on from the counters."""
    import dateline.store.database as store_mod

    monkeypatch.setattr(store_mod, "REOPEN_AFTER", 3)
    opened = []
    connect = store_mod.duckdb.connect
    monkeypatch.setattr(store_mod.duckdb, "connect", lambda *a, **k: opened.append(a) or connect(*a, **k))
    with Store(tmp_path / "r.duckdb") as s:
        for n in range(4):
            s.add_reports(
                [(report(f"a{n}{k}", f"Rockets hit a base in Anbar on day {n}, part {k}."), None) for k in range(2)]
            )
        assert s.counts()["articles"] == 8 and s.counts()["entities"] == 8
        # opened, then closed after the 2nd and the 4th batch and reopened at the next statement
        assert len(opened) == 3
        assert s.add_reports([(report("a00", "Rockets hit a base in Anbar on day 0, part 0."), None)]) == 0
        # "Anbar" in every article is one actor across the reopens, linked from all eight
        assert [
            (r["name"], r["n"])
            for r in s.query(
                "SELECT a.name, count(DISTINCT ea.article_id) AS n FROM actors a "
                "JOIN entity_actors ea USING (actor_id) GROUP BY a.name"
            )
        ] == [("Anbar", 8)]


def test_an_in_memory_store_is_never_reopened(monkeypatch):
    import dateline.store.database as store_mod

    monkeypatch.setattr(store_mod, "REOPEN_AFTER", 1)
    with Store(":memory:") as s:
        con = s.con
        s.add_reports([(report("m1", "One text."), None), (report("m2", "Another text."), None)])
        assert s.con is con and s.counts()["articles"] == 2


def test_rows_name_every_column_of_their_table(fresh_store):
    """Each table's typed row (store/rows.py) has the table's columns as its fields, in its order."""
    import typing

    from dateline.records import FACT_KINDS
    from dateline.store import rows

    made = rows.report_rows(report(), "hash", None)
    assert set(made) == {"articles", "reports", *FACT_KINDS}
    tables = {
        "articles": rows.ArticleRow,
        "reports": rows.ReportRow,
        "entities": rows.EntityRow,
        "quotes": rows.QuoteRow,
        "times": rows.TimeRow,
        "places": rows.PlaceRow,
        "events": rows.EventRow,
        "quantities": rows.QuantityRow,
        "contradictions": rows.ContradictionRow,
        "counters": rows.CounterRow,
        "article_signatures": rows.SignatureRow,
        "article_bands": rows.BandRow,
        "article_duplicates": rows.DuplicateRow,
        "actors": rows.ActorRow,
        "actor_aliases": rows.AliasRow,
        "entity_actors": rows.EntityActorRow,
        "event_mentions": rows.MentionRow,
        "event_days": rows.DayRow,
    }
    for table, row in tables.items():
        columns = [
            r["column_name"]
            for r in fresh_store.query(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            )
        ]
        assert list(row._fields) == [c for c in columns if c != "ingested_at"], table
        assert issubclass(row, tuple) and typing.get_type_hints(row)
    # by SQL of their own (the live tables: store/live.py, from its typed records)
    written = {
        "schema_migrations",
        "linked_events",
        "watch_feeds",
        "watch_items",
        "alerts",
        "alert_hits",
        "alert_scanned",
    }
    assert set(tables) | written == {
        r["table_name"] for r in fresh_store.query("SELECT table_name FROM information_schema.tables")
    }


WRITER = """
import sys, time
from tests.test_store import report
from dateline.store import Store
store = Store(sys.argv[1], hold=False, wait=20)
t = time.monotonic()
store.add_reports([(report("w1", "Rockets hit a base in Anbar on Friday, again."), None)])
print(round(time.monotonic() - t, 3))
"""


def test_a_shared_reader_keeps_its_file_and_lets_a_writer_in(tmp_path):
    """A reader keeps one read-only connection between questions (a warm cache), closes it while a
    writer's marker asks for the file, and reopens it afterwards, seeing what was written."""
    import subprocess
    import sys
    from pathlib import Path

    from dateline.store.database import marker
    from dateline.store.readers import SharedReader

    db = tmp_path / "shared.duckdb"
    with Store(db) as s:
        s.add_reports([(report(), None)])
    reader = SharedReader(str(db), poll=0.02)
    try:
        for _ in range(5):
            with reader.catalog() as cat:
                assert cat is not None and cat.counts()["articles"] == 1
        assert reader.opens == 1  # kept between questions
        # a writer in another process: DuckDB refuses it while the reader holds the file, so it
        # gets in only because the idle reader sees its marker and lets go
        root = Path(__file__).resolve().parents[1]
        run = subprocess.run(
            [sys.executable, "-c", WRITER, str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,
            env={"PYTHONPATH": f"{root / 'src'}:{root}", "PATH": "/usr/bin:/bin"},
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert float(run.stdout.split()[-1]) < 10
        assert not marker(db).exists()  # removed when the writer closed the file
        with reader.catalog() as cat:
            assert cat is not None and cat.counts()["articles"] == 2
        assert reader.opens == 2
        # while the marker exists, questions get no shared catalog (they open the file themselves)
        marker(db).touch()
        with reader.catalog() as cat:
            assert cat is None
        marker(db).unlink()
    finally:
        reader.close()

"""The Ray engine stores what the local engine stores, resumes like it, and reports rejections like it."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.engines.local import Ingest
from dateline.errors import InputError
from dateline.records import Article
from dateline.store import Store

HAS_RAY = importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.data") is not None
needs_ray = pytest.mark.skipif(not HAS_RAY, reason="Ray is not installed (pip install 'dateline[ray]')")

LINKING = Path(__file__).parent / "data" / "linking" / "reports.jsonl"
SAMPLES = Path(__file__).parents[1] / "src" / "dateline" / "data" / "samples" / "samples.jsonl"
# what the stores must agree on, row for row: the articles, the events with everything coded on them,
# the events linked across articles, the actors and the near-duplicate links
ROWS = {
    "articles": "SELECT id, content_hash, origin FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY article_id, event_id",
    "linked_events": "SELECT * FROM linked_events ORDER BY 1",
    "actors": "SELECT * FROM actors ORDER BY 1",
    "article_duplicates": "SELECT * FROM article_duplicates ORDER BY 1, 2",
}
runner = CliRunner()
# Both engines analyse in processes of their own; they get one hash seed, so that what is compared is
# the engines (batches, order, transfer), not some component's dependence on set order.
HASH_SEED = "0"


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray instance with 2 CPUs for the module: each run joins it rather than starting its own."""
    if not HAS_RAY:
        pytest.skip("Ray is not installed")
    import ray

    from dateline.engines.ray_data import OBJECT_STORE_MB

    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        object_store_memory=OBJECT_STORE_MB * 2**20,
        logging_level="ERROR",
        runtime_env={"env_vars": {"PYTHONHASHSEED": HASH_SEED}},
    )
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """~30 reports: the linking corpus (syndicated copies, one event told by several outlets), the
    sample articles, and updated versions of five linking reports."""
    rows = [
        json.loads(line)
        for p in (LINKING, SAMPLES)
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    updates = [
        {**r, "id": r["id"] + "-update", "text": r["text"] + " The toll may rise, officials said."} for r in rows[:5]
    ]
    path = tmp_path_factory.mktemp("ray") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows + updates), encoding="utf-8")
    return path


def serial(store: Store) -> Store:
    """One DuckDB thread: the cross-article linking reads candidates in an order parallel scans
    leave open, so two runs on the same reports could differ without it, whatever the engine."""
    store.con.execute("SET threads = 1")
    return store


def snapshot(store: Store) -> dict:
    return {"counts": store.counts(), **{k: store.query(sql) for k, sql in ROWS.items()}}


@needs_ray
def test_ray_stores_what_the_local_engine_stores_and_a_rerun_skips_it(local_ray, corpus, tmp_path, monkeypatch):
    from dateline.engines.ray_data import RayIngest
    from dateline.sources import read

    monkeypatch.setenv("PYTHONHASHSEED", HASH_SEED)  # for the local engine's worker processes
    with serial(Store(tmp_path / "local.duckdb")) as store:
        Ingest(store, workers=2, batch_size=4).run(read([str(corpus)]))
        expected = snapshot(store)
    with serial(Store(tmp_path / "ray.duckdb")) as store:
        stats = RayIngest(store, workers=2, batch_size=4).run(read([str(corpus)]))
        got = snapshot(store)
        again = RayIngest(store, workers=2, batch_size=4).run(read([str(corpus)]))
        assert snapshot(store) == got
    n = expected["counts"]["articles"]
    assert n >= 30 and expected["counts"]["linked_events"] > 0 and expected["counts"]["article_duplicates"] > 0
    assert (stats.new, stats.seen, stats.failed, stats.batches) == (n, 0, 0, -(-n // 4))
    assert got["counts"] == expected["counts"]
    for table in ROWS:
        assert got[table] == expected[table], table
    assert (again.new, again.seen, again.batches) == (0, n, 0)  # nothing sent to Ray


@needs_ray
def test_rejections_are_counted_and_reported_wherever_they_happen(local_ray, tmp_path):
    from dateline.engines.ray_data import RayIngest

    seen: list[InputError] = []
    items = [
        InputError("x.txt", "empty input"),  # rejected by the reader, in the driver
        Article(id="huge", text="Rockets hit a base. " * 60_000, origin="huge.txt"),  # by the actor
        Article(id="a", text="Rockets hit a base in Anbar on Tuesday, the army said.", published="2024-01-23"),
    ]
    with Store(tmp_path / "s.duckdb") as store:
        stats = RayIngest(
            store, workers=2, batch_size=2, on_reject=seen.append, components=("dateline_entities", "dateline_times")
        ).run(items)
        assert [r["id"] for r in store.query("SELECT id FROM articles")] == ["a"]
    assert (stats.new, stats.failed) == (1, 2)
    assert [(e.origin, e.reason.split(" (")[0]) for e in seen] == [
        ("x.txt", "empty input"),
        ("huge.txt", "too long to analyze"),
    ]


@needs_ray
def test_cli_ingest_with_the_ray_engine(local_ray, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(
        "Militia fires rockets at base\n\nBAGHDAD - Rockets struck a base in western Iraq on Tuesday, the army said.",
        encoding="utf-8",
    )
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "t.duckdb")
    first = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db, "--engine", "ray", "--workers", "2"])
    assert first.exit_code == 1, first.output
    assert "empty.txt: empty input" in first.stderr and "stored 1 new articles" in first.stderr
    again = runner.invoke(app, ["ingest", str(tmp_path / "in" / "good.txt"), "--db", db, "--engine", "ray"])
    assert again.exit_code == 0 and "stored 0 new articles, 1 already stored" in again.stderr


@pytest.fixture()
def pg_url():
    """A fresh schema on the PostgreSQL test server (see tests/test_store_pg.py), dropped afterwards."""
    url = os.environ.get("DATELINE_TEST_PG", "")
    if not url:
        if os.environ.get("DATELINE_REQUIRE_PG") == "1":
            pytest.fail("DATELINE_REQUIRE_PG=1 but DATELINE_TEST_PG is not set")
        pytest.skip('no PostgreSQL server: set DATELINE_TEST_PG (eval "$(bash scripts/ci-postgres.sh start)")')
    psycopg = pytest.importorskip("psycopg")
    schema = "ray_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@needs_ray
def test_actors_store_their_batches_in_a_postgres_store_themselves(local_ray, pg_url, tmp_path):
    from dateline.engines.ray_data import RayIngest

    rows = [json.loads(line) for line in LINKING.read_text(encoding="utf-8").splitlines()][:10]
    arts = [
        Article(id=r["id"], text=r["text"], published=r.get("published"), source=r.get("source"), origin=f"wire:{i}")
        for i, r in enumerate(rows)
    ]
    seen: list[InputError] = []
    with Store(pg_url) as store:
        stats = RayIngest(
            store,
            workers=2,
            batch_size=3,
            store_url=pg_url,
            on_reject=seen.append,
            components=("dateline_entities", "dateline_times"),
        ).run(arts + [Article(id="huge", text="Rockets hit a base. " * 60_000, origin="huge.txt")])
        again = RayIngest(store, workers=2, batch_size=3, store_url=pg_url).run(arts)
        stored = [r["id"] for r in store.query("SELECT id FROM articles ORDER BY id")]
    assert (stats.new, stats.failed, stats.batches, stats.store_seconds) == (10, 1, 4, 0.0)  # the driver stored nothing
    assert [e.origin for e in seen] == ["huge.txt"]
    assert stored == sorted(a.id for a in arts)
    assert (again.new, again.seen) == (0, 10)


@pytest.mark.parametrize(
    "args, installed, says",
    [
        (["--engine", "ray"], False, "pip install 'dateline[ray]'"),
        (["--address", "auto"], False, "--address is for --engine ray"),
        pytest.param(
            ["--engine", "ray", "--address", "127.0.0.1:9"],
            True,
            "no Ray cluster answers at 127.0.0.1:9",
            marks=needs_ray,
        ),
    ],
)
def test_ray_options_fail_clearly(tmp_path, monkeypatch, args, installed, says):
    if not installed:
        monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    (tmp_path / "a.txt").write_text("Rockets hit a base in Anbar on Tuesday, the army said.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.duckdb"), *args])
    assert result.exit_code == 2 and says in result.output

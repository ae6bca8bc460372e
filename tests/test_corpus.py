"""The corpus engine: resumable ingest (even after SIGKILL), idempotence, bounded batches."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dateline.engines.local import Ingest
from dateline.errors import InputError
from dateline.records import Article, Rejection
from dateline.store import Store

LINKING = Path(__file__).parent / "data" / "linking" / "reports.jsonl"
COUNTED = ("articles", "events", "linked_events", "actors", "article_duplicates", "entities")


def corpus(tmp_path: Path) -> Path:
    """~30 short reports: the linking corpus and updated versions of eight of its reports."""
    rows = [json.loads(line) for line in LINKING.read_text(encoding="utf-8").splitlines()]
    updates = [
        {**r, "id": r["id"] + "-update", "text": r["text"] + " The toll may rise, officials said."} for r in rows[:8]
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows + updates), encoding="utf-8")
    return path


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        return {k: v for k, v in s.counts().items() if k in COUNTED}


def ingest_cmd(path: Path, db: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from dateline.cli import main; sys.exit(main())",
        "ingest",
        str(path),
        "--db",
        str(db),
        "--batch-size",
        "4",
        *extra,
    ]


def test_sigkill_midway_then_rerun_equals_a_clean_run(tmp_path):
    path = corpus(tmp_path)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run(ingest_cmd(path, clean, "--workers", "1"), check=False, capture_output=True, timeout=600)
    expected = counts(clean)
    assert expected["articles"] == 30

    proc = subprocess.Popen(
        ingest_cmd(path, killed, "--workers", "2", "--verbose"),
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 600
    for line in proc.stderr:  # wait for the first committed batch, then kill the whole job
        if "batch 1 committed" in line or time.monotonic() > deadline:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    partial = counts(killed)
    assert 0 < partial["articles"] < 30  # killed midway, with whole batches stored

    rerun = subprocess.run(ingest_cmd(path, killed, "--workers", "1"), capture_output=True, text=True, timeout=600)
    assert "already stored" in rerun.stderr
    assert counts(killed) == expected


def test_rerun_skips_what_is_stored_and_counts_it(tmp_path, pipeline):
    arts = [
        Article(
            id=f"a{i}",
            text=f"Gunmen killed {i + 2} villagers in Borno state on Tuesday, police said.",
            published="2024-03-05",
        )
        for i in range(5)
    ]
    with Store(tmp_path / "s.duckdb") as store:
        first = Ingest(store, pipeline=pipeline, batch_size=2).run(arts[:3])
        again = Ingest(store, pipeline=pipeline, batch_size=2).run(arts + [arts[0]])  # a text twice in one run
        assert (first.new, first.seen) == (3, 0)
        assert (again.new, again.seen) == (2, 4)
        assert store.counts()["articles"] == 5


def test_rejections_are_counted_and_reported_batch_goes_on(tmp_path, pipeline):
    seen = []
    items = [
        InputError("x.txt", "empty input"),
        Article(id="a", text="Rockets hit a base in Anbar on Tuesday, the army said.", published="2024-01-23"),
    ]
    with Store(tmp_path / "s.duckdb") as store:
        stats = Ingest(store, pipeline=pipeline, on_reject=seen.append).run(items)
    assert (stats.new, stats.failed) == (1, 1) and seen[0].reason == "empty input"


def test_a_workers_rejection_crosses_the_pool_as_a_record(tmp_path, monkeypatch):
    import pickle

    from dateline.engines import local

    art = Article(id="a", text="Rockets hit a base.", origin="in.jsonl:3")

    class Failing:
        def analyze_items(self, batch, batch_size=16):
            return [InputError(a.origin, "took longer than 30 s") for a in batch]

    monkeypatch.setattr(local, "_worker_pipeline", Failing())
    results = pickle.loads(pickle.dumps(local._analyze_batch([art])))  # as the pool sends them back
    assert results == [Rejection("in.jsonl:3", "took longer than 30 s")]
    seen = []
    with Store(tmp_path / "s.duckdb") as store:
        ingest = Ingest(store, on_reject=seen.append)
        ingest._commit([art], results)
    assert [str(e) for e in seen] == ["in.jsonl:3: took longer than 30 s"] and ingest.stats.failed == 1


def test_batches_are_bounded(tmp_path, pipeline):
    sizes = []

    class Spy:
        time_limit = None

        def analyze_items(self, batch, batch_size=16):
            sizes.append(len(batch))
            return pipeline.analyze_items(batch, batch_size)

    arts = (
        Article(id=f"a{i}", text=f"Police arrested {i + 2} protesters in Nairobi on Tuesday, witnesses said.")
        for i in range(7)
    )  # a generator: the engine never needs the whole corpus at once
    with Store(tmp_path / "s.duckdb") as store:
        Ingest(store, pipeline=Spy(), batch_size=3).run(arts)
    assert sizes[0] == 1 and sizes[1:] == [3, 3, 1]  # after the warm-up article


def test_worker_processes_store_what_one_process_stores(tmp_path):
    arts = [
        Article(
            id=f"a{i}",
            text=f"Police arrested {i + 2} protesters in Nairobi on Tuesday, witnesses said.",
            published="2024-06-25",
        )
        for i in range(4)
    ]
    parts = ("dateline_entities", "dateline_times")  # a partial pipeline keeps the spawned workers quick
    with Store(tmp_path / "pool.duckdb") as store:
        stats = Ingest(store, workers=2, batch_size=2, components=parts, recycle=1).run(iter(arts))
        pooled = store.query("SELECT id FROM articles ORDER BY id"), store.counts()["entities"]
    with Store(tmp_path / "one.duckdb") as store:
        Ingest(store, workers=1, batch_size=2, components=parts).run(arts)
        single = store.query("SELECT id FROM articles ORDER BY id"), store.counts()["entities"]
    assert (stats.new, stats.batches) == (4, 2)
    assert pooled == single


def test_each_article_keeps_where_it_came_from(tmp_path, pipeline):
    from dateline.sources import read

    path = tmp_path / "wire.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"w{i}", "text": f"Gunmen killed {i + 3} people in Kano on Monday, police said."}) + "\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    with Store(tmp_path / "s.duckdb") as store:
        Ingest(store, pipeline=pipeline, batch_size=2).run(read([str(path)]))
        origins = [r["origin"] for r in store.query("SELECT origin FROM articles ORDER BY id")]
    assert origins == [f"{path}:1", f"{path}:2", f"{path}:3"]

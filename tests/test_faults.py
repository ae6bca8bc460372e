"""Faults during ingest: a worker or the writer killed mid-batch, the store unavailable for a
while, a full disk, corrupt input files. After each, running again finishes the job, nothing
committed is lost, nothing is stored twice, and the error said what happened."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.engines.local import Ingest, WorkerDied
from dateline.errors import StoreUnavailable
from dateline.records import Article
from dateline.sources import read
from dateline.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from fault_driver import Echo  # the tests' pipeline stand-in

DRIVER = Path(__file__).parent / "fault_driver.py"
COUNTED = ("articles", "entities", "events", "linked_events", "actors", "article_duplicates")
PLACES = ["Kautikari", "Maiduguri", "Goza", "Bama", "Dikwa", "Monguno", "Damboa", "Konduga", "Biu", "Mafa"]
GROUPS = ["Boko Haram fighters", "Gunmen on motorcycles", "Bandits", "Militants", "Armed men", "Jihadists"]


def wire_report(i: int) -> str:
    """A short, distinct news report in wire phrasing."""
    place, group = PLACES[i % len(PLACES)], GROUPS[i % len(GROUPS)]
    return (
        f"{group} kill {i + 3} in {place}\n\nMAIDUGURI, Nigeria - {group} killed {i + 3} villagers in an "
        f"attack on {place} in Borno state on Tuesday, police said. Residents said {i + 20} homes were burned "
        f"and the army said it had sent troops to the area."
    )


def write_corpus(path: Path, n: int, text=wire_report) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"r{i:04d}", "published": "2024-03-05", "text": text(i)}) + "\n" for i in range(n)),
        encoding="utf-8",
    )
    return path


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        found = {k: v for k, v in s.counts().items() if k in COUNTED}
        found["reports"] = s.query("SELECT count(*) AS n FROM reports")[0]["n"]
        found["distinct_hashes"] = s.query("SELECT count(DISTINCT content_hash) AS n FROM articles")[0]["n"]
    return found


def drive(corpus: Path, db: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(DRIVER), str(corpus), str(db), *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(corpus), str(db), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "the driver never got there"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """30 short reports and the store a clean run makes of them (batches of 4)."""
    root = tmp_path_factory.mktemp("small")
    corpus = write_corpus(root / "corpus.jsonl", 30)
    clean = root / "clean.duckdb"
    assert drive(corpus, clean).returncode == 0
    expected = counts(clean)
    assert expected["articles"] == expected["reports"] == expected["distinct_hashes"] == 30
    return corpus, expected


# -- a worker process killed ---------------------------------------------------------------------
PARTS = ("dateline_entities",)  # a partial pipeline keeps the spawned workers quick to start


def spawned_workers(pid: int) -> list[int]:
    """The multiprocessing 'spawn' children of a process, from /proc (no psutil needed)."""
    kids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
    return [k for k in kids if b"spawn_main" in _cmdline(k)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def killer(state: dict):
    """An on_progress that SIGKILLs one worker (busy with the batches in flight) once batch 1 is in."""

    def on_progress(stats):
        if stats.batches >= 1 and not state.get("killed"):
            victims = spawned_workers(os.getpid())
            assert victims, "no worker processes found"
            os.kill(victims[0], signal.SIGKILL)
            state["killed"] = victims[0]

    return on_progress


@pytest.fixture(scope="module")
def pooled(tmp_path_factory):
    """16 reports and the store one process makes of them with the partial pipeline."""
    from dateline import Pipeline

    arts = [Article(id=f"w{i:02d}", text=wire_report(i), published="2024-03-05") for i in range(16)]
    db = tmp_path_factory.mktemp("pooled") / "clean.duckdb"
    with Store(db) as store:
        Ingest(store, pipeline=Pipeline(components=PARTS), batch_size=2).run(arts)
    return arts, counts(db)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_worker_killed_mid_batch_is_replaced_and_the_run_finishes(tmp_path, pooled, caplog):
    arts, expected = pooled
    state: dict = {}
    with caplog.at_level(logging.WARNING, logger="dateline.engines.local"), Store(tmp_path / "s.duckdb") as store:
        stats = Ingest(store, workers=2, batch_size=2, components=PARTS, on_progress=killer(state)).run(arts)
    assert state["killed"]
    assert stats.new == 16
    assert "a worker process died (killed by SIGKILL, signal 9)" in caplog.text
    assert counts(tmp_path / "s.duckdb") == expected  # the batches in flight were analysed again, once


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds worker processes through /proc")
def test_worker_killed_with_no_restarts_left_stops_with_a_clear_error_and_rerun_finishes(tmp_path, pooled):
    from dateline import Pipeline

    arts, expected = pooled
    db = tmp_path / "s.duckdb"
    with Store(db) as store, pytest.raises(WorkerDied) as died:
        Ingest(store, workers=2, batch_size=2, components=PARTS, on_progress=killer({}), worker_restarts=0).run(arts)
    message = str(died.value)
    assert re.match(
        r"a worker process died \(killed by SIGKILL, signal 9\) while batches \d+–\d+ were being "
        r"analysed; \d+ new articles of this run are stored; run the same command again",
        message,
    )
    assert "run the same command again to finish" in message
    partial = counts(db)
    assert 2 <= partial["articles"] < 16 and partial["articles"] % 2 == 0  # whole batches only
    with Store(db) as store:
        again = Ingest(store, pipeline=Pipeline(components=PARTS), batch_size=2).run(arts)
    assert (again.new, again.seen) == (16 - partial["articles"], partial["articles"])
    assert counts(db) == expected


# -- the writer killed ---------------------------------------------------------------------------
def test_writer_killed_inside_a_commit_loses_that_batch_only(tmp_path, small):
    corpus, expected = small
    db, marker = tmp_path / "s.duckdb", tmp_path / "in-commit"
    proc = start(corpus, db, "--pause-in-commit", "3", str(marker))
    wait_for(marker, proc)  # batch 3's rows are inserted and linked, its COMMIT not yet run
    proc.kill()
    proc.wait(timeout=30)
    partial = counts(db)  # the store opens, with batches 1 and 2 and nothing of batch 3
    assert partial["articles"] == partial["reports"] == partial["distinct_hashes"] == 8
    rerun = drive(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
    assert "stored 22 new articles, 8 already stored" in rerun.stderr
    assert counts(db) == expected


def test_writer_killed_at_random_moments_leaves_whole_batches(tmp_path, small):
    corpus, expected = small
    db = tmp_path / "s.duckdb"
    rng = random.Random(7)
    for _ in range(3):
        proc = start(corpus, db)
        time.sleep(rng.uniform(0.5, 2.5))  # the driver takes about a second to start, then stores
        proc.kill()
        proc.wait(timeout=30)
        if not db.exists():  # killed before it opened the store
            continue
        Store(db).close()  # killed while creating the tables, the store still opens (and migrates)
        now = counts(db)
        assert now["articles"] == now["reports"] == now["distinct_hashes"]
        assert now["articles"] % 4 == 0 or now["articles"] == 30  # batches of 4: never part of one
    rerun = drive(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(db) == expected


# -- the store unavailable for a while -----------------------------------------------------------
def hold(db: Path, seconds: float) -> subprocess.Popen:
    """Another process with the DuckDB file open for writing (DuckDB locks it exclusively)."""
    script = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
        "time.sleep(float(sys.argv[2]))"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_store_locked_for_a_while_ingest_waits_and_finishes(tmp_path, small):
    corpus, expected = small
    db = tmp_path / "s.duckdb"
    holder = hold(db, 120)
    try:
        proc = start(corpus, db, "--retry-for", "60")
        said = proc.stderr.readline()  # the driver found the store locked and waits
        assert "the store is unavailable while opening" in said and "Conflicting lock" in said
        time.sleep(1)
    finally:
        holder.kill()  # the other writer goes away: the ingest opens the store and finishes
        holder.wait()
    assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert "stored 30 new articles" in proc.stderr.read()
    assert counts(db) == expected


def test_store_locked_too_long_gives_a_clear_error_and_rerun_finishes(tmp_path, small):
    corpus, expected = small
    db = tmp_path / "s.duckdb"
    holder = hold(db, 120)
    try:
        run = drive(corpus, db, "--retry-for", "1.5")
    finally:
        holder.kill()
        holder.wait()
    assert run.returncode == 2
    assert "dateline: the store stayed unavailable for 1.5 s while opening" in run.stderr
    assert "Conflicting lock" in run.stderr
    rerun = drive(corpus, db)
    assert rerun.returncode == 0, rerun.stderr
    assert counts(db) == expected


class Outage(Store):
    """A store whose writes fail as unavailable (a database server restarting) for a while, from
    the ``after``-th batch on."""

    def __init__(self, path, seconds: float, after: int = 1):
        super().__init__(path)
        self.seconds, self.after, self.calls, self.down_since = seconds, after, 0, None

    def add_reports(self, reports):
        self.calls += 1
        if self.calls > self.after:
            self.down_since = self.down_since or time.monotonic()
            if time.monotonic() - self.down_since < self.seconds:
                raise StoreUnavailable("connection refused: the server is restarting")
        return super().add_reports(reports)


def test_store_down_mid_run_for_a_moment_the_batch_is_retried(tmp_path, small, caplog):
    corpus, expected = small
    with caplog.at_level(logging.WARNING, logger="dateline.engines.local"), Outage(tmp_path / "s.duckdb", 1.2) as store:
        stats = Ingest(store, pipeline=Echo(), batch_size=4, retry_for=30).run(read([str(corpus)]))
    assert stats.new == 30
    assert "the store is unavailable while storing batch 2" in caplog.text
    assert counts(tmp_path / "s.duckdb") == expected


def test_store_down_mid_run_for_too_long_names_the_batch_and_rerun_finishes(tmp_path, small):
    corpus, expected = small
    db = tmp_path / "s.duckdb"
    with Outage(db, 3600, after=2) as store, pytest.raises(StoreUnavailable) as down:
        Ingest(store, pipeline=Echo(), batch_size=4, retry_for=0.5).run(read([str(corpus)]))
    message = str(down.value)
    assert message.startswith("could not store batch 3 (")
    assert "the store stayed unavailable for 0.5 s while storing batch 3" in message
    assert "the 2 batches before it (8 new articles this run) are stored" in message
    assert counts(db)["articles"] == 8
    assert drive(corpus, db).returncode == 0
    assert counts(db) == expected


# -- a full disk ---------------------------------------------------------------------------------
def long_report(i: int) -> str:
    """~12 KB of English-looking text that does not compress much (random made-up words)."""
    rng = random.Random(i)
    words = []
    for k in range(1800):
        words.append(
            "the" if k % 4 == 0 else "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 9)))
        )
    return f"Report {i}\n\nOfficials said " + " ".join(words) + "."


@pytest.fixture()
def small_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mnt)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or done.returncode})")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_stops_with_a_clear_error_keeps_whole_batches_and_rerun_finishes(tmp_path, small_disk):
    corpus = write_corpus(tmp_path / "big.jsonl", 300, text=long_report)
    clean = tmp_path / "clean.duckdb"
    assert drive(corpus, clean, "--batch-size", "10").returncode == 0
    expected = counts(clean)

    db = small_disk / "s.duckdb"
    full = drive(corpus, db, "--batch-size", "10")
    assert full.returncode == 2
    assert "dateline: no space left on device while storing batch " in full.stderr
    assert "free some disk space and run the same command again to finish" in full.stderr
    kept = counts(db)  # opens on the full disk, with whole batches only
    assert 0 < kept["articles"] < 300
    assert kept["articles"] % 10 == 0 and kept["articles"] == kept["reports"] == kept["distinct_hashes"]

    subprocess.run(["mount", "-o", "remount,size=200m", str(small_disk)], check=True)
    rerun = drive(corpus, db, "--batch-size", "10")
    assert rerun.returncode == 0, rerun.stderr
    assert f"{kept['articles']} already stored" in rerun.stderr
    assert counts(db) == expected


# -- corrupt input files -------------------------------------------------------------------------
def line(i: int) -> bytes:
    return json.dumps({"id": f"c{i}", "published": "2024-03-05", "text": wire_report(100 + i)}).encode() + b"\n"


def broken_warc(path: Path) -> Path:
    """Three HTML responses; the second's header line is damaged."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf, starts = io.BytesIO(), []
    writer = WARCWriter(buf, gzip=False)
    for i in range(3):
        starts.append(buf.tell())
        html = (
            f"<html><head><title>Raid {i}</title></head><body><article><h1>Raid {i}</h1>"
            f"<p>{wire_report(200 + i)}</p></article></body></html>"
        ).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/raid-{i}", "response", payload=io.BytesIO(html), http_headers=headers
            )
        )
    data = bytearray(buf.getvalue())
    data[starts[1] : starts[1] + 4] = b"WXRC"
    path.write_bytes(bytes(data))
    return path


def test_corrupt_files_are_rejected_by_name_the_others_stored_and_rerun_stores_nothing_twice(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.jsonl").write_bytes(line(0) + line(1))
    packed = gzip.compress(b"".join(line(i) for i in range(2, 40)))
    (src / "b_truncated.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    (src / "c_bad_utf8.jsonl").write_bytes(line(40) + line(41)[:40] + b"\xff\xfe" + line(41)[40:] + line(42))
    (src / "d_empty.jsonl").write_bytes(b"")
    (src / "e_empty.txt").write_bytes(b"")
    broken_warc(src / "f_crawl.warc")

    rejected: list = []
    with Store(tmp_path / "s.duckdb") as store:
        first = Ingest(store, pipeline=Echo(), batch_size=4, on_reject=rejected.append).run(read([str(src)]))
        why = {Path(e.origin).name: e.reason for e in rejected}
        truncated = next(k for k in why if k.startswith("b_truncated.jsonl.gz:"))
        assert "the file is truncated or corrupt" in why[truncated]
        assert why[truncated].startswith(f"unreadable from line {truncated.split(':')[1]} on")
        assert "malformed JSON" in why["c_bad_utf8.jsonl:2"] and "0xff" in why["c_bad_utf8.jsonl:2"]
        assert why["d_empty.jsonl"].startswith("empty input")
        assert why["e_empty.txt"] == "empty input"
        assert why["f_crawl.warc#record-2"].startswith(
            "broken WARC record (record 2, after https://example.org/raid-0)"
        )
        assert first.failed == len(rejected) == 5
        stored = {r["id"] for r in store.query("SELECT id FROM articles")}
        lines_read = int(truncated.split(":")[1]) - 1  # the lines of the truncated file before the damage
        assert {"c0", "c1", "c40", "c42", "https://example.org/raid-0"} <= stored
        assert len(stored) == 5 + lines_read
        before = store.counts()

        again = Ingest(store, pipeline=Echo(), batch_size=4, on_reject=lambda e: None).run(read([str(src)]))
        assert (again.new, again.seen, again.failed) == (0, len(stored), 5)
        assert store.counts() == before

"""The CLI as a user runs it: help everywhere, reports that follow the schema, ingest that survives bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.schema import check_offsets, validate

runner = CliRunner()
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]

GOOD = (
    "Militia fires rockets at base\n\nBAGHDAD - Rockets struck a base housing US troops in western Iraq "
    "on Tuesday, the army said. “We will respond,” Defense Secretary Lloyd Austin said."
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    cmd = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == command)
    doc = cmd.callback.__doc__ or ""
    assert doc.strip(), f"{command} has no help"
    assert "Example" in doc or command in ("schema",), f"{command} help has no example"


def test_analyze_seed_reports_follow_the_schema(seed_text, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--published", "2024-01-25", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    validate(report)
    assert check_offsets(report) == []
    assert report["id"] == "article" and report["published"] == "2024-01-25"
    assert report["dateline"]["text"] == "ERBIL, Kurdistan Region"
    assert {"dateline_entities", "dateline_quantities"} <= set(report["extractors"])


def test_analyze_jsonl_keeps_ids_and_reports_bad_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "x1", "text": GOOD, "published": "2024-01-25"}),
                "{broken",
                json.dumps({"id": "x2", "text": GOOD.replace("Tuesday", "Monday")}),
            ]
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", str(src), "--format", "jsonl"])
    assert result.exit_code == 1  # one line was rejected
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in reports] == ["x1", "x2"]
    for r in reports:
        validate(r)
        assert check_offsets(r) == []
    assert "in.jsonl:2: malformed JSON" in result.stderr


def test_published_must_be_a_date(tmp_path):
    result = runner.invoke(app, ["analyze", "-", "--published", "25/01/2024"], input=GOOD)
    assert result.exit_code == 2


def test_ingest_bad_inputs_then_queries(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(bytes(range(256)) * 40)
    db = str(tmp_path / "t.duckdb")
    first = runner.invoke(app, ["ingest", str(tmp_path / "in"), str(tmp_path / "missing.txt"), "--db", db])
    assert first.exit_code == 1
    for why in ("empty.txt: empty input", "binary.txt: binary content", "missing.txt: no such file"):
        assert why in first.stderr
    assert "stored 1 new articles" in first.stderr
    again = runner.invoke(app, ["ingest", str(tmp_path / "in" / "good.txt"), "--db", db])
    assert again.exit_code == 0 and "stored 0 new articles, 1 already stored" in again.stderr
    listed = runner.invoke(app, ["articles", "--db", db, "--format", "json"])
    assert [a["id"] for a in json.loads(listed.stdout)] == ["good"]
    people = runner.invoke(app, ["entities", "--db", db, "--type", "person", "--format", "json"])
    assert "Lloyd Austin" in [e["name"] for e in json.loads(people.stdout)]
    csv = runner.invoke(app, ["entities", "--db", db, "--format", "csv"])
    assert csv.stdout.splitlines()[0].startswith("name,type")


def test_query_on_missing_store_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no store at" in result.stderr


def test_schema_command_prints_the_schema():
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "dateline report"


def test_geocode_resolves_exactly_the_given_spans(tmp_path):
    src = tmp_path / "spans.jsonl"
    text = "Rockets hit Qaim and Erbil on Monday."
    src.write_text(
        json.dumps({"id": "g1", "text": text, "toponyms": [{"start": 12, "end": 16}, {"start": 21, "end": 26}]})
        + "\n{bad\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["geocode", str(src)])
    assert result.exit_code == 1 and "spans.jsonl:2: malformed JSON" in result.stderr
    (out,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["id"] == "g1" and [p["text"] for p in out["places"]] == ["Qaim", "Erbil"]
    erbil = out["places"][1]
    assert abs(erbil["lat"] - 36.19) < 0.2 and abs(erbil["lon"] - 44.01) < 0.2 and erbil["country"] == "IQ"


def test_stance_command_writes_one_label_per_pair(tmp_path):
    from conftest import SHARED, require_shared

    train = require_shared(SHARED / "eval" / "stance" / "train.jsonl", "../shared/eval/stance")
    src = tmp_path / "pairs.jsonl"
    pairs = [
        {"id": "p1", "claim": "Rockets hit base in Anbar", "text": "Rockets hit a base in Anbar, officials said."},
        {"id": "p2", "claim": "Rockets hit base in Anbar", "text": "The football season opened with a derby."},
    ]
    src.write_text("\n".join(json.dumps(p) for p in pairs) + "\n[1]\n", encoding="utf-8")
    result = runner.invoke(app, ["stance", str(src), "--train", str(train)])
    assert result.exit_code == 1 and "pairs.jsonl:3" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["p1", "p2"]
    assert all(o["stance"] in {"agree", "disagree", "discuss", "unrelated"} for o in out)
    assert out[1]["stance"] == "unrelated"


def test_stance_without_training_data_is_a_clear_error(tmp_path, monkeypatch):
    src = tmp_path / "pairs.jsonl"
    src.write_text(json.dumps({"id": "p1", "claim": "a b c", "text": "d e f"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["stance", str(src), "--train", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "missing.jsonl" in result.stderr


def test_ingest_gives_up_on_a_locked_store_after_retry_for_and_says_so(tmp_path):
    import subprocess
    import sys

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "locked.duckdb"
    script = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", script, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db), "--retry-for", "0.5"])
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2 and "unavailable" in result.stderr and str(db) in result.stderr
    done = runner.invoke(app, ["ingest", str(tmp_path / "good.txt"), "--db", str(db), "--workers", "1"])
    assert done.exit_code == 0 and "stored 1 new articles" in done.stderr


@pytest.mark.parametrize("option, value", [("--time-limit", "-1"), ("--retry-for", "abc")])
def test_ingest_rejects_bad_limits(tmp_path, option, value):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "good.txt"), "--db", str(tmp_path / "x.duckdb"), option, value]
    )
    assert result.exit_code == 2 and option in result.output + result.stderr

"""Quality gate: the main event of real conflict reports (FA-KES, ../shared/eval/conflict).

Runs ``dateline analyze`` over the 220 dev articles as a user would (id, text and title only: the
publication date must be found in the text), scores the reports with ``score_conflict.py`` and
fails below the pinned floors (a point or two under what was measured when they were set). Also
checks that the articles get a publication date, as the home page shows it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import require_shared
from eval_harness import EVAL

pytestmark = pytest.mark.gate

GOLD = EVAL / "conflict" / "dev.jsonl"

# measured 2026-12-03 on the whole dev split (column "main"): location@event 0.815, deaths exact 0.792,
# actor 0.818 (halves by crc32 of the id: tune 0.832 / 0.811 / 0.811, check 0.798 / 0.771 / 0.825);
# the targets are 0.80 / 0.75 / 0.75
FLOORS = {"location": 0.80, "deaths": 0.77, "actor": 0.76}
# issue 16: where the text names the perpetrator (the gold has an actor), the main event's source has
# a country code; measured 2026-12-03: 118 of 137 = 0.861 (tune 0.865, check 0.857); the target is 0.85
PERPETRATOR_COUNTRY_FLOOR = 0.85
DATED_FLOOR = 0.95  # share of articles with a publication date (213 of 220 measured)


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    require_shared(GOLD, "../shared/eval/conflict")
    tmp = tmp_path_factory.mktemp("conflict")
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    inp = tmp / "in.jsonl"
    inp.write_text("".join(json.dumps({k: r[k] for k in ("id", "text", "title")}) + "\n" for r in rows), "utf-8")
    out = tmp / "out.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        cmd = [sys.executable, "-c", "import sys; from dateline.cli import main; sys.exit(main())"]
        subprocess.run([*cmd, "analyze", str(inp), "--format", "jsonl"], stdout=fh, check=False)
    res = subprocess.run(
        [sys.executable, str(EVAL / "score_conflict.py"), str(GOLD), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    reports = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return json.loads(res.stdout), reports


def test_main_event_floors(scored):
    metrics, _ = scored
    got = {
        "location": metrics["location@event[main]"]["acc"],
        "deaths": metrics["deaths[main]"]["exact"],
        "actor": metrics["actor[main]"]["acc"],
    }
    print(got)
    for key, floor in FLOORS.items():
        assert got[key] >= floor, f"{key} {got[key]:.3f} < floor {floor}"


def test_every_report_names_its_main_event(scored):
    _, reports = scored
    assert len(reports) == 220
    for r in reports:
        ids = {e["id"] for e in r["events"]}
        assert r["main_event"] is None or r["main_event"] in ids, r["id"]
    assert sum(r["main_event"] is not None for r in reports) >= 0.95 * len(reports)


def test_publication_dates_found_in_the_text(scored):
    _, reports = scored
    dated = [r for r in reports if r["published"]]
    assert len(dated) >= DATED_FLOOR * len(reports)
    assert all(r["published_source"] == "text" for r in dated)


def test_a_named_perpetrator_gets_a_country(scored):
    _, reports = scored
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = {row["id"]: row["gold"] for row in rows}
    named = [r for r in reports if gold[r["id"]].get("actor")]
    coded = 0
    for r in named:
        main = next((e for e in r["events"] if e["id"] == r["main_event"]), None)
        coded += bool(main and (main.get("source") or {}).get("country"))
    share = coded / len(named)
    print(f"perpetrator named: {coded}/{len(named)} = {share:.3f}")
    assert share >= PERPETRATOR_COUNTRY_FLOOR, f"{coded}/{len(named)} = {share:.3f}"

"""Shared fixtures: the full pipeline once per session, the seed article, the shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "article.txt"


@pytest.fixture(scope="session")
def pipeline():
    from dateline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seed is not beside the checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def fresh_store(tmp_path):
    from dateline.store import Store

    with Store(tmp_path / "test.duckdb") as store:
        yield store

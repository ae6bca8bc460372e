"""The OpenAPI description, checked by schemathesis: generated requests for every operation, a
bounded and deterministic number each, must never get a server error (5xx)."""

from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from dateline.api import create_app
from dateline.store import Store
from test_api import kharkiv, kharkiv_again, rubaya

KEY = "openapi-key"
# DATELINE_API_EXAMPLES raises the bound for a longer run by hand
EXAMPLES = int(os.environ.get("DATELINE_API_EXAMPLES", "25"))
BOUNDED = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


def _app(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("openapi") / "openapi.duckdb")
    with Store(db) as store:
        store.add_reports([(kharkiv(), None), (rubaya(), None)])
        store.add_reports([(kharkiv_again(), None)])
    return create_app(db, api_key=KEY)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    return _app(tmp_path_factory)


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


READS = [
    "/api/",
    "/api/articles",
    "/api/articles/{article_id}",
    "/api/events",
    "/api/events/{event_id}",
    "/api/events/{article_id}/{event_id}",
    "/api/actors",
    "/api/actors/{name}",
    "/api/quotes",
    "/api/places",
    "/api/contradictions",
]
WRITES = ["/api/analyze", "/api/articles"]


def test_description_names_every_endpoint(app):
    from fastapi.testclient import TestClient

    described = TestClient(app).get("/openapi.json").json()
    for path in READS:
        assert "get" in described["paths"][path], path
    for path in WRITES:
        assert "post" in described["paths"][path], path
    assert "X-API-Key" in str(described["components"])


# schemathesis drives hypothesis directly (its pytest plugin does not follow pytest 9's node API)
@pytest.mark.parametrize("path", READS)
def test_reads_never_fail_on_the_server(api_schema, path):
    @given(case=api_schema[path]["GET"].as_strategy())
    @BOUNDED
    def check(case):
        case.call_and_validate(checks=[not_a_server_error])

    check()


@pytest.mark.parametrize("path", WRITES)
def test_writes_never_fail_on_the_server(api_schema, app, pipeline, path):
    app.state.service._pipeline = pipeline  # the session's pipeline, loaded once for all tests

    @given(case=api_schema[path]["POST"].as_strategy())
    @settings(max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(headers={"X-API-Key": KEY}, checks=[not_a_server_error])

    check()

"""Records end to end: every report reads back from its JSON as the same record and the same JSON,
the fixed vocabularies are StrEnums written as plain strings, the fact kinds are the schema's, and
what crosses the worker pool pickles."""

from __future__ import annotations

import dataclasses
import json
import pickle
from importlib import resources

import pytest

from conftest import SHARED, require_shared
from dateline.errors import InputError
from dateline.records import (
    FACT_KINDS,
    Article,
    Claim,
    Event,
    EventType,
    Place,
    Precision,
    PublishedSource,
    Quote,
    QuoteKind,
    Rejection,
    Report,
    Span,
    TimeRef,
    TimeType,
)
from dateline.schema import report_schema

SAMPLES = resources.files("dateline") / "data" / "samples"
REAL = 20  # articles from each of the conflict and the quotes dev sets


def assert_round_trip(report: Report) -> None:
    """From its dict and from its JSON: the same record, and the same JSON byte for byte."""
    as_json = report.to_json()
    for d in (report.to_dict(), json.loads(as_json)):
        back = Report.from_dict(d)
        assert back == report, report.id
        assert back.to_json() == as_json, report.id
    # nothing but plain JSON values in the dict (StrEnum members are written as their value)
    assert json.loads(as_json) == report.to_dict()
    _plain(report.to_dict())


def _plain(value) -> None:
    if isinstance(value, dict):
        for v in value.values():
            _plain(v)
    elif isinstance(value, list):
        for v in value:
            _plain(v)
    else:
        assert type(value) in (str, int, float, bool, type(None)), type(value)


def _real_articles() -> list[Article]:
    arts = []
    for name in ("conflict", "quotes"):
        path = require_shared(SHARED / "eval" / name / "dev.jsonl", f"../shared/eval/{name}")
        with path.open(encoding="utf-8") as fh:
            for i, line in zip(range(REAL), fh):
                r = json.loads(line)
                arts.append(Article(id=str(r.get("id", i)), text=r["text"], published=r.get("published")))
    return arts


def test_the_seed_report_round_trips(pipeline, seed_text):
    assert_round_trip(pipeline.analyze(Article(id="seed", text=seed_text, published="2024-01-25")))


def test_the_sample_reports_round_trip(pipeline):
    from dateline.sources import read

    paths = sorted(str(p) for p in SAMPLES.iterdir() if p.name.endswith((".jsonl", ".html", ".txt")))
    reports = [r for r in pipeline.analyze_items(read(paths)) if isinstance(r, Report)]
    assert len(reports) >= 7
    for r in reports:
        assert_round_trip(r)


def test_reports_of_real_articles_round_trip(pipeline):
    reports = list(pipeline.analyze_many(_real_articles(), batch_size=16))
    assert len(reports) == 2 * REAL
    kinds = set()
    for r in reports:
        assert_round_trip(r)
        kinds |= {k for k in FACT_KINDS if getattr(r, k)}
    assert kinds == set(FACT_KINDS)  # every kind of fact was read back at least once


def test_the_store_reads_back_the_report_it_stored(pipeline, seed_text, fresh_store):
    report = pipeline.analyze(Article(id="seed", text=seed_text, published="2024-01-25"))
    fresh_store.add_reports([(report, None)])
    assert fresh_store.report("seed") == report
    assert fresh_store.report("missing") is None


def test_from_dict_refuses_fields_it_does_not_know():
    with pytest.raises(ValueError, match="no field colour"):
        Span.from_dict({"start": 0, "end": 1, "text": "a", "colour": "red"})


def test_nested_spans_read_back():
    span = Span(0, 9, "a … b", fragments=(Span(0, 1, "a"), Span(8, 9, "b")))
    assert Span.from_dict(json.loads(json.dumps(span.to_dict()))) == span


def test_fixed_vocabularies_hold_members_and_write_plain_strings():
    q = Quote("q1", Span(0, 3, "Yes"), None, None, "direct")
    t = TimeRef("t1", 0, 7, "Tuesday", "DATE", "2024-01-23", mod="START")
    e = Event("ev1", "ASSAULT", Span(0, 6, "struck"), date_rule="sentence")
    p = Place("p1", 0, 4, "Iraq", "Iraq", precision="country")
    c = Claim(None, Span(0, 3, "Yes"), polarity="denied", stance="oppose")
    assert (type(q.kind), type(t.type), type(e.type), type(p.precision)) == (QuoteKind, TimeType, EventType, Precision)
    assert q.kind == "direct" and f"[{q.kind}]" == "[direct]"
    for record, key, value in ((q, "kind", "direct"), (t, "mod", "START"), (e, "date_rule", "sentence")):
        assert type(record.to_dict()[key]) is str and record.to_dict()[key] == value
    assert c.to_dict()["polarity"] == "denied" and c.to_dict()["modality"] == "certain"
    assert json.dumps(q.to_dict()) == json.dumps({**q.to_dict(), "kind": "direct"})
    with pytest.raises(ValueError):
        Quote("q2", Span(0, 3, "Yes"), None, None, "shouted")
    assert Article(id="a", text="x", published_source="html").published_source is PublishedSource.html


def test_the_fact_kinds_are_the_schemas():
    schema = report_schema()
    props = schema["properties"]
    assert FACT_KINDS == ("entities", "quotes", "times", "places", "events", "quantities", "contradictions")
    assert {k for k, v in props.items() if v.get("type") == "array"} == set(FACT_KINDS)
    assert {f.name for f in dataclasses.fields(Report)} == set(props)
    assert set(FACT_KINDS) <= set(schema["required"])


def test_the_schemas_enums_are_the_records():
    props = report_schema()["properties"]
    item = lambda kind, field: props[kind]["items"]["properties"][field]["enum"]  # noqa: E731
    assert item("quotes", "kind") == list(QuoteKind)
    assert item("times", "type") == list(TimeType)
    assert item("events", "type") == list(EventType)
    assert props["published_source"]["enum"] == [*PublishedSource, None]


def test_rejections_and_input_errors_pickle():
    e = InputError("corpus.jsonl:3", "malformed JSON")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is InputError and (back.origin, back.reason, str(back)) == (e.origin, e.reason, str(e))
    r = Rejection.of(e)
    assert pickle.loads(pickle.dumps(r)) == r == Rejection("corpus.jsonl:3", "malformed JSON")
    assert str(r.error()) == str(e) == "corpus.jsonl:3: malformed JSON"


def test_a_speaker_is_shown_with_the_role_a_reader_weighs_it_by():
    from dateline.records import Speaker

    singh = Speaker("she", 10, 13, "Sabrina Singh", "Deputy Pentagon Press Secretary")
    assert singh.label == "Sabrina Singh (Deputy Pentagon Press Secretary)"
    assert Speaker("the army", 0, 8, "army").label == "army"
    assert Speaker("President Assad", 0, 15, "President Assad", "President").label == "President Assad"

"""Numbered schema migrations (STYLE.md practice 11): append, never edit an applied one.

Each is (version, name, statements); ``Store.migrate`` runs each in one transaction.
"""
from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, reports and their facts", [
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY, content_hash VARCHAR UNIQUE NOT NULL, title VARCHAR,
            published VARCHAR, published_source VARCHAR, source VARCHAR, url VARCHAR, text VARCHAR,
            origin VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
        "CREATE TABLE reports (article_id VARCHAR PRIMARY KEY, report JSON, extractors JSON)",
        """CREATE TABLE entities (article_id VARCHAR, entity_id VARCHAR, name VARCHAR, type VARCHAR,
            title VARCHAR, aliases JSON, country VARCHAR, sector VARCHAR, mentions INTEGER, first_start INTEGER)""",
        """CREATE TABLE quotes (article_id VARCHAR, quote_id VARCHAR, speaker VARCHAR, speaker_text VARCHAR,
            speaker_title VARCHAR, content VARCHAR, cue VARCHAR, kind VARCHAR, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE places (article_id VARCHAR, place_id VARCHAR, text VARCHAR, name VARCHAR, lat DOUBLE,
            lon DOUBLE, geonameid BIGINT, country VARCHAR, admin1 VARCHAR, feature VARCHAR, precision VARCHAR,
            metonymy BOOLEAN, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE times (article_id VARCHAR, time_id VARCHAR, text VARCHAR, type VARCHAR, value VARCHAR,
            mod VARCHAR, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE quantities (article_id VARCHAR, n INTEGER, value DOUBLE, unit VARCHAR, modifier VARCHAR,
            text VARCHAR, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE events (article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR,
            source VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            target VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            place VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, date VARCHAR, fatalities INTEGER,
            injured INTEGER, negated BOOLEAN, hypothetical BOOLEAN, historical BOOLEAN, reported_by VARCHAR,
            acled_event_type VARCHAR, acled_sub_event_type VARCHAR, trigger VARCHAR, trigger_start INTEGER,
            sentence VARCHAR)""",
        """CREATE TABLE contradictions (article_id VARCHAR, contradiction_id VARCHAR, type VARCHAR, about VARCHAR,
            confidence DOUBLE, speaker_a VARCHAR, content_a VARCHAR, speaker_b VARCHAR, content_b VARCHAR)""",
    ]),
]

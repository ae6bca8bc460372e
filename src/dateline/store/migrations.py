"""Numbered schema migrations (STYLE.md practice 11): append, never edit an applied one.

Each is (version, name, statements); ``Store.migrate`` runs each in one transaction.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles, reports and their facts",
        [
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
        ],
    ),
    (
        2,
        "cross-article links: near-duplicates, actors, linked events",
        [
            "CREATE TABLE counters (name VARCHAR, value BIGINT)",
            "CREATE TABLE article_signatures (article_id VARCHAR, signature BLOB)",
            "CREATE TABLE article_bands (band SMALLINT, bucket BIGINT, article_id VARCHAR)",
            "CREATE INDEX article_bands_bucket ON article_bands (bucket)",
            """CREATE TABLE article_duplicates (article_id VARCHAR, original_id VARCHAR,
            similarity DOUBLE)""",
            """CREATE TABLE actors (actor_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR,
            sector VARCHAR, mentions INTEGER, articles INTEGER)""",
            """CREATE TABLE actor_aliases (actor_id VARCHAR, alias VARCHAR, key VARCHAR, skeleton VARCHAR,
            initials VARCHAR, mentions INTEGER)""",
            "CREATE INDEX actor_aliases_key ON actor_aliases (key)",
            "CREATE INDEX actor_aliases_skeleton ON actor_aliases (skeleton)",
            "CREATE TABLE entity_actors (article_id VARCHAR, entity_id VARCHAR, actor_id VARCHAR)",
            """CREATE TABLE event_mentions (linked_id VARCHAR, article_id VARCHAR, event_id VARCHAR, type VARCHAR,
            date_first DATE, date_last DATE, time_precision INTEGER, place VARCHAR, place_key VARCHAR,
            lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR, geo_precision INTEGER, coarse BOOLEAN, weak BOOLEAN,
            source_actor VARCHAR, source VARCHAR, source_sector VARCHAR, source_country VARCHAR,
            target_actor VARCHAR, target VARCHAR, target_sector VARCHAR, target_country VARCHAR,
            fatalities INTEGER, acled_event_type VARCHAR, acled_sub_event_type VARCHAR, story VARCHAR)""",
            "CREATE INDEX event_mentions_type ON event_mentions (type, date_first)",
            """CREATE TABLE linked_events (linked_id VARCHAR, type VARCHAR, acled_event_type VARCHAR,
            acled_sub_event_type VARCHAR, date_first DATE, date_last DATE, time_precision INTEGER,
            place VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, admin1 VARCHAR, geo_precision INTEGER,
            actor1 VARCHAR, actor2 VARCHAR, fatalities_min INTEGER, fatalities_max INTEGER,
            mentions INTEGER, reports INTEGER, sources INTEGER)""",
        ],
    ),
    (
        3,
        "live: watched feeds, the items seen in them, saved alerts and their hits",
        [
            """CREATE TABLE watch_feeds (url VARCHAR PRIMARY KEY, kind VARCHAR, etag VARCHAR, last_modified VARCHAR,
            polled_at TIMESTAMP, ok_at TIMESTAMP, status VARCHAR, error VARCHAR, failures INTEGER,
            entries INTEGER, stored INTEGER, rejected INTEGER)""",
            """CREATE TABLE watch_items (url VARCHAR PRIMARY KEY, feed VARCHAR, article_id VARCHAR, status VARCHAR,
            reason VARCHAR, encoding VARCHAR, language VARCHAR, published VARCHAR, seen_at TIMESTAMP)""",
            """CREATE TABLE alerts (alert_id INTEGER PRIMARY KEY, name VARCHAR, rule JSON, webhook VARCHAR,
            created_at TIMESTAMP)""",
            """CREATE TABLE alert_hits (alert_id INTEGER, kind VARCHAR, item VARCHAR, article_id VARCHAR,
            payload JSON, hit_at TIMESTAMP)""",
            "CREATE TABLE alert_scanned (article_id VARCHAR PRIMARY KEY)",
        ],
    ),
    (
        4,
        "events: the article's main event, vague tolls kept as reported, running totals marked",
        # stores analysed before this keep NULL (not known): ingesting the articles again fills them
        [
            "ALTER TABLE events ADD COLUMN main BOOLEAN",
            "ALTER TABLE events ADD COLUMN fatalities_min INTEGER",
            "ALTER TABLE events ADD COLUMN fatalities_text VARCHAR",
            "ALTER TABLE events ADD COLUMN cumulative BOOLEAN",
        ],
    ),
    (
        5,
        "linking: each dated event mention under its type and every day of its interval",
        [
            # The linker's candidates are the mentions of a type whose interval meets a window of
            # days; matched on (type, day) they are a hash join, not a range test against every
            # stored mention (issue 21: a batch cost 5 s in an empty store and 28 s at 4,800 articles).
            "CREATE TABLE event_days (type VARCHAR, day DATE, article_id VARCHAR, event_id VARCHAR)",
            # an interval is a day, two days (undated), a week or a month (events.interval)
            """INSERT INTO event_days SELECT m.type, m.date_first + CAST(g.i AS INTEGER), m.article_id, m.event_id
            FROM event_mentions m JOIN generate_series(0, 31) AS g(i) ON m.date_first + CAST(g.i AS INTEGER) <= m.date_last
            WHERE m.date_first IS NOT NULL""",
        ],
    ),
    (
        6,
        "alerts: whether each hit was delivered (a hit committed but not yet written or posted is sent at restart)",
        [
            "ALTER TABLE alert_hits ADD COLUMN delivered BOOLEAN DEFAULT false",
            # hits stored before were handed over when they were made: not sent again on upgrade
            "UPDATE alert_hits SET delivered = true",
        ],
    ),
    (
        7,
        "articles: whether the article is political or conflict news or crime (Report.relevant)",
        # NULL: not judged (stored before this); such an article's events stay in the event lists
        ["ALTER TABLE articles ADD COLUMN relevant BOOLEAN"],
    ),
]

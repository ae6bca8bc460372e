"""The store: DuckDB (embedded default) and PostgreSQL (shared), its numbered migrations, bulk
writes, the cross-article links written with each report, the one query module (``queries``) the
CLI and the API both read through, and export. Imports link and records; nothing above it.
"""

from __future__ import annotations

from .database import DEFAULT_DB, REOPEN_AFTER, Store, content_hash, default_wait, is_postgres
from .queries import Catalog, contains, where_sql

__all__ = [
    "DEFAULT_DB",
    "REOPEN_AFTER",
    "Catalog",
    "Store",
    "contains",
    "content_hash",
    "default_wait",
    "is_postgres",
    "where_sql",
]

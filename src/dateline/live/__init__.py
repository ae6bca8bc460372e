"""Live: watch feeds and pages over HTTP, store what is new as it comes, and deliver alerts.

``http`` fetches politely (conditional requests, robots.txt, a pace per host, retries with
backoff), ``watcher`` runs the rounds (feeds → new item pages → articles → the local engine → the
store), ``alerts`` writes matched events to a JSONL file and POSTs them to webhooks off the
ingest's path. Imports engines, store, sources; the API and the CLI import it.
"""

from __future__ import annotations

from .alerts import Delivery
from .http import Fetched, Fetcher
from .watcher import RoundStats, Watcher, parse_every

__all__ = ["Delivery", "Fetched", "Fetcher", "RoundStats", "Watcher", "parse_every"]

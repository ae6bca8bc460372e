"""Service commands (``dateline serve``): placeholder until the service lands."""
from __future__ import annotations

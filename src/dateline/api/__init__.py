"""The service: a FastAPI app with JSON endpoints and web pages over one store.

``create_app(db)`` builds it; ``dateline serve`` runs it with uvicorn.
"""

from __future__ import annotations

from .app import create_app, pages_address, serve_hint

__all__ = ["create_app", "pages_address", "serve_hint"]

"""The command line: a thin shell that parses, dispatches and turns errors into exit codes.

One module per command group (``analyze``, ``corpus``, ``queries``, ``service``), each registering
its commands on the one Typer app of ``options`` when imported; output formats in ``output``.
"""

from __future__ import annotations

import logging

from . import analyze, corpus, live, queries, service  # noqa: F401  (each registers its commands on ``app``)
from .options import app

__all__ = ["app", "main"]


def main() -> None:  # pragma: no cover
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

"""``python -m dateline.cli``: the command line (``dateline serve --watch`` starts its watcher so)."""

from . import main

main()

"""Run Reading Room from a checkout: ``python main.py`` is the ``readingroom`` command."""

from __future__ import annotations

import sys

from readingroom.cli import main

if __name__ == "__main__":
    sys.exit(main())

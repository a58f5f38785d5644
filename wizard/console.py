"""The `datasheet-wizard` console script (and `python -m wizard`): the cyclic collector goes off
before anything is imported (see wizard.startup), then the command line runs."""

from __future__ import annotations


def run() -> int:
    from wizard.startup import pause_gc

    pause_gc()
    from wizard.cli import main

    return main()

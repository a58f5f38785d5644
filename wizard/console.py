"""The `datasheet-wizard` console script (and `python -m wizard`): the cyclic collector goes off
before anything is imported, the command line runs, and a headless command then leaves without
Python's teardown (both in wizard.startup)."""

from __future__ import annotations

import sys


def run() -> int:
    from wizard.startup import pause_gc

    pause_gc()
    from wizard.arguments import runs_a_front_end
    from wizard.cli import main

    code = main()
    if not runs_a_front_end(sys.argv[1:]):
        from wizard.startup import exit_now

        exit_now(code)
    return code

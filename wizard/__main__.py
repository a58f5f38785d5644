"""Entry point for ``python -m wizard``."""

import sys

from wizard.console import run

sys.exit(run())

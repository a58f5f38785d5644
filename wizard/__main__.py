"""Entry point for ``python -m wizard``."""

import sys

from wizard.startup import run

sys.exit(run())

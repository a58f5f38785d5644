"""Where things are: the repository, the test banks and data folders, and a child process's environment."""

from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
BANKS = TESTS / "banks"
MINI = BANKS / "mini.toml"
DEFAULT_BANK = ROOT / "question_banks" / "datasheets-for-datasets.toml"
FIXTURES = TESTS / "fixtures"
IMPORT_CORPUS = TESTS / "import_corpus"
PUBLISH_DATA = TESTS / "publish_data"


def subprocess_env() -> dict[str, str]:
    """This environment, with the repository first on PYTHONPATH: `python -m wizard` runs this tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env

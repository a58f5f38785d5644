"""Shared fixtures: a private state folder, the test banks, and quick session builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANKS = Path(__file__).resolve().parent / "banks"
MINI = BANKS / "mini.toml"
DEFAULT_BANK = ROOT / "question_banks" / "datasheets-for-datasets.toml"


@pytest.fixture(autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's own recent-drafts list or config.toml (key remaps)."""
    monkeypatch.setenv("DATASHEET_WIZARD_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    # an empty config folder of the test's own
    config = str(tmp_path_factory.mktemp("config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", config)
    monkeypatch.setenv("APPDATA", config)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def mini_bank():
    from wizard.bank import load_bank

    return load_bank(MINI)


@pytest.fixture
def mini_session(tmp_path: Path, mini_bank):
    from wizard.session import Session

    session = Session.create(mini_bank, "Test Data", tmp_path / "test-data.datasheet.toml")
    yield session
    session.close()


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env

"""Shared fixtures: a private state folder, the test banks, and quick session builders.

Helpers that are not fixtures live in tests/helpers/ (see its __init__ for the map).
"""

from __future__ import annotations

from pathlib import Path

import pytest

# ROOT, DEFAULT_BANK and subprocess_env are imported here too: tests written before tests/helpers/
# existed import them from tests.conftest.
from tests.helpers.paths import DEFAULT_BANK, MINI, ROOT, subprocess_env

__all__ = ["DEFAULT_BANK", "MINI", "ROOT", "subprocess_env"]


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

"""The review screen offers the exports where the bank says where its answers go (issue: Publish)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers.paths import MINI, ROOT
from wizard.app.app import WizardApp
from wizard.app.screens import ReviewScreen
from wizard.bank import load_bank
from wizard.session import Session

EXAMPLE = ROOT / "question_banks" / "examples"


def _iris(tmp_path: Path) -> Path:
    draft = next(EXAMPLE.glob("*.datasheet.toml"))
    copy = tmp_path / draft.name
    shutil.copy(draft, copy)
    return copy


async def test_review_screen_writes_croissant_and_the_card_next_to_the_draft(tmp_path: Path) -> None:
    path = _iris(tmp_path)
    session = Session.open(path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.click("#export-croissant")
        await pilot.pause()
        result = str(app.screen.query_one("#write-result").render())
        assert "croissant.json" in result and "Wrote" in result
        await pilot.click("#export-hf")
        await pilot.pause()
        assert "README.md" in str(app.screen.query_one("#write-result").render())
        await pilot.press("escape", "ctrl+q")
    session.close()
    stem = path.name.removesuffix(".datasheet.toml")
    croissant = json.loads((tmp_path / f"{stem}.croissant.json").read_text(encoding="utf-8"))
    assert "rai:dataCollection" in croissant or any(k.startswith("rai:") for k in croissant)
    card = (tmp_path / f"{stem}.README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "license:" in card


async def test_a_bank_without_exports_offers_none(tmp_path: Path) -> None:
    session = Session.create(load_bank(MINI), "Mini", tmp_path / "m.datasheet.toml")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert not app.screen.query("#export-croissant")
        await pilot.press("escape", "ctrl+q")
    session.close()

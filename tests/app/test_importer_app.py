"""The start screen's new-datasheet form takes a file to import."""

from __future__ import annotations

import tomllib

from tests.helpers.paths import IMPORT_CORPUS
from wizard.app.app import WizardApp
from wizard.app.question import QuestionScreen
from wizard.app.screens import StartScreen

CORPUS = IMPORT_CORPUS


async def test_start_screen_imports_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#import-from").focus()
        await pilot.press(*str(CORPUS / "01-headings-v8.md"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    data = tomllib.loads((tmp_path / "citybirds.datasheet.toml").read_text(encoding="utf-8"))
    assert data["draft"]["title"] == "CityBirds"
    assert data["answers"]["purpose"]["text"].startswith("CityBirds was created")


async def test_start_screen_says_why_a_file_cannot_be_imported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.screen.query_one("#import-from").focus()
        await pilot.press(*str(empty))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert any("is empty" in n.message for n in app._notifications)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.md"]


async def test_kept_aside_text_is_shown_with_where_it_came_from(tmp_path, monkeypatch):
    from wizard.cli import main
    from wizard.session import Session

    draft = tmp_path / "citybirds.datasheet.toml"
    assert main(["import", str(CORPUS / "01-headings-v8.md"), "--draft", str(draft)]) == 0
    app = WizardApp(Session.open(draft), cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.action_show_orphans()
        await pilot.pause()
        shown = app.screen.query_one("Markdown").source
        assert "imported-1" in shown and "Imported from 01-headings-v8.md, line 3" in shown
        assert "Maintained by the Urban Acoustics Lab" in shown

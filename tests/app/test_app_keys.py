"""The app's keys come from wizard.keymap: remapped by config.toml, shown where they work and only there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.helpers.pilot import help_source
from tests.helpers.paths import MINI
from tests.helpers.clock import keys_handled
from wizard.app.app import WizardApp
from wizard.bank import load_bank
from wizard.keymap import KEYS, config_path
from wizard.session import Session


@pytest.fixture
def session(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Session.create(load_bank(MINI), "Birds", tmp_path / "birds.datasheet.toml")
    yield s
    s.close()


def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = config_path()
    assert path.is_relative_to(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def key_bar(app: WizardApp) -> str:
    """The question screen's line of key hints, as drawn."""
    return str(app.screen.query_one("#bottom").render()).splitlines()[1]


def footer_keys(app: WizardApp) -> dict[str, str]:
    """What the other screens' key line shows: description -> key."""
    from wizard.app.widgets.key_bar import KeyBar

    hints, palette = app.screen.query_one(KeyBar).hints()
    return {description: display for _, display, description, _ in hints + ([palette] if palette else [])}


QUESTION_ONLY = [spec for spec in KEYS if spec.screens == frozenset({"question"}) and spec.show]


@pytest.mark.skipif(os.name == "nt", reason="XDG_CONFIG_HOME is not where Windows looks")
async def test_a_key_remapped_in_config_toml_works_and_the_footer_follows(session, tmp_path, monkeypatch):
    write_config(tmp_path, monkeypatch, '[keys]\nnext = "ctrl+j"\n')
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await keys_handled(pilot)
        assert " ^j Next " in key_bar(app) and "^n" not in key_bar(app)
        await pilot.press(*"before", "ctrl+j", *"after")
        await keys_handled(pilot)
        assert session.current.id == "name" and session.answer("purpose").text == "before"
        assert app.screen.query_one("#editor-name Input", Input).value == "after"
        await pilot.press("ctrl+n")  # the default no longer moves
        await keys_handled(pilot)
        assert session.current.id == "name"
        assert not app._notifications  # noqa: SLF001 - a valid config says nothing
        await pilot.press("f1")
        await pilot.pause()
        assert "- `ctrl+j`: next question" in help_source(app)


async def test_config_problems_are_one_warning(session, tmp_path, monkeypatch):
    write_config(tmp_path, monkeypatch, '[keys]\nnxt = "ctrl+j"\nback = "x"\n')
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await keys_handled(pilot)
        notices = list(app._notifications)  # noqa: SLF001
        assert len(notices) == 1 and notices[0].severity == "warning"
        assert "did you mean \"next\"" in notices[0].message and "[keys] back" in notices[0].message
        assert " ^n Next " in key_bar(app) and " ^b Back " in key_bar(app)  # the defaults stay


async def test_the_question_screen_shows_how_to_finish_and_only_its_keys(session):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(160, 32)) as pilot:
        await keys_handled(pilot)
        bar = key_bar(app)
        assert " ^f Finish " in bar
        shown = [spec.label for spec in KEYS if spec.works_on("question") and spec.show]
        assert [label for label in shown if f" {label} " in bar] == shown
        assert "New datasheet" not in bar and "Write datasheet" not in bar
        await pilot.press("f1")
        await pilot.pause()
        source = help_source(app)
        assert "- `ctrl+f`: review what is missing" in source
        for key in ("ctrl+z", "ctrl+y", "ctrl+c", "ctrl+v", "f7"):  # the editors' own keys work too
            assert f"`{key}`" in source


async def test_the_start_screen_offers_no_question_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        shown = footer_keys(app)
        assert shown.get("New datasheet") == "^n" and "Quit" in shown and "Help" in shown
        assert not [spec.label for spec in QUESTION_ONLY if spec.label in shown], shown
        assert "Finish" not in shown and "Outline" not in shown and "Preview" not in shown


async def test_keys_that_work_on_the_preview_and_review_screens(session):
    """Outline, preview and finish reach from the preview and review screens as before, and their
    footers say so; a key pressed again closes what it opened."""
    from wizard.app.screens.outline import OutlineScreen
    from wizard.app.screens.preview import PreviewScreen
    from wizard.app.screens.review import ReviewScreen

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await keys_handled(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert {"Outline", "Finish", "Contents", "Back to writing"} <= set(footer_keys(app))
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert {"Write datasheet", "Outline", "Preview"} <= set(footer_keys(app))
        assert "Finish" not in footer_keys(app) and "Next" not in footer_keys(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        classes = [type(s).__name__ for s in app.screen_stack]
        assert len(classes) == len(set(classes)), classes


async def test_the_palette_lists_the_keys_in_force(session, tmp_path, monkeypatch):
    from wizard.app.commands import WizardCommands

    write_config(tmp_path, monkeypatch, '[keys]\nmark_na = "ctrl+k"\n')
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 32)) as pilot:
        await keys_handled(pilot)
        provider = WizardCommands(app.screen)
        entries = {name: help_text for name, help_text, _ in provider._commands()}  # noqa: SLF001
        assert entries["mark: not applicable"].endswith("(^k)")
        assert entries["outline"].endswith("(^o)")
        assert "export: Croissant" in entries


@pytest.mark.parametrize("width", [80, 60])
async def test_a_narrow_key_line_drops_whole_hints_and_keeps_the_way_on(session, width):
    """Hints are dropped (marks and views first: the palette and help list them), never squeezed together."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await keys_handled(pilot)
        bar = key_bar(app)
        assert len(bar.rstrip()) <= width
        for hint in (" ^n Next ", " ^f Finish ", " ^q Quit "):
            assert hint in bar
        assert "Unknown" not in bar and "N/A" not in bar
        await pilot.press("f1")
        await pilot.pause()
        source = help_source(app)
        for spec in KEYS:  # everything the line left out is in the help, with the key in force
            if spec.works_on("question"):
                assert f"- `{spec.key}`: {spec.help}" in source

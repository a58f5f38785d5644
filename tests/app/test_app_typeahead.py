"""The app's side of wizard.app.messages, and keys kept in order around commands and editor switches
(wizard.app.typeahead), driven by posting what screens and the terminal would."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from tests.helpers.paths import MINI
from tests.helpers.clock import FakeClock, autosave_runs, keys_handled
from wizard.app.app import WizardApp
from wizard.app.messages import (
    AnswerEdited,
    EditorReady,
    EditorShown,
    Export,
    JumpTo,
    NextQuestion,
    OpenDraft,
    StartNew,
    WriteDatasheet,
)
from wizard.bank import load_bank
from wizard.session import Session


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    return tmp_path / "birds.datasheet.toml"


@pytest.fixture
def session(draft_path: Path):  # type: ignore[no-untyped-def]
    s = Session.create(load_bank(MINI), "Birds", draft_path)
    yield s
    s.close()


def typed(app: WizardApp, *keys: str) -> None:
    """Keys as the terminal driver posts them: all queued before the app handles any."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def answer_on_disk(path: Path, qid: str) -> str | None:
    return tomllib.loads(path.read_text(encoding="utf-8"))["answers"].get(qid, {}).get("text")


def purpose_text(app: WizardApp) -> str:
    return app.screen.query_one("#editor-purpose TextArea", TextArea).text


async def test_keys_wait_from_editor_shown_until_editor_ready(session, monkeypatch):
    """Keys queued behind EditorShown wait while the editor is not ready, and go to it in the order
    typed when EditorReady comes: released by the message, not by polling or a timer."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        screen = app.question_screen
        ready = [False]
        monkeypatch.setattr(type(screen), "editor_ready", lambda self: ready[0])
        app.post_message(EditorShown())
        typed(app, *"held")
        await pilot.pause()
        assert app.typeahead.holding and purpose_text(app) == ""
        ready[0] = True
        await pilot.pause()  # ready, but nobody said so: still waiting
        assert app.typeahead.holding and purpose_text(app) == ""
        app.post_message(EditorReady())
        await keys_handled(pilot)
        assert not app.typeahead.holding and purpose_text(app) == "held"


async def test_keys_queued_behind_a_move_asked_by_message_reach_the_next_question(session, draft_path):
    """NextQuestion (Enter in a one-line answer) and JumpTo are handled after keys already queued,
    and the screen's EditorShown comes behind keys typed after them: the app holds keys itself the
    moment it moves, as the old synchronous hold did, so none goes to the old editor or is lost."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        typed(app, *"first")
        app.post_message(NextQuestion())
        typed(app, *"CB")
        await keys_handled(pilot)
        assert session.current.id == "name"
        assert app.screen.query_one("#editor-name Input", Input).value == "CB"
        app.post_message(JumpTo("purpose"))
        typed(app, *" again")
        await keys_handled(pilot)
        assert session.current.id == "purpose" and purpose_text(app) == "first again"
        await pilot.press("ctrl+s")
    assert answer_on_disk(draft_path, "purpose") == "first again"
    assert answer_on_disk(draft_path, "name") == "CB"


async def test_a_remapped_command_key_is_kept_in_order(session, draft_path):
    """The type-ahead reads the live bindings: after set_keymap, ctrl+j is "next" and the old key is not."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        app.set_keymap({"next": "ctrl+j"})
        typed(app, *"before", "ctrl+j", *"after")
        await keys_handled(pilot)
        assert session.current.id == "name"
        assert app.screen.query_one("#editor-name Input", Input).value == "after"
        assert session.answer("purpose").text == "before"
        typed(app, "ctrl+n")  # no longer bound to anything
        await keys_handled(pilot)
        assert session.current.id == "name"


async def test_a_command_on_a_key_the_editor_uses_stays_the_editors(session):
    """Commands are not priority bindings: remapped onto ctrl+k, which the text editor binds itself
    (delete to the end of the line), "next" does not take the key from the editor."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        app.set_keymap({"next": "ctrl+k"})
        typed(app, *"keep", "home", "ctrl+k")
        await keys_handled(pilot)
        assert session.current.id == "purpose" and purpose_text(app) == ""


async def test_answer_edited_schedules_autosave(session, draft_path):
    clock = FakeClock()
    app = WizardApp(session, cursor_blink=False, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        session.write_text("purpose", "from a widget")
        app.post_message(AnswerEdited())
        await pilot.pause()
        assert answer_on_disk(draft_path, "purpose") is None and clock.pending
        await autosave_runs(pilot, clock)
        assert answer_on_disk(draft_path, "purpose") == "from a widget"


async def test_write_datasheet_and_export_report_back(session, draft_path):
    session.write_text("purpose", "Birds.")
    reports: list[tuple[str, bool]] = []
    target = draft_path.with_name("birds.md")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await keys_handled(pilot)
        app.post_message(WriteDatasheet(target, True, lambda text, ok: reports.append((text, ok))))
        await pilot.pause()
        assert reports[-1][1] and "Wrote" in reports[-1][0]
        assert target.read_text().startswith("# Mini sheet for Birds") and target.with_suffix(".html").exists()
        app.post_message(Export("croissant", lambda text, ok: reports.append((text, ok))))
        await pilot.pause()
        assert len(reports) == 2 and reports[-1][0]


async def test_open_draft_and_start_new_from_the_start_screen(session, draft_path, tmp_path, monkeypatch):
    from wizard.app.screens.question import QuestionScreen

    session.write_text("purpose", "kept")
    session.close()
    monkeypatch.chdir(tmp_path)
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.post_message(OpenDraft(draft_path))
        await keys_handled(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.session.path == draft_path
        assert purpose_text(app) == "kept"
        app.session.close()
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.post_message(StartNew(str(MINI), "Owls", None))
        typed(app, *"typed at once")  # straight after starting: not lost
        await keys_handled(pilot)
        assert isinstance(app.screen, QuestionScreen) and app.session.path == tmp_path / "owls.datasheet.toml"
        assert purpose_text(app) == "typed at once"
        app.session.close()

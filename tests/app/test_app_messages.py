"""Screens, dialogs, widgets and editors talk to the app by messages (wizard.app.messages), never by
calling its methods; and the app's start-up imports the question screen and nothing it can defer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.paths import MINI, ROOT, subprocess_env
from wizard.app import messages
from wizard.app.app import WizardApp
from wizard.bank import load_bank
from wizard.session import Session

APP = ROOT / "wizard" / "app"
BELOW_THE_APP = ("screens", "dialogs", "widgets", "editors")


def _runtime_imports(path: Path) -> set[str]:
    """The modules a file imports when it runs (imports under `if TYPE_CHECKING:` left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", BELOW_THE_APP)
def test_nothing_below_the_app_imports_it(package):
    files = sorted((APP / package).rglob("*.py"))
    assert files
    upward = {str(f.relative_to(ROOT)): sorted(m for m in _runtime_imports(f) if m.startswith("wizard.app.app"))
              for f in files}
    assert not {f: m for f, m in upward.items() if m}


def test_no_call_reaches_up_past_the_type_checker():
    offenders = [str(f.relative_to(ROOT)) for f in APP.rglob("*.py") if "type: ignore[attr-defined]" in f.read_text()]
    assert offenders == []


def test_the_editors_do_not_import_each_other():
    """The factory is in editors/__init__.py: the base and the list editors each stand alone."""
    editors = APP / "editors"
    assert not {m for m in _runtime_imports(editors / "base.py") if m.startswith("wizard.app.editors")}
    for module in ("text.py", "choices.py"):
        assert {m for m in _runtime_imports(editors / module) if m.startswith("wizard.app.editors")} <= {
            "wizard.app.editors.base", "wizard.app.editors.base.AnswerEditor", "wizard.app.editors.base.visible_text"}


def test_start_up_imports_only_the_question_screen():
    code = ("import sys, wizard.app.app\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('wizard.app.'))))")
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                env=subprocess_env()).stdout.split())
    assert "wizard.app.screens.question" in loaded and "wizard.app.editors.text" in loaded
    deferred = {"wizard.app.screens.start", "wizard.app.screens.outline", "wizard.app.screens.preview",
                "wizard.app.screens.review", "wizard.app.screens.help", "wizard.app.screens.orphans",
                "wizard.app.editors.choices", "wizard.app.dialogs.choice", "wizard.app.dialogs.reason",
                "wizard.app.commands"}
    assert not loaded & deferred, loaded & deferred


def distinct(posted: list[object], *kinds: type) -> list:
    """Each message of these kinds once, in order: the hook sees a message at every pump it bubbles through."""
    seen: dict[int, object] = {}
    for message in posted:
        if isinstance(message, kinds):
            seen.setdefault(id(message), message)
    return list(seen.values())


@pytest.fixture
def session(tmp_path):
    s = Session.create(load_bank(MINI), "Birds", tmp_path / "birds.datasheet.toml")
    yield s
    s.close()


async def test_what_the_question_screen_and_its_editors_say(session):
    posted: list[object] = []
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32), message_hook=posted.append) as pilot:
        await pilot.pause()
        kinds = [type(m) for m in distinct(posted, messages.EditorShown, messages.EditorReady)]
        assert kinds[:2] == [messages.EditorShown, messages.EditorReady]  # the first editor, then keys may come
        posted.clear()
        await pilot.press(*"Counting")
        await pilot.pause()
        assert len(distinct(posted, messages.AnswerEdited)) == len("Counting")
        await pilot.press("ctrl+n")
        await pilot.pause()
        posted.clear()
        await pilot.press(*"CB", "enter")  # Enter on a one-line answer asks for the next question
        await pilot.pause()
        assert len(distinct(posted, messages.NextQuestion)) == 1
        assert session.current.id == "kind"


async def test_what_the_review_screen_says(session, tmp_path):
    posted: list[object] = []
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32), message_hook=posted.append) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.press("ctrl+w")  # write
        await pilot.pause()
        written = distinct(posted, messages.WriteDatasheet)
        assert [(m.target, m.also_html) for m in written] == [(tmp_path / "birds.md", False)]
        assert (tmp_path / "birds.md").exists()
        await pilot.press("enter")  # the first missing question, from the list that has focus
        await pilot.pause()
        jumps = [m.question_id for m in distinct(posted, messages.JumpTo)]
        assert jumps == ["purpose"]
        assert app.screen is app.question_screen and session.current.id == "purpose"

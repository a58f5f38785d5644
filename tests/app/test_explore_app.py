"""Explore, don't enumerate: random sequences of the app's own keys, typing, pastes, resizes, hand
edits of the file and disk faults, drawn by hypothesis, with what must always hold checked after
every step.

The app runs in its own event loop thread (Textual's headless Pilot); the state machine's rules
hand it one action at a time. After every step:

- no unhandled exception, and the app runs until a rule quits it;
- the draft on disk always parses;
- when the session has nothing pending and no fault or conflict is in the way, the file holds
  exactly the session's answers; and whenever the status line says "saved" with nothing pending,
  the file holds them too;
- looking around (resizing; preview, outline, help, guidance and back) never changes an answer.

Default run: 6 sequences of up to 40 steps (enough to find the review screen opened twice, the
crash the first release shipped); `pytest -m slow tests/app/test_explore_app.py`: 120 sequences.
"""

from __future__ import annotations

import asyncio
import errno
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

import wizard.draft as draft_module
import wizard.draft_writer as writer_module
from tests.helpers.drafts import loaded_answers
from tests.helpers.paths import MINI
from tests.helpers.report import count
from wizard.app.app import WizardApp
from wizard.app.screens.question import QuestionScreen
from wizard.bank import load_bank
from wizard.draft import load_draft
from wizard.keymap import KEYS
from wizard.session import Session

# Every key the app or one of its screens binds, and the keys that move in lists and dialogs.
# The question screen's keys and those that work everywhere, but for ctrl+e (it runs $EDITOR: its own
# test) and the palette (its system commands save screenshots and change themes).
APP_KEYS = [spec.key for spec in KEYS if spec.works_on("question") and spec.id not in ("external_editor", "command_palette")]
SCREEN_KEYS = ["escape", "ctrl+w", "t", "q", "enter", "tab", "shift+tab", "up", "down", "space", "backspace", "home", "end"]
LOOKS = ["ctrl+r", "f1", "ctrl+o", "f2"]
SIZES = [(80, 24), (120, 36), (200, 50), (40, 12), (100, 32)]
WORDS = st.text(alphabet="abcdefghij klmno,.-XYZ", min_size=1, max_size=12)
PASTES = st.text(min_size=1, max_size=300)


def _in_session(session: Session) -> dict[str, Any]:
    return {qid: a for qid, a in session.draft.answers.items() if not a.is_empty}


class AppExplorer(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="dw-explore-"))
        shutil.copy(MINI, self.folder / "mini.toml")
        self.path = self.folder / "explore.datasheet.toml"
        Session.create(load_bank(self.folder / "mini.toml"), "Explore", self.path).close()
        self.session = Session.open(self.path)
        self.app = WizardApp(self.session, cursor_blink=False)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.jobs: asyncio.Queue[Any] = self._call(asyncio.Queue)
        self.host = asyncio.run_coroutine_threadsafe(self._host(), self.loop)
        self._run(lambda pilot: pilot.pause())  # the app is up
        self.exited = False
        self.fault = False
        self.steps = 0
        self._real_write = writer_module.atomic_write
        writer_module.atomic_write = self._faulty_write  # the session saves through this name

    # ------------------------------------------------------------------ plumbing

    def _call(self, fn: Any) -> Any:
        async def call() -> Any:
            return fn()

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(10)

    async def _host(self) -> None:
        """One task holds the app for the whole sequence (Textual's context must stay in one task)."""
        async with self.app.run_test(size=(100, 32)) as pilot:
            self.pilot = pilot
            while True:
                job = await self.jobs.get()
                if job is None:
                    return
                action, done = job
                try:
                    done.set_result(await action(pilot))
                except BaseException as exc:  # noqa: BLE001 - handed to the rule that asked
                    done.set_exception(exc)

    def _run(self, action: Any, timeout: float = 60) -> Any:
        """Run `action(pilot)` (a coroutine function) inside the app's task; wait for its result."""
        import concurrent.futures

        done: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.loop.call_soon_threadsafe(self.jobs.put_nowait, (action, done))
        return done.result(timeout)

    def _faulty_write(self, path: Path, data: str, **how: Any) -> os.stat_result:  # `doing=`: what the caller writes
        if self.fault and path == self.path:
            raise draft_module.DraftError(f"Cannot save the draft to {path}: {errno.errorcode[errno.ENOSPC]}.")
        return self._real_write(path, data, **how)

    def _keys(self, *keys: str) -> None:
        async def press(pilot: Any) -> None:
            await pilot.press(*keys)
            await pilot.pause()

        self.steps += 1
        self._run(press)
        if self.app.return_code is not None or not self.app.is_running:
            self.exited = True

    def teardown(self) -> None:
        writer_module.atomic_write = self._real_write
        try:
            self.loop.call_soon_threadsafe(self.jobs.put_nowait, None)
            self.host.result(30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)
            try:
                self.session.close()
            except draft_module.DraftError:
                pass  # a hand edit the app was never asked about: the app's quit path handles this itself
            count("explore: app state machine", rounds_run=self.steps,
                  tracebacks_seen=int(self.app._exception is not None))  # noqa: SLF001
            shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------------ rules

    @rule(key=st.sampled_from(APP_KEYS + SCREEN_KEYS))
    def press(self, key: str) -> None:
        if not self.exited:
            self._keys(key)

    @rule(key=st.sampled_from(APP_KEYS))
    def press_twice(self, key: str) -> None:
        """Authors press keys twice (an impatient ctrl+f, a double ctrl+n)."""
        if not self.exited:
            self._keys(key, key)

    @rule(words=WORDS)
    def type_words(self, words: str) -> None:
        if not self.exited:
            self._keys(*["space" if c == " " else c for c in words])

    @rule(text=PASTES)
    def paste(self, text: str) -> None:
        from textual import events

        if self.exited:
            return

        async def paste(pilot: Any) -> None:
            target = self.app.screen.focused or self.app.screen
            target.post_message(events.Paste(text))
            await pilot.pause()

        self.steps += 1
        self._run(paste)

    @rule(size=st.sampled_from(SIZES))
    def resize(self, size: tuple[int, int]) -> None:
        if self.exited or not isinstance(self.app.screen, QuestionScreen):
            return
        before = dict(self.session.draft.answers)

        async def resize(pilot: Any) -> None:
            await pilot.resize_terminal(*size)
            await pilot.pause()

        self.steps += 1
        self._run(resize)
        assert self.session.draft.answers == before, "a resize changed an answer"

    @rule(key=st.sampled_from(LOOKS))
    def look_around(self, key: str) -> None:
        """Open a view and come back: no answer may change (from the question screen, with no dialog
        about a file changed on disk waiting, whose answer would rightly change them)."""
        if self.exited or not isinstance(self.app.screen, QuestionScreen) or self.session.changed_on_disk:
            return
        before = dict(self.session.draft.answers)
        self._keys(key, "escape") if key != "f2" else self._keys(key, key)
        if not self.session.changed_on_disk:
            assert self.session.draft.answers == before, f"{key} then back changed an answer"

    @rule(text=WORDS)
    def hand_edit(self, text: str) -> None:
        """Someone edits the file by hand (another editor, a git checkout) while the app has it open."""
        if self.exited:
            return
        self.steps += 1
        raw = self.path.read_text(encoding="utf-8")
        marker = "[answers.name]\n"
        if marker in raw:
            start = raw.index(marker) + len(marker)
            end = raw.find("\n[", start)
            end = len(raw) if end < 0 else end + 1
            raw = raw[:start] + f'status = "answered"\ntext = "{text}"\n' + raw[end:]
            self._real_write(self.path, raw)

    @rule()
    def disk_fails(self) -> None:
        if self.exited:
            return
        self.steps += 1
        self.fault = True

    @rule()
    def disk_recovers(self) -> None:
        self.steps += 1
        self.fault = False

    @rule()
    def wait_for_autosave(self) -> None:
        if self.exited:
            return
        self.steps += 1
        self._run(lambda pilot: pilot.pause(1.2))

    # ------------------------------------------------------------------ what always holds

    @invariant()
    def no_unhandled_exception(self) -> None:
        assert self.app._exception is None, repr(self.app._exception)  # noqa: SLF001

    @invariant()
    def the_draft_parses(self) -> None:
        load_draft(self.path)

    @invariant()
    def saved_means_saved(self) -> None:
        session = self.session
        if session.dirty or self.fault or session.last_error or session.changed_on_disk or session.read_only:
            return
        assert loaded_answers(self.path) == _in_session(session), "nothing pending, but the file differs from the session"
        screen = self.app.question_screen
        if screen is not None:
            from wizard.app.widgets.bars import BottomBar

            bar = screen.query_one(BottomBar)
            if bar.saved_text.startswith("saved") and not bar.saved_error:
                assert loaded_answers(self.path) == _in_session(session), "'saved' on screen, but not in the file"


# No shrinking by default: the app's timing makes replays slow, and the failing sequence is printed as it is.
AppExplorer.TestCase.settings = settings(
    max_examples=6, stateful_step_count=40, deadline=None, derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_app_explorer = AppExplorer.TestCase


class AppExplorerLong(AppExplorer):
    pass


AppExplorerLong.TestCase.settings = settings(
    max_examples=120, stateful_step_count=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_app_explorer_long = pytest.mark.slow(AppExplorerLong.TestCase)

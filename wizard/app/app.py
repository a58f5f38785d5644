"""The full-screen app: a thin Textual front end over `Session`, which holds every answer."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from typing import Callable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer

from wizard.app.question import QuestionScreen, session_titles
from wizard.answers import Status
from wizard.bank import Bank
from wizard.errors import DraftChangedOnDisk, DraftError, WizardError
from wizard.session import Session


def _wizard_commands():  # type: ignore[no-untyped-def]
    """The palette's provider, imported when the palette first opens (start-up stays lean)."""
    from wizard.app.commands import WizardCommands

    return WizardCommands


def _screens():  # type: ignore[no-untyped-def]
    """The screens around the question screen, imported on first use (start-up stays lean)."""
    from wizard.app import screens

    return screens


class WizardApp(App[int]):
    """Walks the author through the bank. Every edit goes straight into the session; autosave writes it."""

    CSS_PATH = "wizard.tcss"
    TITLE = "datasheet-wizard"
    COMMANDS = App.COMMANDS | {_wizard_commands}
    ENABLE_COMMAND_PALETTE = True
    # Not priority bindings: a key reaches the focused editor first and bubbles up here only when the
    # editor has no use for it, so keys are handled in the order typed (text typed just before
    # ctrl+n or ctrl+q is in the answer before the app moves or quits). ctrl+e must outrank the
    # editor's own "end of line".
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="next"),
        Binding("ctrl+b", "back", "Back", id="back"),
        Binding("ctrl+o", "outline", "Outline", id="outline"),
        Binding("ctrl+r", "preview", "Preview", id="preview"),
        Binding("ctrl+t", "mark_na", "N/A", id="mark_na"),
        Binding("ctrl+g", "mark_unknown", "Unknown", id="mark_unknown"),
        Binding("ctrl+s", "save", "Save", id="save", show=False),
        Binding("ctrl+e", "external_editor", "$EDITOR", id="external_editor", priority=True, show=False),
        Binding("ctrl+f", "review", "Finish", id="review", show=False),
        Binding("f2", "toggle_guide", "Guidance", id="toggle_guide", show=False),
        Binding("ctrl+q", "quit", "Quit", id="quit"),
        Binding("f1", "help", "Help", id="help"),
    ]
    KEY_HELP = [
        ("ctrl+n", "next question (saves); at the last one, the review screen"),
        ("ctrl+b", "previous question (saves)"),
        ("ctrl+o", "outline: every section and question with its state; jump anywhere"),
        ("ctrl+r", "preview the rendered datasheet"),
        ("ctrl+t", "mark not applicable, with an optional reason (typing an answer undoes it)"),
        ("ctrl+g", "mark unknown, with an optional reason (typing an answer undoes it)"),
        ("ctrl+s", "save now (autosave runs anyway, within a second)"),
        ("ctrl+e", "edit the current answer in $EDITOR"),
        ("ctrl+f", "review what is missing and write the datasheet"),
        ("f2", "show or hide the guidance panel"),
        ("ctrl+q", "quit; the draft is saved first"),
        ("f1", "this help"),
    ]

    # Every key above (and the palette's) is a command: see `on_event`.
    COMMAND_KEYS = {binding.key: binding.action for binding in BINDINGS} | {"ctrl+p": "command_palette"}

    def __init__(
        self,
        session: Session | None = None,
        *,
        new_bank: Bank | None = None,
        new_draft: Path | None = None,
        cursor_blink: bool | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.new_bank = new_bank
        self.new_draft = new_draft
        self.cursor_blink = cursor_blink if cursor_blink is not None else not os.environ.get("DATASHEET_WIZARD_NO_BLINK")
        self._save_timer: Timer | None = None
        self._write_lock = threading.Lock()
        self._retry_timer: Timer | None = None
        self._asking_about_disk = False
        # Keys waiting for a command to finish or for an editor to be ready, in the order typed.
        # Until the first question's editor exists, every key waits (typing straight after
        # starting must not be lost).
        self._held_keys: list[events.Key] | None = [] if session is not None else None
        self._command_pending = False  # a command key is waiting for its turn or running
        self.quit_unsaved = False  # the author chose "Quit without saving"
        self.outcome = None  # what became of the text, once decided (a signal decides it early)
        self._release_scheduled = False
        self.last_key_at = 0.0  # time.monotonic() of the latest key: background work waits for a pause

    def notify(self, message: str, *, title: str = "", **options: object) -> None:  # type: ignore[override]
        """Every notice may quote a path, a prompt or an error message from a bank: shown safely."""
        from wizard.untrusted import shown

        options.pop("markup", None)
        super().notify(shown(message), title=shown(title), markup=False, **options)  # type: ignore[arg-type]

    def get_driver_class(self):  # type: ignore[no-untyped-def]
        """Textual draws on stderr. With stderr redirected (`datasheet-wizard 2>err.txt`) while stdout is
        the terminal, it would draw into the file: draw on stdout then."""
        driver = super().get_driver_class()
        try:
            redirected = not os.isatty(2) and os.isatty(1)
        except (OSError, ValueError):
            redirected = False
        if not redirected or not hasattr(driver, "_get_terminal_size"):
            return driver

        class StdoutDriver(driver):  # type: ignore[valid-type, misc]
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, **kwargs)
                import sys

                self._file = sys.__stdout__

        return StdoutDriver

    # ------------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        """With a draft to resume, its question screen is the first screen: nothing is drawn before it."""
        if self.session is not None:
            return QuestionScreen(self.session)
        return super().get_default_screen()

    def on_mount(self) -> None:
        from wizard.startup import resume_gc

        self.set_timer(0.25, resume_gc)  # the first screen is up by then (see wizard.startup)
        if self.session is not None:
            self._session_opened(self.session)
            from wizard.app.preload import preload_screens

            # half a second after the first question is drawn, however long that took
            self.screen.call_after_refresh(self.set_timer, 0.5, partial(preload_screens, self))
        else:
            self.show_start()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """`cursor_blink` (off with DATASHEET_WIZARD_NO_BLINK, and in tests) holds for every text field
        the author types in, whichever screen built it: Textual's Input blinks unless told otherwise."""
        field = event.widget
        if not self.cursor_blink and getattr(field, "cursor_blink", False):
            field.cursor_blink = False  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ keys in order

    async def on_event(self, event: events.Event) -> None:
        """Keep keys in the order they were typed around commands.

        Textual hands typed text to the focused editor's own queue, while a command such as
        ctrl+n acts from the app: in a burst ("text ctrl+n more"), "more" would reach the old
        editor before the move, or be lost while the next editor is being built. So a command key
        waits until the editor has handled everything typed before it, runs, and releases the
        keys that came after it only once the question screen's editor is ready for them.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.last_key_at = time.monotonic()
            if self._held_keys is not None:
                self._held_keys.append(event)
                return
            action = self.COMMAND_KEYS.get(event.key)
            if action is not None and self.question_screen is self.screen:
                self._held_keys = []
                self._command_pending = True
                self._after_typed_keys(action)
                return
        await super().on_event(event)

    def _after_typed_keys(self, action: str) -> None:
        """Run `action` once the focused widget has handled the keys already queued for it."""
        run = partial(self.call_later, self._run_command, action)
        focused = self.focused
        if focused is None or not focused.call_later(run):
            run()

    async def _run_command(self, action: str) -> None:
        try:
            await self.run_action(action)
        finally:
            self._command_pending = False
            self.release_keys_when_ready()

    def hold_keys(self) -> None:
        """Keys typed from now on wait until the question screen's editor is ready (a new one is
        being built), then go to it in the order typed."""
        if self._held_keys is None:
            self._held_keys = []
        self.release_keys_when_ready()

    def release_keys_when_ready(self, _waited: float = 0.0, *, _retry: bool = False) -> None:
        """Hand the held keys on once the question screen's editor can take them (one pending
        release at a time; none while a command waits, which releases when it is done)."""
        if _retry:
            self._release_scheduled = False
        if self._held_keys is None or self._command_pending or self._release_scheduled:
            return
        self._release_scheduled = True
        screen = self.question_screen
        if screen is self.screen and screen is not None and not screen.editor_ready() and _waited < 2.0:
            # composing takes a frame or two; should it never finish, the keys go on regardless
            self.set_timer(0.01, partial(self.release_keys_when_ready, _waited + 0.01, _retry=True))
            return
        self.call_later(self._release_keys)

    async def _release_keys(self) -> None:
        self._release_scheduled = False
        if self._command_pending:
            return
        held, self._held_keys = self._held_keys or [], None
        screen = self.question_screen
        if screen is self.screen and screen is not None and screen.editor_ready():
            screen.focus_editor()
        for index, key in enumerate(held):
            if self._held_keys is not None:  # a command among them holds the rest again
                self._held_keys[:0] = held[index:]
                return
            await self.on_event(key)

    def show_start(self) -> None:
        from wizard.bank import load_bundled_banks

        banks, broken = load_bundled_banks()
        self.push_screen(_screens().StartScreen(banks, [str(e) for e in broken], bank=self.new_bank,
                                                draft_path=self.new_draft,
                                     focus_new=self.new_bank is not None))

    def open_session(self, session: Session) -> None:
        """Show a session opened or started from the start screen."""
        self.session = session
        screen = QuestionScreen(session)
        if self.screen.id == "start-screen":
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self._session_opened(session)

    def _session_opened(self, session: Session) -> None:
        from wizard.recent import remember_session

        self.title, self.sub_title = session_titles(session)
        self.call_after_refresh(self._opening_notices)
        # the recent list (for the start screen and `resume`) is written off the first frame
        self.call_after_refresh(self.run_worker, partial(remember_session, session), thread=True, exit_on_error=False)
        if not session.read_only:
            # After the first screen is up: on a huge draft the priming holds the GIL for a while.
            self.set_timer(1.5, lambda: self.run_worker(self._prime_writer, thread=True, group="autosave",
                                                        exit_on_error=False))

    def _prime_writer(self) -> None:
        if self.session is not None:
            with self._write_lock:
                self.session.prime_writer()

    def _opening_notices(self) -> None:
        s = self.session
        if s is None:
            return
        if s.read_only:
            self.notify(s.read_only_reason, title="Read-only", severity="warning", timeout=10)
        if s.bank_changed:
            self.notify("The question bank changed since this draft was last saved. Your answers are all kept; "
                        "check the outline for new or changed questions.", title="Bank changed", timeout=10)
        orphans = s.orphans()
        if orphans:
            from wizard.session import describe_orphans

            self.notify(f"{describe_orphans(orphans)} Open the palette (ctrl+p) → \"show kept answers\" to read them.",
                        title="Kept answers", timeout=10)
        if s.position() > 1:
            self.notify(f"Resuming at question {s.position()} of {len(s.visible_questions())}.", timeout=3)

    def open_draft(self, path: Path) -> None:
        try:
            session = Session.open(path)
        except WizardError as exc:
            self.notify(str(exc), title="Cannot open", severity="error", timeout=10)
            return
        self.open_session(session)

    def start_new(self, bank: Bank | str | None, title: str, draft_path: Path | None) -> None:
        from wizard.bank import find_bank
        from wizard.draft import default_draft_path

        try:
            if isinstance(bank, str):
                bank = find_bank(bank)
            if bank is None:
                raise WizardError("Choose a question bank first.")
            session = Session.create(bank, title, draft_path or default_draft_path(title))
        except WizardError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", timeout=12)
            return
        self.open_session(session)

    @property
    def question_screen(self) -> QuestionScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, QuestionScreen):
                return screen
        return None

    # ------------------------------------------------------------------ moving

    def _flush(self) -> None:
        """Keys typed a moment ago may be on screen before their change message is handled: take the
        editor's text into the session before anything reads the session (moving, saving, reviewing)."""
        screen = self.question_screen
        if screen is not None:
            screen.flush_editor()

    def _writing(self) -> tuple[Session, QuestionScreen] | None:
        screen = self.question_screen
        if self.session is None or screen is None:
            return None
        self._flush()
        while self.screen is not screen:
            self.pop_screen()
        return self.session, screen

    def action_next(self) -> None:
        here = self._writing()
        if here is None:
            return
        session, screen = here
        if session.next():
            screen.show_question()
            self.schedule_save()
        else:
            self.action_review()

    def action_back(self) -> None:
        here = self._writing()
        if here is None:
            return
        session, screen = here
        if session.previous():
            screen.show_question()
            self.schedule_save()
        else:
            self.notify("This is the first question.", timeout=2)

    def jump_to(self, question_id: str) -> None:
        here = self._writing()
        if here is None:
            return
        session, screen = here
        session.go(question_id)
        screen.show_question()
        self.schedule_save()

    def action_outline(self) -> None:
        if self.session is None or self.question_screen is None:
            return
        self._flush()

        def chosen(question_id: str | None) -> None:
            if question_id:
                self.jump_to(question_id)

        self.push_screen(_screens().OutlineScreen(self.session), chosen)

    def action_preview(self) -> None:
        if self.session is None:
            return
        self._flush()
        if self._bring_up(_screens().PreviewScreen, toggle=True):
            return
        from wizard.render import render

        self.push_screen(_screens().PreviewScreen(render(self.session, "markdown"),
                                                  self.session.bank.title_for(self.session.draft.title)))

    def action_review(self) -> None:
        if self.session is None or self.question_screen is None:
            return
        self.save_now(quiet=True)
        review = _screens().ReviewScreen
        if isinstance(self.screen, review):
            return  # ctrl+f twice: it is open
        if self._bring_up(review):
            self.screen.refresh(recompose=True)  # back from a screen on top of it: what is missing may have changed
            return
        self.push_screen(_screens().ReviewScreen(self.session))

    def action_export_croissant(self) -> None:
        self._export("croissant")

    def action_export_hf(self) -> None:
        self._export("hf")

    def _export(self, kind: str, report: Callable[[str, bool], None] | None = None) -> None:
        """Write an export beside the draft (wizard.export.files decides what and where); the review
        screen shows the outcome in place, elsewhere a notification does."""
        if self.session is None:
            return
        self._flush()
        from wizard.export.files import write_export

        ok, message = write_export(self.session, kind)
        if report is not None:
            report(message, ok)
        else:
            self.notify(message, severity="information" if ok else "error", timeout=8)

    def export(self, kind: str, report: Callable[[str, bool], None]) -> None:
        self._export(kind, report)

    def action_help(self) -> None:
        if self._bring_up(_screens().HelpScreen, toggle=True):
            return
        self.push_screen(_screens().HelpScreen(self.session, self.KEY_HELP))

    def _bring_up(self, kind: type[Screen], *, toggle: bool = False) -> bool:
        """When a screen of `kind` is open already (a key pressed twice, or again from a screen opened
        on top of it), show that one instead of stacking a second: True when there was one. With
        `toggle`, the key closes it when it is on top."""
        if isinstance(self.screen, kind):
            if toggle:
                self.pop_screen()
            return True
        if not any(isinstance(screen, kind) for screen in self.screen_stack):
            return False
        screens = _screens()
        if isinstance(self.screen, (screens.ChoiceDialog, screens.ReasonDialog)):
            return True  # a question is waiting for its answer: it is not closed behind the author's back
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_show_orphans(self) -> None:
        if self.session is not None:
            self.push_screen(_screens().OrphansScreen(self.session))

    def action_toggle_guide(self) -> None:
        screen = self.question_screen
        if screen is not None:
            screen.show_guide = not screen.show_guide

    # ------------------------------------------------------------------ marking

    def _mark(self, status: Status) -> None:
        here = self._writing()
        if here is None or here[0].read_only:
            return
        session, screen = here
        question = session.current
        old = session.answer(question.id)
        mark = Status(status)
        label = mark.label.lower()
        default = old.text if old is not None and old.status == mark else ""

        def done(reason: str | None) -> None:
            if reason is None:
                return
            session.mark(question.id, mark, reason)
            editor = screen.editor(question)
            editor.load(session.answer(question.id))
            screen.update_mark_notice()
            screen.update_progress()
            self.schedule_save()

        lost = ""
        if old is not None and old.status is Status.ANSWERED and not old.is_empty:
            lost = " (your current answer is replaced; ctrl+z in the editor brings it back)"
        self.push_screen(_screens().ReasonDialog(f"Mark “{question.prompt}” {label}{lost}", default), done)

    def action_mark_na(self) -> None:
        self._mark(Status.NA)

    def action_mark_unknown(self) -> None:
        self._mark(Status.UNKNOWN)

    # ------------------------------------------------------------------ saving

    def schedule_save(self) -> None:
        """Debounced autosave: the session says when; the write happens in a thread."""
        if self.session is None:
            return
        if self._save_timer is not None:
            return  # one timer at a time: when it fires it asks the session again (no churn per key)
        wait = self.session.seconds_until_save()
        if wait is None:
            return
        # textual timers divide by their interval: never zero
        self._save_timer = self.set_timer(max(wait, 0.01), self._autosave, name="autosave")
        screen = self.question_screen
        if screen is not None and not self.session.last_error:
            screen.set_saved("editing…")

    def _autosave(self) -> None:
        self._save_timer = None
        wait = self.session.seconds_until_save() if self.session is not None else None
        if wait is not None and wait > 0:  # more typing came since the timer was set: wait for the quiet
            self.schedule_save()
            return
        self._write_in_background()

    def _write_in_background(self) -> None:
        """Snapshot the draft here and write it in a thread, so typing never waits for the disk."""
        if self.session is not None and self.session.dirty:
            revision, snapshot = self.session.snapshot()
            self.run_worker(lambda: self._write(revision, snapshot), thread=True, group="autosave", exit_on_error=False)

    def _write(self, revision: int, snapshot, *, force: bool = False) -> None:  # type: ignore[no-untyped-def]
        session = self.session
        if session is None:
            return
        with self._write_lock:
            try:
                session.write_snapshot(revision, snapshot, force=force)
            except DraftChangedOnDisk:
                self.call_from_thread(self._changed_on_disk)
                return
            except DraftError as exc:
                self.call_from_thread(self._save_failed, str(exc))
                return
        self.call_from_thread(self._saved)

    def _saved(self) -> None:
        screen = self.question_screen
        if screen is not None and self.session is not None:
            state = "saved" if not self.session.dirty else "editing…"
            screen.set_saved(f"{state} · {self.session.path.name}")
        if self.session is not None and self.session.dirty:
            self.schedule_save()

    def _save_failed(self, message: str) -> None:
        screen = self.question_screen
        if screen is not None:
            screen.set_saved(f"NOT SAVED: {message} Your text is kept; retrying.", error=True)
        if self._retry_timer is None:
            self._retry_timer = self.set_timer(2.0, self._retry_save)

    def _retry_save(self) -> None:
        self._retry_timer = None
        self._write_in_background()

    def _changed_on_disk(self) -> None:
        if self._asking_about_disk or self.session is None:
            return
        self._asking_about_disk = True
        session = self.session

        def chosen(choice: str) -> None:
            self._asking_about_disk = False
            if choice == "mine":
                self.save_now(force=True)
                return
            try:
                if choice == "copy":
                    copy = session.save_copy()
                    self.notify(f"Your version was saved to {copy}. The draft file keeps the other version.", timeout=10)
                session.reload_from_disk()
            except WizardError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self._show_reloaded()

        self.push_screen(
            _screens().ChoiceDialog(
                "The draft changed on disk",
                f"{session.path} was changed by another program (an editor, git) while it was open here.\n\n"
                "Keep mine: write your version over theirs. Load theirs: drop your changes since the last save "
                "and show the file's version. Keep both: save yours as a new copy beside it "
                "(NAME.rescue-DATE-TIME.datasheet.toml), then load theirs.",
                [("mine", "Keep mine"), ("theirs", "Load theirs"), ("copy", "Keep both")],
            ),
            chosen,
        )

    def _show_reloaded(self) -> None:
        screen = self.question_screen
        if screen is not None:
            screen.reload_answers()

    def save_now(self, *, quiet: bool = False, force: bool = False) -> bool:
        """Write at once on this thread (ctrl+s, quitting, signals)."""
        session = self.session
        if session is None or session.read_only:
            return True
        self._flush()
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        with self._write_lock:
            try:
                session.save(force=force)
            except DraftChangedOnDisk:
                if not quiet:
                    self._changed_on_disk()
                return False
            except DraftError as exc:
                self._save_failed(str(exc))
                if not quiet:
                    self.notify(str(exc), title="Not saved", severity="error", timeout=10)
                return False
        self._saved()
        if not quiet:
            self.notify(f"Saved to {session.path}", timeout=2)
        return True

    def action_save(self) -> None:
        self.save_now()

    async def action_quit(self) -> None:
        session = self.session
        self._flush()
        if session is not None and session.dirty and not self.save_now(quiet=True):
            def chosen(choice: str) -> None:
                if choice == "quit":
                    self.quit_unsaved = True  # the author's choice: run_app says so, and writes nothing
                    self.exit(0)

            self.push_screen(
                _screens().ChoiceDialog("Not saved", f"The draft could not be saved: {session.last_error}\n"
                             "Quit anyway and lose the changes since the last save?",
                             [("stay", "Stay and fix it"), ("quit", "Quit without saving")]),
                chosen,
            )
            return
        self.exit(0)

    # ------------------------------------------------------------------ external editor and output

    def action_external_editor(self) -> None:
        here = self._writing()
        if here is None or here[0].read_only:
            return
        session, screen = here
        editor = screen.editor(session.current)
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
            fh.write(editor.text())
            name = fh.name
        try:
            import shlex

            from textual.app import SuspendNotSupported

            try:
                with self.suspend():
                    subprocess.run([*shlex.split(command), name], check=False)
            except SuspendNotSupported:  # headless (tests, a web terminal): nothing on screen to hand over
                subprocess.run([*shlex.split(command), name], check=False, stdin=subprocess.DEVNULL)
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            self.notify(f"Could not run {command}: {exc}", severity="error")
            return
        finally:
            try:
                os.unlink(name)
            except OSError:
                pass
        editor.set_text(text.removesuffix("\n"))
        self.notify("Answer updated from your editor.", timeout=2)

    def write_datasheet(self, target: Path, also_html: bool, report: Callable[[str, bool], None]) -> None:
        """Write the Markdown (and HTML); ask before replacing a file that was changed by hand."""
        from wizard.outputs import needs_consent, write_output
        from wizard.render import render

        session = self.session
        if session is None:
            return
        outputs = [(target, render(session, "markdown"))]
        if also_html:
            outputs.append((target.with_suffix(".html"), render(session, "html")))
        changed = [p for p, _ in outputs if needs_consent(p)]

        def go() -> None:
            written = []
            for path, text in outputs:
                try:
                    write_output(path, text, what="the datasheet" if path == target else "the HTML datasheet")
                except DraftError as exc:
                    report(str(exc), False)
                    return
                written.append(str(path))
            report("Wrote " + " and ".join(written), True)
            self.notify("Datasheet written: " + ", ".join(written), timeout=5)

        if changed:
            def chosen(choice: str) -> None:
                if choice == "replace":
                    go()
                else:
                    report("Nothing written. Choose another file name above.", False)

            self.push_screen(_screens().ChoiceDialog("Replace a changed file?",
                                          f"{', '.join(map(str, changed))} exists and was not written by this draft "
                                          "as it is now (it was edited by hand, or is another file).",
                                          [("replace", "Replace it"), ("keep", "Keep it")]), chosen)
        else:
            go()

    # ------------------------------------------------------------------ shutting down

    def _fatal_error(self) -> None:
        """An unexpected exception: save the draft and leave quietly; `run_app` prints a short note."""
        if os.environ.get("DATASHEET_WIZARD_DEBUG"):
            super()._fatal_error()
            return
        try:
            self._finish()
        except Exception:  # noqa: BLE001 - the crash path must not crash
            pass
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        screen = self.question_screen
        if screen is not None:
            try:
                screen.flush_editor()
            except Exception:  # noqa: BLE001 - widgets may already be gone; the session has all but the last key
                pass
        if self.session is not None and self.session.dirty and not self.quit_unsaved:
            self.save_now(quiet=True)

    def _finish(self):  # type: ignore[no-untyped-def]
        """Decide, once, what becomes of the text: saved, or a rescue copy (see wizard.rescue). Never asks."""
        from wizard.rescue import save_or_rescue

        if self.outcome is None and self.session is not None:
            # A signal may arrive while this very thread holds the lock (a save in progress): wait a
            # little for an autosave thread to finish, but never deadlock on ourselves.
            locked = self._write_lock.acquire(timeout=2.0)
            try:
                self.outcome = save_or_rescue(self.session, rescue=not self.quit_unsaved)
            finally:
                if locked:
                    self._write_lock.release()
        return self.outcome


def run_app(session: Session | None = None, *, new_bank: Bank | None = None, new_draft: Path | None = None) -> int:
    """Run the app; save (or rescue) on SIGTERM/SIGHUP; turn a crash into a short message after saving.

    What is printed at the end is only what is true: "Draft saved" when the draft file holds the
    text, the rescue copy's name when it went there, and nothing about saving for a read-only draft.
    """
    app = WizardApp(session, new_bank=new_bank, new_draft=new_draft)
    from wizard.untrusted import shown

    def on_signal(signum: int, _frame: object) -> None:
        code = 128 + signum  # the shell's convention, as plain mode
        screen = app.question_screen
        if screen is not None:
            try:
                screen.flush_editor()
            except Exception:  # noqa: BLE001 - saving what the session has matters more
                pass
        if app.session is not None:
            try:
                app._finish()  # noqa: SLF001 - saves, or writes a rescue copy; never asks
            except Exception:  # noqa: BLE001 - the exit must go on
                pass
            _let_go(app.session)
        if signum == signal.SIGHUP:
            os._exit(code)  # the terminal is gone: nothing to restore, and writing to it could hang
        loop = getattr(app, "_loop", None)
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(app.exit, code)
            # should the app not wind down (a wedged terminal), the draft is already safe
            watchdog = threading.Timer(3.0, os._exit, args=(code,))
            watchdog.daemon = True
            watchdog.start()
        else:
            raise SystemExit(code)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGHUP)}
    crashed: BaseException | None = None
    try:
        result = app.run()
    except Exception as exc:  # noqa: BLE001
        crashed, result = exc, 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        outcome = None
        if app.session is not None:
            try:
                outcome = app._finish()  # noqa: SLF001
            except Exception as exc:  # noqa: BLE001
                print(shown(f"datasheet-wizard: {exc}"))
            _let_go(app.session)
    error = crashed or app._exception  # noqa: SLF001 - textual keeps the unhandled exception here
    if error is not None:
        where = f" {outcome.message}" if outcome is not None and outcome.message else ""
        print(shown(f"datasheet-wizard stopped on an unexpected error: {type(error).__name__}: {error}.{where} "
                    "Please report this (set DATASHEET_WIZARD_DEBUG=1 for the details)."))
        return 70
    if outcome is not None and app.session is not None and app.session.path is not None:
        if outcome.saved:
            print(shown(f"{outcome.message}\nResume with: datasheet-wizard resume {app.session.path}"))
        elif outcome.message:
            print(shown(outcome.message))
            if not outcome.safe and result == 0:
                result = 2
    return result if isinstance(result, int) else 0


def _let_go(session: Session) -> None:
    """Release the draft's lock without another save attempt (`_finish` has decided)."""
    lock = getattr(session, "_lock", None)
    if lock is not None:
        lock.release()
        session._lock = None  # noqa: SLF001



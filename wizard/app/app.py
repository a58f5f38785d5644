"""The full-screen app: a thin Textual front end over `Session`, which holds every answer.

This module holds the bindings, the actions and the routing of what screens and widgets ask for
(`wizard.app.messages`) to the session and the files. Starting and stopping are in `lifecycle`,
autosave in `autosave`, keeping typed keys in order around commands in `typeahead`.
"""

from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path
from typing import Callable

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea

from wizard.answers import Status
from wizard.app.autosave import Autosave, Clock, TextualClock
from wizard.app.keys import bindings_for, help_rows
from wizard.app.lifecycle import AppLifecycle
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
from wizard.app.screens.question import QuestionScreen, session_titles
from wizard.app.typeahead import TypeAhead
from wizard.bank import Bank
from wizard.errors import DraftError, WizardError
from wizard.keymap import EVERYWHERE, load_keymap
from wizard.session import Session


def _wizard_commands():  # type: ignore[no-untyped-def]
    """The palette's provider, imported when the palette first opens (start-up stays lean)."""
    from wizard.app.commands import WizardCommands

    return WizardCommands


class WizardApp(AppLifecycle):
    """Walks the author through the bank. Every edit goes straight into the session; autosave writes it."""

    CSS_PATH = "wizard.tcss"
    TITLE = "datasheet-wizard"
    COMMANDS = App.COMMANDS | {_wizard_commands}
    ENABLE_COMMAND_PALETTE = True
    # Every key is defined once, in wizard.keymap: the App binds the keys that work everywhere (quit,
    # help, the palette: priority bindings, so they reach past a modal screen), each screen binds its
    # own (wizard.app.keys), and config.toml remaps them by id through set_keymap. The question
    # screen's keys are not priority bindings: a key reaches the focused editor first and comes back
    # only when the editor has no use for it; ctrl+e alone outranks the editor's "end of line". The
    # type-ahead (wizard.app.typeahead) makes each command wait for the keys typed before it, so text
    # typed just before ctrl+n or ctrl+q is in the answer before the app moves or quits.
    BINDINGS = bindings_for(EVERYWHERE)

    def __init__(
        self,
        session: Session | None = None,
        *,
        new_bank: Bank | None = None,
        new_draft: Path | None = None,
        cursor_blink: bool | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.new_bank = new_bank
        self.new_draft = new_draft
        self.cursor_blink = cursor_blink if cursor_blink is not None else not os.environ.get("DATASHEET_WIZARD_NO_BLINK")
        self.keymap = load_keymap()  # the author's remaps in config.toml; problems are shown once up
        self.set_keymap(self.keymap.remapped)
        # Textual's Footer finds the palette's binding under this key, to show it docked right
        self.COMMAND_PALETTE_BINDING = self.keymap.key("command_palette")
        self.autosave = Autosave(self, clock or TextualClock(self))
        # Until the first question's editor exists, every key waits (typing straight after starting
        # must not be lost).
        self.typeahead = TypeAhead(self, self._typist, holding=session is not None)
        self.last_key_at = 0.0  # time.monotonic() of the latest key: background work waits for a pause

    def notify(self, message: str, *, title: str = "", **options: object) -> None:  # type: ignore[override]
        """Every notice may quote a path, a prompt or an error message from a bank: shown safely."""
        from wizard.untrusted import shown

        options.pop("markup", None)
        super().notify(shown(message), title=shown(title), markup=False, **options)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        """With a draft to resume, its question screen is the first screen: nothing is drawn before it."""
        if self.session is not None:
            return QuestionScreen(self.session, cursor_blink=self.cursor_blink)
        return super().get_default_screen()

    def on_mount(self) -> None:
        from wizard.startup import resume_gc

        self.set_timer(0.25, resume_gc)  # the first screen is up by then (see wizard.startup)
        if self.keymap.problems:
            self.notify("\n".join(self.keymap.problems), title="Keys in config.toml", severity="warning", timeout=15)
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
        if not self.cursor_blink and isinstance(field, (Input, TextArea)) and field.cursor_blink:
            field.cursor_blink = False

    # ------------------------------------------------------------------ keys in order

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.last_key_at = time.monotonic()
            if not event.is_forwarded and self.typeahead.take(event):
                return
        await super().on_event(event)

    def _typist(self) -> QuestionScreen | None:
        """The screen typed text goes to, when it is the one on show."""
        screen = self.question_screen
        return screen if screen is not None and screen is self.screen else None

    # ------------------------------------------------------------------ what screens ask (wizard.app.messages)

    def on_jump_to(self, message: JumpTo) -> None:
        self.jump_to(message.question_id)

    def on_next_question(self, _message: NextQuestion) -> None:
        self.action_next()

    def on_answer_edited(self, _message: AnswerEdited) -> None:
        self.autosave.schedule()

    def on_editor_shown(self, _message: EditorShown) -> None:
        self.typeahead.hold()

    def on_editor_ready(self, _message: EditorReady) -> None:
        self.typeahead.editor_ready()

    def on_write_datasheet(self, message: WriteDatasheet) -> None:
        self.write_datasheet(message.target, message.also_html, message.report)

    def on_export(self, message: Export) -> None:
        self._export(message.kind, message.report)

    def on_open_draft(self, message: OpenDraft) -> None:
        self.open_draft(message.path)

    def on_start_new(self, message: StartNew) -> None:
        self.start_new(message.bank, message.title, message.draft_path)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ sessions

    def show_start(self) -> None:
        from wizard.bank import load_bundled_banks

        banks, broken = load_bundled_banks()
        from wizard.app.screens.start import StartScreen

        self.push_screen(StartScreen(banks, [str(e) for e in broken], bank=self.new_bank,
                                                draft_path=self.new_draft, focus_new=self.new_bank is not None))

    def open_session(self, session: Session) -> None:
        """Show a session opened or started from the start screen."""
        self.session = session
        screen = QuestionScreen(session, cursor_blink=self.cursor_blink)
        self.typeahead.hold()  # keys typed from here go to its first editor
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
        self.autosave.attach(session)

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
            from wizard.progress import describe_orphans

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

    # ------------------------------------------------------------------ what autosave asks of the app

    def flush_editor(self) -> None:
        """Keys typed a moment ago may be on screen before their change message is handled: take the
        editor's text into the session before anything reads the session (moving, saving, reviewing)."""
        screen = self.question_screen
        if screen is not None:
            screen.flush_editor()

    def show_saved(self, text: str, *, error: bool = False) -> None:
        screen = self.question_screen
        if screen is not None:
            screen.set_saved(text, error=error)

    def show_reloaded(self) -> None:
        """After the draft was reloaded from disk."""
        screen = self.question_screen
        if screen is not None:
            self.typeahead.hold()
            screen.reload_answers()

    def ask_changed_on_disk(self, session: Session, then: Callable[[str], None]) -> None:
        from wizard.app.dialogs.conflicts import ChangedOnDiskDialog

        self.push_screen(ChangedOnDiskDialog(session.path), then)

    def save_now(self, *, quiet: bool = False, force: bool = False) -> bool:
        return self.autosave.save_now(quiet=quiet, force=force)

    # ------------------------------------------------------------------ moving

    def _writing(self) -> tuple[Session, QuestionScreen] | None:
        screen = self.question_screen
        if self.session is None or screen is None:
            return None
        self.flush_editor()
        while self.screen is not screen:
            self.pop_screen()
        return self.session, screen

    def _show_question(self, screen: QuestionScreen) -> None:
        """Show the session's current question. Keys typed from now wait for its editor: held here,
        before the screen's own EditorShown, which comes behind keys already queued."""
        self.typeahead.hold()
        screen.show_question()
        self.autosave.schedule()

    def action_next(self) -> None:
        self._step(forward=True)

    def action_back(self) -> None:
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        """One question on (past the last one: the review screen) or back."""
        here = self._writing()
        if here is None:
            return
        session, screen = here
        if session.next() if forward else session.previous():
            self._show_question(screen)
        elif forward:
            self.action_review()
        else:
            self.notify("This is the first question.", timeout=2)

    def jump_to(self, question_id: str) -> None:
        here = self._writing()
        if here is None:
            return
        session, screen = here
        session.go(question_id)
        self._show_question(screen)

    def action_outline(self) -> None:
        if self.session is None or self.question_screen is None:
            return
        self.flush_editor()
        from wizard.app.screens.outline import OutlineScreen

        if self._bring_up(OutlineScreen, toggle=True):
            return

        def chosen(question_id: str | None) -> None:
            if question_id:
                self.jump_to(question_id)

        self.push_screen(OutlineScreen(self.session), chosen)

    def action_preview(self) -> None:
        if self.session is None:
            return
        self.flush_editor()
        from wizard.app.screens.preview import PreviewScreen

        if self._bring_up(PreviewScreen, toggle=True):
            return
        from wizard.render import render

        self.push_screen(PreviewScreen(render(self.session, "markdown"),
                                                  self.session.bank.title_for(self.session.draft.title)))

    def action_review(self) -> None:
        if self.session is None or self.question_screen is None:
            return
        self.autosave.save_now(quiet=True)
        from wizard.app.screens.review import ReviewScreen

        review = ReviewScreen
        if isinstance(self.screen, review):
            return  # ctrl+f twice: it is open
        if self._bring_up(review):
            self.screen.refresh(recompose=True)  # back from a screen on top of it: what is missing may have changed
            return
        self.push_screen(ReviewScreen(self.session))

    def action_export_croissant(self) -> None:
        self._export("croissant")

    def action_export_hf(self) -> None:
        self._export("hf")

    def _export(self, kind: str, report: Callable[[str, bool], None] | None = None) -> None:
        """Write an export beside the draft (wizard.export.files decides what and where); the review
        screen shows the outcome in place, elsewhere a notification does."""
        if self.session is None:
            return
        self.flush_editor()
        from wizard.export.files import write_export

        ok, message = write_export(self.session, kind)
        if report is not None:
            report(message, ok)
        else:
            self.notify(message, severity="information" if ok else "error", timeout=8)

    def export(self, kind: str, report: Callable[[str, bool], None]) -> None:
        self._export(kind, report)

    def action_help(self) -> None:
        from wizard.app.screens.help import HelpScreen

        if self._bring_up(HelpScreen, toggle=True):
            return
        self.push_screen(HelpScreen(self.session, help_rows(self.keymap)))

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
        from wizard.app.dialogs.choice import ChoiceDialog
        from wizard.app.dialogs.reason import ReasonDialog

        if isinstance(self.screen, (ChoiceDialog, ReasonDialog)):
            return True  # a question is waiting for its answer: it is not closed behind the author's back
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_show_orphans(self) -> None:
        if self.session is not None:
            from wizard.app.screens.orphans import OrphansScreen

            self.push_screen(OrphansScreen(self.session))

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
            self.autosave.schedule()

        lost = ""
        if old is not None and old.status is Status.ANSWERED and not old.is_empty:
            lost = " (your current answer is replaced; ctrl+z in the editor brings it back)"
        from wizard.app.dialogs.reason import ReasonDialog

        self.push_screen(ReasonDialog(f"Mark “{question.prompt}” {label}{lost}", default), done)

    def action_mark_na(self) -> None:
        self._mark(Status.NA)

    def action_mark_unknown(self) -> None:
        self._mark(Status.UNKNOWN)

    # ------------------------------------------------------------------ saving and quitting

    def action_save(self) -> None:
        self.autosave.save_now()

    async def action_quit(self) -> None:
        session = self.session
        self.flush_editor()
        if session is not None and session.dirty and not self.autosave.save_now(quiet=True):
            def chosen(choice: str) -> None:
                if choice == "quit":
                    self.quit_unsaved = True  # the author's choice: run_app says so, and writes nothing
                    self.exit(0)

            from wizard.app.dialogs.conflicts import NotSavedDialog

            self.push_screen(NotSavedDialog(session.last_error), chosen)
            return
        self.exit(0)

    # ------------------------------------------------------------------ external editor and output

    def action_external_editor(self) -> None:
        here = self._writing()
        if here is None or here[0].read_only:
            return
        session, screen = here
        editor = screen.editor(session.current)
        from wizard.app.external import EditorFailed, edit_externally

        try:
            text = edit_externally(self, editor.text())
        except EditorFailed as exc:
            self.notify(str(exc), severity="error")
            return
        editor.set_text(text)
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

            from wizard.app.dialogs.conflicts import ReplaceChangedFileDialog

            self.push_screen(ReplaceChangedFileDialog(changed), chosen)
        else:
            go()

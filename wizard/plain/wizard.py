"""The plain-mode loop: one question at a time, the commands, jumps, the end of the questionnaire, and leaving."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wizard.labels import STATE_LABELS
from wizard.plain.askers import Asking, ask_answer, ask_mark
from wizard.plain.commands import Command, Move, Pick
from wizard.plain.display import SectionHeadings, show_question, show_welcome
from wizard.plain.ending import offer_datasheet, offer_exports, show_summary
from wizard.plain.printer import Printer, quoted
from wizard.plain.prompter import NoTerminal, Prompter
from wizard.plain.saving import Saver
from wizard.plain.signals import Interrupted, exit_code, stopped_by
from wizard.untrusted import shown

if TYPE_CHECKING:
    from wizard.bank import Question
    from wizard.session import Session


class PlainWizard:
    """Drives a Session with prompts: one question at a time, saving after every answer."""

    def __init__(self, session: Session, printer: Printer | None = None, prompter: Prompter | None = None) -> None:
        self.session = session
        self.out = printer or Printer()
        self.ask = prompter or Prompter()
        self._saver = Saver(session, self.out, self.ask)
        self._asking = Asking(session, self.ask, self.out, self._saver.save)
        self._headings = SectionHeadings(session, self.out)
        self._review = False  # after the end summary: "next" means the next question still missing

    # ------------------------------------------------------------------ the run

    def run(self) -> int:
        session = self.session
        if session.read_only:
            # The app opens such a draft read-only; plain mode only edits, so it stops here.
            reason = session.read_only_reason
            print(
                shown(f"datasheet-wizard: {reason.strip()} Plain mode only edits, so it stops here; "
                      "nothing was written."),
                file=sys.stderr,
            )
            session.close()
            return 2
        code = 0
        try:
            show_welcome(session, self.out)
            code = self._loop()
        except Interrupted as stop:
            code = self._stopped(stop)
        except KeyboardInterrupt:  # Ctrl+C between prompts (while printing or saving) ends the same way
            code = self._stopped(Interrupted())
        except NoTerminal as exc:
            saved = self._saver.final_save()
            where = f"Your draft is saved at {session.path}." if saved else "Your latest answers are NOT saved (see above)."
            print(
                shown(f"datasheet-wizard: plain mode needs a terminal to ask questions ({exc}). {where}"),
                file=sys.stderr,
            )
            code = 2
        finally:
            code = max(code, self._saver.close())
        return code

    def _loop(self) -> int:
        session = self.session
        while True:
            question = session.current
            self._headings.show_if_new(question)
            show_question(session, self.out, question)
            try:
                move = self._answer(question)
            except BaseException:
                # Stopping (Ctrl+C, Ctrl+D, a signal): no question may be asked now, not even about a
                # conflict; the final save writes a rescue copy if the draft cannot take the text.
                self._saver.stopping = True
                raise
            finally:
                if not self._saver.stopping:
                    self._saver.save()
            if move is Move.QUIT:
                return self._goodbye()
            if move is Move.BACK:
                self._review = False
                if not session.previous():
                    self.out.note("This is the first question.")
            elif move is Move.NEXT:
                if not self._advance(question):
                    code = self._end_of_bank()
                    if code is not None:
                        return code

    def _advance(self, answered: Question) -> bool:
        """Move on; False at the end. In review, "on" is the next question still missing."""
        session = self.session
        if self._review:
            visible = session.visible_questions()
            after = visible[visible.index(answered) + 1 :] if answered in visible else ()
            target = next((q for q in after if not session.is_done(q)), None)
            if target is None:
                return False
            session.go(target.id)
            return True
        return session.next()

    # ------------------------------------------------------------------ answers and commands

    def _answer(self, question: Question) -> Move:
        outcome = ask_answer(self._asking, question)
        return self._command(outcome, question) if isinstance(outcome, Command) else outcome

    def _command(self, command: Command, question: Question) -> Move:
        self._saver.save()  # what was chosen so far is on disk before any further prompt waits
        if command is Command.BACK:
            return Move.BACK
        if command is Command.SKIP:
            return Move.NEXT
        if command is Command.QUIT:
            return Move.QUIT
        if command in (Command.UNKNOWN, Command.NA):
            return ask_mark(self._asking, question, command)
        # JUMP: wherever the author lands (or stays), that question is asked next.
        self._review = False
        self._jump()
        return Move.STAY

    def _jump(
        self,
        questions: Sequence[Question] | None = None,
        message: str = "Go to which question?",
        *,
        cancel: str = "stay where I am",
    ) -> bool:
        """A searchable list of questions with their state; True when the author picked one."""
        from questionary import Choice, Separator

        session = self.session
        visible = session.visible_questions()
        listed = list(questions) if questions is not None else list(visible)
        choices: list[Any] = []
        for q in listed:
            number = visible.index(q) + 1 if q in visible else 0
            state = STATE_LABELS[session.state_of(q)].word  # words, not symbols, for screen readers
            title = f"{number}. [{state}] {q.prompt} ({session.section_of(q).title})"
            choices.append(Choice(title, value=q.id))
        choices += [Separator("  ──"), Choice(cancel, value=Pick.CANCEL)]
        default = session.current.id if session.current in listed else None
        picked = self.ask.select(
            message, choices, default=default, search=True, instruction="(arrow keys, or type to filter; Enter goes)"
        )
        if not isinstance(picked, str):
            return False
        session.go(picked)
        return True

    # ------------------------------------------------------------------ the end

    def _end_of_bank(self) -> int | None:
        """The summary at the end: the exit code, or None when the author goes back to a question."""
        session = self.session
        self._review = False
        show_summary(session, self.out)
        offer_datasheet(session, self.out, self.ask)
        offer_exports(session, self.out, self.ask)
        from questionary import Choice

        while session.missing():
            missing = session.missing()
            what = self.ask.select(
                "What next?",
                [
                    Choice(f"answer a missing question ({len(missing)} left)…", value="missing"),
                    Choice("jump to any question…", value="jump"),
                    Choice("finish (the draft is saved)", value="finish"),
                ],
                default="missing" if not session.complete else "finish",
            )
            if what == "missing" and self._jump(missing, "Which missing question?", cancel="back to the menu"):
                self._review = True
                return None
            if what == "jump" and self._jump(cancel="back to the menu"):
                return None
            if what == "finish":
                break
        return self._goodbye()

    # ------------------------------------------------------------------ leaving

    def _stopped(self, stop: Interrupted) -> int:
        self.out.blank()
        said = stopped_by(stop)
        if said is not None:
            self.out.note(said)
        self._goodbye()
        return exit_code(stop)

    def _goodbye(self) -> int:
        session = self.session
        saved = self._saver.final_save()
        if session.path is not None and saved:
            self.out.good(f"Saved. Your draft is {session.path}", wrap=False)
            self.out.line(f"Resume with: datasheet-wizard resume {quoted(session.path)} --plain", wrap=False)
        return 0 if saved else 2

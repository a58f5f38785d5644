"""Plain mode: the questionnaire as line-by-line questionary prompts, for screen readers, SSH and dumb terminals."""

from __future__ import annotations

import io
import os
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wizard.answers import Status
from wizard.bank import QuestionType
from wizard.errors import DraftChangedOnDisk, DraftError
from wizard.untrusted import has_unsafe, shown

if TYPE_CHECKING:
    from wizard.bank import Bank, Question
    from wizard.answers import Answer
    from wizard.session import Session

COMMANDS_HELP = (
    "Commands: type /back, /skip, /na, /unknown, /jump or /quit as your answer (in lists, pick them at the "
    "bottom). Ctrl+C or Ctrl+D saves and exits."
)
ANSWER_HELP = "Multi-line answers end with Esc then Enter. An empty answer leaves a question unanswered."
MULTILINE_HINT = "(Esc then Enter to finish)\n>"
SEARCH_FROM = 15  # lists longer than this can be filtered by typing

# Short enough to stay visible in a narrow list, words rather than symbols for screen readers,
# and distinct, so typing "missing" in the jump list filters to exactly those.
STATE_WORDS = {
    "answered": "done",
    "na": "n/a",
    "unknown": "unknown",
    "missing": "missing",
    "invalid": "invalid",
    "unanswered": "open",
}


# --------------------------------------------------------------------------- what the author asked for


class Command(Enum):
    """What an author can ask for instead of answering. Not a str: a choice named "/back" stays a choice."""

    BACK = "/back"
    SKIP = "/skip"
    NA = "/na"
    UNKNOWN = "/unknown"
    JUMP = "/jump"
    QUIT = "/quit"


COMMAND_TITLES = {
    Command.BACK: "← back to the previous question",
    Command.SKIP: "skip (leave as it is)",
    Command.NA: "not applicable…",
    Command.UNKNOWN: "unknown",
    Command.JUMP: "jump to a question…",
    Command.QUIT: "save and quit",
}


class Pick(Enum):
    """List entries that are neither a bank choice nor a command."""

    OTHER = "other"
    CLEAR = "clear"
    CANCEL = "cancel"  # questionary turns a value of None into the title, so "nothing" needs its own value


class Move(Enum):
    """Where the loop goes after a question has been dealt with."""

    NEXT = "next"
    BACK = "back"
    STAY = "stay"  # ask the current question again (or a jump already moved us)
    QUIT = "quit"


def parse_command(text: str) -> Command | None:
    """An answer that is exactly a command (surrounding blanks ignored) is that command, never text."""
    word = text.strip().lower()
    for command in Command:
        if word == command.value:
            return command
    return None


def command_in(submitted: str, default: str = "") -> Command | None:
    """The command in an answer: the whole answer, or typed after an unchanged default.

    A prompt offers the existing answer as its default, so an author who types /skip there sends
    "old answer/skip"; deleting a long answer first just to move on would be a trap.
    """
    command = parse_command(submitted)
    if command is None and default and submitted.startswith(default):
        command = parse_command(submitted[len(default):])
    return command


def looks_like_command(text: str) -> bool:
    """A single /word that is not a command: probably a typo, so ask before saving it as the answer."""
    word = text.strip()
    return len(word) > 1 and word[0] == "/" and word[1:].isalpha() and parse_command(word) is None


class Interrupted(Exception):
    """Ctrl+C, Ctrl+D or a closing terminal during a prompt; carries what was typed so it is not lost."""

    def __init__(self, typed: str = "", signum: int | None = None) -> None:
        super().__init__(typed)
        self.typed = typed
        self.signum = signum


class NoTerminal(Exception):
    """The prompts cannot run: there is no terminal to read keys from."""


# --------------------------------------------------------------------------- output


def wants_plain_text(file: TextIO) -> bool:
    """Plain text (no escape codes) when asked (NO_COLOR), when the terminal is dumb, or when not a terminal."""
    if os.environ.get("NO_COLOR"):
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    try:
        return not file.isatty()
    except (AttributeError, ValueError, OSError):
        return True


class Printer:
    """Everything plain mode prints between prompts; rich styling only where it can show."""

    def __init__(self, file: TextIO | None = None, *, styled: bool | None = None) -> None:
        self.file = file if file is not None else sys.stdout
        self.styled = (not wants_plain_text(self.file)) if styled is None else styled
        self._console: Any = None
        if self.styled:
            from rich.console import Console

            # force_terminal: the caller already decided that styles can show.
            self._console = Console(
                file=self.file, highlight=False, emoji=False, markup=False, force_terminal=True
            )

    def line(self, text: str = "", style: str = "", *, wrap: bool = True) -> None:
        """One paragraph. `wrap=False` for lines holding a path or command, which must copy and paste whole."""
        text = shown(text)  # bank and draft text may carry control sequences: never raw to the terminal
        try:
            if self._console is not None:
                from rich.text import Text

                self._console.print(Text(text, style=style), soft_wrap=not wrap)
            else:
                self.file.write(text + "\n")
                self.file.flush()
        except (OSError, ValueError):  # a closed terminal must not turn a clean exit into a traceback
            pass

    def markdown(self, text: str, *, prefix: str = "") -> None:
        """Guidance is Markdown: rendered where styles show, as written (which reads fine) elsewhere."""
        text = shown(text.strip())
        if not text:
            return
        if self._console is None:
            self.line(prefix + text)
            return
        from rich.markdown import Markdown
        from rich.padding import Padding

        body: Any = Markdown(text)
        if prefix:
            self.line(prefix.strip(), "bold")
            body = Padding(body, (0, 0, 0, 2))
        try:
            self._console.print(body)
        except (OSError, ValueError):
            pass

    def blank(self) -> None:
        self.line()

    def heading(self, text: str) -> None:
        self.blank()
        self.line(text, "bold underline")

    def note(self, text: str, *, wrap: bool = True) -> None:
        self.line(text, "dim", wrap=wrap)

    def warn(self, text: str) -> None:
        self.line(text, "bold yellow")

    def error(self, text: str) -> None:
        self.line(text, "bold red")

    def good(self, text: str, *, wrap: bool = True) -> None:
        self.line(text, "green", wrap=wrap)


# --------------------------------------------------------------------------- prompts


def _interrupt_bindings() -> Any:
    """Ctrl+C and Ctrl+D end every prompt the same way, keeping the text typed so far."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("c-c", eager=True)
    @bindings.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=Interrupted(event.app.current_buffer.text), style="class:aborting")

    return bindings


def _slow_escape_bindings() -> Any:
    """Esc then Enter finishes a multi-line answer however long the pause between them.

    prompt_toolkit only sees Esc+Enter when the two keys come within about a second; a screen reader
    user or a slow typist gets a stray new line instead. Here Esc arms the submit, and Enter submits
    when nothing was typed or moved since.
    """
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    armed: list[tuple[str, int]] = []

    @bindings.add("escape")
    def _arm(event: Any) -> None:
        buffer = event.current_buffer
        armed[:] = [(buffer.text, buffer.cursor_position)]

    @Condition
    def _is_armed() -> bool:
        buffer = get_app().current_buffer
        return armed == [(buffer.text, buffer.cursor_position)]

    @bindings.add("enter", filter=_is_armed)
    def _submit(event: Any) -> None:
        armed.clear()
        event.current_buffer.validate_and_handle()

    return bindings


def _enter_submits_when(done: Callable[[str], bool]) -> Any:
    """Enter after a command ("/quit⏎") submits even in a multi-line prompt: nobody means a new line there."""
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @Condition
    def _done() -> bool:
        return done(get_app().current_buffer.text)

    @bindings.add("enter", filter=_done)
    def _submit(event: Any) -> None:
        event.current_buffer.validate_and_handle()

    return bindings


def _enter_picks_pointed(app: Any, wanted: Callable[[Any], bool]) -> Any:
    """In a checkbox, Enter on a command entry runs it, as it would in a list; elsewhere Enter confirms the ticks."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    from questionary.prompts.common import InquirerControl

    controls = [w.content for w in app.layout.find_all_windows() if isinstance(w.content, InquirerControl)]
    bindings = KeyBindings()
    if not controls:
        return bindings
    control = controls[0]

    @Condition
    def _on_wanted() -> bool:
        return bool(wanted(control.get_pointed_at().value))

    @bindings.add("enter", filter=_on_wanted, eager=True)
    def _pick(event: Any) -> None:
        # The ticks come along: "save and quit" or "back" after ticking must not drop them.
        pointed = control.get_pointed_at().value
        ticked = [v for v in control.selected_options if not wanted(v)]
        control.is_answered = True
        event.app.exit(result=[*ticked, pointed])

    return bindings


def _ignore_keys(*keys: str) -> Any:
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    for key in keys:
        bindings.add(key, eager=True)(lambda event: None)
    return bindings


class Prompter:
    """The one place that talks to questionary: adds our Ctrl+C/Ctrl+D handling and reports a missing terminal."""

    def text(
        self,
        message: str,
        *,
        default: str = "",
        multiline: bool = False,
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        enter_submits: Callable[[str], bool] | None = None,
    ) -> str:
        """Typed text. In a multi-line prompt Enter adds a line, except where `enter_submits` says the text is done."""
        import questionary

        if multiline and instruction is None:
            instruction = MULTILINE_HINT
        question = questionary.text(
            shown(message), default=default, multiline=multiline, instruction=instruction, validate=validate
        )
        extra = []
        if multiline:
            extra.append(_slow_escape_bindings())
            if enter_submits is not None:
                extra.append(_enter_submits_when(enter_submits))
        return str(self._ask(question, *extra))

    def select(
        self,
        message: str,
        choices: Sequence[Any],
        *,
        default: Any = None,
        instruction: str | None = None,
        search: bool = False,
    ) -> Any:
        import questionary

        question = questionary.select(
            shown(message),
            choices=_shown_choices(choices),
            default=default,
            instruction=instruction,
            use_search_filter=search,
            use_jk_keys=not search,
        )
        return self._ask(question)

    def checkbox(
        self,
        message: str,
        choices: Sequence[Any],
        *,
        instruction: str | None = None,
        enter_picks: Callable[[Any], bool] | None = None,
        search: bool = False,
    ) -> list[Any]:
        """Ticked values. Enter on an entry for which `enter_picks` holds returns just that entry, as in a list."""
        import questionary

        question = questionary.checkbox(shown(message), choices=_shown_choices(choices), instruction=instruction,
                                        use_search_filter=search, use_jk_keys=not search)
        extra = [_ignore_keys("a", "i")]  # "a" (all) and "i" (invert) would tick the command entries too
        if enter_picks is not None:
            extra.append(_enter_picks_pointed(question.application, enter_picks))
        return list(self._ask(question, *extra) or [])

    def confirm(self, message: str, *, default: bool = True) -> bool:
        import questionary

        return bool(self._ask(questionary.confirm(shown(message), default=default)))

    def _ask(self, question: Any, *extra: Any) -> Any:
        from prompt_toolkit.key_binding import merge_key_bindings

        _bidi_shown_in_prompts()

        app = question.application
        app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, *extra, _interrupt_bindings()) if b])
        try:
            return question.unsafe_ask()
        except KeyboardInterrupt:
            raise Interrupted() from None
        except EOFError:
            raise Interrupted() from None
        except (OSError, io.UnsupportedOperation) as exc:
            raise NoTerminal(str(exc) or type(exc).__name__) from None


def _bidi_shown_in_prompts() -> None:
    """prompt_toolkit draws control characters in an answer being edited as ^[ or <9b>, but passes
    bidi overrides through; make it show those as <U+202E> too (the answer itself is unchanged)."""
    from prompt_toolkit.layout.screen import Char

    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        Char.display_mappings.setdefault(chr(code), f"<U+{code:04X}>")


def _shown_choices(choices: Sequence[Any]) -> list[Any]:
    """List entries with their titles made safe to draw (bank choices and prompts are untrusted)."""
    result = []
    for choice in choices:
        title = getattr(choice, "title", None)
        if isinstance(title, str) and has_unsafe(title):
            choice.title = shown(title)
        elif isinstance(choice, str) and has_unsafe(choice):
            from questionary import Choice

            choice = Choice(shown(choice), value=choice)
        result.append(choice)
    return result


def terminal_problem() -> str | None:
    """Why prompts cannot run here, or None. Input given to prompt_toolkit explicitly (tests) counts as a terminal."""
    try:
        from prompt_toolkit.application.current import get_app_session

        app_session = get_app_session()
        if getattr(app_session, "_input", None) is not None:
            return None
    except Exception:  # noqa: BLE001 - fall back to looking at stdin ourselves
        pass
    stdin = sys.stdin
    try:
        if stdin is None or not stdin.isatty():
            return "standard input is not a terminal"
    except (AttributeError, ValueError, OSError):
        return "standard input is not a terminal"
    return None


# --------------------------------------------------------------------------- the wizard


def markdown_path_for(draft_path: Path) -> Path:
    """`citybirds.datasheet.toml` → `citybirds.md`, beside the draft."""
    name = draft_path.name
    for suffix in (".datasheet.toml", ".toml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return draft_path.with_name(name[: -len(suffix)] + ".md")
    return draft_path.with_name(name + ".md")


def _quote(path: Path) -> str:
    return shlex.quote(str(path))


class PlainWizard:
    """Drives a Session with prompts: one question at a time, saving after every answer."""

    def __init__(self, session: Session, printer: Printer | None = None, prompter: Prompter | None = None) -> None:
        self.session = session
        self.out = printer or Printer()
        self.ask = prompter or Prompter()
        self._shown_guidance: set[str] = set()
        self._last_section: str | None = None
        self._review = False  # after the end summary: "next" means the next question still missing
        self._save_failed = False
        self._final_failed = False
        self._stopping = False  # leaving on Ctrl+C/Ctrl+D/a signal: never prompt again
        self._final_message_shown = False
        self._written: set[Path] = set()

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
            self._welcome()
            code = self._loop()
        except Interrupted as stop:
            code = self._stopped(stop)
        except KeyboardInterrupt:  # Ctrl+C between prompts (while printing or saving) ends the same way
            code = self._stopped(Interrupted())
        except NoTerminal as exc:
            saved = self._final_save()
            where = f"Your draft is saved at {session.path}." if saved else "Your latest answers are NOT saved (see above)."
            print(
                shown(f"datasheet-wizard: plain mode needs a terminal to ask questions ({exc}). {where}"),
                file=sys.stderr,
            )
            code = 2
        finally:
            code = max(code, self._close())
        return code

    def _loop(self) -> int:
        session = self.session
        while True:
            question = session.current
            self._show_section_if_new(question)
            self._show_question(question)
            try:
                move = self._answer(question)
            except BaseException:
                # Stopping (Ctrl+C, Ctrl+D, a signal): no question may be asked now, not even about a
                # conflict; the final save writes a rescue copy if the draft cannot take the text.
                self._stopping = True
                raise
            finally:
                if not self._stopping:
                    self._save()
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

    # ------------------------------------------------------------------ showing

    def _welcome(self) -> None:
        session, out = self.session, self.out
        bank = session.bank
        out.line(bank.title_for(session.draft.title), "bold")
        out.note(f"Questions: {bank.title}, version {bank.version}. Draft: {session.path}", wrap=False)
        if session.bank_changed:
            version = ""
            if session.bank_version_changed and session.draft.bank_version:
                version = f" (it was version {session.draft.bank_version}, now {bank.version})"
            out.warn(f"The question bank changed since this draft was last saved{version}. All your answers are kept.")
        orphans = session.orphans()
        if orphans:
            from wizard.session import describe_orphans

            out.warn(describe_orphans(orphans))
        if session.draft.answers or not session.at_start:
            total = len(session.visible_questions())
            out.line(f"Resuming at question {session.position()}/{total} ({session.progress().done} answered).")
        out.note(COMMANDS_HELP)
        out.note(ANSWER_HELP)

    def _show_section_if_new(self, question: Question) -> None:
        if question.section_id == self._last_section:
            return
        self._last_section = question.section_id
        session = self.session
        section = session.section_of(question)
        sections = session.visible_sections()
        number = sections.index(section) + 1 if section in sections else 0
        self.out.heading(f"Section {number} of {len(sections)}: {section.title}")
        if section.guidance and section.id not in self._shown_guidance:
            self._shown_guidance.add(section.id)
            self.out.markdown(section.guidance)

    def _show_question(self, question: Question) -> None:
        session, out = self.session, self.out
        section = session.section_of(question)
        in_section = session.visible_in(section)
        place = in_section.index(question) + 1 if question in in_section else 0
        progress = f"{session.position()}/{len(session.visible_questions())}, {section.title} {place}/{len(in_section)}"
        if question.required:
            progress += ", required"
        out.blank()
        out.note(progress)
        out.line(question.prompt, "bold")
        if question.detail.strip():
            out.line(question.detail.strip())
        if question.guidance.strip():
            out.markdown(question.guidance, prefix="Guidance: ")
        if question.example.strip():
            out.line(f"Example: {question.example.strip()}", "italic")
        answer = session.answer(question.id)
        judged = session.verdict(question)
        if answer is not None and answer.status.is_mark:
            label = answer.status.label.lower()
            reason = f" ({answer.text.strip()})" if answer.text.strip() else ""
            keep = "Enter keeps it" if not question.type.is_list else "pick it again to keep it"
            out.line(f"Currently: {label}{reason}. {keep}; answer to replace it.", "cyan")
        elif judged.problem:
            out.line(f"Currently not a valid answer: {judged.problem}. It is kept as written until you answer.", "cyan")

    # ------------------------------------------------------------------ asking, per type

    def _answer(self, question: Question) -> Move:
        kind = question.type
        if not kind.is_list:
            return self._answer_text(question)
        if kind is QuestionType.CHOICE:
            return self._answer_choice(question)
        if kind is QuestionType.MULTICHOICE:
            return self._answer_multichoice(question)
        return self._answer_yesno(question)

    def _answer_text(self, question: Question) -> Move:
        session = self.session
        old = session.answer(question.id)
        default = old.text if old is not None and old.status is Status.ANSWERED else ""
        multiline = question.type is QuestionType.TEXT or "\n" in default
        try:
            raw = self.ask.text(
                "Answer:",
                default=default,
                multiline=multiline,
                enter_submits=lambda typed: command_in(typed, default) is not None,
            )
        except Interrupted as stop:
            self._keep_typed(question, stop.typed, default, multiline)
            raise
        command = command_in(raw, default)
        if command is not None:
            return self._command(command, question)
        if looks_like_command(raw) and not self._really_text(raw):
            return Move.STAY
        text = _tidy(raw, multiline)
        if raw == default or text == _tidy(default, multiline):
            return Move.NEXT  # unchanged, including an unchanged "not applicable" / "unknown"
        if not text.strip():
            if old is not None and old.status is Status.ANSWERED:
                session.clear(question.id)
                self.out.note("Answer cleared.")
            return Move.NEXT
        session.write_text(question.id, text)
        return Move.NEXT

    def _keep_typed(self, question: Question, typed: str, default: str, multiline: bool) -> None:
        """Ctrl+C mid-answer: what was typed is the author's latest word, so it is kept (never a command)."""
        text = _tidy(typed, multiline)
        if not text.strip() or text == _tidy(default, multiline) or command_in(typed, default) is not None:
            return
        self.session.write_text(question.id, text)
        self.out.note(f"Kept what you typed for “{question.prompt}”.")

    def _really_text(self, raw: str) -> bool:
        commands = " ".join(c.value for c in Command)
        return self.ask.confirm(
            f"“{raw.strip()}” is not a command (they are {commands}). Save it as your answer?", default=False
        )

    def _list_action(self, picked: Any, question: Question) -> Move | None:
        """A command or "clear" picked from a choice list; None when an answer was picked."""
        if isinstance(picked, Command):
            return self._command(picked, question)
        if picked is Pick.CLEAR:
            self.session.clear(question.id)
            self.out.note("Answer cleared.")
            return Move.NEXT
        return None

    def _command_choices(self, question: Question, *, answered: bool) -> list[Any]:
        from questionary import Choice, Separator

        entries: list[Any] = [Separator("  ── or ──")]
        if answered:
            entries.append(Choice("clear the answer", value=Pick.CLEAR))
        for command in Command:
            entries.append(Choice(COMMAND_TITLES[command], value=command))
        return entries

    def _answer_choice(self, question: Question) -> Move:
        """One option (or the author's own), then the explanation."""
        from questionary import Choice

        session = self.session
        old = session.answer(question.id)
        answered = old is not None and not old.is_empty
        choices: list[Any] = [Choice(self._option_title(question, c), value=c) for c in question.options]
        if question.other:
            choices.append(Choice("Other…", value=Pick.OTHER))
        choices += self._command_choices(question, answered=answered)
        default: Any = _marked(old)
        if default is None and old is not None and isinstance(old.value, str) and old.value in question.options:
            default = old.value  # the list opens on the saved option
        elif default is None and question.other and old is not None and old.other.strip():
            default = Pick.OTHER
        picked = self.ask.select("Your choice:", choices, default=default, search=len(choices) > SEARCH_FROM)
        move = self._list_action(picked, question)
        if move is not None:
            return move
        if picked is Pick.OTHER:
            move = self._ask_other(question)
            if move is not None:
                return move
        elif picked not in question.options:
            return Move.STAY  # nothing picked (a key the list does not know): ask again
        elif not (old is not None and old.value == picked and not old.other):  # the saved option again: no change
            session.choose(question.id, str(picked))
        return self._ask_explanation(question)

    def _option_title(self, question: Question, value: str) -> str:
        if question.type is QuestionType.YESNO:
            return {"yes": "Yes", "no": "No"}[value]
        return value

    def _ask_other(self, question: Question) -> Move | None:
        """The author's own option; None when it was given (or cleared), a Move for a command."""
        session = self.session
        old = session.answer(question.id)
        current = old.other if old is not None and old.status is Status.ANSWERED else ""
        try:
            typed = self.ask.text("Other (your own answer):", default=current)
        except Interrupted as stop:
            kept = _tidy(stop.typed, False)
            if kept.strip() and kept != current and command_in(stop.typed, current) is None:
                session.choose_other(question.id, kept)
            raise
        command = command_in(typed, current)
        if command is not None:
            return self._command(command, question)
        own = _tidy(typed, False)
        if not own.strip() and question.type is QuestionType.CHOICE:
            self.out.note("No answer given for “Other”; choose again.")
            return Move.STAY
        session.choose_other(question.id, own)
        return None

    def _ask_explanation(self, question: Question) -> Move:
        """The explanation beside a chosen option, multi-line like every explanation; Enter alone keeps it."""
        session = self.session
        self._save()  # the choice reaches the disk before the explanation prompt waits
        old = session.answer(question.id)
        current = old.text if old is not None and old.status is Status.ANSWERED else ""
        try:
            typed = self.ask.text(
                "Explain (optional; Enter alone keeps it as it is):",
                default=current,
                multiline=True,
                enter_submits=lambda text: text == current or command_in(text, current) is not None,
            )
        except Interrupted as stop:
            if stop.typed.strip() and command_in(stop.typed, current) is None:
                session.explain(question.id, _tidy(stop.typed, True))
            raise
        command = command_in(typed, current)
        if command is not None:
            return self._command(command, question)
        if typed != current:
            session.explain(question.id, _tidy(typed, True))
        return Move.NEXT

    def _answer_multichoice(self, question: Question) -> Move:
        """Ticks, the author's own option beside them, then the explanation."""
        from questionary import Choice

        session = self.session
        old = session.answer(question.id)
        answered = old is not None and not old.is_empty
        chosen = old.chosen if old is not None and old.status is Status.ANSWERED else ()
        own = old.other if old is not None and old.status is Status.ANSWERED else ""
        choices: list[Any] = [Choice(c, value=c, checked=c in chosen) for c in question.options]
        if question.other:
            choices.append(Choice("Other…", value=Pick.OTHER, checked=bool(own.strip())))
        choices += self._command_choices(question, answered=answered)
        picked = self.ask.checkbox(
            "Tick all that apply:",
            choices,
            instruction="(Space ticks, Enter confirms" + (", type to filter)" if len(choices) > SEARCH_FROM else ")"),
            enter_picks=lambda value: isinstance(value, (Command, Pick)) and value is not Pick.OTHER,
            search=len(choices) > SEARCH_FROM,
        )
        commands = [p for p in picked if isinstance(p, (Command, Pick)) and p is not Pick.OTHER]
        values = tuple(c for c in question.options if c in picked)
        wants_other = Pick.OTHER in picked
        command = commands[0] if commands else None
        if command is Pick.CLEAR:
            session.clear(question.id)
            self.out.note("Answer cleared.")
            return Move.NEXT
        if command in (Command.SKIP, Command.NA, Command.UNKNOWN):
            return self._command(command, question)  # about the answer itself: the ticks are not taken
        # Otherwise the ticks are the answer (and a movement command, if picked, follows).
        if values != chosen:
            session.tick(question.id, values)
        if question.other and not wants_other and own:
            session.choose_other(question.id, "")  # unticking "Other…" drops the own option
        if wants_other:
            move = self._ask_other(question)
            if move is not None:
                return move
        if isinstance(command, Command):
            return self._command(command, question)
        if session.answer(question.id) is None:
            return Move.NEXT  # nothing ticked: no explanation to ask for
        return self._ask_explanation(question)

    def _answer_yesno(self, question: Question) -> Move:
        return self._answer_choice(question)

    # ------------------------------------------------------------------ commands

    def _command(self, command: Command, question: Question) -> Move:
        self._save()  # what was chosen so far is on disk before any further prompt waits
        session = self.session
        old = session.answer(question.id)
        if command is Command.BACK:
            return Move.BACK
        if command is Command.SKIP:
            return Move.NEXT
        if command is Command.QUIT:
            return Move.QUIT
        if command is Command.UNKNOWN:
            reason = old.text if old is not None and old.status is Status.UNKNOWN else ""
            session.mark(question.id, Status.UNKNOWN, reason)
            return Move.NEXT
        if command is Command.NA:
            current = old.text if old is not None and old.status is Status.NA else ""
            try:
                reason = self.ask.text("Why does it not apply? (optional, Enter to skip):", default=current)
            except Interrupted as stop:
                session.mark(question.id, Status.NA, _tidy(stop.typed, False))
                raise
            if command_in(reason, current) is not None:
                reason = current
            session.mark(question.id, Status.NA, _tidy(reason, False))
            return Move.NEXT
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
            state = STATE_WORDS.get(session.state_of(q), "")
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
        session, out = self.session, self.out
        self._review = False
        progress = session.progress()
        out.heading("End of the questionnaire")
        out.line(f"{progress.done} of {progress.total} questions answered.")
        self._list_missing()
        self._offer_markdown()
        self._offer_exports()
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

    def _list_missing(self) -> None:
        session, out = self.session, self.out
        missing = session.missing()
        required = [q for q in missing if q.required]
        optional = [q for q in missing if not q.required]
        if not required:
            out.good("Every required question is answered." if optional else "Every question is answered.")
        for label, group in (("Required, still missing:", required), ("Optional, not answered yet:", optional)):
            if not group:
                continue
            out.line(label, "bold red" if group is required else "bold")
            for section in session.visible_sections():
                items = [q for q in group if q.section_id == section.id]
                if items:
                    out.line(f"  {section.title}:")
                    for q in items:
                        out.line(f"    - {q.prompt}")

    def _offer_markdown(self) -> Path | None:
        """Write the datasheet beside the draft, asking before replacing anything."""
        session, out = self.session, self.out
        if session.path is None:
            return None
        target = markdown_path_for(session.path)
        if not self.ask.confirm(f"Write the Markdown datasheet to {target}?", default=True):
            return None
        ours = target in self._written  # written by this run a moment ago: replacing it is the point
        replace = target.exists() and not ours
        if replace and not self.ask.confirm(f"{target} already exists. Replace it?", default=False):
            out.note(f"Left {target} as it was. `datasheet-wizard render {_quote(session.path)} -o FILE` "
                     "writes the datasheet anywhere.")
            return None
        from wizard.draft import atomic_write
        from wizard.render import render

        try:
            atomic_write(target, render(session, "markdown"))
        except DraftError as exc:
            out.error(str(exc).replace("save the draft", "write the datasheet"))
            return None
        self._written.add(target)
        out.good(f"Wrote {target}.", wrap=False)
        return target

    def _offer_exports(self) -> None:
        """Offer the publishing exports when the bank maps answers to them (the default bank does)."""
        session, out = self.session, self.out
        if session.path is None or not any(q.export for q in session.bank.questions):
            return
        from wizard.export.files import EXPORTS, export_path, write_export

        for kind, (label, _suffix) in EXPORTS.items():
            target = export_path(session, kind)
            if not self.ask.confirm(f"Also write the {label} to {target}?", default=False):
                continue
            if target.exists() and target not in self._written and not self.ask.confirm(
                    f"{target} already exists. Replace it?", default=False):
                continue
            ok, message = write_export(session, kind, target)
            if ok:
                self._written.add(target)
                out.good(message, wrap=False)
            else:
                out.error(message)

    # ------------------------------------------------------------------ saving and leaving

    def _save(self) -> bool:
        """Save now: plain mode writes after every answer, well within the one-second promise."""
        session = self.session
        if not session.dirty:
            return True
        try:
            session.save()
        except DraftChangedOnDisk:
            if self._stopping:
                return False  # the final save writes a rescue copy; no prompt now
            return self._resolve_conflict()
        except DraftError as exc:
            self._save_failed = True
            self.out.error(f"Could not save: {exc}")
            self.out.error("Your answers are kept here; saving is tried again after the next answer.")
            return False
        if self._save_failed:
            self._save_failed = False
            self.out.good(f"Saved again to {session.path}.")
        return True

    def _resolve_conflict(self) -> bool:
        from questionary import Choice

        session = self.session
        self.out.warn(f"{session.path} was changed by another program since plain mode last saved it.")
        keep = self.ask.select(
            "Which version should stay?",
            [
                Choice("mine: write my answers over the file", value=True),
                Choice("the file's: load it (answers given here since the last save are dropped)", value=False),
            ],
            default=True,
        )
        try:
            if keep:
                session.save(force=True)
            else:
                session.reload_from_disk()
                self.out.note("Loaded the file's version.")
        except DraftError as exc:
            self.out.error(f"Could not save: {exc}")
            return False
        return True

    def _final_save(self) -> bool:
        """Last chance before exiting: never leave with answers that are not on disk without saying so.

        Never asks: when the draft cannot take the text (changed on disk, the disk failed), it goes to a
        rescue copy beside it (see wizard.rescue), and the message names that file. True only when
        the draft file itself holds the text.
        """
        session = self.session
        if not session.dirty:
            return True
        if self._final_failed:
            return False
        from wizard.rescue import save_or_rescue

        outcome = save_or_rescue(session)
        if outcome.saved:
            return True
        self._final_failed = True
        if outcome.message:
            self.out.error(outcome.message)
        return False

    def _close(self) -> int:
        ok = self._final_save()
        try:
            self.session.close()
        except DraftError:  # already reported by _final_save; the lock is released regardless
            ok = False
        return 0 if ok else 2

    def _stopped(self, stop: Interrupted) -> int:
        self.out.blank()
        if stop.signum is not None:
            try:
                name = signal.Signals(stop.signum).name
            except ValueError:
                name = f"signal {stop.signum}"
            self.out.note(f"Stopped by {name}.")
        self._goodbye()
        return 128 + stop.signum if stop.signum is not None else 0

    def _goodbye(self) -> int:
        session = self.session
        saved = self._final_save()
        if session.path is not None and saved:
            self.out.good(f"Saved. Your draft is {session.path}", wrap=False)
            self.out.line(f"Resume with: datasheet-wizard resume {_quote(session.path)} --plain", wrap=False)
        return 0 if saved else 2


def _tidy(text: str, multiline: bool) -> str:
    """Trailing blanks and blank lines around an answer are noise; indentation inside it is Markdown."""
    if not multiline:
        return text.strip()
    return text.rstrip().lstrip("\n")


# --------------------------------------------------------------------------- signals


@contextmanager
def _signals_stop_prompts() -> Iterator[None]:
    """SIGTERM/SIGHUP (a closed terminal, a dropped SSH session) end the prompt like Ctrl+C, keeping the text typed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    fired = []

    def handler(signum: int, frame: Any) -> None:
        if fired:  # already stopping: a second signal must not break the final save
            return
        fired.append(signum)
        typed = ""
        try:
            from prompt_toolkit.application.current import get_app_or_none

            app = get_app_or_none()
            if app is not None:
                typed = app.current_buffer.text
        except Exception:  # noqa: BLE001 - the save matters more than the half-typed line
            pass
        raise Interrupted(typed, signum)

    previous = {}
    for signum in wanted:
        try:
            previous[signum] = signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            try:
                signal.signal(signum, old)
            except (ValueError, OSError):
                pass


# --------------------------------------------------------------------------- entry points used by the CLI


def run_plain(session: Session, *, printer: Printer | None = None, prompter: Prompter | None = None) -> int:
    """Run the questionnaire as prompts; the exit code. Closes the session (saving it) in every case."""
    if session.read_only:
        return PlainWizard(session, printer, prompter).run()
    problem = terminal_problem()
    if problem is not None:
        session.close()
        print(
            f"datasheet-wizard: plain mode asks questions at a terminal, and {problem}. "
            "Run it in a terminal, or use `datasheet-wizard render`/`check` for scripts.",
            file=sys.stderr,
        )
        return 2
    with _signals_stop_prompts():
        return PlainWizard(session, printer, prompter).run()


def ask_title(prompter: Prompter, draft_path: Path | None) -> str:
    """The dataset's name, refusing one whose default draft file already exists (it would not be overwritten)."""
    from wizard.draft import default_draft_path

    def valid(text: str) -> bool | str:
        title = text.strip()
        if not title:
            return "Give the dataset's name, e.g. CityBirds."
        if draft_path is None and default_draft_path(title).exists():
            path = default_draft_path(title)
            return f"{path.name} already exists: choose another name, or quit and resume that draft."
        return True

    return prompter.text("What is the dataset called?", validate=valid).strip()


def run_new(
    bank: Bank,
    draft_path: Path | None,
    *,
    printer: Printer | None = None,
    prompter: Prompter | None = None,
) -> int:
    """`new --plain` without --title: ask for the title, create the draft, then run it."""
    from wizard.draft import default_draft_path
    from wizard.recent import remember_session
    from wizard.session import Session

    problem = terminal_problem()
    if problem is not None:
        print(f"datasheet-wizard: plain mode asks questions at a terminal, and {problem}.", file=sys.stderr)
        return 2
    if draft_path is not None and draft_path.exists():  # say so before asking anything
        raise DraftError(
            f"{draft_path} already exists. Resume it with `datasheet-wizard resume {_quote(draft_path)} --plain`, "
            "or choose another --draft."
        )
    prompter = prompter or Prompter()
    out = printer or Printer()
    out.line(f"New datasheet: {bank.title} (version {bank.version}).", "bold")
    try:
        title = ask_title(prompter, draft_path)
    except Interrupted:
        out.note("Nothing was created.")
        return 0
    except NoTerminal as exc:
        print(f"datasheet-wizard: plain mode needs a terminal to ask questions ({exc}).", file=sys.stderr)
        return 2
    session = Session.create(bank, title, draft_path or default_draft_path(title))
    remember_session(session)
    return run_plain(session, printer=out, prompter=prompter)


def choose_recent(*, printer: Printer | None = None, prompter: Prompter | None = None) -> Path | None:
    """`resume --plain` without a draft: pick one of the recent drafts that still exist."""
    from questionary import Choice, Separator

    from wizard.recent import load_recent

    out = printer or Printer()
    entries = [r for r in load_recent() if r.exists]
    if not entries:
        out.line(
            "No recent drafts to resume. Start one with `datasheet-wizard new --plain`, "
            "or name it: `datasheet-wizard resume PATH --plain`."
        )
        return None
    choices: list[Any] = [
        Choice(f"{r.title or 'Untitled'} — {r.bank} — {r.path}", value=str(r.path)) for r in entries
    ]
    choices += [Separator("  ──"), Choice("cancel", value=Pick.CANCEL)]
    try:
        picked = (prompter or Prompter()).select("Resume which draft?", choices, search=True)
    except (Interrupted, NoTerminal):
        return None
    return Path(picked) if isinstance(picked, str) else None


__all__ = [
    "Command",
    "Interrupted",
    "PlainWizard",
    "Printer",
    "Prompter",
    "choose_recent",
    "markdown_path_for",
    "parse_command",
    "run_new",
    "run_plain",
]


def _marked(old: Answer | None) -> Command | None:
    """The list entry that stands for a not-applicable or unknown mark, as a list's default."""
    if old is not None and old.status is Status.NA:
        return Command.NA
    if old is not None and old.status is Status.UNKNOWN:
        return Command.UNKNOWN
    return None

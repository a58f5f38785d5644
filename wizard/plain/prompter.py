"""The one place that talks to questionary: each prompt with our keys, safe titles, and a missing terminal reported."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from typing import Any

from wizard.plain.keys import (
    enter_picks_pointed,
    enter_submits_when,
    ignore_keys,
    interrupt_bindings,
    slow_escape_bindings,
)
from wizard.plain.signals import Interrupted
from wizard.untrusted import has_unsafe, shown

MULTILINE_HINT = "(Esc then Enter to finish)\n>"


class NoTerminal(Exception):
    """The prompts cannot run: there is no terminal to read keys from."""


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
            extra.append(slow_escape_bindings())
            if enter_submits is not None:
                extra.append(enter_submits_when(enter_submits))
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
        extra = [ignore_keys("a", "i")]  # "a" (all) and "i" (invert) would tick the command entries too
        if enter_picks is not None:
            extra.append(enter_picks_pointed(question.application, enter_picks))
        return list(self._ask(question, *extra) or [])

    def confirm(self, message: str, *, default: bool = True) -> bool:
        import questionary

        return bool(self._ask(questionary.confirm(shown(message), default=default)))

    def _ask(self, question: Any, *extra: Any) -> Any:
        from prompt_toolkit.key_binding import merge_key_bindings

        _bidi_shown_in_prompts()

        app = question.application
        app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, *extra, interrupt_bindings()) if b])
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

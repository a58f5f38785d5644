"""The prompt_toolkit key bindings plain mode adds to questionary's prompts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wizard.plain.signals import Interrupted


def interrupt_bindings() -> Any:
    """Ctrl+C and Ctrl+D end every prompt the same way, keeping the text typed so far."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()

    @bindings.add("c-c", eager=True)
    @bindings.add("c-d", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=Interrupted(event.app.current_buffer.text), style="class:aborting")

    return bindings


def slow_escape_bindings() -> Any:
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


def enter_submits_when(done: Callable[[str], bool]) -> Any:
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


def enter_picks_pointed(app: Any, wanted: Callable[[Any], bool]) -> Any:
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


def ignore_keys(*keys: str) -> Any:
    """Keys that do nothing in this prompt (questionary would otherwise act on them)."""
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    for key in keys:
        bindings.add(key, eager=True)(lambda event: None)
    return bindings

"""Keys typed around a command stay in the order typed, and keys typed while an editor is being
built wait for it.

Textual hands a printable key to the focused editor, which inserts it in its own `_on_key`, while
a bound key (ctrl+n) runs its action only after the event has bubbled back up to the app: in a
burst ("text ctrl+n more") the app forwards "more" to the old editor before ctrl+n has come back
and moved on, and keys typed while the next editor is being built reach no editor at all.
Textual issue #6605 (https://github.com/Textualize/textual/issues/6605) is the same race inside
one Input or TextArea: bindings run apart from the characters typed around them.

`TypeAhead` orders the app's own commands with the typing around them: a command key waits until
the focused widget has handled every key typed before it, then runs; the keys typed after it wait
until the question screen's editor is ready for them (the screen posts `EditorReady`), then go to
it in the order typed.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Protocol

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import ActiveBinding
    from textual.timer import Timer


class Typist(Protocol):
    """The screen that takes typed text (the question screen)."""

    def editor_ready(self) -> bool: ...

    def focus_editor(self) -> None: ...


class TypeAhead:
    """Holds keys while a command runs or while the editor on show is not ready, and hands them on in
    order. `typist` returns the question screen when it is the screen on show, else None.

    A command is one of our bindings (they carry an id, from the key registry) that the app or the
    question screen would run for the key, read from the live bindings: a remap through
    `App.set_keymap` moves it, and a key that the focused widget binds itself stays the widget's
    (our bindings are not priority bindings; only ctrl+e outranks the editor's end-of-line). This
    changes when a command runs, never which binding wins.
    """

    GIVE_UP_AFTER = 2.0  # should an editor never report ready, the keys go on regardless

    def __init__(self, app: App, typist: Callable[[], Typist | None], *, holding: bool = False) -> None:
        self._app = app
        self._typist = typist
        # Keys waiting for a command to finish or for an editor to be ready, in the order typed.
        self._held: list[events.Key] | None = [] if holding else None
        self._command_running = False
        self._release_queued = False
        self._give_up: Timer | None = None

    @property
    def holding(self) -> bool:
        """Keys wait (a command is running, or an editor is on its way)."""
        return self._held is not None

    # ------------------------------------------------------------------ what the app calls

    def take(self, event: events.Key) -> bool:
        """A key the app received from the terminal: True when it waits here (or starts a command)."""
        if self._held is not None:
            self._held.append(event)
            return True
        if self._typist() is None:
            return False
        command = self._command(event)
        if command is None:
            return False
        self._held = []
        self._command_running = True
        self._after_typed_keys(command)
        return True

    def hold(self) -> None:
        """Another editor is going on show: keys typed from now wait until it is ready."""
        if self._held is None:
            self._held = []
        self.release_when_ready()

    def editor_ready(self) -> None:
        """The screen says its editor is ready: hand over what waited, if it is still the one on show."""
        self.release_when_ready()

    # ------------------------------------------------------------------ commands

    def _command(self, event: events.Key) -> ActiveBinding | None:
        app = self._app
        focused = app.focused
        if event.is_printable and focused is not None and focused.check_consume_key(event.key, event.character):
            return None  # typing: the quick way out on every letter
        active = app.screen.active_bindings.get(event.key)
        if active is None or not active.enabled or active.binding.id is None:
            return None  # nobody's, a widget's own, or one of Textual's (tab, copy)
        if active.node is not app and active.node is not app.screen:
            return None
        return active

    def _after_typed_keys(self, command: ActiveBinding) -> None:
        """Run `command` once the focused widget has handled the keys already queued for it."""
        run = partial(self._app.call_later, self._run, command)
        focused = self._app.focused
        if focused is None or not focused.call_later(run):
            run()

    async def _run(self, command: ActiveBinding) -> None:
        try:
            await self._app.run_action(command.binding.action, command.node)
        finally:
            self._command_running = False
            self.release_when_ready()

    # ------------------------------------------------------------------ handing keys on

    def release_when_ready(self) -> None:
        """Hand the held keys on once the question screen's editor can take them: now (at the end of
        the app's queue) when it can, else at its `EditorReady`. None while a command runs: it
        releases when done."""
        if self._held is None or self._command_running or self._release_queued:
            return
        typist = self._typist()
        if typist is not None and not typist.editor_ready():
            if self._give_up is None:
                self._give_up = self._app.set_timer(self.GIVE_UP_AFTER, self._release_anyway)
            return
        self._release_queued = True
        self._app.call_later(self._release)

    def _release_anyway(self) -> None:
        self._give_up = None
        if self._held is not None and not self._command_running and not self._release_queued:
            self._release_queued = True
            self._app.call_later(self._release, anyway=True)

    async def _release(self, *, anyway: bool = False) -> None:
        self._release_queued = False
        if self._command_running:
            return
        typist = self._typist()
        ready = typist is None or typist.editor_ready()
        if not ready and not anyway:  # another move since: wait for that editor
            self.release_when_ready()
            return
        if self._give_up is not None:
            self._give_up.stop()
            self._give_up = None
        held, self._held = self._held or [], None
        if typist is not None and ready:
            typist.focus_editor()
        for index, key in enumerate(held):
            if self._held is not None:  # a command among them holds the rest again
                self._held[:0] = held[index:]
                return
            await self._app.on_event(key)

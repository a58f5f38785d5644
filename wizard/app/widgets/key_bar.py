"""The key hints at the bottom of a screen, in one widget, as Textual's `Footer` shows them.

`Footer` builds a widget per key and rebuilds them all each time the screen's bindings change
(several times while a screen opens: focus moves, the stack changes), each rebuild styling a
dozen widgets: the hints appeared a quarter of a second after the rest of the review screen.
This draws the same line from the screen's active bindings (so keymaps and `show=False` hold)
and only repaints when they change.
"""

from __future__ import annotations

from rich.markup import escape
from textual.content import Content
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """One line: each shown binding's key and description; the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 100%; background: $footer-background; color: $footer-foreground;
             text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # columns of each hint, and the key it stands for

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def hints(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, key as shown, description, enabled) of each shown action, and of the palette's key."""
        active = self.screen.active_bindings
        shown: dict[str, tuple[str, str, str, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
        return list(shown.values()), palette

    def render(self) -> Content:
        hints, palette = self.hints()
        tail = Content("")
        if palette is not None:  # docked on the right (as in Footer)
            key, display, description, enabled = palette
            tail = Content.from_markup("[$foreground 20%]▏[/]") + self._hint(display, description, enabled, palette=True)
        room = max(self.size.width - tail.cell_length, 0)
        # the roomy look when every hint fits, else the compact one (Footer's `compact`): quit and help stay in view
        compact = sum(len(display) + len(description) + 3 for _, display, description, _ in hints) > room
        self._spans = []
        line = Content("")
        for key, display, description, enabled in hints:
            piece = self._hint(display, description, enabled, compact=compact)
            self._spans.append((line.cell_length, line.cell_length + piece.cell_length, key))
            line += piece
        line = line.truncate(room, pad=True)  # what still does not fit goes under the palette's key
        self._spans = [(a, min(b, room), k) for a, b, k in self._spans if a < room]
        if palette is not None:
            self._spans.append((room, room + tail.cell_length, palette[0]))
        return line + tail

    @staticmethod
    def _hint(display: str, description: str, enabled: bool, *, palette: bool = False, compact: bool = False) -> Content:
        """" key description " (compact: "key description "; the palette's: "key description " after its
        border), styled as Footer's keys."""
        dim = "" if enabled else "dim "
        shown_key = escape(display) if palette or compact else f" {escape(display)} "
        key = f"[{dim}b $footer-key-foreground on $footer-key-background]{shown_key}[/]"
        words = (" " + escape(description) if palette or compact else escape(description)) + ("" if palette else " ")
        text = f"[{dim}$footer-description-foreground on $footer-description-background]{words}[/]" if description else ""
        return Content.from_markup(key + text + (" " if palette else ""))

    async def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return


"""The question screen's bars: the title line, and the progress and key-hint lines below.

Textual's Header, Footer and ProgressBar build a widget for every part (icon, title, clock, each
key, bar, percentage, ETA). The question screen is the first thing an author sees on every
resume, and styling and laying out those widgets was about a third of the time it took to
appear; one widget for the top line and one for the two bottom lines draw the same for a
fraction of that.
"""

from __future__ import annotations

from rich.markup import escape
from textual.content import Content
from textual.dom import DOMNode
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Static

from wizard.keymap import KEYS
from wizard.untrusted import shown

# A narrow terminal's key line drops these first, in this order (registry ids): the marks and the
# views are a keystroke away in the palette and listed in help; Next, Finish, Quit and Help stay.
FIRST_TO_GO = ("mark_unknown", "mark_na", "preview", "outline", "back")


class TitleBar(Static):
    """The draft's title and where it lives; the ⭘ opens the command palette, as in Textual's Header."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top; height: 1; width: 100%; padding: 0 1;
        background: $panel; color: $foreground;
        text-wrap: nowrap; text-overflow: ellipsis;
        link-style: none; link-style-hover: bold; link-background-hover: $foreground 10%;
    }
    """

    def show(self, title: str, where: str) -> None:
        self.update(f"[@click=app.command_palette]⭘[/]   [b]{shown(title, 'markup')}[/b] — {shown(where, 'markup')}")


class BottomBar(Widget):
    """The two bottom lines in one widget: progress (bar, count, where the draft is saved) over the
    key hints. A click on a hint runs it, as in Textual's Footer. Updates repaint without a layout
    pass: the author types while they change."""

    DEFAULT_CSS = """
    BottomBar { dock: bottom; height: 2; width: 100%; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.done, self.total = 0, 1
        self.saved_text, self.saved_error = "", False
        self._hints: list[tuple[str, str, str, DOMNode, str]] = []  # key shown, label, action, where bound, id
        self._spans: list[tuple[int, int, str, DOMNode]] = []  # the columns each hint was drawn in, for clicks

    @property
    def progress_text(self) -> str:
        return f"{self.done} of {self.total} answered"

    def on_mount(self) -> None:
        self._show_hints()
        # a remap (App.set_keymap) or another focus refreshes the screen's bindings
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, _screen: object) -> None:
        if self._show_hints():
            self.refresh()

    def _show_hints(self) -> bool:
        """The keys that work on this screen, as its active bindings say (remaps included): ours
        (they carry a registry id) that the registry shows, in its order. True when they changed."""
        order = {spec.id: index for index, spec in enumerate(KEYS) if spec.show}
        active = [a for a in self.screen.active_bindings.values() if a.binding.id in order and a.enabled]
        active.sort(key=lambda a: order[a.binding.id or ""])
        hints = [(self.app.get_key_display(a.binding), a.binding.description, a.binding.action, a.node, a.binding.id or "")
                 for a in active]
        if hints == self._hints:
            return False
        self._hints = hints
        return True

    def _key_line(self, width: int) -> str:
        """The hints as markup, " ^n Next " each. When they do not all fit, the ones the author needs
        least on this line go first (FIRST_TO_GO: the palette and help list them all), never squeezed."""
        hints = list(self._hints)
        for going in FIRST_TO_GO:
            if sum(len(key) + len(label) + 3 for key, label, *_ in hints) <= width:
                break
            hints = [hint for hint in hints if hint[4] != going]
        self._spans, column, parts = [], 0, []
        for key, label, action, where, _id in hints:
            wide = len(key) + len(label) + 3
            self._spans.append((column, column + wide, action, where))
            column += wide
            parts.append(f"[b $accent] {escape(key)} [/]{escape(label)} ")
        return "".join(parts) + " " * max(width - column, 0)

    def show_progress(self, done: int, total: int) -> None:
        if (done, total) != (self.done, self.total):
            self.done, self.total = done, total
            self.refresh()

    def show_saved(self, text: str, *, error: bool = False) -> None:
        if (text, error) != (self.saved_text, self.saved_error):
            self.saved_text, self.saved_error = text, error
            self.refresh()

    def render(self) -> Content:
        width = self.size.width
        bar = 28 if width >= 100 else 16
        filled = min(bar, round(bar * self.done / max(self.total, 1)))
        colour = "$success" if self.done >= self.total else "$primary"
        count = self.progress_text[:21].ljust(21)
        room = max(width - (2 + bar + 2 + 21 + 2) - 2, 0)  # what is left for the saved note, right-aligned
        note = self.saved_text if len(self.saved_text) <= room else self.saved_text[: max(room - 1, 0)] + "…"
        note_style = "b $error" if self.saved_error else "$foreground-muted"
        first = (f"  [{colour}]{'━' * filled}[/][$foreground 30%]{'━' * (bar - filled)}[/]  "
                 f"[$foreground-muted]{escape(count)}[/]  [{note_style}]{shown(note.rjust(room), 'markup')}[/]  ")
        return Content.from_markup(f"{first}\n[on $footer-background]{self._key_line(width)}[/]")

    async def on_click(self, event: Click) -> None:
        if event.y != 1:
            return
        for start, end, action, where in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, where)
                return


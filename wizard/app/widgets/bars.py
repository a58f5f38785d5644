"""The question screen's bars: the title line, and the progress and key-hint lines below.

Textual's Header, Footer and ProgressBar build a widget for every part (icon, title, clock, each
key, bar, percentage, ETA). The question screen is the first thing an author sees on every
resume, and styling and laying out those widgets was about a third of the time it took to
appear; one widget for the top line and one for the two bottom lines draw the same for a
fraction of that.
"""

from __future__ import annotations

from rich.markup import escape
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Static

from wizard.untrusted import shown


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
        self._hints: list[tuple[str, str, str]] = []
        self._spans: list[tuple[int, int, str]] = []  # columns of each hint on the second line, and its action

    @property
    def progress_text(self) -> str:
        return f"{self.done} of {self.total} answered"

    def on_mount(self) -> None:
        self._hints = [(self.app.get_key_display(b), b.description, b.action)
                       for b in self.app.BINDINGS if isinstance(b, Binding) and b.show]
        if self.app.ENABLE_COMMAND_PALETTE:
            self._hints.append(("^p", "Palette", "command_palette"))
        column = 0
        for key, description, action in self._hints:
            width = len(key) + len(description) + 3  # " key description "
            self._spans.append((column, column + width, action))
            column += width

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
        keys = "".join(f"[b $accent] {escape(k)} [/]{escape(d)} " for k, d, _ in self._hints)
        pad = " " * max(width - (self._spans[-1][1] if self._spans else 0), 0)
        return Content.from_markup(f"{first}\n[on $footer-background]{keys}{pad}[/]")

    async def on_click(self, event: Click) -> None:
        if event.y != 1:
            return
        for start, end, action in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action)
                return

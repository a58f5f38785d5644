"""The question screen's one-line bars: title, key hints and progress, each a single Static.

Textual's Header, Footer and ProgressBar build a widget for every part (icon, title, clock, each
key, bar, percentage, ETA). The question screen is the first thing an author sees on every
resume, and styling and laying out those widgets was about a third of the time it took to
appear; one Static per line draws the same information for a fraction of that.
"""

from __future__ import annotations

from rich.markup import escape
from textual.binding import Binding
from textual.content import Content
from textual.events import Click
from textual.widget import Widget
from textual.widgets import Static


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
        self.update(f"[@click=app.command_palette]⭘[/]   [b]{escape(title)}[/b] — {escape(where)}")


class KeyBar(Static):
    """The app's shown key bindings on one line; a click on a hint runs it, as in Textual's Footer."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 100%;
        background: $footer-background; color: $footer-foreground;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        hints = [(self.app.get_key_display(b), b.description, b.action)
                 for b in self.app.BINDINGS if isinstance(b, Binding) and b.show]
        if self.app.ENABLE_COMMAND_PALETTE:
            hints.append(("^p", "Palette", "command_palette"))
        self._spans: list[tuple[int, int, str]] = []  # columns each hint covers, and its action
        markup, column = [], 0
        for key, description, action in hints:
            width = len(key) + len(description) + 3  # " key description "
            self._spans.append((column, column + width, action))
            markup.append(f"[b $accent] {escape(key)} [/]{escape(description)} ")
            column += width
        self.update("".join(markup))

    async def on_click(self, event: Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action)
                return


class ProgressLine(Widget):
    """How much of the bank is answered, as a bar filling the widget's width: the answered part in
    the theme's primary colour (success once complete) over a faint track."""

    DEFAULT_CSS = "ProgressLine { height: 1; }"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.done, self.total = 0, 1

    def show(self, done: int, total: int) -> None:
        if (done, total) != (self.done, self.total):
            self.done, self.total = done, total
            self.refresh()  # same size: no layout pass

    def render(self) -> Content:
        width = self.content_size.width
        total = max(self.total, 1)
        filled = min(width, round(width * self.done / total))
        colour = "$success" if self.done >= total else "$primary"
        return Content.from_markup(f"[{colour}]{'━' * filled}[/][$foreground 30%]{'━' * (width - filled)}[/]")

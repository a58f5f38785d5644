"""ctrl+r: the datasheet exactly as `render` writes it, in Textual's Markdown viewer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, MarkdownViewer

from wizard.app.widgets.bars import ScreenFooter
from wizard.app.keys import bindings_for
from wizard.untrusted import shown


#: From this many columns the table of contents is shown beside the document at first; below, the
#: document gets the whole width (an 80-column terminal left it 28) and `t` shows the contents.
CONTENTS_FROM = 100


class PreviewScreen(Screen[None]):
    """Read-only; `t` shows or hides the table of contents."""

    CSS_PATH = "preview.tcss"

    BINDINGS = bindings_for("preview")

    def __init__(self, markdown: str, title: str) -> None:
        super().__init__(classes="preview-screen")  # no id: two on the stack must never clash
        self.markdown = shown(markdown)
        self.doc_title = shown(title)

    def compose(self) -> ComposeResult:
        yield Header()
        yield MarkdownViewer(self.markdown, show_table_of_contents=self.app.size.width >= CONTENTS_FROM,
                             open_links=False, id="preview")
        yield ScreenFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Preview · {self.doc_title}"
        self.query_one("#preview").focus()

    def action_toggle_toc(self) -> None:
        viewer = self.query_one("#preview", MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)

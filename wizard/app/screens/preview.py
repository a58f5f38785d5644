"""ctrl+r: the datasheet exactly as `render` writes it, in Textual's Markdown viewer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from wizard.app.widgets.key_bar import KeyBar
from wizard.app.widgets.progressive_markdown import ProgressiveMarkdownViewer
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
        contents = self.app.size.width >= CONTENTS_FROM
        # without the contents beside it, the document has the whole width: a screenful holds more of it
        yield ProgressiveMarkdownViewer(self.markdown, screen_cells=self.app.size.area * (1 if contents else 2),
                                        show_table_of_contents=contents, open_links=False, id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"Preview · {self.doc_title}"
        self.query_one("#preview").focus()

    def action_toggle_toc(self) -> None:
        viewer = self.query_one("#preview", ProgressiveMarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)

"""A Markdown viewer that draws its first screenful at once and the rest of a long document after it.

Textual's `MarkdownViewer` builds one widget per block before the first frame: for a 30 KB
datasheet (some 350 blocks) that is over a second in which nothing is drawn. This viewer mounts
the blocks that fill the first screen, lets that frame be drawn, then appends the rest a part at
a time (`Markdown.append`, one part per frame, so keys are handled in between). The table of
contents is complete from the first frame: it is read from the parsed source, and its entries
point at the real headings once they exist (choosing one earlier loads the rest first).

The finished document is the one `MarkdownViewer` shows: parts are cut between top-level blocks,
and a document whose meaning could depend on text further down (reference-style link
definitions) is shown in one go.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from markdown_it import MarkdownIt
from textual.widgets import Markdown, MarkdownViewer, Tree
from textual.widgets.markdown import MarkdownBlock, MarkdownTableOfContents

PENDING = "pending-heading-"  # the id a table-of-contents entry has until its heading is mounted
_OTHER_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits on besides "\n"


def _plain(inline: Any) -> str:
    """A heading's text as Textual's Markdown shows it (`MarkdownBlock._token_to_content`, plain)."""
    out: list[str] = []
    for child in inline.children or ():
        if child.type == "text":
            out.append(re.sub(r"\s+", " ", child.content))
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "code_inline":
            out.append(child.content)
        elif child.type == "image":
            alt = child.attrs.get("alt", "")
            out.append("🖼  " + (f"({alt})" if alt else "") + "".join(g.content for g in child.children or ()))
    return "".join(out)


def split_document(markdown: str, first: int, part: int) -> tuple[list[str], list[tuple[int, str]]]:
    """The document in parts whose concatenation is `markdown`, and its table of contents (level, text).

    The first part holds at least `first` characters and ends with a one-line block, without the
    line break after it: `Markdown.update` then resumes appending from that block's line, as
    `Markdown.append` does after an append. Later parts hold about `part` characters each and begin
    at a top-level block. One part when the document is short or has link reference definitions.
    """
    parser = MarkdownIt("gfm-like")
    blocks_only = MarkdownIt("gfm-like")
    blocks_only.core.ruler.enableOnly(["normalize", "block"])  # a tenth of the time: inline text is not parsed
    env: dict[str, Any] = {}
    tokens = blocks_only.parse(markdown, env)
    toc = [(int(t.tag[1]), _plain(parser.parseInline(tokens[i + 1].content)[0])) for i, t in enumerate(tokens)
           if t.type == "heading_open" and t.level == 0]
    if env.get("references") or len(markdown) <= first or any(c in markdown for c in _OTHER_LINE_BREAKS):
        return [markdown], toc  # Textual counts lines with str.splitlines: with only "\n" both agree
    lines = markdown.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    blocks = [t.map for t in tokens if t.level == 0 and t.map is not None and t.nesting != -1]
    cut = next((end for start, end in blocks if end - start == 1 and offsets[end] >= first and end < len(lines)), None)
    if cut is None:
        return [markdown], toc
    parts = ["\n".join(lines[:cut])]
    begin = cut
    for start, _end in blocks:
        if start > begin and offsets[start] - offsets[begin] >= part:
            parts.append("\n" + "\n".join(lines[begin:start]))
            begin = start
    parts.append("\n" + "\n".join(lines[begin:]))
    return parts, toc


class ProgressiveMarkdownViewer(MarkdownViewer):
    """`MarkdownViewer` for a long document: the first screenful first, the rest a part per frame."""

    def __init__(self, markdown: str, *, screen_cells: int = 100 * 32, **kwargs: Any) -> None:
        # Half the screen's cells in characters of Markdown fill the document's column: beside the
        # contents it is about half the screen, and every block adds a blank line. Later parts are
        # a screen's worth: one part a frame.
        parts, self._toc = split_document(markdown, screen_cells // 2, screen_cells)
        super().__init__(parts[0], **kwargs)
        self._rest = parts[1:]
        self._appending = asyncio.Lock()

    @property
    def loading_rest(self) -> bool:
        return bool(self._rest)

    def on_mount(self) -> None:
        # Runs before MarkdownViewer's own mount handler, which shows the first part: what is queued
        # here runs once that part is mounted.
        self.call_later(self._start_rest)

    def _start_rest(self) -> None:
        if self._rest:
            self.table_of_contents.table_of_contents = [
                (level, text, f"{PENDING}{i}") for i, (level, text) in enumerate(self._toc)]
            self.call_after_refresh(self._append_next)  # the first screenful is drawn before the rest

    def on_markdown_table_of_contents_updated(self, message: Markdown.TableOfContentsUpdated) -> None:
        """While parts are still to come, the contents stay the whole document's (not the parts' so far)."""
        if self._rest:
            message.prevent_default()
            message.stop()

    async def _append_next(self) -> None:
        if await self._append(1):
            self.call_after_refresh(self._append_next)

    async def load_all(self) -> None:
        """Append whatever is still to come, now."""
        await self._append(None)

    async def _append(self, count: int | None) -> bool:
        """Append the next `count` parts (None: all); True while more are to come. One append at a time:
        `Markdown.append` reads the document's state when it is called, not when it runs."""
        async with self._appending:
            taken = self._rest[:count]
            if not taken or not self.is_attached:
                return False
            del self._rest[: len(taken)]
            await self.document.append("".join(taken))
            if not self._rest:
                self._link_contents()
            return bool(self._rest)

    def _link_contents(self) -> None:
        """Point the table of contents at the headings now mounted, without redrawing it when it reads the same."""
        real = self.document.table_of_contents
        contents = self.table_of_contents
        leaves = [node for node in _walk(contents.query_one(Tree).root) if node.data]
        if [(level, text) for level, text, _ in real] == self._toc and len(leaves) == len(real):
            for node, (_level, _text, block_id) in zip(leaves, real):
                node.data["block_id"] = block_id
        else:
            contents.table_of_contents = real

    async def on_markdown_table_of_contents_selected(self, message: Markdown.TableOfContentsSelected) -> None:
        if not message.block_id.startswith(PENDING):
            return  # MarkdownViewer scrolls to it
        message.prevent_default()
        message.stop()
        index = int(message.block_id.removeprefix(PENDING))
        await self.load_all()
        real = self.document.table_of_contents
        if index < len(real):  # once the blocks just mounted have their places
            self.call_after_refresh(self.scroll_to_widget, self.query_one(f"#{real[index][2]}", MarkdownBlock), top=True)


def _walk(node: Any) -> list[Any]:
    out = []
    for child in node.children:
        out.append(child)
        out.extend(_walk(child))
    return out


__all__ = ["ProgressiveMarkdownViewer", "MarkdownTableOfContents", "split_document"]

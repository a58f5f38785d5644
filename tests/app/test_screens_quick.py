"""The preview shows a long datasheet a part at a time and ends exactly as Textual's MarkdownViewer shows it.

(How quickly the screens open is measured by `benchmarks/run.py --only screens`.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import MarkdownViewer
from textual.widgets.markdown import MarkdownBlock

from tests.helpers.paths import ROOT
from wizard.app.widgets.progressive_markdown import PENDING, ProgressiveMarkdownViewer, split_document


@pytest.fixture(scope="module")
def datasheet(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The rendered datasheet of a draft answering all 67 questions of the default bank (about 30 KB)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import fixtures
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from wizard.render import render
    from wizard.session import Session
    from wizard.untrusted import shown

    draft = fixtures.answered_default_draft(tmp_path_factory.mktemp("sheet") / "answered.datasheet.toml")
    session = Session.open(draft, lock=False)
    return shown(render(session, "markdown"))


def test_parts_make_up_the_document_and_cut_between_blocks(datasheet):
    parts, toc = split_document(datasheet, 1600, 3200)
    assert "".join(parts) == datasheet
    assert len(parts) > 5 and len(parts[0]) >= 1600
    assert not parts[0].endswith("\n") and "\n" not in parts[0].rsplit("\n\n", 1)[1]  # ends with a one-line block
    assert all(p.startswith("\n") for p in parts[1:])  # each on a line of its own
    assert toc[0] == (1, "Datasheet for CityBirds") and (2, "Publishing details") in toc


@pytest.mark.parametrize("text", [
    "Short.\n\nDocument.",
    "# Title\n\nSee [the paper][p].\n\n" + "More text. " * 2000 + "\n\n[p]: https://example.org/paper",
    "# Title\n\n" + "A line\u2028 of text.\n\n" * 2000,  # Textual counts lines with str.splitlines
])
def test_short_documents_and_link_definitions_come_in_one_part(text):
    parts, _ = split_document(text, 100, 100)
    assert parts == [text]


def test_heading_text_is_what_the_viewer_shows():
    _parts, toc = split_document("# A *b* `c`\n\n## x  **y**\n\n- # not top-level\n", 10_000, 10_000)
    assert toc == [(1, "A b c"), (2, "x y")]


class Viewer(App[None]):
    def __init__(self, markdown: str, progressive: bool) -> None:
        super().__init__()
        self.markdown, self.progressive = markdown, progressive

    def compose(self) -> ComposeResult:
        if self.progressive:
            yield ProgressiveMarkdownViewer(self.markdown, screen_cells=self.size.area, id="doc")
        else:
            yield MarkdownViewer(self.markdown, id="doc")


def blocks(viewer: MarkdownViewer) -> list[tuple[str, str]]:
    """Every block, nested ones too, with the text it shows; top-level blocks with their source lines.
    (Textual's `Markdown.append` leaves nested blocks' `source_range` relative to the appended part.)"""
    top = set(viewer.document.children)
    return [(type(b).__name__, str(getattr(b.render(), "plain", "")) + (b.source or "" if b in top else ""))
            for b in viewer.document.query(MarkdownBlock)]


async def finished(pilot, viewer: MarkdownViewer) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        await pilot.pause(0.01)
        if not getattr(viewer, "loading_rest", False):
            break
    await pilot.pause()


async def test_the_finished_document_is_the_viewers_document(datasheet):
    async with Viewer(datasheet, progressive=False).run_test(size=(100, 32)) as pilot:
        plain = pilot.app.query_one("#doc", MarkdownViewer)
        await finished(pilot, plain)
        expected = blocks(plain)
        expected_toc = [entry[:2] for entry in plain.document.table_of_contents]
    app = Viewer(datasheet, progressive=True)
    frames: list[tuple[int, list[tuple[str, str]] | None, bool]] = []  # blocks and contents at each frame drawn
    display = app._display

    def drawn(screen, update) -> None:  # type: ignore[no-untyped-def]
        display(screen, update)
        viewer = app.query("#doc").first(ProgressiveMarkdownViewer) if app.query("#doc") else None
        if update is not None and viewer is not None:
            toc = viewer.table_of_contents.table_of_contents
            frames.append((len(blocks(viewer)), [e[:2] for e in toc] if toc else None, viewer.loading_rest))

    app._display = drawn  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        viewer = pilot.app.query_one("#doc", ProgressiveMarkdownViewer)
        await finished(pilot, viewer)
        first = next(f for f in frames if f[0])
        assert first[2] and first[0] < len(expected) // 5  # drawn with a fraction of the blocks, the rest to come
        assert first[1] == expected_toc  # and the whole document's contents
        assert len({n for n, _toc, _loading in frames}) > 4  # the rest came in parts, frames apart
        assert blocks(viewer) == expected
        assert viewer.document.source == datasheet
        headers = {block_id for _level, _text, block_id in viewer.document.table_of_contents}
        tree = viewer.table_of_contents.query_one("Tree")
        linked = [n.data["block_id"] for n in tree.root.children[0].children] + [tree.root.children[0].data["block_id"]]
        assert set(linked) <= headers  # the contents point at the mounted headings now


async def test_choosing_a_heading_not_yet_loaded_loads_the_rest_and_goes_there(datasheet):
    from textual.widgets import Markdown

    app = Viewer(datasheet, progressive=True)
    last = len(split_document(datasheet, 1, 1)[1]) - 1
    chosen: list[bool] = []
    display = app._display

    def drawn(screen, update) -> None:  # type: ignore[no-untyped-def]
        display(screen, update)
        viewer = app.query("#doc").first(ProgressiveMarkdownViewer) if app.query("#doc") else None
        if update is not None and viewer is not None and not chosen and viewer.document.children:
            chosen.append(viewer.loading_rest)  # the author picks the last heading on the first frame
            viewer.table_of_contents.post_message(
                Markdown.TableOfContentsSelected(viewer.document, f"{PENDING}{last}"))

    app._display = drawn  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        viewer = pilot.app.query_one("#doc", ProgressiveMarkdownViewer)
        await finished(pilot, viewer)
        await pilot.pause(0.3)
        assert chosen == [True]
        heading = viewer.document.query_one(f"#{viewer.document.table_of_contents[-1][2]}", MarkdownBlock)
        assert "Publishing details" in (heading.source or "")
        assert viewer.scroll_y > 0 and heading.region.y <= viewer.region.y + 2  # scrolled to it


def test_benchmark_fixture_answers_every_question(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import fixtures
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    from wizard.session import Session

    session = Session.open(fixtures.answered_default_draft(tmp_path / "a.datasheet.toml"), lock=False)
    progress = session.progress()
    assert progress.done == progress.total == len(session.bank.questions) == 67
    assert 15_000 < Path(tmp_path / "a.datasheet.toml").stat().st_size < 30_000


def test_the_screens_are_imported_after_the_first_question_not_before(tmp_path):
    """Start-up stays lean (the question screen only); the preview, outline, review and help modules
    are imported in the background once the first question is drawn."""
    import subprocess

    from tests.helpers.paths import subprocess_env

    script = f"""
import asyncio, sys, time
sys.path.insert(0, {str(ROOT / 'benchmarks')!r})
import fixtures
from wizard.app.app import WizardApp
from wizard.session import Session
draft = fixtures.answered_default_draft(__import__("pathlib").Path({str(tmp_path)!r}) / "a.datasheet.toml")
async def main():
    app = WizardApp(Session.open(draft), cursor_blink=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        print("at first question:", "wizard.app.screens.preview" in sys.modules)
        for _ in range(60):
            await pilot.pause(0.05)
            if "wizard.app.screens.preview" in sys.modules:
                break
        print("soon after:", "wizard.app.screens.preview" in sys.modules)
asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=subprocess_env(),
                         timeout=120)
    assert "at first question: False" in out.stdout and "soon after: True" in out.stdout, out.stdout + out.stderr

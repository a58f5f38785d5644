"""The guidance panel beside the answer: the section's guidance, then the question's, then an example."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widgets import Static

from wizard.app.markup import esc
from wizard.bank import Question, Section
from wizard.untrusted import shown

if TYPE_CHECKING:
    from rich.markdown import Markdown


class GuidePanel(VerticalScroll):
    """Built a frame after the question is on screen (see QuestionScreen.show_question), then
    updated in place: entering a section puts its guidance at the top."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._section = ""  # the section whose guidance the panel holds
        self.built = False

    async def build(self) -> None:
        await self.mount_all([
            Static(classes="guide-title", id="section-title"),
            Static(id="section-guidance"),
            Static("This question", classes="guide-title"),
            Static(id="guide-detail"),  # the question's detail, shown here on short terminals
            Static(id="guidance"),
            Static("Example answer", classes="guide-title", id="example-title"),
            Static(id="example"),
        ])
        self.built = True

    def show(self, section: Section, question: Question) -> None:
        if self._section != section.id:  # entering a section: its guidance heads the panel
            self._section = section.id
            self.query_one("#section-title", Static).update(f"About {esc(section.title)}")
            guidance = self.query_one("#section-guidance", Static)
            guidance.update(_markdown(section.guidance or ""))
            guidance.display = bool(section.guidance)
            self.scroll_home(animate=False)
        self.query_one("#guide-detail", Static).update(esc(question.detail))
        self.query_one("#guidance", Static).update(_markdown(question.guidance or "*No guidance for this question.*"))
        self.query_one("#example", Static).update(_markdown(question.example or ""))
        self.query_one("#example-title").display = bool(question.example)
        self.query_one("#example").display = bool(question.example)


def _markdown(text: str) -> Markdown:
    """Guidance as one rendered block (rich's Markdown): far lighter than a widget per paragraph."""
    from rich.markdown import Markdown

    return Markdown(shown(text), hyperlinks=False)

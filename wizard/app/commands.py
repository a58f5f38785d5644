"""Command palette entries: "go: <question>", "go: <section>" and the app's actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from wizard.app.app import WizardApp

ACTIONS = [
    ("outline", "Show the outline of every section and question", "outline"),
    ("preview", "Preview the rendered datasheet", "preview"),
    ("finish: review and write the datasheet", "List what is missing, then write Markdown (and HTML)", "review"),
    ("export: Markdown", "Write the datasheet next to the draft", "review"),
    ("export: Croissant", "Write Croissant 1.1 + RAI metadata (NAME.croissant.json) next to the draft",
     "export_croissant"),
    ("export: Hugging Face card", "Write a Hugging Face dataset card (NAME.README.md) next to the draft", "export_hf"),
    ("mark: not applicable", "Mark the current question not applicable", "mark_na"),
    ("mark: unknown", "Mark the current question unknown", "mark_unknown"),
    ("save now", "Write the draft to disk", "save"),
    ("edit in $EDITOR", "Edit the current answer in your editor", "external_editor"),
    ("show kept answers", "Answers whose questions left the bank", "show_orphans"),
    ("toggle guidance panel", "Show or hide the guidance and example", "toggle_guide"),
    ("help", "Every key, the draft's path and the bank's source", "help"),
]


class WizardCommands(Provider):
    """Everything the wizard can do, plus a "go:" entry for every visible section and question."""

    def _entries(self) -> list[tuple[str, str, object]]:
        app: WizardApp = self.app  # type: ignore[assignment]
        entries: list[tuple[str, str, object]] = []
        if app.session is None:
            return entries
        session = app.session
        for name, help_text, action in ACTIONS:
            entries.append((name, help_text, partial(app.run_action, action)))
        for section in session.visible_sections():
            first = session.visible_in(section)
            if first:
                entries.append((f"go: {section.title}", f"section, {session.section_progress(section)} answered",
                                partial(app.jump_to, first[0].id)))
        for q in session.visible_questions():
            state = session.state_of(q)
            entries.append((f"go: {q.prompt}", f"{session.section_of(q).title} · {state}", partial(app.jump_to, q.id)))
        return entries

    async def discover(self) -> Hits:
        for name, help_text, callback in self._entries()[: len(ACTIONS)]:
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]

"""Command palette entries: the app's own (wizard.keymap.PALETTE), "go: <section>" and "go: <question>"."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from wizard.app.messages import JumpTo
from wizard.keymap import PALETTE
from wizard.untrusted import shown

if TYPE_CHECKING:
    from wizard.session import Session


class WizardCommands(Provider):
    """Everything the wizard can do, plus a "go:" entry for every visible section and question."""

    def _commands(self) -> list[tuple[str, str, object]]:
        """The palette's own entries; each with a key says which (the key in force, after remaps)."""
        app = self.app
        keymap = getattr(app, "keymap", None)
        entries: list[tuple[str, str, object]] = []
        for command in PALETTE:
            key = f" ({keymap.display(command.key_id)})" if keymap is not None and command.key_id else ""
            entries.append((command.name, command.help + key, partial(app.run_action, command.action)))
        return entries

    def _entries(self) -> list[tuple[str, str, object]]:
        session: Session | None = getattr(self.app, "session", None)
        if session is None:
            return []
        go = self.app.post_message
        entries = self._commands()
        for section in session.visible_sections():
            first = session.visible_in(section)
            if first:
                entries.append((shown(f"go: {section.title}"), f"section, {session.section_progress(section)} answered",
                                partial(go, JumpTo(first[0].id))))
        for q in session.visible_questions():
            state = session.state_of(q)
            entries.append((shown(f"go: {q.prompt}"), shown(f"{session.section_of(q).title} · {state}"),
                            partial(go, JumpTo(q.id))))
        return entries

    async def discover(self) -> Hits:
        if getattr(self.app, "session", None) is None:
            return
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]

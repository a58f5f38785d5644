"""The end of the questionnaire: what is still missing, then writing the datasheet and the exports on request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wizard.errors import DraftError
from wizard.plain.printer import quoted

if TYPE_CHECKING:
    from wizard.plain.printer import Printer
    from wizard.plain.prompter import Prompter
    from wizard.session import Session


def markdown_path_for(draft_path: Path) -> Path:
    """`citybirds.datasheet.toml` → `citybirds.md`, beside the draft."""
    name = draft_path.name
    for suffix in (".datasheet.toml", ".toml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return draft_path.with_name(name[: -len(suffix)] + ".md")
    return draft_path.with_name(name + ".md")


def show_summary(session: Session, out: Printer) -> None:
    """How many questions are answered, and which required and optional ones are not, by section."""
    progress = session.progress()
    out.heading("End of the questionnaire")
    out.line(f"{progress.done} of {progress.total} questions answered.")
    missing = session.missing()
    required = [q for q in missing if q.required]
    optional = [q for q in missing if not q.required]
    if not required:
        out.good("Every required question is answered." if optional else "Every question is answered.")
    for label, group in (("Required, still missing:", required), ("Optional, not answered yet:", optional)):
        if not group:
            continue
        out.line(label, "bold red" if group is required else "bold")
        for section in session.visible_sections():
            items = [q for q in group if q.section_id == section.id]
            if items:
                out.line(f"  {section.title}:")
                for q in items:
                    out.line(f"    - {q.prompt}")


class Writer:
    """Writes the datasheet and the exports beside the draft, asking before replacing a file."""

    def __init__(self, session: Session, out: Printer, ask: Prompter) -> None:
        self.session = session
        self.out = out
        self.ask = ask
        self._written: set[Path] = set()

    def offer_markdown(self) -> Path | None:
        """Write the datasheet beside the draft, asking before replacing anything."""
        session, out = self.session, self.out
        if session.path is None:
            return None
        target = markdown_path_for(session.path)
        if not self.ask.confirm(f"Write the Markdown datasheet to {target}?", default=True):
            return None
        ours = target in self._written  # written by this run a moment ago: replacing it is the point
        replace = target.exists() and not ours
        if replace and not self.ask.confirm(f"{target} already exists. Replace it?", default=False):
            out.note(f"Left {target} as it was. `datasheet-wizard render {quoted(session.path)} -o FILE` "
                     "writes the datasheet anywhere.")
            return None
        from wizard.draft import atomic_write
        from wizard.render import render

        try:
            atomic_write(target, render(session, "markdown"))
        except DraftError as exc:
            out.error(str(exc).replace("save the draft", "write the datasheet"))
            return None
        self._written.add(target)
        out.good(f"Wrote {target}.", wrap=False)
        return target

    def offer_exports(self) -> None:
        """Offer the publishing exports when the bank maps answers to them (the default bank does)."""
        session, out = self.session, self.out
        if session.path is None or not any(q.export for q in session.bank.questions):
            return
        from wizard.export.files import EXPORTS, export_path, write_export

        for kind, (label, _suffix) in EXPORTS.items():
            target = export_path(session, kind)
            if not self.ask.confirm(f"Also write the {label} to {target}?", default=False):
                continue
            if target.exists() and target not in self._written and not self.ask.confirm(
                    f"{target} already exists. Replace it?", default=False):
                continue
            ok, message = write_export(session, kind, target)
            if ok:
                self._written.add(target)
                out.good(message, wrap=False)
            else:
                out.error(message)

"""The end of the questionnaire: what is still missing, then writing the datasheet and the exports on request."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wizard.errors import DraftError
from wizard.outputs import default_datasheet_path, needs_consent, write_output
from wizard.plain.printer import quoted

if TYPE_CHECKING:
    from wizard.plain.printer import Printer
    from wizard.plain.prompter import Prompter
    from wizard.session import Session


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


def offer_datasheet(session: Session, out: Printer, ask: Prompter) -> Path | None:
    """Write the datasheet beside the draft, asking first only when that would replace a file we did not write
    (or one changed since we wrote it): the rule of wizard.outputs, the same in the app."""
    if session.path is None:
        return None
    target = default_datasheet_path(session.path)
    if not ask.confirm(f"Write the Markdown datasheet to {target}?", default=True):
        return None
    if not _may_replace(target, ask):
        out.note(f"Left {target} as it was. `datasheet-wizard render {quoted(session.path)} -o FILE` "
                 "writes the datasheet anywhere.")
        return None
    from wizard.render import render

    try:
        write_output(target, render(session, "markdown"))
    except DraftError as exc:
        out.error(str(exc))
        return None
    out.good(f"Wrote {target}.", wrap=False)
    return target


def offer_exports(session: Session, out: Printer, ask: Prompter) -> None:
    """Offer the publishing exports when the bank maps answers to them (the default bank does)."""
    if session.path is None or not any(q.export for q in session.bank.questions):
        return
    from wizard.export.files import EXPORTS, export_path, write_export

    for kind, (label, _suffix) in EXPORTS.items():
        target = export_path(session, kind)
        if not ask.confirm(f"Also write the {label} to {target}?", default=False):
            continue
        if not _may_replace(target, ask):
            continue
        ok, message = write_export(session, kind, target)
        if ok:
            out.good(message, wrap=False)
        else:
            out.error(message)


def _may_replace(target: Path, ask: Prompter) -> bool:
    """Yes for a new file or one we wrote that nobody changed since; otherwise the author decides (No by default)."""
    return not needs_consent(target) or ask.confirm(f"{target} already exists. Replace it?", default=False)

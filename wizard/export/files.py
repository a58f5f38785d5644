"""Writing an export beside the draft, for the front ends (palette, review screen, plain mode's end); UI-free."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wizard.outputs import FORMAT_LABELS, beside_draft

if TYPE_CHECKING:
    from wizard.session import Session

# kind -> (what the author sees, file name suffix beside the draft)
EXPORTS = {kind: (FORMAT_LABELS[kind], suffix) for kind, suffix in (("croissant", ".croissant.json"), ("hf", ".README.md"))}


def export_path(session: Session, kind: str) -> Path:
    """`citybirds.datasheet.toml` -> `citybirds.croissant.json` / `citybirds.README.md`, beside it.

    Never a bare README.md: the draft's folder is often a code repository with its own."""
    return beside_draft(session.path, EXPORTS[kind][1])


def export_text(session: Session, kind: str) -> tuple[str | None, list[str]]:
    """(the file's text, or None when the destination would reject values; the problems, as
    `check --for` words them). Croissant is always written; its gaps are for `check --for`."""
    if kind == "croissant":
        from wizard.export.checks import check_croissant
        from wizard.export.croissant import render_croissant

        return render_croissant(session), check_croissant(session)
    from wizard.export.checks import check_hf
    from wizard.export.hf import ExportRefused, render_hf

    try:
        return render_hf(session), check_hf(session)
    except ExportRefused as exc:
        return None, exc.problems


def write_export(session: Session, kind: str, target: Path | None = None) -> tuple[bool, str]:
    """Write one export; (written, a message for the author naming the file or what to fix)."""
    ok, message = _write(session, kind, target)
    from wizard.untrusted import shown

    return ok, shown(message)  # values from the draft are shown, never obeyed by the terminal


def _write(session: Session, kind: str, target: Path | None) -> tuple[bool, str]:
    from wizard.errors import WizardError
    from wizard.outputs import write_output

    target = target or export_path(session, kind)
    label = EXPORTS[kind][0]
    text, problems = export_text(session, kind)
    if text is None:
        return False, (f"{label} not written: " + "; ".join(problems)
                       + ". Fix these answers, or use `datasheet-wizard render --format hf --allow-invalid`.")
    try:
        write_output(target, text, what=f"the {label}")
    except WizardError as exc:
        return False, str(exc)
    note = f" Still missing for {kind}: {len(problems)} (see `datasheet-wizard check --for {kind}`)." if problems else ""
    return True, f"Wrote {target} ({label}).{note}"

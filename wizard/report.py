"""`check`'s completeness report: per section, what is answered and what is still missing or invalid."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.session import Session


def check_report(session: Session) -> str:
    """The per-section completeness report printed by `check`."""
    progress = session.progress()
    lines = [f"{session.bank.title_for(session.draft.title)} — {progress} questions answered "
             f"({session.bank.title} {session.bank.version})", ""]
    width = max((len(s.title) for s in session.visible_sections()), default=10)
    for section in session.visible_sections():
        sp = session.section_progress(section)
        missing = [q for q in session.visible_in(section) if not session.is_done(q)]
        mark = "✓" if not missing else " "
        lines.append(f"{mark} {section.title.ljust(width)}  {str(sp).rjust(5)}")
        for q in sorted(missing, key=lambda q: not q.required):
            judged = session.verdict(q)
            if judged.problem:
                lines.append(f"      - [invalid] {q.id}: {judged.problem}")
            else:
                tag = "required" if q.required else "optional"
                lines.append(f"      - [{tag}] {q.id}: {q.prompt}")
    required = session.missing(required_only=True)
    invalid = session.invalid()
    lines.append("")
    if required:
        ids = ", ".join(q.id for q in required)
        lines.append(f"Missing {len(required)} required answer{'s' if len(required) != 1 else ''}: {ids}.")
    else:
        lines.append("Every required question is answered.")
    if invalid:
        ids = ", ".join(q.id for q, _ in invalid)
        lines.append(f"{len(invalid)} answer{'s are' if len(invalid) != 1 else ' is'} not valid and count as "
                     f"not answered: {ids}. Fix {'them' if len(invalid) != 1 else 'it'} in the app or the draft.")
    orphans = session.orphans()
    if orphans:
        from wizard.progress import describe_orphans

        lines.append(describe_orphans(orphans))
    if session.bank_changed:
        lines.append("Note: the question bank changed since this draft was last saved.")
    from wizard.untrusted import shown

    return shown("\n".join(lines))


"""The import report: for every question where its answer came from, or that it stayed empty,
and every piece of text kept aside."""

from __future__ import annotations

from wizard.bank import Bank
from wizard.importer.pieces import ImportResult
from wizard.untrusted import shown as safe  # text from the source, with control characters and bidi overrides escaped

_KINDS = {"markdown": "Markdown datasheet", "hf": "Hugging Face README", "croissant": "Croissant file"}


def _snippet(text: str, width: int = 60) -> str:
    one = " ".join(text.split())
    return safe(one if len(one) <= width else one[: width - 1] + "…")


def _problem(question, p) -> str:  # type: ignore[no-untyped-def]
    """What the editors would say is wrong with the answer as imported ("" when nothing)."""
    if p.status in ("na", "unknown") or (p.value is None and not question.type.is_list and not question.format):
        # verdict finds nothing wrong with a mark, nor with text where no value was read and no
        # format applies (tests/core/test_importer_speed.py holds it to that): most of a datasheet
        # is text, and building an Answer to ask cost more than the rest of the report
        return ""
    from wizard.answers import Answer, State, verdict

    value = p.value
    if question.type == "multichoice" and isinstance(value, str):
        value = (value,)
    v = verdict(question, Answer(p.status, p.text, value, p.other))
    return v.problem if v.state is State.INVALID else ""


def render_report(result: ImportResult, bank: Bank, orphan_ids: list[str] | None = None,
                  hidden: dict[str, str] | None = None) -> str:
    answered = {p.question_id: p for p in result.placements}
    lines = [
        f"Import of {safe(str(result.source))} ({_KINDS.get(result.kind, result.kind)}) into "
        f"{safe(bank.title)} {safe(bank.version)}:",
        f"  {len(answered)} of {len(bank.questions)} questions answered from the file, "
        f"{len(result.empty)} asked there but left blank, {len(result.orphans)} piece"
        f"{'s' if len(result.orphans) != 1 else ''} of text kept aside.",
    ]
    if result.title:
        lines.append(f"  Title found: {_snippet(result.title)}")
    width = max((len(q.id) for q in bank.questions), default=10)
    for section in bank.sections:
        lines += ["", section.title]
        for q in section.questions:
            p = answered.get(q.id)
            if p is not None:
                what = {"na": "not applicable", "unknown": "unknown"}.get(p.status, "answered")
                where = f"from {p.piece.lines}"
                note = f" ({safe(p.note)})" if p.note else ""
                problem = _problem(q, p)
                if problem:
                    note += f" — kept as written, but invalid: {safe(problem)}"
                if hidden and q.id in hidden:
                    note += f" — {safe(hidden[q.id])}; kept"
                lines.append(f"  {q.id.ljust(width)}  {what}, {where}{note}")
            elif q.id in result.empty:
                lines.append(f"  {q.id.ljust(width)}  empty (asked at {result.empty[q.id].lines}, no answer)")
            else:
                lines.append(f"  {q.id.ljust(width)}  empty (not in the file)")
    if result.orphans:
        ids = orphan_ids or [f"#{i + 1}" for i in range(len(result.orphans))]
        lines += ["", "Kept aside (no question matched; kept in the draft as orphaned answers, listed by `check`):"]
        for oid, piece in zip(ids, result.orphans):
            under = f' under "{_snippet(piece.label, 40)}"' if piece.label else ""
            lines.append(f"  {oid}  {piece.lines}{under}: {_snippet(piece.text)}")
    for note in result.notes:
        lines.append(f"Note: {safe(note)}")
    return "\n".join(lines)

"""Putting placed answers into a session through its editing methods, so the editors' rules apply."""

from __future__ import annotations

from pathlib import Path

from wizard.draft import Answer
from wizard.importer.pieces import Piece, Placement
from wizard.session import Session


def apply_placement(session: Session, p: Placement) -> None:
    if p.status == "na":
        session.mark_na(p.question_id, p.text)
    elif p.status == "unknown":
        session.mark_unknown(p.question_id, p.text)
    elif p.value is not None:
        session.set_value(p.question_id, p.value, p.text)
    else:
        session.set_text(p.question_id, p.text)


def keep_orphan(session: Session, orphan_id: str, piece: Piece, source: Path) -> None:
    """Text that fits no question: kept in the draft under an id the bank does not have."""
    extra = {"imported_from": f"{source.name}, {piece.lines}"}
    if piece.label:
        extra["heading"] = piece.label
    session.set_answer(orphan_id, Answer("answered", piece.text, None, extra))

"""Putting placed answers into a session through the author's own edits (write_text, choose, tick,
mark, ...), so wizard.answers applies the same rules as the editors."""

from __future__ import annotations

from pathlib import Path

from wizard.answers import Answer, EditError, Status
from wizard.bank import QuestionType
from wizard.importer.pieces import Piece, Placement
from wizard.session import Session


def apply_placement(session: Session, p: Placement) -> None:
    qid = p.question_id
    question = session.bank.question(qid)
    if question is None:
        raise KeyError(qid)
    if p.status != "answered":
        session.mark(qid, Status(p.status), p.text)
        return
    if not question.type.is_list:
        session.write_text(qid, p.text)
        return
    if p.value is not None:
        try:
            if question.type is QuestionType.MULTICHOICE:
                session.tick(qid, p.value if isinstance(p.value, tuple) else (p.value,))
            else:
                session.choose(qid, p.value if isinstance(p.value, str) else ", ".join(p.value))
        except EditError:
            if question.type is QuestionType.CHOICE and question.other and isinstance(p.value, str):
                session.choose_other(qid, p.value)
            else:
                # not an option: kept as written, never dropped; check and the editors flag it
                session.set_answer(qid, Answer(Status.ANSWERED, "", p.value))
    if p.other:
        if question.other:
            session.choose_other(qid, p.other)
        else:
            old = session.answer(qid) or Answer()
            session.set_answer(qid, Answer(old.status, old.text, old.value, p.other, old.extra))
    if p.text:
        session.explain(qid, p.text)


def keep_orphan(session: Session, orphan_id: str, piece: Piece, source: Path) -> None:
    """Text that fits no question: kept in the draft under an id the bank does not have."""
    extra = {"imported_from": f"{source.name}, {piece.lines}"}
    if piece.label:
        extra["heading"] = piece.label
    session.set_answer(orphan_id, Answer(Status.ANSWERED, piece.text, None, "", extra))

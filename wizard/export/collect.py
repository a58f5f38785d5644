"""What each export target receives: the visible, valid answers of the questions that name it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.bank import Question
    from wizard.session import Session


class Piece:
    """One question's contribution to one export target (a plain class: imported by every export)."""

    __slots__ = ("question", "state", "values", "note", "text")

    def __init__(self, question: Question, state: str, values: tuple[str, ...], note: str, text: str) -> None:
        self.question = question
        self.state = state  # answered | na | unknown
        self.values = values  # chosen option(s) incl. the author's own; a line/text answer's text
        self.note = note  # explanation (choice, multichoice, yesno) or reason (na, unknown)
        self.text = text  # the whole answer as one piece of prose


def exports_of(question: Question) -> dict[str, str]:
    export = getattr(question, "export", None) or {}
    return dict(export)


def state_of(session: Session, question: Question) -> tuple[str, str]:
    """(state, problem) with state in answered | na | unknown | unanswered | invalid."""
    verdict = getattr(session, "verdict", None)
    if verdict is not None:
        v = verdict(question)
        return str(v.state), str(getattr(v, "problem", "") or "")
    answer = session.answer(question.id)
    if answer is None or answer.is_empty:
        return "unanswered", ""
    if answer.status in ("na", "unknown"):
        return str(answer.status), ""
    return "answered", ""


def _values(question: Question, answer: Any) -> tuple[str, ...]:
    qtype = str(question.type)
    other = str(getattr(answer, "other", "") or "").strip()
    if qtype in ("text", "line"):
        text = (answer.text or "").strip()
        return (text,) if text else ()
    value = answer.value
    if qtype == "multichoice":
        chosen = tuple(value) if isinstance(value, (tuple, list)) else ((value,) if value else ())
        return chosen + ((other,) if other else ())
    if qtype == "choice" and other and not value:
        return (other,)
    return (str(value),) if value else ()


def piece(session: Session, question: Question, *, include_invalid: bool = False) -> Piece | None:
    """The exportable form of one answer, or None when it is hidden, unanswered or (unless asked
    for) invalid; an invalid answer taken anyway is exported as written."""
    if not session.is_visible(question):
        return None
    state, _problem = state_of(session, question)
    if state == "invalid" and include_invalid:
        state = "answered"
    if state not in ("answered", "na", "unknown"):
        return None
    answer = session.answer(question.id)
    if answer is None:
        return None
    qtype = str(question.type)
    if state != "answered":
        note = (answer.text or "").strip()
        head = f"{answer.status.label}."
        return Piece(question, state, (), note, f"{head} {note}".strip())
    values = _values(question, answer)
    if qtype in ("text", "line"):
        return Piece(question, state, values, "", values[0] if values else "")
    note = (answer.text or "").strip()
    if qtype == "yesno":
        head = {"yes": "Yes.", "no": "No."}.get(values[0] if values else "", values[0] if values else "")
    else:
        head = ", ".join(values)
        if head and note and head[-1] not in ".!?:":
            head += "."  # a chosen option reads as the first sentence of the explanation
    return Piece(question, state, values, note, "\n\n".join(p for p in (head, note) if p))


def collect(session: Session, destination: str, *, include_invalid: bool = False) -> dict[str, list[Piece]]:
    """Target name -> the pieces that feed it, in bank order."""
    out: dict[str, list[Piece]] = {}
    for question in session.bank.questions:
        target = exports_of(question).get(destination)
        if not target:
            continue
        p = piece(session, question, include_invalid=include_invalid)
        if p is not None and (p.values or p.note or p.state != "answered"):
            out.setdefault(target, []).append(p)
    return out


def targeted(session: Session, destination: str) -> dict[str, list[Question]]:
    """Target name -> every visible question that names it (answered or not), for the checks."""
    out: dict[str, list[Question]] = {}
    for question in session.bank.questions:
        target = exports_of(question).get(destination)
        if target and session.is_visible(question):
            out.setdefault(target, []).append(question)
    return out


def raw_values(session: Session, question: Question) -> tuple[str, ...]:
    """The option(s) an answer names as written (valid or not), for vocabulary checks."""
    answer = session.answer(question.id)
    if answer is None or str(getattr(answer, "status", "answered")) != "answered":
        return ()
    value = answer.value
    if isinstance(value, (tuple, list)):
        return tuple(str(v) for v in value)
    return (str(value),) if value else ()

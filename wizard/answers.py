"""What an answer is, per question type: its parts, its verdict, and the edits an author can make.

Both front ends ask and show; only this module decides what an edit means. An answer has a
status (answered, not applicable, unknown) and up to three parts whose meaning depends on the
question's type:

- `text`: the answer of a text or line question; the explanation of a choice, multichoice or
  yes/no answer; the reason of a not-applicable or unknown mark.
- `value`: the chosen option (choice, yes/no: a string; multichoice: a tuple in bank order).
- `other`: the author's own option (questions with `other = true`): for a choice it stands in
  place of `value`; for a multichoice it stands beside the ticked options.

A stored value that is not an option is never dropped and never silently accepted: a case-only
difference is normalised ("Yes" -> "yes"); anything else is kept as written and judged
`invalid`, which counts as not answered everywhere (progress, `check`, `when`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from enum import StrEnum
from typing import Any

from wizard.bank import Question, QuestionType


class Status(StrEnum):
    """What the author said about a question: an answer, or one of the two marks."""

    ANSWERED = "answered"
    NA = "na"
    UNKNOWN = "unknown"

    @property
    def is_mark(self) -> bool:
        return self is not Status.ANSWERED

    @property
    def label(self) -> str:
        """How the mark reads to the author and in the document."""
        return {Status.NA: "Not applicable", Status.UNKNOWN: "Unknown"}.get(self, "Answered")


class State(StrEnum):
    """A question's standing, as progress, `check`, `when`, the outline and the JSON output see it."""

    ANSWERED = "answered"
    NA = "na"
    UNKNOWN = "unknown"
    UNANSWERED = "unanswered"
    INVALID = "invalid"

    @property
    def done(self) -> bool:
        return self in (State.ANSWERED, State.NA, State.UNKNOWN)


Value = str | tuple[str, ...] | None


@dataclass(frozen=True)
class Answer:
    """One question's answer as stored in the draft (see the module's docstring for the parts)."""

    status: Status = Status.ANSWERED
    text: str = ""
    value: Value = None
    other: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if type(self.status) is not Status:  # "na" from a script or a test reads as Status.NA
            object.__setattr__(self, "status", Status(self.status))

    @property
    def is_empty(self) -> bool:
        """Nothing the author wrote or chose: such an answer is not stored at all."""
        # isspace() stops at the first letter; strip() would copy a megabyte answer on every key press
        return (
            self.status is Status.ANSWERED
            and (not self.text or self.text.isspace())
            and not self.value
            and (not self.other or self.other.isspace())
        )

    @property
    def chosen(self) -> tuple[str, ...]:
        """The chosen values as a tuple, whatever the stored shape."""
        if self.value is None:
            return ()
        return self.value if isinstance(self.value, tuple) else (self.value,)


# Read by its fields, never compared or printed whole: no generated __eq__/__repr__, which would be
# code compiled on every start.
@dataclass(frozen=True, eq=False, repr=False)
class Verdict:
    """Where an answer stands (answered, na, unknown, unanswered, invalid), and what is wrong when invalid."""

    state: State
    problem: str = ""  # for `invalid`: what is wrong, in the author's words

    @property
    def done(self) -> bool:
        return self.state.done


UNANSWERED = Verdict(State.UNANSWERED)
_VERDICT_OF_MARK = {Status.NA: Verdict(State.NA), Status.UNKNOWN: Verdict(State.UNKNOWN)}
_ANSWERED = Verdict(State.ANSWERED)


# --------------------------------------------------------------------------- judging


def verdict(question: Question, answer: Answer | None) -> Verdict:
    """The one judgement of an answer that every front end, `check`, `render` and `when` share."""
    if answer is None or answer.is_empty:
        return UNANSWERED
    if answer.status.is_mark:
        return _VERDICT_OF_MARK[answer.status]
    if not question.type.is_list:
        if answer.value is not None and not answer.text.strip():
            return Verdict(State.INVALID, f"holds the choice {_show_value(answer.value)}, but this question "
                           "takes written text (the bank changed its type); type the answer again")
        if question.type is QuestionType.LINE and question.format:
            problem = format_problem(question.format, answer.text)
            if problem:
                return Verdict(State.INVALID, problem)
        if not answer.text.strip():
            return UNANSWERED
        return _ANSWERED
    options = question.options
    own = answer.other.strip()
    if own and not question.other:
        return Verdict(State.INVALID, f'holds an answer of the author\'s own ("{_short(own)}"), but this question '
                       "offers no Other option; pick one of the options")
    if question.type is QuestionType.MULTICHOICE:
        chosen = answer.chosen
    else:
        if isinstance(answer.value, tuple):
            if len(answer.value) > 1:
                return Verdict(State.INVALID, f"holds several choices ({_show_value(answer.value)}), but this "
                               "question takes one; pick one")
        chosen = answer.chosen
        if chosen and own:
            return Verdict(State.INVALID, "holds both a listed option and an answer of the author's own; keep one")
    if not chosen and not own:
        return UNANSWERED  # an explanation alone: kept, but no choice was made
    if options:
        allowed = _option_set(question)
        wrong = [v for v in chosen if v not in allowed]
        if wrong:
            listed = ", ".join(f'"{_short(v)}"' for v in wrong)
            return Verdict(State.INVALID, f"{listed} {'is' if len(wrong) == 1 else 'are'} not one of the options"
                           f"{_options_hint(options)}; pick again")
    return _ANSWERED


def _options_hint(options: tuple[str, ...]) -> str:
    if len(options) > 8:
        return ""
    return " (" + ", ".join(options) + ")"


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _show_value(value: Value) -> str:
    return ", ".join(f'"{_short(v)}"' for v in (value if isinstance(value, tuple) else (value or "",)))


# Patterns, not compiled ones: `re.match` compiles each the first time an answer of its format is
# judged (and keeps it), so loading the core compiles none of them and an import only those it meets.
_URL = r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/?#]+[^\s]*$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_INTEGER = r"^[+-]?\d+$"


def format_problem(fmt: str, text: str) -> str:
    """Why `text` is not a valid `fmt` (url, date, integer, email), or "" when it is (or is empty)."""
    value = text.strip()
    if not value:
        return ""
    if fmt == "url":
        ok = bool(re.match(_URL, value)) and value.split(":", 1)[0].lower() in ("http", "https", "ftp", "doi", "s3", "gs", "hf")
        return "" if ok else f'"{_short(value)}" is not a web address; write it in full, like https://example.org/data'
    if fmt == "email":
        return "" if re.match(_EMAIL, value) else f'"{_short(value)}" is not an e-mail address, like name@example.org'
    if fmt == "integer":
        digits = value.replace(",", "").replace("_", "")
        return "" if re.match(_INTEGER, digits) else f'"{_short(value)}" is not a whole number, like 60000'
    if fmt == "date":
        if re.match(_DATE, value):
            try:
                dt.date.fromisoformat(value)
                return ""
            except ValueError:
                pass
        return f'"{_short(value)}" is not a date written YYYY-MM-DD, like 2026-11-29'
    return ""


def normalise(question: Question, answer: Answer) -> Answer:
    """Fix case-only differences from an option ("Yes" -> "yes"); leave anything else as written."""
    if not question.type.is_list or answer.value is None:
        return answer
    if not question.options:
        return answer
    allowed = _option_set(question)
    if all(v in allowed for v in answer.chosen) and (question.type is QuestionType.MULTICHOICE) == isinstance(
            answer.value, tuple) and (not isinstance(answer.value, tuple) or _in_bank_order(question, answer.value)
                                      == answer.value):
        return answer  # the common case: nothing to fix, and no table of folded spellings to build

    def fix(v: str) -> str:
        return v if v in allowed else _folded_options(question).get(v.strip().casefold(), v)

    if isinstance(answer.value, tuple):
        fixed: Value = tuple(fix(v) for v in answer.value)
        if question.type is QuestionType.MULTICHOICE:
            fixed = _in_bank_order(question, fixed)
    else:
        fixed = fix(answer.value)
        if question.type is QuestionType.MULTICHOICE:
            fixed = (fixed,)
    return answer if fixed == answer.value else replace(answer, value=fixed)


@lru_cache(maxsize=4096)
def _option_set(question: Question) -> frozenset[str]:
    """A question's options as a set (a vocabulary has thousands); questions hash by identity."""
    return frozenset(question.options)


@lru_cache(maxsize=4096)
def _folded_options(question: Question) -> dict[str, str]:
    return {o.casefold(): o for o in question.options}


def migrate_format_1(question: Question, answer: Answer) -> Answer:
    """A format-1 answer in format 2's shape, with nothing lost.

    Format 1 kept a choice's own option in `text` (with no `value`), and a multichoice's own
    option in `text`; any other text was the explanation and stays one.
    """
    if answer.status is not Status.ANSWERED or answer.other:
        return answer
    if question.type is QuestionType.CHOICE and answer.value is None and answer.text:
        return replace(answer, other=answer.text, text="")
    if question.type is QuestionType.MULTICHOICE and question.other and answer.text:
        return replace(answer, other=answer.text, text="")
    return answer


@lru_cache(maxsize=4096)
def _positions(question: Question) -> dict[str, int]:
    return {o: i for i, o in enumerate(question.options)}


def _in_bank_order(question: Question, values: tuple[str, ...]) -> tuple[str, ...]:
    order = _positions(question)
    known = sorted((v for v in values if v in order), key=order.__getitem__)
    return tuple(dict.fromkeys([*known, *(v for v in values if v not in order)]))


# --------------------------------------------------------------------------- edits
#
# Each edit takes the question and the stored answer and returns the answer to store (None:
# nothing left). They are the only way a front end changes an answer.


class EditError(ValueError):
    """An edit that does not fit the question (a value that is not an option, a wrong type)."""


def _base(old: Answer | None) -> Answer:
    """The answer an edit starts from: a mark gives way to an answer (its reason does not carry over)."""
    if old is None or old.status.is_mark:
        return Answer(extra=old.extra if old is not None else {})
    return old


def _result(answer: Answer) -> Answer | None:
    return None if answer.is_empty and not answer.extra else answer


def write_text(question: Question, old: Answer | None, text: str) -> Answer | None:
    """The author typed the answer of a text or line question (or, on a list, its explanation).

    Emptying the box of a marked question keeps the mark: the mark was not made by typing.
    """
    if question.type.is_list:
        return explain(question, old, text)
    if old is not None and old.status.is_mark and not text.strip():
        return old
    base = _base(old)
    return _result(replace(base, text=text))


def choose(question: Question, old: Answer | None, value: str) -> Answer | None:
    """Pick one listed option of a choice or yes/no question; an own option is cleared, the explanation kept."""
    if question.type not in (QuestionType.CHOICE, QuestionType.YESNO):
        raise EditError(f"{question.id} is a {question.type} question; choose() is for choice and yes/no")
    if not question.options or value in _option_set(question):
        picked: str | None = value
    else:  # the same case-only leniency as normalise
        picked = _folded_options(question).get(value.strip().casefold())
    if picked is None:
        raise EditError(f'"{value}" is not one of the options of {question.id}')
    base = _base(old)
    return _result(replace(base, value=picked, other=""))


def choose_other(question: Question, old: Answer | None, text: str) -> Answer | None:
    """The author's own option: for a choice it replaces the listed one; for a multichoice it stands beside."""
    if not question.other:
        raise EditError(f"{question.id} offers no Other option")
    base = _base(old)
    own = " ".join(text.split("\n"))
    if question.type is QuestionType.CHOICE:
        return _result(replace(base, value=None, other=own))
    return _result(replace(base, other=own))


def tick(question: Question, old: Answer | None, values: tuple[str, ...] | list[str]) -> Answer | None:
    """The ticked options of a multichoice question (kept in bank order); own option and explanation stay."""
    if question.type is not QuestionType.MULTICHOICE:
        raise EditError(f"{question.id} is a {question.type} question; tick() is for multichoice")
    allowed = _option_set(question)
    wrong = [v for v in values if allowed and v not in allowed]
    if wrong:
        raise EditError(f'"{wrong[0]}" is not one of the options of {question.id}')
    base = _base(old)
    picked = _in_bank_order(question, tuple(values))
    return _result(replace(base, value=picked or None))


def explain(question: Question, old: Answer | None, text: str) -> Answer | None:
    """The free-text explanation beside a choice, multichoice or yes/no answer."""
    if not question.type.is_list:
        return write_text(question, old, text)
    if old is not None and old.status.is_mark and not text.strip():
        return old
    base = _base(old)
    return _result(replace(base, text=text))


def mark(question: Question, old: Answer | None, status: Status, reason: str = "") -> Answer | None:
    """Not applicable or unknown, with an optional reason (the reason is the answer's `text`)."""
    if not status.is_mark:
        raise EditError("mark() takes Status.NA or Status.UNKNOWN")
    return Answer(status, reason.strip("\n"), extra=old.extra if old is not None else {})


def clear(question: Question, old: Answer | None) -> Answer | None:
    """Nothing: the question is unanswered again (unknown keys of the old answer stay)."""
    if old is not None and old.extra:
        return Answer(extra=old.extra)
    return None

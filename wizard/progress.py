"""How far a draft has come: answered questions out of visible ones, and the answers no question holds.

Its own module because only the front ends, `check` and the report ask: an import or a render
never does, and each dataclass here is generated code compiled at every start that loads it
(some 4 M instructions for the two). wizard.session imports it when first asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.answers import Answer
    from wizard.session import Session


# Progress and Orphan generate no __eq__/__repr__ (more code compiled at start): they are read
# field by field (and Progress as str), never compared or printed whole.
@dataclass(frozen=True, eq=False, repr=False)
class Progress:
    """Answered visible questions out of all visible ones."""

    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0

    def __str__(self) -> str:
        return f"{self.done}/{self.total}"


@dataclass(frozen=True, eq=False, repr=False)
class Orphan:
    """An answer no question of the bank holds: text an import could not place, or an answer whose
    question left the bank. Kept in the draft and shown, never dropped."""

    id: str
    answer: Answer

    @property
    def imported(self) -> bool:
        return "imported_from" in self.answer.extra


def describe_orphans(orphans: list[Orphan]) -> str:
    """One sentence on the kept answers, the same in `check`, plain mode and the app."""
    imported = [o.id for o in orphans if o.imported]
    left = [o.id for o in orphans if not o.imported]
    parts = []
    if imported:
        parts.append(f"{len(imported)} piece{'s' if len(imported) != 1 else ''} of imported text no question "
                     f"matched ({', '.join(imported)})")
    if left:
        parts.append(f"{len(left)} answer{'s' if len(left) != 1 else ''} whose question{'s are' if len(left) != 1 else ' is'} "
                     f"no longer in the bank ({', '.join(left)})")
    return "Kept " + " and ".join(parts) + ". They stay in the draft untouched." if parts else ""


def count(session: Session) -> tuple[Progress, dict[str, Progress]]:
    """Overall and per-section progress of the session's visible questions (Session caches it)."""
    done: dict[str, int] = {}
    total: dict[str, int] = {}
    for q in session.visible_questions():
        total[q.section_id] = total.get(q.section_id, 0) + 1
        if session.is_done(q):
            done[q.section_id] = done.get(q.section_id, 0) + 1
    per_section = {sid: Progress(done.get(sid, 0), n) for sid, n in total.items()}
    return Progress(sum(done.values()), sum(total.values())), per_section


def orphans(session: Session) -> list[Orphan]:
    """The draft's answers that no question of the session's bank holds, in the draft's order."""
    return [Orphan(qid, a) for qid, a in session.draft.answers.items() if session.bank.question(qid) is None]

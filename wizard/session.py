"""The question-by-question session that both front ends drive: position, visibility, answers, saving."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from wizard import answers as rules
from wizard.answers import Answer, State, Status, Verdict
from wizard.bank import Bank, Question, QuestionType, Section, find_bank
from wizard.draft import DiskStamp, Draft, DraftLock, clean_text, load_draft, now, relative_bank_path
from wizard.draft_writer import DraftWriter, save_draft
from wizard.errors import BankError, DraftError, DraftLockedError

if TYPE_CHECKING:
    import datetime as dt

    from wizard.progress import Orphan, Progress

# Autosave: write after this much quiet, and never later than MAX_WAIT after the first change.
DEBOUNCE = 0.4
MAX_WAIT = 0.9

# A question's standing as the outline and the review show it: the answer's verdict, except that
# a required question without an answer is "missing".
STATE_ANSWERED = State.ANSWERED
STATE_NA = State.NA
STATE_UNKNOWN = State.UNKNOWN
STATE_INVALID = State.INVALID
STATE_EMPTY = State.UNANSWERED
STATE_MISSING = "missing"  # required and not answered


def resolve_bank_for(draft: Draft, draft_path: Path | None) -> Bank:
    """The bank a draft was written against: by `bank_path` when set, else by bundled id."""
    if draft.bank_path:
        base = draft_path.resolve().parent if draft_path is not None else None  # a symlinked draft: its target's folder
        try:
            return find_bank(draft.bank_path, base=base)
        except BankError as exc:
            if exc.problems and exc.problems[0].message == "no such file.":
                raise BankError.one(
                    exc.path,
                    f"the draft's bank file is missing (bank_path = \"{draft.bank_path}\"). Move the bank back, "
                    "or edit bank_path in the draft to where it is now.",
                ) from None
            raise
    return find_bank(draft.bank_id)


def _standing(question: Question | None, answer: Answer | None) -> object:
    """What progress and visibility see of an answer besides its words: its verdict."""
    if question is None:
        return ("orphan", answer is None)
    return rules.verdict(question, answer).state


class Session:
    """Holds the bank, the draft's answers and the author's place; knows nothing of screens."""

    def __init__(
        self,
        bank: Bank,
        draft: Draft,
        path: Path | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bank = bank
        self.draft = draft
        self.path = path
        self.clock = clock
        self.read_only = False
        self.read_only_reason = ""
        self.bank_changed = bool(draft.bank_sha256 and bank.sha256 and draft.bank_sha256 != bank.sha256)
        self.bank_version_changed = bool(draft.bank_version and draft.bank_version != bank.version)
        self._order = tuple(q.id for q in bank.questions)
        self._writer = DraftWriter()
        self._lock: DraftLock | None = None
        self._stamp: DiskStamp | None = DiskStamp.of(path) if path else None
        self._first_change: float | None = None
        self._last_change: float | None = None
        self.revision = 0
        self.saved_revision = 0
        # the place last written to the state folder, (question id, last edit): see remember_place
        self._remembered: tuple[str, dt.datetime] | None = None
        self.last_error = ""
        # Bumped when an answer changes what is visible or counted as done: moves never do, and
        # typing only does when it empties or fills an answer, or edits one a `when` rule reads.
        self._answers_revision = 0
        self._condition_targets = frozenset(
            c.question for c in (*(s.when for s in bank.sections), *(q.when for q in bank.questions)) if c is not None)
        self._visible_cache: tuple[int, tuple[Question, ...], dict[str, int], tuple[Section, ...]] | None = None
        self._bank_place = {qid: i for i, qid in enumerate(self._order)}
        self._progress_cache: tuple[int, Progress, dict[str, Progress]] | None = None
        if not draft.bank_id:
            draft.bank_id = bank.id
        self._adopt_answers(draft)
        start = draft.current
        if self._stamp is not None:  # a file on disk: a new draft (Session.create) has no place to read yet
            from wizard.places import read_place

            place = read_place(path)
            if place is not None:
                start, draft.updated = place.current, place.updated
            elif not draft.legacy_place:
                draft.updated = _modified(path) or draft.updated
        self.current: Question = self._nearest_visible(bank.question(start) or bank.questions[0])

    def _adopt_answers(self, draft: Draft) -> None:
        """Bring answers read from the file into today's shape, in memory only (the file changes
        with the author's next edit): format 1's own options move to `other`, and case-only
        differences from an option are normalised."""
        for qid, answer in list(draft.answers.items()):
            question = self.bank.question(qid)
            if question is None:
                continue
            if draft.format == 1:
                answer = rules.migrate_format_1(question, answer)
            draft.answers[qid] = rules.normalise(question, answer)

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, lock: bool = True) -> Session:
        """Open a draft and its bank; a draft held by another process opens read-only."""
        path = Path(path)
        stamp = DiskStamp.of(path)  # before reading: a write after it shows as a change, never as ours
        draft = load_draft(path)
        bank = resolve_bank_for(draft, path)
        session = cls(bank, draft, path)
        session._stamp = stamp
        if draft.legacy_place:
            session.remember_place()  # format 1 kept it in the file; from now on the state folder does
        if lock:
            session.lock()
        return session

    @classmethod
    def create(cls, bank: Bank, title: str, path: Path, *, lock: bool = True,
               answers: Mapping[str, Answer] | None = None) -> Session:
        """Start a new draft at `path` and write it at once; refuses to overwrite an existing file.

        `answers` (an import's, a prefill's) go in before that first write, so the file is written once."""
        path = Path(path)
        if path.exists():
            raise DraftError(f"{path} already exists. Resume it with `datasheet-wizard resume {path}`, or choose another --draft.")
        draft = Draft(title=clean_text(title).strip(), bank_id=bank.id, bank_version=bank.version, path=path)
        if not bank.bundled and bank.path is not None:
            draft.bank_path = relative_bank_path(bank.path, path)
        draft.bank_sha256 = bank.sha256
        session = cls(bank, draft, path)
        if lock:
            session.lock()
        for qid, answer in (answers or {}).items():
            session.set_answer(qid, answer)
        session._first_change = session._last_change = session.clock()
        session.revision = 1
        try:
            session.save()
        except BaseException:
            if session._lock is not None:  # the draft was never written: leave no lock file behind
                session._lock.release()
                session._lock = None
            raise
        return session

    def lock(self) -> None:
        if self.path is None:
            return
        self._lock = DraftLock(self.path)
        try:
            self._lock.acquire()
        except DraftLockedError as exc:
            self._lock = None
            self.read_only = True
            self.read_only_reason = str(exc)

    def close(self) -> None:
        """Save what is pending, remember where the author stood, and let go of the lock."""
        try:
            if self.dirty:
                self.save()
            self.remember_place()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    # ------------------------------------------------------------------ visibility

    def answer(self, question_id: str) -> Answer | None:
        return self.draft.answers.get(question_id)

    def is_visible(self, question: Question) -> bool:
        return question.id in self._visible()[1]

    def visible_questions(self) -> tuple[Question, ...]:
        return self._visible()[0]

    @property
    def standing_revision(self) -> int:
        """Changes whenever what is visible, answered or marked may have changed (not with every word)."""
        return self._answers_revision

    def _visible(self) -> tuple[tuple[Question, ...], dict[str, int]]:
        """Visible questions and each one's place, recomputed only when an answer changed."""
        cached = self._visible_cache
        if cached is not None and cached[0] == self._answers_revision:
            return cached[1], cached[2]
        return self._compute_visible()[:2]

    def _compute_visible(self) -> tuple[tuple[Question, ...], dict[str, int], tuple[Section, ...]]:
        visible: list[Question] = []
        shown: set[str] = set()
        for section in self.bank.sections:
            if section.when is not None and not self._holds_given(section.when, shown):
                continue
            for q in section.questions:
                if q.when is None or self._holds_given(q.when, shown):
                    visible.append(q)
                    shown.add(q.id)
        result = tuple(visible)
        places = {q.id: i for i, q in enumerate(result)}
        sections = tuple(s for s in self.bank.sections if s.id in {q.section_id for q in result})
        self._visible_cache = (self._answers_revision, result, places, sections)
        return result, places, sections

    def _holds_given(self, cond, shown: set[str]) -> bool:  # type: ignore[no-untyped-def]
        if cond.question not in shown:
            return False
        target = self.bank.question(cond.question)
        answer = self.answer(cond.question)
        if target is None or answer is None or rules.verdict(target, answer).state is not State.ANSWERED:
            return cond.holds(None, False)  # unanswered, marked or invalid: not answered for `when`
        if not target.type.is_list:
            value: str | tuple[str, ...] | None = answer.text
        elif target.type is QuestionType.MULTICHOICE:
            value = answer.chosen + ((answer.other,) if answer.other else ())
        else:
            value = answer.value if answer.value is not None else answer.other
        return cond.holds(value, True)

    def visible_in(self, section: Section) -> tuple[Question, ...]:
        return tuple(q for q in self.visible_questions() if q.section_id == section.id)

    def visible_sections(self) -> tuple[Section, ...]:
        cached = self._visible_cache
        if cached is not None and cached[0] == self._answers_revision:
            return cached[3]
        return self._compute_visible()[2]

    def section_of(self, question: Question) -> Section:
        section = self.bank.section(question.section_id)
        assert section is not None
        return section

    # ------------------------------------------------------------------ moving

    def _nearest_visible(self, question: Question) -> Question:
        visible = self.visible_questions()
        if not visible:
            return question
        if self.is_visible(question):
            return question
        import bisect  # only for a question a `when` rule hides: opening a session rarely needs it

        places = [self._bank_place[q.id] for q in visible]
        i = bisect.bisect_left(places, self._bank_place[question.id])
        return visible[min(i, len(visible) - 1)]

    def _place(self, question: Question) -> int | None:
        return self._visible()[1].get(question.id)

    def position(self) -> int:
        """1-based place of the current question among the visible ones."""
        place = self._place(self.current)
        return place + 1 if place is not None else 0

    def go(self, question_id: str) -> Question:
        question = self.bank.question(question_id)
        if question is None:
            raise KeyError(question_id)
        self.current = question if self.is_visible(question) else self._nearest_visible(question)
        self._moved()
        return self.current

    def next(self) -> bool:
        """Move to the next visible question; False at the end."""
        visible = self.visible_questions()
        i = self._place(self.current)
        if i is None:
            self.current = self._nearest_visible(self.current)
            self._moved()
            return True
        if i + 1 >= len(visible):
            return False
        self.current = visible[i + 1]
        self._moved()
        return True

    def previous(self) -> bool:
        visible = self.visible_questions()
        if self._place(self.current) is None:
            self.current = self._nearest_visible(self.current)
        i = self._place(self.current) or 0
        if i == 0:
            return False
        self.current = visible[i - 1]
        self._moved()
        return True

    @property
    def at_end(self) -> bool:
        visible = self.visible_questions()
        return bool(visible) and self.current == visible[-1]

    @property
    def at_start(self) -> bool:
        visible = self.visible_questions()
        return bool(visible) and self.current == visible[0]

    def _moved(self) -> None:
        # Where the author stands is theirs, not the document's: it goes to the state folder
        # (remember_place) and never makes the draft file change.
        self.draft.current = self.current.id

    def remember_place(self, *, now: bool = True) -> None:
        """Record where the author stands and when they last edited, in the state folder.

        `save()` calls this with now=False after every write (plain mode saves after each answer):
        then the record is rewritten only when the author stands on another question or a minute
        of editing has passed (each record is an fsync'd write). Closing always records it.
        """
        if self.path is None:
            return
        from wizard.statefiles import write_place  # from plain values: no Place is created to write one

        place = (self.current.id, self.draft.updated)
        last = self._remembered
        if not now and last is not None and last[0] == place[0] and (place[1] - last[1]).total_seconds() < 60:
            return
        write_place(self.path, *place)
        self._remembered = place

    # ------------------------------------------------------------------ answering

    def set_answer(self, question_id: str, answer: Answer | None) -> None:
        """Store an answer as it is (None or an empty answer removes it); keeps unknown keys of the old one.

        Front ends do not call this: they say what the author did (write_text, choose, ...), and
        wizard.answers decides what that means for the stored answer.
        """
        if self.read_only:
            return
        old = self.draft.answers.get(question_id)
        if answer is not None and answer.is_empty and not answer.extra and (old is None or not old.extra):
            answer = None
        if answer is not None:
            text, other = clean_text(answer.text), clean_text(answer.other)
            extra = answer.extra or (old.extra if old is not None and old.extra else answer.extra)
            # clean_text returns its argument when there is nothing to clean: then the answer is
            # stored as given, not copied (dataclasses.replace walks every field, on each edit)
            if text is not answer.text or other is not answer.other or extra is not answer.extra:
                answer = replace(answer, text=text, other=other, extra=extra)
        if old == answer and (old is None or answer is None or old.extra == answer.extra):
            return
        if answer is None:
            self.draft.answers.pop(question_id, None)
        else:
            self.draft.answers[question_id] = answer
        if self._standing_may_change(question_id, old, answer):
            self._answers_revision += 1
        self._changed()

    def _standing_may_change(self, question_id: str, old: Answer | None, new: Answer | None) -> bool:
        """Whether replacing `old` by `new` may change what is visible or counted as done.

        An answer that appears or goes says yes without being judged: judging compiles the pattern
        of a line's format (url, integer: 1 M instructions), which nothing else an import does needs.
        Only an answer stored yet counted as unanswered (an explanation alone) is then a needless yes:
        what is visible and counted is worked out again, the same."""
        if old is None or new is None or question_id in self._condition_targets:
            return True
        question = self.bank.question(question_id)
        return _standing(question, old) != _standing(question, new)

    # What the author did, in their words. Each returns nothing; the session stores what
    # wizard.answers says the edit means (rules.EditError for an edit that does not fit).

    def _edit(self, question_id: str, edit, *args) -> None:  # type: ignore[no-untyped-def]
        question = self.bank.question(question_id)
        if question is None:
            raise KeyError(question_id)
        self.set_answer(question_id, edit(question, self.answer(question_id), *args))

    def write_text(self, question_id: str, text: str) -> None:
        """Typed into a text or line answer (on a list question: into its explanation)."""
        self._edit(question_id, rules.write_text, text)

    def choose(self, question_id: str, value: str) -> None:
        """Picked a listed option of a choice or yes/no question."""
        self._edit(question_id, rules.choose, value)

    def choose_other(self, question_id: str, text: str) -> None:
        """Wrote their own option (choice: in place of a listed one; multichoice: beside the ticks)."""
        self._edit(question_id, rules.choose_other, text)

    def tick(self, question_id: str, values: tuple[str, ...] | list[str]) -> None:
        """Ticked these options of a multichoice question."""
        self._edit(question_id, rules.tick, tuple(values))

    def explain(self, question_id: str, text: str) -> None:
        """Wrote the explanation beside a choice, multichoice or yes/no answer."""
        self._edit(question_id, rules.explain, text)

    def mark(self, question_id: str, status: Status, reason: str = "") -> None:
        """Marked not applicable or unknown, with an optional reason."""
        self._edit(question_id, rules.mark, status, reason)

    def clear(self, question_id: str) -> None:
        """Emptied the answer: the question is unanswered again."""
        self._edit(question_id, rules.clear)

    def verdict(self, question: Question) -> Verdict:
        return rules.verdict(question, self.answer(question.id))

    def state_of(self, question: Question) -> str:
        state = self.verdict(question).state
        if state is State.UNANSWERED and question.required:
            return STATE_MISSING
        return state

    def is_done(self, question: Question) -> bool:
        return self.verdict(question).done

    def invalid(self) -> list[tuple[Question, str]]:
        """Visible questions whose stored answer is not valid, with what is wrong."""
        found = []
        for q in self.visible_questions():
            judged = self.verdict(q)
            if judged.state is State.INVALID:
                found.append((q, judged.problem))
        return found

    # ------------------------------------------------------------------ progress

    # wizard.progress is imported by these methods, not at the top: opening a session to import
    # or render never asks for progress, and its dataclasses are code compiled when first loaded.

    def progress(self) -> Progress:
        return self._progress()[0]

    def section_progress(self, section: Section) -> Progress:
        from wizard.progress import Progress

        return self._progress()[1].get(section.id, Progress(0, 0))

    def _progress(self) -> tuple[Progress, dict[str, Progress]]:
        """Overall and per-section progress, counted once per change of the answers (not per key press
        that changes nothing countable, and not per question the author moves to)."""
        cached = self._progress_cache
        if cached is not None and cached[0] == self._answers_revision:
            return cached[1], cached[2]
        from wizard.progress import count

        overall, per_section = count(self)
        self._progress_cache = (self._answers_revision, overall, per_section)
        return overall, per_section

    def missing(self, *, required_only: bool = False) -> list[Question]:
        """Visible questions not yet dealt with, required ones first."""
        missing = [q for q in self.visible_questions() if not self.is_done(q)]
        required = [q for q in missing if q.required]
        return required if required_only else required + [q for q in missing if not q.required]

    @property
    def complete(self) -> bool:
        """Every required visible question is answered, and no visible answer is invalid."""
        return not self.missing(required_only=True) and not self.invalid()

    def orphans(self) -> list[Orphan]:
        from wizard.progress import orphans

        return orphans(self)

    def hidden_answers(self) -> list[Question]:
        visible = set(self.visible_questions())
        return [q for q in self.bank.questions if q not in visible and q.id in self.draft.answers]

    # ------------------------------------------------------------------ saving

    def _changed(self) -> None:
        self.revision += 1
        t = self.clock()
        if self._first_change is None:
            self._first_change = t
        self._last_change = t

    @property
    def dirty(self) -> bool:
        return self.revision != self.saved_revision and not self.read_only and self.path is not None

    def seconds_until_save(self) -> float | None:
        """How long the autosave policy waits before writing; None when nothing is pending."""
        if not self.dirty or self._first_change is None or self._last_change is None:
            return None
        t = self.clock()
        due = min(self._last_change + DEBOUNCE, self._first_change + MAX_WAIT)
        return max(0.0, due - t)

    def save_due(self) -> bool:
        wait = self.seconds_until_save()
        return wait is not None and wait <= 0

    def snapshot(self) -> tuple[int, Draft]:
        """A copy of the draft to write off the main thread, with the revision it holds."""
        draft = self.draft.copy()
        draft.updated = now()
        draft.bank_version = self.bank.version
        draft.bank_sha256 = self.bank.sha256 or draft.bank_sha256
        return self.revision, draft

    def write_snapshot(self, revision: int, draft: Draft, *, force: bool = False) -> None:
        """Write a snapshot to disk (thread-safe apart from bookkeeping done in `saved`)."""
        if self.path is None or self.read_only:
            return
        try:
            stamp = save_draft(draft, self.path, self._order, writer=self._writer, expect=None if force else self._stamp)
        except DraftError as exc:
            self.last_error = str(exc)
            raise
        self.saved(revision, stamp, draft)

    def saved(self, revision: int, stamp: DiskStamp | None, draft: Draft) -> None:
        self._stamp = stamp
        self.last_error = ""
        self.draft.updated = draft.updated
        self.draft.bank_sha256 = draft.bank_sha256
        self.draft.bank_version = draft.bank_version
        if revision >= self.saved_revision:
            self.saved_revision = revision
        if self.saved_revision == self.revision:
            self._first_change = self._last_change = None
        else:
            self._first_change = self._last_change

    def prime_writer(self) -> None:
        """Serialise every answer once, off the author's path, so the first autosave costs one table."""
        self._writer.dumps(self.draft.copy(), self._order)

    def save(self, *, force: bool = False) -> None:
        """Write now, if anything changed. Raises DraftError (message for the author) when the disk
        refuses. Saving without a change never rewrites the file."""
        if self.path is None or self.read_only:
            return
        if self.dirty:
            revision, draft = self.snapshot()
            self.write_snapshot(revision, draft, force=force)
            self.bank_changed = False
            self.bank_version_changed = False
        self.remember_place(now=False)

    def save_copy(self) -> Path:
        """Write our version to a new rescue file beside the draft (NAME.rescue-YYYYMMDD-HHMMSS.datasheet.toml,
        then -2, -3, ...), never over an existing file: when the file's version wins a conflict, when
        the draft cannot be written, on a signal. Raises DraftError when no copy could be written."""
        assert self.path is not None
        import os

        from wizard.rescue import write_rescue

        try:
            mode: int | None = os.stat(self.path).st_mode
        except OSError:
            mode = None
        return write_rescue(self.path, self._writer.dumps(self.snapshot()[1], self._order), draft_mode=mode)

    def reload_from_disk(self) -> None:
        """Take the file's version (after a hand edit) in place of ours."""
        if self.path is None:
            return
        stamp = DiskStamp.of(self.path)  # before reading, as in `open`
        fresh = load_draft(self.path)
        self._adopt_answers(fresh)
        fresh.updated = _modified(self.path) or fresh.updated
        self.draft = fresh
        self._stamp = stamp
        self._answers_revision += 1
        self.revision += 1
        self.saved_revision = self.revision
        self._first_change = self._last_change = None
        self.current = self._nearest_visible(self.current)

    @property
    def changed_on_disk(self) -> bool:
        return self.path is not None and self._stamp is not None and DiskStamp.of(self.path) != self._stamp


def _modified(path: Path):  # type: ignore[no-untyped-def]
    """The file's modification time, as the draft's last edit when the state folder does not know it."""
    import datetime as dt

    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0)
    except OSError:
        return None

"""Question banks: the TOML format, its validation, and the frozen model the rest of the app reads."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from wizard.errors import BankError

if TYPE_CHECKING:
    pass

FORMAT = 1
MAX_BANK_BYTES = 16 * 1024 * 1024


class QuestionType(StrEnum):
    """What kind of answer a question takes. A StrEnum, so it reads and compares as its TOML word."""

    TEXT = "text"  # multi-line Markdown
    LINE = "line"  # one line
    CHOICE = "choice"  # one option (or the author's own, with `other`)
    MULTICHOICE = "multichoice"  # any number of options (and the author's own, with `other`)
    YESNO = "yesno"

    @property
    def is_list(self) -> bool:
        """Answers carry a chosen value (and an optional explanation) rather than free text."""
        return self in (QuestionType.CHOICE, QuestionType.MULTICHOICE, QuestionType.YESNO)


QUESTION_TYPES = tuple(t.value for t in QuestionType)
_TYPE_NAMED = {t.value: t for t in QuestionType}  # QuestionType(word) without the enum's call machinery
YESNO = ("yes", "no")
LINE_FORMATS = ("url", "date", "integer", "email")
EXPORT_DESTINATIONS = ("croissant", "hf")

# Patterns, not compiled ones: only validation reads them, and a bank from the cache is not
# validated again (see `_validated`); `re.fullmatch` compiles each once, when first needed.
_BANK_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ITEM_ID = r"^[a-z0-9][a-z0-9_-]*$"

_TOP_KEYS = {"format": True, "bank": True, "sections": True}
_BANK_KEYS = {
    "id": True,
    "title": True,
    "version": True,
    "description": False,
    "source": False,
    "document_title": False,
}
_SECTION_KEYS = {"id": True, "title": True, "guidance": False, "when": False, "questions": False}
_QUESTION_KEYS = {
    "id": True,
    "prompt": True,
    "detail": False,
    "guidance": False,
    "example": False,
    "type": False,
    "choices": False,
    "other": False,
    "required": False,
    "omit_if_empty": False,
    "when": False,
    "vocabulary": False,
    "format": False,
    "export": False,
}
_WHEN_KEYS = {"question": True, "equals": False, "in": False, "not_equals": False, "not_in": False, "answered": False}
_WHEN_MODES = ("equals", "in", "not_equals", "not_in", "answered")


# The model's classes generate neither __eq__ nor __repr__: a bank holds one object per rule,
# question and section, nothing compares two of them or prints one, and each generated method is
# code compiled on every start (together some 6 M instructions of every command that reads a bank).
@dataclass(frozen=True, eq=False, repr=False)  # one object per rule: identity is equality
class Condition:
    """A `when` rule on an earlier question's answer.

    `equals`/`in` hold when the answer is (or, for a multichoice, includes) one of the values;
    `not_equals`/`not_in` hold unless it is, so an unanswered, unknown or not-applicable gate
    hides nothing; `answered` holds when the answer exists (or not).
    """

    question: str
    equals: str | None = None
    one_of: tuple[str, ...] | None = None
    answered: bool | None = None
    negated: bool = False  # not_equals / not_in

    @property
    def wanted(self) -> tuple[str, ...]:
        return (self.equals,) if self.equals is not None else (self.one_of or ())

    def holds(self, value: str | tuple[str, ...] | None, is_answered: bool) -> bool:
        if self.answered is not None:
            return is_answered == self.answered
        if value is None:
            return self.negated
        chosen = value if isinstance(value, tuple) else (value,)
        matched = any(c in self.wanted for c in chosen)
        return not matched if self.negated else matched

    def describe(self) -> str:
        if self.answered is not None:
            return f"{self.question} is {'answered' if self.answered else 'not answered'}"
        if self.equals is not None:
            return f"{self.question} {'≠' if self.negated else '='} {self.equals!r}"
        return f"{self.question} {'not in' if self.negated else 'in'} {list(self.one_of or ())!r}"


@dataclass(frozen=True, eq=False, repr=False)  # one object per question: identity is equality, and fast
class Question:
    """One question of a bank, as validated (see SPEC, "Question banks")."""

    id: str
    prompt: str
    section_id: str
    detail: str = ""
    guidance: str = ""
    example: str = ""
    type: QuestionType = QuestionType.TEXT
    choices: tuple[str, ...] = ()
    other: bool = False
    required: bool = False
    omit_if_empty: bool = False
    when: Condition | None = None
    vocabulary: str = ""  # options from a bundled list (wizard.vocabulary) instead of `choices`
    format: str = ""  # line questions: url | date | integer | email
    export: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def has_value(self) -> bool:
        """Whether answers carry a `value` (a choice) besides free text."""
        return self.type.is_list

    @property
    def options(self) -> tuple[str, ...]:
        """The values an answer may take: yes/no, the bank's choices, or the vocabulary's ids."""
        if self.type is QuestionType.YESNO:
            return YESNO
        if self.vocabulary:
            return _vocabulary_options(self.vocabulary)
        return self.choices


def _vocabulary_options(name: str) -> tuple[str, ...]:
    """A bundled vocabulary's ids, loaded the first time a question needs them."""
    try:
        from wizard import vocabulary
    except ImportError:  # the vocabularies are not part of this build
        return ()
    return tuple(vocabulary.options(name))


def _vocabulary_names() -> tuple[str, ...] | None:
    try:
        from wizard import vocabulary
    except ImportError:
        return None
    return tuple(vocabulary.names())


@dataclass(frozen=True, eq=False, repr=False)  # one object per section
class Section:
    """A titled group of questions, asked in order."""

    id: str
    title: str
    questions: tuple[Question, ...]
    guidance: str = ""
    when: Condition | None = None


@dataclass(frozen=True, eq=False, repr=False)  # one object per load
class Bank:
    """A validated question bank: its sections, where it came from, and the digest of its file."""

    id: str
    title: str
    version: str
    sections: tuple[Section, ...]
    description: str = ""
    source: str = ""
    document_title: str = ""
    path: Path | None = None
    sha256: str = ""
    bundled: bool = False
    _by_id: dict[str, Question] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self._by_id:
            self._by_id.update({q.id: q for s in self.sections for q in s.questions})

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(self._by_id.values())

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def title_for(self, draft_title: str) -> str:
        template = self.document_title or "{title}: " + self.title
        return template.replace("{title}", draft_title or "Untitled dataset")


# --------------------------------------------------------------------------- loading


def bundled_banks_dir() -> Path:
    """The bundled banks: inside the installed package, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "question_banks", here.parent / "question_banks"):
        if candidate.is_dir():
            return candidate
    return here / "question_banks"


def bundled_bank_paths() -> dict[str, Path]:
    """Bundled bank ids to files. The id is the file's stem, checked again on load."""
    folder = bundled_banks_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.toml"))}


def load_bundled_banks() -> tuple[list[Bank], list[BankError]]:
    """Every bundled bank that loads, and the problems of those that do not (a front end shows both)."""
    banks: list[Bank] = []
    broken: list[BankError] = []
    for path in bundled_bank_paths().values():
        try:
            banks.append(load_bank(path, bundled=True))
        except BankError as exc:
            broken.append(exc)
    return banks, broken


def find_bank(name_or_path: str, *, base: Path | None = None) -> Bank:
    """A bank by bundled id or by path (relative to `base` when given)."""
    bundled = bundled_bank_paths()
    if name_or_path in bundled:
        return load_bank(bundled[name_or_path], bundled=True)
    path = Path(name_or_path).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    if path.suffix.lower() == ".toml" or path.exists() or "/" in name_or_path:
        return load_bank(path)
    known = ", ".join(sorted(bundled)) or "none"
    hint = _close_matches(name_or_path, bundled)
    suggestion = f' Did you mean "{hint[0]}"?' if hint else ""
    raise BankError.one(name_or_path, f"no bundled bank has this id and no such file exists.{suggestion} Bundled banks: {known}.")


def read_bank_bytes(path: Path) -> bytes:
    """The bank's bytes (a leading byte-order mark dropped); only a regular file is read, at once."""
    from wizard.files import NotRegularFile, TooLarge, read_regular

    try:
        return read_regular(path, MAX_BANK_BYTES)
    except TooLarge as exc:
        raise BankError.one(str(path), f"the file is {exc.size:,} bytes; banks are capped at {MAX_BANK_BYTES:,}.") from None
    except NotRegularFile as exc:
        raise BankError.one(str(path), f"this is {exc.kind}, not a regular .toml file; nothing was read.") from None
    except FileNotFoundError:
        raise BankError.one(str(path), "no such file.") from None
    except IsADirectoryError:
        raise BankError.one(str(path), "this is a folder, not a .toml file.") from None
    except OSError as exc:
        raise BankError.one(str(path), f"cannot read the file ({exc.strerror or exc}).") from None


def load_bank(path: str | Path, *, bundled: bool = False) -> Bank:
    """Read and validate a bank; raises BankError listing every problem at once."""
    path = Path(path)
    raw = read_bank_bytes(path)
    from wizard.files import sha256_hex

    digest = sha256_hex(raw)
    bank, problems = _validated(raw, str(path), digest)
    if bundled and bank is not None and bank.id != path.stem:
        from wizard.problems import Problem  # only when something is wrong (see wizard.problems)

        problems.append(Problem("bank.id", f'"{bank.id}" must match the file name "{path.stem}" for a bundled bank.'))
    if problems or bank is None:
        raise BankError(str(path), problems)
    return Bank(
        id=bank.id,
        title=bank.title,
        version=bank.version,
        sections=bank.sections,
        description=bank.description,
        source=bank.source,
        document_title=bank.document_title,
        path=path,
        sha256=digest,
        bundled=bundled,
    )


def _validated(raw: bytes, name: str, digest: str) -> tuple[Bank | None, list[Problem]]:
    """`build_bank(parse_toml(raw, name))`: from the cache when this code validated this exact file before.

    Parsing the bundled bank (50 KB) is a tenth of every `render` and `check`, and validating it
    costs twice what rebuilding the model from plain data does (5.9 M instructions against 2.5 M,
    marshal's read included). So a bank that passed is kept as plain data, named by the file's
    SHA-256 and by the stamps of the validator (see `_cache_file`): neither an edited bank nor a
    changed validator is ever trusted. A bank with problems is not kept: it is checked every time.
    """
    from wizard.cache import read_cached, write_cached

    cached = _cache_file(digest)
    bank = _from_plain(read_cached(cached))
    if bank is not None:
        return bank, []
    bank, problems = build_bank(parse_toml(raw, name))
    if bank is not None:
        write_cached(cached, _to_plain(bank))
    return bank, problems


# The code a cached bank was validated by: this file, and wizard/vocabulary.py (the vocabulary
# names a bank may use). A cache entry names their stamps; an edited file makes new entries.
_VALIDATOR_FILES = ("bank.py", "vocabulary.py")


def _cache_file(digest: str) -> Path | None:
    """Where a bank's validated model is kept, in the user's cache folder (None: caching is off)."""
    import os

    from wizard.cache import cache_file

    here = Path(__file__).parent
    try:
        stamps = [os.stat(here / name) for name in _VALIDATOR_FILES]
    except OSError:  # no source beside the bytecode: nothing to name the validator by
        return None
    code = "-".join(f"{st.st_mtime_ns:x}-{st.st_size:x}" for st in stamps)
    return cache_file("banks", f"{digest}-{code}.marshal")


def _to_plain(bank: Bank) -> tuple[Any, ...]:
    """A validated bank as plain data marshal can write (no objects, no enums): see `_from_plain`."""
    return (bank.id, bank.title, bank.version, bank.description, bank.source, bank.document_title,
            tuple((s.id, s.title, s.guidance, _plain_condition(s.when),
                   tuple(_plain_question(q) for q in s.questions)) for s in bank.sections))


def _plain_question(q: Question) -> tuple[Any, ...]:
    return (q.id, q.prompt, q.section_id, q.detail, q.guidance, q.example, q.type.value, q.choices, q.other,
            q.required, q.omit_if_empty, _plain_condition(q.when), q.vocabulary, q.format, dict(q.export))


def _plain_condition(c: Condition | None) -> tuple[Any, ...] | None:
    return None if c is None else (c.question, c.equals, c.one_of, c.answered, c.negated)


def _from_plain(data: Any) -> Bank | None:
    """The bank `_to_plain` wrote, without validating it again (it passed when it was written);
    None for anything else (no cache entry, a damaged one)."""
    if not isinstance(data, tuple) or len(data) != 7:
        return None
    try:
        bank_id, title, version, description, source, document_title, sections = data
        return Bank(
            id=bank_id,
            title=title,
            version=version,
            sections=tuple(
                Section(id=sid, title=s_title, guidance=s_guidance, when=_condition_of(s_when),
                        questions=tuple(_question_of(q) for q in questions))
                for sid, s_title, s_guidance, s_when, questions in sections),
            description=description,
            source=source,
            document_title=document_title,
        )
    except (TypeError, ValueError, KeyError):
        return None


def _question_of(plain: tuple[Any, ...]) -> Question:
    (qid, prompt, section_id, detail, guidance, example, qtype, choices, other, required, omit_if_empty, when,
     vocabulary, line_format, export) = plain
    return Question(id=qid, prompt=prompt, section_id=section_id, detail=detail, guidance=guidance, example=example,
                    type=_TYPE_NAMED[qtype], choices=choices, other=other, required=required,
                    omit_if_empty=omit_if_empty, when=_condition_of(when), vocabulary=vocabulary,
                    format=line_format, export=MappingProxyType(export))


def _condition_of(plain: tuple[Any, ...] | None) -> Condition | None:
    if plain is None:
        return None
    question, equals, one_of, answered, negated = plain
    return Condition(question=question, equals=equals, one_of=one_of, answered=answered, negated=negated)


def validate_bank_file(path: str | Path) -> list[Problem]:
    """Every problem with the bank at `path` (empty when it is valid)."""
    try:
        load_bank(path)
    except BankError as exc:
        return exc.problems
    return []


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BankError.one(name, "the file is not valid UTF-8 text.", place=f"line {line}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError.one(name, f"not valid TOML: {exc}.") from None
    except RecursionError:
        raise BankError.one(name, "not valid TOML: nested too deeply.") from None


# --------------------------------------------------------------------------- validation

from wizard.problems import Problem  # noqa: E402  (the validator moves to its own module next)


class _Checker:
    """Collects problems while turning parsed TOML into the frozen model."""

    # "Did you mean" compares a word with every candidate: fine for a few misspellings, quadratic
    # for a machine-made bank with thousands of unknown ids. Past this many, no more suggestions.
    HINTS = 50

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.hints_left = self.HINTS

    def hint(self, word: str, candidates: Any) -> str:
        """' — did you mean "x"?' for a near miss, or "" (also once the budget is spent)."""
        if self.hints_left <= 0:
            return ""
        self.hints_left -= 1
        close = _close_matches(word, candidates)
        return f' — did you mean "{close[0]}"?' if close else ""

    def add(self, place: str, message: str) -> None:
        self.problems.append(Problem(place, message))

    def keys(self, place: str, table: dict[str, Any], allowed: dict[str, bool]) -> None:
        for key in table:
            if key not in allowed:
                hint = _close_matches(key, allowed)
                tip = f' — did you mean "{hint[0]}"?' if hint else f" (allowed: {', '.join(allowed)})"
                self.add(place, f'unknown key "{key}"{tip}')
        for key, required in allowed.items():
            if required and key not in table:
                self.add(place, f'missing required key "{key}".')

    def item(self, place: str, table: dict[str, Any], allowed: dict[str, bool]) -> tuple[str, str]:
        """Check a section's or question's keys and id; its place then names the id for the author."""
        raw_id = table.get("id")
        if isinstance(raw_id, str):
            place += f' (id "{raw_id}")'
        self.keys(place, table, allowed)
        item_id = self.string(place, table, "id", required=True)
        if item_id and not re.fullmatch(_ITEM_ID, item_id):
            self.add(place, f'id "{item_id}" may hold only lowercase letters, digits, "_" and "-".')
        return place, item_id

    def string(self, place: str, table: dict[str, Any], key: str, *, required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.add(place, f'"{key}" must be a string, not {_type_name(value)}.')
            return ""
        if required and not value.strip():
            self.add(place, f'"{key}" must not be empty.')
        return value

    def boolean(self, place: str, table: dict[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.add(place, f'"{key}" must be true or false, not {_type_name(value)}.')
            return False
        return value

    def table_list(self, place: str, value: Any, key: str) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.add(place, f'"{key}" must be an array of tables ([[{key}]]), not {_type_name(value)}.')
            return []
        return value


def _close_matches(word: str, candidates: Any, *, cutoff: float = 0.6) -> list[str]:
    """Suggestions for a misspelt key or id (difflib is imported only when something is wrong)."""
    import difflib

    return difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)


def _type_name(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "an array", dict: "a table"}
    return names.get(type(value), f"a {type(value).__name__}")


def build_bank(data: dict[str, Any]) -> tuple[Bank | None, list[Problem]]:
    """Validate parsed TOML; returns the bank (None when unusable) and every problem found."""
    check = _Checker()
    check.keys("", data, _TOP_KEYS)
    fmt = data.get("format")
    if "format" in data and (type(fmt) is not int or fmt != FORMAT):  # true == 1 == 1.0 in Python
        check.add("format", f"must be {FORMAT} (this version of datasheet-wizard reads format {FORMAT}), not {fmt!r}.")

    head = data.get("bank", {})
    if not isinstance(head, dict):
        check.add("bank", f"must be a table ([bank]), not {_type_name(head)}.")
        head = {}
    elif "bank" in data:
        check.keys("bank", head, _BANK_KEYS)
    bank_id = check.string("bank", head, "id", required=True)
    if bank_id and not re.fullmatch(_BANK_ID, bank_id):
        check.add("bank.id", f'"{bank_id}" may hold only lowercase letters, digits and single dashes.')
    title = check.string("bank", head, "title", required=True)
    version = head.get("version", "")
    if not isinstance(version, str):
        check.add("bank.version", f'must be a string (write version = "{version}"), not {_type_name(version)}.')
        version = str(version)
    description = check.string("bank", head, "description")
    source = check.string("bank", head, "source")
    document_title = check.string("bank", head, "document_title")

    seen_sections: set[str] = set()
    seen_questions: dict[str, Question] = {}
    seen_ids: dict[str, str] = {}  # every id met so far, valid question or not, to its section
    earlier: dict[str, None] = {}  # ids met so far, in order: a dict, so lookups stay O(1)
    all_ids = _all_question_ids(data)
    sections: list[Section] = []
    raw_sections = check.table_list("sections", data.get("sections"), "sections")
    if "sections" in data and not raw_sections and not check.problems:
        check.add("sections", "the bank has no sections.")
    for s_index, raw in enumerate(raw_sections):
        base = f"sections[{s_index}]"
        place, sid = check.item(base, raw, _SECTION_KEYS)
        if sid in seen_sections:
            check.add(place, f'duplicate section id "{sid}".')
        seen_sections.add(sid)
        s_title = check.string(place, raw, "title", required=True)
        s_guidance = check.string(place, raw, "guidance")
        s_when = _condition(check, place, raw.get("when"), earlier, all_ids, seen_questions)
        questions: list[Question] = []
        raw_questions = check.table_list(place, raw.get("questions"), "questions")
        if not raw_questions and "questions" not in raw:
            check.add(place, "the section has no questions ([[sections.questions]]).")
        for q_index, q in enumerate(raw_questions):
            question = _question(check, f"{base}.questions[{q_index}]", q, sid, earlier, all_ids, seen_questions, seen_ids)
            if question is not None:
                questions.append(question)
                seen_questions[question.id] = question
            qid = q.get("id")
            if isinstance(qid, str) and qid not in seen_ids:
                seen_ids[qid] = sid
                earlier[qid] = None
        sections.append(Section(id=sid, title=s_title, questions=tuple(questions), guidance=s_guidance, when=s_when))

    if not raw_sections and "sections" not in data:
        pass  # already reported as a missing key
    if check.problems:
        return None, check.problems
    bank = Bank(
        id=bank_id,
        title=title,
        version=version,
        sections=tuple(sections),
        description=description,
        source=source,
        document_title=document_title,
    )
    if not bank.questions:
        return None, [Problem("sections", "the bank has no questions.")]
    return bank, []


def _all_question_ids(data: dict[str, Any]) -> set[str]:
    ids: set[str] = set()
    sections = data.get("sections")
    if isinstance(sections, list):
        for s in sections:
            if isinstance(s, dict) and isinstance(s.get("questions"), list):
                ids.update(q["id"] for q in s["questions"] if isinstance(q, dict) and isinstance(q.get("id"), str))
    return ids


def _question(
    check: _Checker,
    place: str,
    raw: dict[str, Any],
    section_id: str,
    earlier: dict[str, None],
    all_ids: set[str],
    seen: dict[str, Question],
    seen_ids: dict[str, str],
) -> Question | None:
    before = len(check.problems)
    place, qid = check.item(place, raw, _QUESTION_KEYS)
    if qid in seen_ids:
        check.add(place, f'duplicate question id "{qid}" (first used in section "{seen_ids[qid]}"); ids must be unique in the whole bank.')
    prompt = check.string(place, raw, "prompt", required=True)
    detail = check.string(place, raw, "detail")
    guidance = check.string(place, raw, "guidance")
    example = check.string(place, raw, "example")
    raw_type = raw.get("type", "text")
    if raw_type in QUESTION_TYPES:
        qtype = QuestionType(raw_type)
    else:
        hint = check.hint(str(raw_type), QUESTION_TYPES)
        check.add(place, f'type {raw_type!r} is not one of {", ".join(QUESTION_TYPES)}{hint}')
        qtype = QuestionType.TEXT
    listed = qtype in (QuestionType.CHOICE, QuestionType.MULTICHOICE)
    vocabulary = check.string(place, raw, "vocabulary")
    if "vocabulary" in raw and not listed:
        check.add(place, f'"vocabulary" only applies to choice and multichoice questions, not "{qtype}".')
    elif vocabulary:
        known = _vocabulary_names()
        if known is not None and vocabulary not in known:
            check.add(place, f'unknown vocabulary "{vocabulary}"{check.hint(vocabulary, known)} (bundled: {", ".join(known)}).')
        if "choices" in raw:
            check.add(place, '"choices" and "vocabulary" cannot both be given: the vocabulary supplies the options.')
    choices: tuple[str, ...] = ()
    raw_choices = raw.get("choices")
    if listed and not vocabulary:
        if raw_choices is None:
            check.add(place, f'a "{qtype}" question needs "choices" (a list of strings) or a "vocabulary".')
        elif not isinstance(raw_choices, list) or not all(isinstance(c, str) and c.strip() for c in raw_choices):
            check.add(place, '"choices" must be a list of non-empty strings.')
        elif not raw_choices:
            check.add(place, '"choices" must not be empty.')
        elif len(set(raw_choices)) != len(raw_choices):
            check.add(place, '"choices" lists the same choice twice.')
        else:
            choices = tuple(raw_choices)
    elif raw_choices is not None and not listed:
        check.add(place, f'"choices" only applies to choice and multichoice questions, not "{qtype}".')
    other = check.boolean(place, raw, "other")
    if other and not listed:
        check.add(place, f'"other" only applies to choice and multichoice questions, not "{qtype}".')
    required = check.boolean(place, raw, "required")
    omit_if_empty = check.boolean(place, raw, "omit_if_empty")
    line_format = check.string(place, raw, "format")
    if "format" in raw and qtype is not QuestionType.LINE:
        check.add(place, f'"format" only applies to line questions, not "{qtype}".')
    elif line_format and line_format not in LINE_FORMATS:
        check.add(place, f'format "{line_format}" is not one of {", ".join(LINE_FORMATS)}{check.hint(line_format, LINE_FORMATS)}')
    export = _export(check, place, raw.get("export"))
    when = _condition(check, place, raw.get("when"), earlier, all_ids, seen, own_id=qid)
    if len(check.problems) > before:
        return None
    return Question(
        id=qid,
        prompt=prompt,
        section_id=section_id,
        detail=detail,
        guidance=guidance,
        example=example,
        type=qtype,
        choices=choices,
        other=other,
        required=required,
        omit_if_empty=omit_if_empty,
        when=when,
        vocabulary=vocabulary,
        format=line_format,
        export=export,
    )


def _export(check: _Checker, place: str, raw: Any) -> Mapping[str, str]:
    """`export = { croissant = "rai:dataBiases", hf = "bias_risks_limitations" }`: where an answer goes."""
    if raw is None:
        return MappingProxyType({})
    if not isinstance(raw, dict):
        check.add(f"{place}.export", f'must be a table like {{ croissant = "rai:dataBiases" }}, not {_type_name(raw)}.')
        return MappingProxyType({})
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key not in EXPORT_DESTINATIONS:
            check.add(f"{place}.export", f'unknown destination "{key}"{check.hint(key, EXPORT_DESTINATIONS)} '
                      f'(destinations: {", ".join(EXPORT_DESTINATIONS)}).')
        elif not isinstance(value, str) or not value.strip():
            check.add(f"{place}.export", f'"{key}" must be a non-empty string naming the target property.')
        else:
            out[key] = value
    return MappingProxyType(out)


def _condition(
    check: _Checker,
    place: str,
    raw: Any,
    earlier: dict[str, None],
    all_ids: set[str],
    seen: dict[str, Question],
    own_id: str = "",
) -> Condition | None:
    if raw is None:
        return None
    place = f"{place}.when"
    if not isinstance(raw, dict):
        check.add(place, f'must be a table like {{ question = "id", equals = "yes" }}, not {_type_name(raw)}.')
        return None
    before = len(check.problems)
    if not (raw.keys() <= _WHEN_KEYS.keys() and "question" in raw):  # the common case costs one set test
        check.keys(place, raw, _WHEN_KEYS)
    target = check.string(place, raw, "question", required=True)
    modes = [k for k in _WHEN_MODES if k in raw]
    if len(modes) != 1:
        check.add(place, 'needs exactly one of "equals", "in", "not_equals", "not_in" or "answered".')
    negated = "not_equals" in raw or "not_in" in raw
    equals = raw.get("not_equals") if "not_equals" in raw else raw.get("equals")
    equals_key = "not_equals" if "not_equals" in raw else "equals"
    if equals is not None and not isinstance(equals, str):
        check.add(place, f'"{equals_key}" must be a string, not {_type_name(equals)}.')
    one_of = raw.get("not_in") if "not_in" in raw else raw.get("in")
    in_key = "not_in" if "not_in" in raw else "in"
    if one_of is not None and (not isinstance(one_of, list) or not all(isinstance(v, str) for v in one_of)):
        check.add(place, f'"{in_key}" must be a list of strings.')
    answered = raw.get("answered")
    if answered is not None and not isinstance(answered, bool):
        check.add(place, f'"answered" must be true or false, not {_type_name(answered)}.')
    if target:
        if target == own_id:
            check.add(place, f'a question cannot depend on itself ("{target}").')
        elif target not in earlier:
            if target in all_ids:
                check.add(place, f'names question "{target}", which comes later in the bank; a condition may only name an earlier question.')
            else:
                check.add(place, f'names unknown question "{target}"{check.hint(target, earlier)}')
        else:
            source = seen.get(target)
            wanted = [equals] if isinstance(equals, str) else (one_of if isinstance(one_of, list) else [])
            if source is not None and wanted and source.type.is_list and not source.other and not source.vocabulary:
                allowed = source.options
                for value in wanted:
                    if isinstance(value, str) and value not in allowed:
                        check.add(place, f'"{value}" is not an answer question "{target}" can have ({", ".join(allowed)}).')
    if len(check.problems) > before:
        return None
    return Condition(
        question=target,
        equals=equals,
        one_of=tuple(one_of) if isinstance(one_of, list) else None,
        answered=answered,
        negated=negated,
    )

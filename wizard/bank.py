"""Question banks: the frozen model the rest of the app reads, finding and loading a bank, and the
cache of validated models (validating one is wizard.bank_rules, loaded only when the cache misses)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

from wizard.errors import BankError

if TYPE_CHECKING:
    from wizard.problems import Problem

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
    from wizard.bank_rules import close_matches  # only when nothing was found

    hint = close_matches(name_or_path, bundled)
    suggestion = f' Did you mean "{hint[0]}"?' if hint else ""
    raise BankError.one(name_or_path, f"no bundled bank has this id and no such file exists.{suggestion} Bundled banks: {known}.")


def read_bank_bytes(path: Path) -> bytes:
    """The bank's bytes (a leading byte-order mark dropped); only a regular file is read, at once."""
    return _read_bank(path)[0]


def _read_bank(path: Path) -> tuple[bytes, os.stat_result]:
    """`read_bank_bytes`, and the file's status taken before the read (see cache.file_sha256)."""
    from wizard.files import NotRegularFile, TooLarge, read_regular_stat

    try:
        return read_regular_stat(path, MAX_BANK_BYTES)
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
    raw, status = _read_bank(path)
    from wizard.cache import file_sha256

    digest = file_sha256(raw, status)  # hashed only when this file is new or changed since last time
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


# The code a cached bank was validated by: this file, wizard/bank_rules.py, and wizard/vocabulary.py (the vocabulary
# names a bank may use). A cache entry names their stamps; an edited file makes new entries.
_VALIDATOR_FILES = ("bank.py", "bank_rules.py", "vocabulary.py")


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


def build_bank(data: dict[str, Any]) -> tuple[Bank | None, list[Problem]]:
    """Validate parsed TOML: the bank (None when unusable) and every problem found (see wizard.bank_rules).

    The validator's module is imported here, so a bank served from the cache never loads it."""
    from wizard.bank_rules import build_bank as validate

    return validate(data)


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


"""Validating a question bank: parsed TOML in, the frozen model (wizard.bank) and every problem out.

Its own module because a bank is validated only when the cache has no model for its file (see
`wizard.bank._validated`) or for `validate-bank`: every other start reads the model from the cache
and never loads this bytecode, these tables or wizard.problems.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Mapping

from wizard.bank import (
    EXPORT_DESTINATIONS,
    FORMAT,
    LINE_FORMATS,
    QUESTION_TYPES,
    Bank,
    Condition,
    Question,
    QuestionType,
    Section,
)
from wizard.problems import Problem

# Patterns, not compiled ones: `re.fullmatch` compiles each when first needed (this module also
# loads for "did you mean" on an unknown bank id, which reads neither).
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


def _vocabulary_names() -> tuple[str, ...] | None:
    """The bundled vocabularies a question may name; None when they are not part of this build."""
    try:
        from wizard import vocabulary
    except ImportError:
        return None
    return tuple(vocabulary.names())


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
        close = close_matches(word, candidates)
        return f' — did you mean "{close[0]}"?' if close else ""

    def add(self, place: str, message: str) -> None:
        self.problems.append(Problem(place, message))

    def keys(self, place: str, table: dict[str, Any], allowed: dict[str, bool]) -> None:
        for key in table:
            if key not in allowed:
                hint = close_matches(key, allowed)
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


def close_matches(word: str, candidates: Any, *, cutoff: float = 0.6) -> list[str]:
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

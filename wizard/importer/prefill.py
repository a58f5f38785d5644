"""`new --data ID=VALUE` and `--data-file FILE`: answers from scripts, checked like the editors check them."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.bank import Bank, Question
from wizard.errors import WizardError


@dataclass(frozen=True)
class Prefill:
    question_id: str
    status: str = "answered"  # answered | na | unknown
    text: str = ""
    value: str | tuple[str, ...] | None = None
    other: str = ""
    origin: str = ""  # "--data purpose=..." or "facts.json: purpose", for messages
    kept: dict[str, Any] | None = None  # another draft's answer to a question not in the bank: carried over as it is


def _close(word: str, ids: list[str]) -> str:
    import difflib

    hint = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
    return f' Did you mean "{hint[0]}"?' if hint else ""


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _option(question: Question, given: str) -> str | None:
    options = ("yes", "no") if question.type == "yesno" else _options(question)
    return next((o for o in options if _fold(o) == _fold(given)), None)


def _options(question: Question) -> tuple[str, ...]:
    return tuple(question.options)


def _from_value(question: Question, raw: Any, origin: str, problems: list[str]) -> Prefill | None:
    """One answer from a command-line string or a file's value (string, list, bool, number or table)."""
    qid = question.id
    if isinstance(raw, dict):
        from wizard.draft import table_parts

        parts = table_parts(raw, origin, problems)
        if parts is None:
            return None
        status, text, other = parts
        if status != "answered":
            return Prefill(qid, status, text, origin=origin)
        base = _from_value(question, raw["value"], origin, problems) if "value" in raw else Prefill(qid, text=text, origin=origin)
        if base is None:
            return None
        other = other if "other" in raw else base.other
        if other and not question.other:
            problems.append(f'{origin}: question "{qid}" takes no option of the author\'s own ("other").')
            return None
        return Prefill(qid, "answered", text if question.type not in ("text", "line") or "value" not in raw else base.text or text,
                       base.value, other, origin)
    if isinstance(raw, bool):
        if question.type != "yesno":
            problems.append(f'{origin}: true/false only fits a yes/no question; "{qid}" is a {question.type} question.')
            return None
        return Prefill(qid, value="yes" if raw else "no", origin=origin)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, list):
        if question.type != "multichoice":
            problems.append(f'{origin}: a list only fits a multichoice question; "{qid}" is a {question.type} question.')
            return None
        if not all(isinstance(v, str) for v in raw):
            problems.append(f"{origin}: the list must hold strings.")
            return None
        return _multi(question, raw, origin, problems)
    if not isinstance(raw, str):
        problems.append(f"{origin}: expected text, not {type(raw).__name__}.")
        return None
    marker = re.fullmatch(r"!(na|unknown)(?::\s*(.*))?", raw.strip(), re.S)
    if marker:
        return Prefill(qid, marker.group(1), marker.group(2) or "", origin=origin)
    if question.type in ("text", "line"):
        return Prefill(qid, text=raw, origin=origin)
    if question.type == "multichoice":
        from wizard.importer.values import pick_options

        whole = pick_options(raw, _options(question))  # options may hold commas: try them whole first
        if whole:
            return Prefill(qid, value=whole, origin=origin)
        return _multi(question, [v for v in (s.strip() for s in raw.split(",")) if v], origin, problems)
    option = _option(question, raw)
    if option is not None:
        return Prefill(qid, value=option, origin=origin)
    if question.type == "choice" and question.other:
        return Prefill(qid, other=raw, origin=origin)
    allowed = ", ".join(f'"{o}"' for o in (("yes", "no") if question.type == "yesno" else _options(question))[:12])
    problems.append(f'{origin}: "{raw}" is not an option of "{qid}" (options: {allowed}).')
    return None


def _multi(question: Question, items: list[str], origin: str, problems: list[str]) -> Prefill | None:
    chosen: list[str] = []
    own: list[str] = []
    for item in items:
        option = _option(question, item)
        if option is not None:
            chosen.append(option)
        elif question.other:
            own.append(item)
        else:
            problems.append(f'{origin}: "{item}" is not an option of "{question.id}".')
            return None
    return Prefill(question.id, value=tuple(dict.fromkeys(chosen)), other=", ".join(own), origin=origin)


def _check(question: Question, p: Prefill, problems: list[str]) -> None:
    """The editors' own rules (wizard.answers.verdict) where they exist: formats, options."""
    from wizard import answers as rules

    verdict = rules.verdict(question, _as_answer(p))
    if verdict.state == "invalid":
        problems.append(f'{p.origin}: {verdict.problem}')


def _as_answer(p: Prefill):  # type: ignore[no-untyped-def]
    from wizard.answers import Answer

    return Answer(p.status, p.text, p.value, p.other)


def _blank(table: dict[str, Any]) -> bool:
    return (table.get("status", "answered") == "answered" and not str(table.get("text", "")).strip()
            and not table.get("value") and not str(table.get("other", "")).strip())


def _read_file(path: Path) -> dict[str, Any]:
    from wizard.importer import read_text

    text = read_text(path)
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise WizardError(f"--data-file {path} is not valid JSON (line {exc.lineno}: {exc.msg}). Nothing was written.") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise WizardError(f"--data-file {path} is not valid TOML or JSON ({exc}). Nothing was written.") from None
    if not isinstance(data, dict):
        raise WizardError(f"--data-file {path} must hold a table {{question id: value or text}}. Nothing was written.")
    return data


def read_prefill(bank: Bank, data: list[str], data_file: Path | None) -> list[Prefill]:
    """Every prefilled answer, or WizardError (exit 2) naming each bad id and value; nothing is written."""
    problems: list[str] = []
    found: dict[str, Prefill] = {}
    ids = [q.id for q in bank.questions]

    def take(qid: str, raw: Any, origin: str, from_draft: bool = False) -> None:
        question = bank.question(qid)
        if question is None and from_draft and isinstance(raw, dict):
            found[qid] = Prefill(qid, origin=origin, kept=dict(raw))  # the other draft's kept answer stays kept
            return
        if question is None:
            problems.append(f'{origin}: "{qid}" is not a question of {bank.id}.{_close(qid, ids)}')
            return
        p = _from_value(question, raw, origin, problems)
        if p is not None:
            _check(question, p, problems)
            found[qid] = p

    if data_file is not None:
        content = _read_file(data_file)
        answers = content
        if isinstance(content.get("draft"), dict) and isinstance(content.get("answers"), dict):
            answers = content["answers"]  # another draft: its answers and marks
            other_bank = content["draft"].get("bank")
            if isinstance(other_bank, str) and other_bank != bank.id:
                problems.append(f"{data_file.name} is a draft of the bank \"{other_bank}\", not {bank.id}: pass "
                                f"--bank {other_bank}, or copy the answers that fit by hand.")
                answers = {}
            else:  # its empty tables (format 2 writes one for every question) prefill nothing
                answers = {k: v for k, v in answers.items() if not (isinstance(v, dict) and _blank(v))}
        from_draft = answers is not content
        for qid, raw in answers.items():
            take(str(qid), raw, f"{data_file.name}: {qid}", from_draft)
    for item in data:
        qid, sep, raw = item.partition("=")
        if not sep or not qid.strip():
            problems.append(f'--data {item!r}: write ID=VALUE, e.g. --data instance_count="12,000 clips".')
            continue
        take(qid.strip(), raw, f"--data {qid.strip()}")
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise WizardError(f"cannot prefill the new draft ({len(problems)} problem{'s' if len(problems) != 1 else ''}); "
                          f"nothing was written:\n{listed}")
    return list(found.values())


def apply_prefill(session, prefills: list[Prefill]) -> None:  # type: ignore[no-untyped-def]
    from wizard.importer.apply import apply_placement
    from wizard.importer.pieces import Piece, Placement

    from wizard.answers import Answer, Status

    for p in prefills:
        if p.kept is not None:
            raw = p.kept
            value = raw.get("value")
            extra = {k: v for k, v in raw.items() if k not in ("status", "text", "value", "other")}
            status = raw.get("status", "answered")
            session.set_answer(p.question_id, Answer(Status(status) if status in ("answered", "na", "unknown") else Status.ANSWERED,
                                                     str(raw.get("text", "")), tuple(value) if isinstance(value, list) else value,
                                                     str(raw.get("other", "")), extra))
            continue
        apply_placement(session, Placement(p.question_id, Piece("", 0, 0), p.status, p.text, p.value, p.other))
    session.save()

"""Start a draft from what the author already has: a Markdown datasheet, a Hugging Face README or a
croissant.json. UI-free: the command line and the app both call `read_source` then `create_draft`."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.errors import WizardError
from wizard.importer.pieces import ImportResult, Piece, Placement

if TYPE_CHECKING:
    from wizard.bank import Bank
    from wizard.session import Session

MAX_SOURCE_BYTES = 16 * 1024 * 1024
ORPHAN_PREFIX = "imported-"

__all__ = ["ImportResult", "Piece", "Placement", "SourceError", "create_draft", "read_source", "read_text"]


class SourceError(WizardError):
    """A file that cannot be imported (binary, empty, unreadable, nothing in it matches)."""


def read_text(path: Path) -> str:
    """The source's text, or a SourceError naming the file and what is wrong with it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file. Give the path to a Markdown datasheet, a README.md or a croissant.json.") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it ({exc.strerror or exc}).") from None
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(f"{path} is a folder; give the Markdown, README.md or croissant.json file inside it.")
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(f"{path} is not a regular file (a pipe or a device); save it to a file and import that.")
    if st.st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"{path} is {st.st_size:,} bytes; imports are capped at {MAX_SOURCE_BYTES:,}.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read it ({exc.strerror or exc}).") from None
    if b"\x00" in raw[:8192]:
        raise SourceError(f"{path} is a binary file, not text. Import a Markdown datasheet, a README.md or a croissant.json.")
    try:
        # "utf-8-sig" by hand: that codec is a Python module loaded for the purpose (~0.8 M instructions);
        # one BOM dropped, then UTF-8 (an error's offset is after the BOM, as the codec gave it)
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(f"{path} is not UTF-8 text (line {line}). Save it as UTF-8 and import it again.") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"{path} is empty; there is nothing to import.")
    return text


def json_object(text: str) -> tuple[dict | None, str]:
    """A JSON document that must be an object: (the object, "") or (None, what is wrong, to follow
    the file's name: "is not valid JSON (line 3: …)" or "holds JSON but not an object")."""
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"is not valid JSON (line {exc.lineno}: {exc.msg})"
    return (data, "") if isinstance(data, dict) else (None, "holds JSON but not an object")


def detect_kind(path: Path, text: str) -> str:
    head = text.lstrip()
    if path.suffix.lower() in (".json", ".jsonld") or head.startswith("{"):
        return "croissant"
    if text.startswith("---\n") and "\n---" in text[4:]:
        return "hf"
    return "markdown"


def read_source(path: str | Path, bank: Bank) -> ImportResult:
    """Read `path` and place its pieces on `bank`'s questions. Raises SourceError when nothing matches."""
    path = Path(path)
    text = read_text(path)
    if "\n[draft]" in text[:4000] and text.lstrip().startswith(("format", "#", "[")):
        raise SourceError(f"{path} is a draft of datasheet-wizard, not a document to import. Carry on with "
                          f"`datasheet-wizard resume {path}`, or copy its answers with `new --data-file {path}`.")
    kind = detect_kind(path, text)
    if kind == "croissant":
        from wizard.importer.croissant import read_croissant

        result = read_croissant(path, text, bank)
    elif kind == "hf":
        from wizard.importer.hf import read_hf

        result = read_hf(path, text, bank)
    else:
        from wizard.importer.matching import Matcher
        from wizard.importer.markdown import read_markdown
        result = ImportResult(path, "markdown", bank.id)
        fill_from_markdown(result, read_markdown(text, Matcher(bank)), bank)
    if not result.placements and not result.empty:
        raise SourceError(f'no question of {bank.id} found in {path}. Nothing was written. Is it a datasheet for '
                          f'this bank? Choose another with --bank, or paste the answers in with `datasheet-wizard new`.')
    return result


def fill_from_markdown(result: ImportResult, read, bank: Bank) -> None:  # type: ignore[no-untyped-def]
    from wizard.importer.values import read_answer

    result.title = result.title or read.title
    for question, piece, score in read.answers:
        result.placements.append(read_answer(question, piece, score))
    for question, piece in read.empty:
        result.empty.setdefault(question.id, piece)
    result.orphans.extend(read.orphans)
    if read.template_text:
        result.notes.append(f"left out {read.template_text} piece(s) of the questionnaire's own text (the paper's section "
                            "introductions, a rendered datasheet's header)")
    if read.bare_headings:
        result.notes.append(f"{read.bare_headings} heading(s) with nothing under them were read as structure")
    if read.repeats:
        result.notes.append(f"{read.repeats} question(s) were asked twice with the same answer; it was taken once")


def orphan_ids(result: ImportResult, bank: Bank) -> list[str]:
    ids: list[str] = []
    n = 0
    for _ in result.orphans:
        n += 1
        while bank.question(f"{ORPHAN_PREFIX}{n}") is not None:
            n += 1
        ids.append(f"{ORPHAN_PREFIX}{n}")
    return ids


def stage(result: ImportResult, bank: Bank) -> Session:
    """The imported answers in a session with no file, put in through the author's edits (so the
    editors' rules apply, and a problem with any of them stops the import before anything is written)."""
    from wizard.draft import Draft
    from wizard.importer.apply import apply_placement, keep_orphan
    from wizard.session import Session

    staging = Session(bank, Draft(title=result.title, bank_id=bank.id, bank_version=bank.version), None)
    for placement in result.placements:
        apply_placement(staging, placement)
    for oid, piece in zip(orphan_ids(result, bank), result.orphans):
        keep_orphan(staging, oid, piece, result.source)
    return staging


def hidden_answers(staging: Session) -> dict[str, str]:
    """Imported answers whose question the other imported answers hide (kept all the same), with why."""
    out: dict[str, str] = {}
    for q in staging.hidden_answers():
        section = staging.bank.section(q.section_id)
        rule = q.when or (section.when if section is not None else None)
        out[q.id] = f"asked only when {rule.describe()}" if rule is not None else "hidden"
    return out


def create_draft(result: ImportResult, bank: Bank, title: str, path: Path, staging: Session | None = None) -> Session:
    """Write a new draft at `path` holding the imported answers; never overwrites an existing file."""
    from wizard.session import Session

    staging = staging or stage(result, bank)
    session = Session.create(bank, title, path, answers=staging.draft.answers)  # written once, answers and all
    session.close()
    return session

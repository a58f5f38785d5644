"""A Hugging Face dataset README: front matter to the questions that export there, card sections
to theirs (by the bank's `export.hf`), and any datasheet questions in the body by their wording."""

from __future__ import annotations

import re
from pathlib import Path

from wizard.bank import Bank, Question
from wizard.importer import exports
from wizard.importer.markdown import _same_answer
from wizard.importer.pieces import ImportResult, Piece, Placement

_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _scalar(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        inner = raw[1:-1]
        return inner.replace("''", "'") if raw[0] == "'" else inner.replace('\\"', '"')
    return re.sub(r"\s+#.*$", "", raw)


def read_front_matter(lines: list[str]) -> list[tuple[str, str | list[str] | None, int, int]]:
    """Top-level keys of the card's YAML: scalars, flow lists and block lists; anything deeper is
    returned as None (kept verbatim as an orphan by the caller). Lines are 0-based in `lines`."""
    entries: list[tuple[str, str | list[str] | None, int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _KEY.match(line)
        if not m or line[:1] in (" ", "\t", "#"):
            i += 1
            continue
        name, rest = m.group(1), m.group(2).strip()
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or lines[j][:1] in (" ", "\t", "-")):
            j += 1
        while j > i + 1 and not lines[j - 1].strip():
            j -= 1
        nested = lines[i + 1:j]
        value: str | list[str] | None
        if rest and not rest.startswith("#"):
            if rest.startswith("[") and rest.endswith("]"):
                value = [_scalar(v) for v in rest[1:-1].split(",") if v.strip()]
            elif rest[0] in "|>{&*!":
                value = None
            else:
                value = _scalar(rest)
        elif nested and all(re.match(r"^\s*-\s+[^:]*$|^\s*-\s+['\"].*['\"]\s*$|^\s*$", n) for n in nested):
            value = [_scalar(re.sub(r"^\s*-\s+", "", n)) for n in nested if n.strip()]
        else:
            value = None
        entries.append((name, value, i, j - 1))
        i = j
    return entries


def _placement(question: Question, value: str | list[str], piece: Piece) -> Placement:
    items = value if isinstance(value, list) else [value]
    if question.type == "multichoice":
        return Placement(question.id, piece, value=tuple(items), note="from the front matter")
    if question.type in ("choice", "yesno"):
        return Placement(question.id, piece, value=items[0] if len(items) == 1 else ", ".join(items),
                         note="from the front matter")
    return Placement(question.id, piece, text=", ".join(items), note="from the front matter")


def read_hf(path: Path, text: str, bank: Bank) -> ImportResult:
    from wizard.importer import fill_from_markdown
    from wizard.importer.matching import Matcher
    from wizard.importer.markdown import read_markdown

    result = ImportResult(path, "hf", bank.id)
    lines = text.split("\n")
    end = next((k for k in range(1, len(lines)) if lines[k].rstrip() == "---"), 0)
    front = lines[1:end]
    targets = exports.reverse(bank, "hf")
    kept: list[tuple[int, int]] = []
    entries = read_front_matter(front)
    card_keys = {"license", "language", "pretty_name", "task_categories", "size_categories", "tags", "configs", "dataset_info"}
    if not card_keys & {name for name, _, _, _ in entries}:
        result.kind = "markdown"  # front matter of another kind (a static-site page): a datasheet all the same
    for name, value, first, last in entries:
        piece = Piece("\n".join(front[first:last + 1]), first + 2, last + 2, f"front matter: {name}")
        if name == "pretty_name" and isinstance(value, str):
            result.title = value
            continue
        if name == "tags" and isinstance(value, list):
            flags = {t.split(":", 1)[1]: qs[0] for t, qs in targets.items() if t.startswith("tag:") and len(qs) == 1}
            rest = []
            for tag in value:
                if tag in flags:
                    result.placements.append(Placement(flags[tag].id, piece, value="yes", note=f'tag "{tag}"'))
                else:
                    rest.append(tag)
            if "tags" in targets and len(targets["tags"]) == 1 and rest:
                result.placements.append(_placement(targets["tags"][0], rest, piece))
            elif rest:
                kept.append((first, last))
            continue
        questions = targets.get(name, [])
        if value is None or len(questions) != 1 or (name == "size_categories" and questions[0].type == "line"):
            kept.append((first, last))  # deeper YAML, a key no question exports to, or one that cannot be read back
            continue
        result.placements.append(_placement(questions[0], value, piece))
    if kept:
        chunk = "\n".join("\n".join(front[a:b + 1]) for a, b in kept)
        result.orphans.append(Piece(chunk, kept[0][0] + 2, kept[-1][1] + 2, "front matter"))

    headings = exports.card_headings()
    aliases: dict[str, list[str]] = {}
    for heading, section in headings.items():
        questions = targets.get(section, [])
        if len(questions) == 1:
            aliases.setdefault(questions[0].id, []).append(heading)
    body = "\n".join(lines[end + 1:])
    read = read_markdown(body, Matcher(bank, aliases), line_offset=end + 1, structural=frozenset(exports.STRUCTURE))
    summary = targets.get("dataset_summary", [])
    if read.title and len(summary) == 1 and read.orphans and not read.orphans[0].label:
        # the card's summary stands under its H1, with no heading of its own
        first_heading = next((k for k, line in enumerate(lines) if k > end + 1 and re.match(r"^#{2,6}\s", line)), len(lines))
        piece = read.orphans[0]
        if piece.last <= first_heading:
            placed = next((p for q, p, _ in read.answers if q.id == summary[0].id), None)
            if placed is None:
                read.orphans.pop(0)
                read.answers.insert(0, (summary[0], piece, 1.0))
            elif _same_answer(summary[0], placed.text, piece.text):
                read.orphans.pop(0)
                read.repeats += 1
    fill_from_markdown(result, read, bank)
    bibtex = {q.id for q in targets.get("citation_bibtex", [])}
    result.placements = [_unfence(p) if p.question_id in bibtex else p for p in result.placements]
    _drop_duplicates(result)
    return result


def _unfence(p: Placement) -> Placement:
    m = re.fullmatch(r"(`{3,}|~{3,})[^\n]*\n(.*?)\n\1\s*", p.text, re.S)
    if not m:
        return p
    return p._replace(text=m.group(2), note="the BibTeX fence removed")


def _drop_duplicates(result: ImportResult) -> None:
    """Our own export writes the front matter, the card and the full datasheet: one answer up to three
    times. The same answer is taken once (with the explanation, when one copy has it); a different
    one is kept aside, never merged or dropped."""
    seen: dict[str, int] = {}
    kept: list[Placement] = []
    for p in result.placements:
        index = seen.get(p.question_id)
        if index is None:
            seen[p.question_id] = len(kept)
            kept.append(p)
            continue
        first = kept[index]
        if _said(first) == _said(p):
            if len(p.text) > len(first.text) and (first.value is not None) == (p.value is not None):
                kept[index] = p
            continue
        if first.status == p.status and first.value is not None and first.value == p.value and not first.text:
            kept[index] = p  # the front matter's "yes" and the datasheet's "Yes. Because ..."
            continue
        result.orphans.append(Piece(p.piece.text, p.piece.first, p.piece.last, f"second answer to {p.question_id}"))
    result.placements = kept


def _said(p: Placement) -> tuple[str, str]:
    """What a placement says, whether it came as a value (front matter) or as text (a datasheet)."""
    value = ", ".join(p.value) if isinstance(p.value, tuple) else (p.value or "")
    text = " ".join(p.text.split())
    if not value and re.fullmatch(r"(?:[-*+] [^\n]+\n?)+", p.text.strip() + "\n"):
        text = ", ".join(line[2:].strip() for line in p.text.strip().split("\n"))  # a rendered list of values
    return (str(p.status), value or text if not (value and text) else value + " | " + text)

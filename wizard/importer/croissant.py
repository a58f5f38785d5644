"""A croissant.json: its core and RAI properties to the questions that export there (`export.croissant`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from wizard.bank import Bank, Question
from wizard.importer import SourceError, exports, json_object
from wizard.importer.pieces import ImportResult, Piece, Placement

# Structure, not prose: the record sets and files describe the data, not the datasheet.
_STRUCTURE = {"@context", "@type", "@id", "conformsTo", "dct:conformsTo", "distribution", "recordSet", "name"}


def _top_level_lines(text: str) -> dict[str, tuple[int, int]]:
    """Each top-level key's 1-based line range in the JSON text (a small scanner; json has no positions)."""
    spans: dict[str, tuple[int, int]] = {}
    depth = 0
    i = 0
    line = 1
    last_key: str | None = None
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            literal = text[i:j + 1]
            k = j + 1
            while k < n and text[k] in " \t\r\n":
                k += 1
            if depth == 1 and k < n and text[k] == ":":
                try:
                    name = json.loads(literal)
                except ValueError:
                    name = literal.strip('"')
                if last_key is not None:
                    spans[last_key] = (spans[last_key][0], line)
                spans[name] = (line, line)
                last_key = name
            line += text.count("\n", i, j + 1)
            i = j
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0 and last_key is not None:
                spans[last_key] = (spans[last_key][0], line)
        i += 1
    # a key's range ends on the line before the next key starts (or where the object closes)
    ordered = sorted(spans.items(), key=lambda kv: kv[1][0])
    out: dict[str, tuple[int, int]] = {}
    for (name, (first, last)), following in zip(ordered, [*ordered[1:], None]):
        end = following[1][0] - 1 if following is not None else last
        out[name] = (first, max(first, end))
    return out


def _names(value: Any) -> list[str]:
    """Text items of a value: strings, and the name / url / @id of objects."""
    if isinstance(value, list):
        return [x for v in value for x in _names(v)]
    if isinstance(value, dict):
        name, description = value.get("name"), value.get("description")
        if isinstance(name, str) and isinstance(description, str) and description.startswith(name.rstrip(".")):
            return [description]  # our export shortens a long answer to its first sentence for the name
        for k in ("name", "url", "@id", "@value", "description", "text"):
            if isinstance(value.get(k), str):
                return [value[k]]
        return [json.dumps(value, ensure_ascii=False)]
    if value is None:
        return []
    return [str(value)]


def _license_id(question: Question, url: str) -> str:
    """A license URL back to the vocabulary's id where one has that URL; else the URL as written."""
    if question.vocabulary:
        from wizard import vocabulary

        wanted = url.rstrip("/")
        try:
            for option in vocabulary.options(question.vocabulary):
                entry = vocabulary.entry(question.vocabulary, option)
                if entry is not None and entry.url and entry.url.rstrip("/") == wanted:
                    return option
        except Exception:  # noqa: BLE001 - a vocabulary that cannot be read: the URL is kept as written
            pass
    m = re.search(r"creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)", url)
    if m:
        return f"cc-{m.group(1)}-{m.group(2)}"
    m = re.search(r"spdx\.org/licenses/([\w.-]+?)(?:\.html)?$", url)
    return m.group(1).lower() if m else url


def _placement(question: Question, prop: str, value: Any, piece: Piece) -> Placement:
    items = _names(value)
    note = f"from {prop}"
    if prop == "license" and items:
        items = [_license_id(question, items[0])]
    if question.type == "multichoice":
        return Placement(question.id, piece, value=tuple(items), note=note)
    if question.type in ("choice", "yesno"):
        return Placement(question.id, piece, value=items[0] if items else "", note=note)
    return Placement(question.id, piece, text="\n".join(items) if question.type == "text" else ", ".join(items), note=note)


def read_croissant(path: Path, text: str, bank: Bank) -> ImportResult:
    from wizard.importer.values import options, read_answer

    data, wrong = json_object(text)
    if data is None:
        raise SourceError(f"{path} {wrong}; a croissant.json is a Croissant dataset object "
                          '({"@type": "sc:Dataset", ...}).')
    result = ImportResult(path, "croissant", bank.id)
    spans = _top_level_lines(text)
    lines = text.split("\n")
    targets = exports.reverse(bank, "croissant")
    if isinstance(data.get("name"), str):
        result.title = data["name"]
    structure = [p for p in data if p in _STRUCTURE and not p.startswith("@") and p not in ("name", "conformsTo", "dct:conformsTo")]
    if structure:
        result.notes.append(f"not datasheet text, left in the file: {', '.join(structure)}")
    for prop, value in data.items():
        if prop in _STRUCTURE:
            continue
        first, last = spans.get(prop, (1, 1))
        raw = "\n".join(lines[first - 1:last]).rstrip().rstrip(",")
        piece = Piece(raw, first, last, prop)
        if prop == "keywords":
            words = _names(value)
            flags = {t.split(":", 1)[1]: qs[0] for t, qs in targets.items() if t.startswith("keyword:") and len(qs) == 1}
            for word in [w for w in words if w in flags]:
                result.placements.append(Placement(flags[word].id, piece, value="yes", note=f'keyword "{word}"'))
            rest = [w for w in words if w not in flags]
            if rest and len(targets.get("keywords", [])) == 1:
                q = targets["keywords"][0]
                allowed = options(q) if q.type in ("choice", "multichoice") else ()
                taken = [w for w in rest if w in allowed] if allowed else rest
                rest = [w for w in rest if w not in taken]
                if taken:
                    result.placements.append(_placement(q, prop, taken, piece))
            if rest:
                result.orphans.append(Piece(json.dumps(rest, ensure_ascii=False), first, last, f"{prop} (not options)"))
            continue
        questions = targets.get(prop, [])
        if len(questions) == 1:
            q = questions[0]
            if isinstance(value, str) and prop != "license":
                placed = read_answer(q, Piece(value, first, last, prop))
                result.placements.append(placed._replace(note=placed.note or f"from {prop}"))
            else:
                result.placements.append(_placement(q, prop, value, piece))
            continue
        shown = value if isinstance(value, str) else raw
        label = prop if not questions else f"{prop} (answers of {', '.join(q.id for q in questions)}, cannot be told apart)"
        result.orphans.append(Piece(shown, first, last, label))
    return result

"""Bundled vocabularies (Hub licenses, ISO 639 languages, Hub tasks, size buckets): lookup and "did you mean"."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

_DIR = Path(__file__).resolve().parent / "vocabularies"
_NAMES = ("licenses", "languages", "hf-tasks", "size-categories")


class Entry:
    """One option of a vocabulary. `spdx` and `url` are set for licenses where they exist."""

    __slots__ = ("id", "label", "spdx", "url", "extra")

    def __init__(self, id: str, label: str, spdx: str = "", url: str = "",  # noqa: A002
                 extra: tuple[tuple[str, str], ...] = ()) -> None:
        self.id, self.label, self.spdx, self.url, self.extra = id, label, spdx, url, extra

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.id, self.label, self.spdx, self.url, self.extra) == \
            (other.id, other.label, other.spdx, other.url, other.extra)

    def __hash__(self) -> int:
        return hash((self.id, self.spdx, self.url))

    def __repr__(self) -> str:
        return f"Entry(id={self.id!r}, label={self.label!r}, spdx={self.spdx!r}, url={self.url!r})"


class Vocabulary:
    """One vocabulary file, kept as its raw rows: building 8,000 objects up front costs more than a render.
    (Plain classes here, not dataclasses: every command that reads a bank imports this module.)"""

    __slots__ = ("name", "title", "source", "date", "columns", "rows", "aliases", "index")

    def __init__(self, name: str, title: str, source: str, date: str, columns: tuple[str, ...],
                 rows: list[list[str]], aliases: dict[str, str], index: dict[str, int]) -> None:
        self.name, self.title, self.source, self.date = name, title, source, date
        self.columns, self.rows, self.aliases, self.index = columns, rows, aliases, index

    def entry(self, id: str) -> Entry | None:  # noqa: A002
        at = self.index.get(id)
        if at is None:
            return None
        fields = dict(zip(self.columns, self.rows[at]))
        return Entry(id=fields.pop("id"), label=fields.pop("label", ""), spdx=fields.pop("spdx", ""),
                     url=fields.pop("url", ""), extra=tuple((k, v) for k, v in fields.items() if v))


def names() -> tuple[str, ...]:
    """The vocabularies a bank may name in `vocabulary = "..."` (no file is read)."""
    return _NAMES


@cache
def options(name: str) -> tuple[str, ...]:
    """The ids of one vocabulary, in the source's order (the same tuple every call). KeyError for an unknown name.

    Read from `<name>.ids` (one id a line, written by the refresh script beside the JSON): every
    session with a vocabulary question needs the ids, only "did you mean" and labels need the rest.
    """
    if name not in _NAMES:
        raise KeyError(f"unknown vocabulary {name!r}; the bundled ones are: {', '.join(_NAMES)}")
    try:
        return tuple((_DIR / f"{name}.ids").read_text(encoding="utf-8").split("\n")[:-1])
    except OSError:
        return tuple(load(name).index)


@cache
def _id_set(name: str) -> frozenset[str]:
    return frozenset(options(name))


@cache
def folded_ids(name: str) -> dict[str, str]:
    """Case-folded id -> id, built once per vocabulary (for normalising "EN" -> "en" without a
    per-answer dict of 8,000 entries)."""
    out: dict[str, str] = {}
    for option in options(name):
        out.setdefault(option.casefold(), option)
    return out


@cache
def positions(name: str) -> dict[str, int]:
    """id -> its place in the list, for keeping a multichoice answer in the vocabulary's order."""
    return {option: i for i, option in enumerate(options(name))}


def entry(name: str, id: str) -> Entry | None:  # noqa: A002 - the id is what authors call it
    return load(name).entry(id)


def label(name: str, id: str) -> str:  # noqa: A002
    """The readable name of one id ("" when none): cheaper than entry() for listing 8,000 options."""
    vocab = load(name)
    at = vocab.index.get(id)
    return vocab.rows[at][1] if at is not None and len(vocab.rows[at]) > 1 else ""


def is_valid(name: str, value: str) -> bool:
    return value in _id_set(name)


@cache
def load(name: str) -> Vocabulary:
    """Read one vocabulary's file the first time it is asked for (the others stay unread)."""
    if name not in _NAMES:
        raise KeyError(f"unknown vocabulary {name!r}; the bundled ones are: {', '.join(_NAMES)}")
    import json  # here: every bank with a vocabulary question imports this module for names() alone

    data: dict[str, Any] = json.loads((_DIR / f"{name}.json").read_text(encoding="utf-8"))
    rows: list[list[str]] = data["rows"]
    return Vocabulary(name=name, title=data.get("title", name), source=data["source"], date=data["date"],
                      columns=tuple(data["columns"]), rows=rows, aliases=dict(data.get("aliases", {})),
                      index={row[0]: i for i, row in enumerate(rows)})


@cache
def _folded(name: str) -> dict[str, str]:
    """Case-folded id (and SPDX id) -> id, built only when a suggestion is needed."""
    vocab = load(name)
    spdx_at = vocab.columns.index("spdx") if "spdx" in vocab.columns else None
    out: dict[str, str] = {}
    for row in vocab.rows:
        out.setdefault(row[0].casefold(), row[0])
        if spdx_at is not None and row[spdx_at]:
            out.setdefault(row[spdx_at].casefold(), row[0])
    return out


@cache
def _labels(name: str) -> dict[str, str]:
    """English name (folded) -> id; the first id wins, so ISO 639-1 beats 639-3 ("english" -> "en")."""
    out: dict[str, str] = {}
    for row in load(name).rows:
        for part in re.split(r"[;,]\s*", row[1]):
            out.setdefault(part.strip().casefold(), row[0])
    return out


def suggest(name: str, wrong: str) -> str | None:
    """The id an author most likely meant by `wrong`, or None (also None when `wrong` is valid)."""
    import difflib

    if is_valid(name, wrong):
        return None
    vocab = load(name)
    folded = _folded(name)
    text = wrong.strip()
    fold = text.casefold().replace("_", "-").replace(" ", "-")
    for key in (text.casefold(), fold):
        if key in folded:
            return folded[key]
        if key in vocab.aliases:
            return vocab.aliases[key]
    if name == "languages":
        base = re.split(r"[-_]", text, maxsplit=1)[0].casefold()  # BCP 47 "en-US" -> "en"
        if base in vocab.index:
            return base
    if (hit := _labels(name).get(text.casefold())) is not None:  # "English", "Image Classification"
        return hit
    if name == "licenses" and re.fullmatch(r"cc[- ]?by.*", fold) and f"{fold}-4.0" in vocab.index:
        return f"{fold}-4.0"
    if name != "languages" or len(fold) > 3:  # two letters are always "close" to some code
        close = difflib.get_close_matches(fold, list(folded), n=1, cutoff=0.75)
        if close:
            return folded[close[0]]
    if name == "languages":
        close = difflib.get_close_matches(text.casefold(), list(_labels(name)), n=1, cutoff=0.8)
        if close:
            return _labels(name)[close[0]]
    return None


def describe(name: str, wrong: str, what: str) -> str:
    """"'CC-BY' is not a Hub license id; did you mean 'cc-by-4.0'?" - one sentence for check and render."""
    hint = suggest(name, wrong)
    message = f"{wrong!r} is not {what}"
    return message + (f"; did you mean {hint!r}?" if hint else f" (see `vocabulary {name}`)")

"""The author's own records in the state folder (where they stood in each draft, the recent
drafts): small TOML files, read and written by one rule.

They are read with tomllib, which every command has loaded already, and written with the draft
writer's string quoting. Until now they were JSON, whose import alone (6 regexes compiled) was
5 M instructions of every import or new draft. A record an earlier version wrote in JSON is still
read, loading json only then, and is replaced at the next write: nobody loses their recent drafts
or where they left off.

Strings a TOML file cannot hold (a path with a byte that is not UTF-8) make the write fail, which
the callers ignore, as they ignored the same failure of the JSON record.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Mapping, Sequence


def read_record(path: Path, *, legacy: Path | None = None) -> dict[str, Any] | None:
    """The record at `path`, or when there is none the JSON one an earlier version kept at
    `legacy`; None when neither is there or the one there is damaged."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None if legacy is None else read_legacy(legacy)
    except (OSError, ValueError):  # UnicodeDecodeError and TOMLDecodeError are ValueErrors
        return None


def read_legacy(path: Path) -> dict[str, Any] | None:
    """A JSON record of an earlier version (json is imported only when one is there)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def record_text(values: Mapping[str, str], tables: Mapping[str, Sequence[Mapping[str, str]]] = {}) -> str:
    """A record as TOML: `values` as `key = "string"` lines, then each list of `tables` as
    `[[name]]` tables of the same. Keys are ours (bare words); values are escaped as the draft's are."""
    from wizard.draft_writer import basic_string

    lines = [f"{key} = {basic_string(value)}" for key, value in values.items()]
    for name, rows in tables.items():
        for row in rows:
            lines += ["", f"[[{name}]]", *(f"{key} = {basic_string(value)}" for key, value in row.items())]
    return "\n".join(lines).lstrip("\n") + "\n"


def write_record(path: Path, text: str, *, doing: str, legacy: Path | None = None) -> None:
    """Replace the record at `path` with `text` (not fsync'd: a convenience, never the author's
    words), and remove the JSON record it replaces (`legacy`), so it is never read again.
    Raises DraftError like atomic_write; callers treat a failure as nothing recorded."""
    from wizard.draft import atomic_write

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text, doing=doing, durable=False)
    if legacy is not None:
        try:
            os.unlink(legacy)
        except OSError:
            pass

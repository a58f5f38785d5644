"""The author's own records in the state folder (where they stood in each draft, the recent
drafts): small TOML files, read and written by one rule.

Both records are written here, from plain values; wizard.places and wizard.recent read them back
as their dataclasses (Place, RecentDraft). A command that only writes them (`import`, `new`) so
never creates those classes: each costs 2 to 3 M instructions to create, its generated methods
compiled from source at every start, more than the rest of the writing.

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
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from wizard.folders import state_dir

if TYPE_CHECKING:
    import datetime as dt

    from wizard.session import Session

MAX_RECENT = 20
# The longest file name we make: eCryptfs allows 143 bytes where most Linux file systems allow 255.
# A draft's path longer than that once escaped is named by its digest instead.
NAME_MAX = 143


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


# --------------------------------------------------------------------------- where the author stood


def place_file(real: str) -> Path:
    """places/NAME.toml, NAME the draft's real path with `%` and `/` percent-escaped (`%2Fhome%2F...`):
    readable, and one name per path without hashing it (hashlib loads OpenSSL, 11 M instructions).
    The bytes of a path that are not UTF-8 stay as they are (surrogateescape): a file name may hold
    them. A name too long for the file system is the path's SHA-256, which never starts with `%`.
    Names are compared as they are: Linux file systems tell case apart, and so must the state folder."""
    name = real.replace("%", "%25").replace("/", "%2F") + ".toml"
    if len(os.fsencode(name)) > NAME_MAX:
        name = digest_of(real) + ".toml"
    return state_dir() / "places" / name


def digest_of(real: str) -> str:
    from wizard.files import sha256_hex

    return sha256_hex(real.encode("utf-8", "surrogateescape"))[:32]


def write_place(draft_path: Path, current: str, updated: dt.datetime, *, legacy: Path | None = None) -> None:
    """Remember where the author stood in the draft at `draft_path` (the question `current`) and
    when they last edited it. Failing to record it never stops the author (it is a convenience).

    A record that already holds these bytes is left as it is: closing a session records the place
    that its last save did."""
    real = str(Path(draft_path).resolve())
    file = place_file(real)
    text = record_text({"path": real, "current": current, "updated": updated.isoformat()})
    try:
        if legacy is None and file.read_text(encoding="utf-8") == text:
            return
    except (OSError, ValueError):  # none yet, or damaged: written anew
        pass
    try:
        write_record(file, text, doing="save where you left off", legacy=legacy)
    except Exception:  # noqa: BLE001 - the place is a convenience, never a reason to fail
        pass


# --------------------------------------------------------------------------- the recent drafts


def recent_file() -> Path:
    return state_dir() / "recent.toml"


def legacy_recent_file() -> Path:
    """The list as versions before the TOML records kept it: read until the next write replaces it."""
    return state_dir() / "recent.json"


def recent_entries() -> list[tuple[Path, str, str]]:
    """The recent drafts' paths, titles and banks, newest first; a missing or damaged list is empty."""
    data = read_record(recent_file(), legacy=legacy_recent_file())
    try:
        return [
            (Path(item["path"]), str(item.get("title", "")), str(item.get("bank", "")))
            for item in data.get("drafts", [])
            if isinstance(item, dict) and isinstance(item.get("path"), str)
        ]
    except (AttributeError, TypeError, ValueError):  # no record (None), or one of another shape
        return []


def remember_session(session: Session) -> None:
    """Remember the draft a session has open (a session without a file has nothing to remember)."""
    if session.path is not None:
        remember(session.path, session.draft.title, session.bank.title)


def remember(path: Path, title: str, bank: str) -> None:
    """Put a draft at the top of the recent list. Failing to record it never stops the author."""
    path = path.resolve()
    entries = [(path, title, bank), *(entry for entry in recent_entries() if entry[0] != path)]
    drafts = [{"path": str(p), "title": t, "bank": b} for p, t, b in entries[:MAX_RECENT]]
    try:
        write_record(recent_file(), record_text({}, {"drafts": drafts}), doing="save the list of recent drafts",
                     legacy=legacy_recent_file())
    except Exception:  # noqa: BLE001 - the recent list is a convenience, never a reason to fail
        pass

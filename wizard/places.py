"""Where the author left each draft and when they last edited it: the author's, not the document's.

Kept in the user's state folder, one small file per draft keyed by the draft's real path, so
the draft file changes only when an answer does: two people editing different answers on two
git branches never conflict over a timestamp or over the question each stood on.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard.statefiles import read_legacy, read_record, record_text, write_record

# The longest file name we make: eCryptfs allows 143 bytes where most Linux file systems allow 255.
# A draft's path longer than that once escaped is named by its digest instead.
NAME_MAX = 143


@dataclass(frozen=True, repr=False)  # compared, never printed: each generated method is compiled at every start
class Place:
    """Where the author stood in a draft, kept in the state folder."""

    current: str  # the question id the author was on
    updated: dt.datetime  # when an answer last changed


def _real(draft_path: Path) -> str:
    return str(Path(draft_path).resolve())


def _file_for(real: str) -> Path:
    """places/NAME.toml, NAME the draft's real path with `%` and `/` percent-escaped (`%2Fhome%2F...`):
    readable, and one name per path without hashing it (hashlib loads OpenSSL, 11 M instructions).
    The bytes of a path that are not UTF-8 stay as they are (surrogateescape): a file name may hold
    them. A name too long for the file system is the path's SHA-256, which never starts with `%`.
    Names are compared as they are: Linux file systems tell case apart, and so must the state folder."""
    from wizard.folders import state_dir

    name = real.replace("%", "%25").replace("/", "%2F") + ".toml"
    if len(os.fsencode(name)) > NAME_MAX:
        name = _digest_of(real) + ".toml"
    return state_dir() / "places" / name


def _legacy_file(real: str) -> Path:
    """Where versions before the TOML records kept the place: named by the path's digest, in JSON."""
    from wizard.folders import state_dir

    return state_dir() / "places" / f"{_digest_of(real)}.json"


def _digest_of(real: str) -> str:
    from wizard.files import sha256_hex

    return sha256_hex(real.encode("utf-8", "surrogateescape"))[:32]


def read_place(draft_path: Path) -> Place | None:
    """The remembered place, or None (never seen here, or the record is damaged, or another draft's)."""
    real = _real(draft_path)
    place = _place_of(read_record(_file_for(real)), real)
    if place is None and os.path.exists(real):
        # A place an earlier version recorded, moved to its new name at once. Only a draft on disk
        # can have one: a new draft (Session.create checks its path is free) never looks, nor hashes.
        legacy = _legacy_file(real)
        place = _place_of(read_legacy(legacy), real)
        if place is not None:
            _write(real, place, legacy=legacy)
    return place


def _place_of(data: dict[str, Any] | None, real: str) -> Place | None:
    """The place a record holds, when it is this draft's (its own path is kept in it: a name
    shared by two paths, or a record copied by hand, never serves another draft's place)."""
    if data is None or data.get("path") != real:
        return None
    try:
        updated = dt.datetime.fromisoformat(data["updated"])
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.timezone.utc)
        return Place(str(data["current"]), updated)
    except (ValueError, KeyError, TypeError):
        return None


def write_place(draft_path: Path, place: Place) -> None:
    """Remember the place. Failing to record it never stops the author (it is a convenience)."""
    real = _real(draft_path)
    if _place_of(read_record(_file_for(real)), real) == place:
        return
    _write(real, place)


def _write(real: str, place: Place, *, legacy: Path | None = None) -> None:
    text = record_text({"path": real, "current": place.current, "updated": place.updated.isoformat()})
    try:
        write_record(_file_for(real), text, doing="save where you left off", legacy=legacy)
    except Exception:  # noqa: BLE001 - the place is a convenience, never a reason to fail
        pass

"""Where the author left each draft and when they last edited it: the author's, not the document's.

Kept in the user's state folder, one small file per draft keyed by the draft's real path, so
the draft file changes only when an answer does: two people editing different answers on two
git branches never conflict over a timestamp or over the question each stood on.

The record is written by wizard.statefiles (a session saving or closing writes it from plain
values, without creating Place); it is read back here.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard import statefiles
from wizard.statefiles import digest_of, place_file, read_legacy, read_record


@dataclass(frozen=True, repr=False)  # compared, never printed: each generated method is compiled at every start
class Place:
    """Where the author stood in a draft, kept in the state folder."""

    current: str  # the question id the author was on
    updated: dt.datetime  # when an answer last changed


def _real(draft_path: Path) -> str:
    return str(Path(draft_path).resolve())


def _legacy_file(real: str) -> Path:
    """Where versions before the TOML records kept the place: beside it, named by the path's digest, in JSON."""
    return place_file(real).with_name(f"{digest_of(real)}.json")


def read_place(draft_path: Path) -> Place | None:
    """The remembered place, or None (never seen here, or the record is damaged, or another draft's)."""
    real = _real(draft_path)
    place = _place_of(read_record(place_file(real)), real)
    if place is None and os.path.exists(real):
        # A place an earlier version recorded, moved to its new name at once. Only a draft on disk
        # can have one: a new draft (Session.create checks its path is free) never looks, nor hashes.
        legacy = _legacy_file(real)
        place = _place_of(read_legacy(legacy), real)
        if place is not None:
            statefiles.write_place(Path(real), place.current, place.updated, legacy=legacy)
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
    """Remember the place (see wizard.statefiles.write_place, which a session calls itself)."""
    statefiles.write_place(draft_path, place.current, place.updated)

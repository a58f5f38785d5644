"""Where the author left each draft and when they last edited it: the author's, not the document's.

Kept in the user's state folder, one small file per draft keyed by the draft's real path, so
the draft file changes only when an answer does: two people editing different answers on two
git branches never conflict over a timestamp or over the question each stood on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, repr=False)  # compared, never printed: each generated method is compiled at every start
class Place:
    """Where the author stood in a draft, kept in the state folder."""

    current: str  # the question id the author was on
    updated: dt.datetime  # when an answer last changed


def _file_for(draft_path: Path) -> Path:
    from wizard.files import sha256_hex
    from wizard.folders import state_dir

    key = sha256_hex(str(Path(draft_path).resolve()).encode("utf-8", "surrogateescape"))[:32]
    return state_dir() / "places" / f"{key}.json"


def read_place(draft_path: Path) -> Place | None:
    """The remembered place, or None (never seen here, or the record is damaged)."""
    try:
        data = json.loads(_file_for(draft_path).read_text(encoding="utf-8"))
        updated = dt.datetime.fromisoformat(data["updated"])
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.timezone.utc)
        return Place(str(data["current"]), updated)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_place(draft_path: Path, place: Place) -> None:
    """Remember the place. Failing to record it never stops the author (it is a convenience)."""
    if read_place(draft_path) == place:
        return
    payload = {
        "path": str(Path(draft_path).resolve()),
        "current": place.current,
        "updated": place.updated.isoformat(),
    }
    try:
        from wizard.draft import atomic_write

        target = _file_for(draft_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, json.dumps(payload, ensure_ascii=False) + "\n", doing="save where you left off",
                     durable=False)
    except Exception:  # noqa: BLE001 - the place is a convenience, never a reason to fail
        pass

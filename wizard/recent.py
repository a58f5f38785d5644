"""Recently opened drafts, remembered in the user's state folder so `resume` can offer them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.folders import state_dir
from wizard.statefiles import read_record, record_text, write_record

if TYPE_CHECKING:
    from wizard.session import Session

MAX_RECENT = 20


def _file() -> Path:
    return state_dir() / "recent.toml"


def _legacy_file() -> Path:
    """The list as versions before the TOML records kept it: read until the next write replaces it."""
    return state_dir() / "recent.json"


@dataclass(frozen=True, eq=False, repr=False)  # read field by field: each generated method is compiled at every start
class RecentDraft:
    """A draft on the recent list."""

    path: Path
    title: str
    bank: str

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def load_recent() -> list[RecentDraft]:
    """Recent drafts, newest first; a missing or damaged list is simply empty."""
    data = read_record(_file(), legacy=_legacy_file())
    try:
        return [
            RecentDraft(Path(item["path"]), str(item.get("title", "")), str(item.get("bank", "")))
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
    """Put a draft at the top of the list. Failing to record it never stops the author."""
    path = path.resolve()
    entries = [r for r in load_recent() if r.path != path]
    entries.insert(0, RecentDraft(path, title, bank))
    drafts = [{"path": str(r.path), "title": r.title, "bank": r.bank} for r in entries[:MAX_RECENT]]
    try:
        write_record(_file(), record_text({}, {"drafts": drafts}), doing="save the list of recent drafts",
                     legacy=_legacy_file())
    except Exception:  # noqa: BLE001 - the recent list is a convenience, never a reason to fail
        pass

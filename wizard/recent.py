"""Recently opened drafts, remembered in the user's state folder so `resume` can offer them.

The list is written by wizard.statefiles (`remember`, from plain values: an import or a new draft
never creates RecentDraft); it is read back here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wizard.statefiles import MAX_RECENT, recent_entries, remember, remember_session

__all__ = ["MAX_RECENT", "RecentDraft", "load_recent", "remember", "remember_session"]


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
    return [RecentDraft(path, title, bank) for path, title, bank in recent_entries()]

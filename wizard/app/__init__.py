"""The full-screen Textual front end. Imported only by `new`/`resume`/bare runs, never by the core."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from wizard.bank import Bank
    from wizard.session import Session


def run_app(session: Session | None = None, *, new_bank: Bank | None = None, new_draft: Path | None = None) -> int:
    from wizard.app.lifecycle import run_app as run

    return run(session, new_bank=new_bank, new_draft=new_draft)

"""Hostile banks and drafts for the integrity tests: control sequences and bidi overrides everywhere."""

from __future__ import annotations

import json
from pathlib import Path

# Window title (OSC 0), clipboard write (OSC 52), clear screen (CSI 2J), bell, right-to-left override.
EVIL = "\x1b]0;PWNED\x07\x1b]52;c;aGk=\x07\x1b[2J\u202e\x9b"
EVIL_TOML = json.dumps(EVIL)[1:-1]  # the same, as escapes inside a TOML basic string (JSON's are TOML's)
RAW_BYTES = (b"\x1b", b"\x07", b"\xe2\x80\xae", b"\xc2\x9b")  # ESC, BEL, U+202E and U+009B in UTF-8


def raw_in(data: bytes | str) -> list[bytes]:
    """The raw control bytes or bidi overrides found in `data` (empty when it is safe to show)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    return [b for b in RAW_BYTES if b in data]


def hostile_bank(folder: Path, *, valid: bool = True) -> Path:
    """A bank whose every shown string carries EVIL; with valid=False, also a bad key and a bad id."""
    e = EVIL_TOML
    bad = f'\n"bad{e}key" = 1\n' if not valid else ""
    bad_id = f"q{e}" if not valid else "purpose"
    path = folder / "evil-bank.toml"
    path.write_text(f'''format = 1

[bank]
id = "evil"
title = "Evil{e} bank"
version = "1{e}"
description = "About{e}"
source = "Source{e}"
document_title = "Sheet{e} for {{title}}"
{bad}
[[sections]]
id = "about"
title = "About{e}"
guidance = "Section guidance{e}"

[[sections.questions]]
id = "{bad_id}"
prompt = "Why{e}?"
detail = "Detail{e}"
guidance = "Guidance{e}"
example = "Example{e}"
required = true

[[sections.questions]]
id = "kind"
prompt = "Kind{e}?"
type = "choice"
choices = ["images{e}", "text"]
required = true
''', encoding="utf-8")
    return path


def hostile_draft(folder: Path) -> Path:
    """A draft on the hostile bank, with EVIL in its title, an answer, and an orphaned answer's id."""
    from wizard.bank import load_bank
    from wizard.session import Session

    bank = hostile_bank(folder)
    path = folder / "evil.datasheet.toml"
    session = Session.create(load_bank(bank), f"Title{EVIL}", path)
    session.write_text("purpose", f"Answer{EVIL}\n<h1>big</h1>")
    session.close()
    e = EVIL_TOML
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f'\n[answers."gone{e}"]\nstatus = "answered"\ntext = "Orphan{e}"\n')
    return path

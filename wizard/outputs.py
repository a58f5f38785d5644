"""The files we write for the author besides the draft, and the one rule for replacing them.

Both front ends and the command line write the datasheet (and the publishing exports) through
here, so they agree on three things: where the datasheet goes by default (beside the draft), which
existing files are ours to replace without asking (exactly what we last wrote there, byte for byte,
by either front end or `render -o`), and what an author is told when a write fails (the file and
what we were doing, never "Cannot save the draft" about a datasheet).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

from wizard.draft import SUFFIX
from wizard.files import sha256_hex
from wizard.folders import state_dir

DRAFT_SUFFIXES = (SUFFIX, ".toml")  # the draft's name without these is the datasheet's
FORMAT_LABELS = {
    "markdown": "datasheet",
    "html": "HTML datasheet",
    "croissant": "Croissant metadata",
    "hf": "Hugging Face dataset card",
}


def default_datasheet_path(draft_path: Path | None) -> Path:
    """`citybirds.datasheet.toml` → `citybirds.md`, beside the draft (`datasheet.md` without one)."""
    return beside_draft(draft_path, ".md")


def beside_draft(draft_path: Path | None, suffix: str) -> Path:
    """The draft's name with its suffix swapped: `citybirds.datasheet.toml` → `citybirds{suffix}`."""
    if draft_path is None:
        return Path("datasheet" + suffix)
    name = draft_path.name
    for ending in DRAFT_SUFFIXES:
        if name.endswith(ending) and len(name) > len(ending):
            return draft_path.with_name(name[: -len(ending)] + suffix)
    return draft_path.with_name(name + suffix)


def is_ours(path: Path) -> bool:
    """True when the file is exactly what we last wrote there (so replacing it loses nothing)."""
    recorded = _load().get(_key(path))
    return recorded is not None and recorded == _digest(path)


def needs_consent(path: Path) -> bool:
    """Replacing `path` would lose something we did not write: the author must say yes first."""
    return path.exists() and not is_ours(path)


def write_output(path: Path, text: str, *, what: str = "the datasheet") -> None:
    """Replace `path` with `text` atomically and remember it as ours. Raises DraftError naming
    `what` and the file ("Cannot write the datasheet to README.md: Permission denied.")."""
    from wizard.draft import atomic_write

    atomic_write(path, text, doing=f"write {what}")
    record(path, text.encode("utf-8"))  # the bytes just written: no need to read them back


def emit(output: Path | None, text: str, fmt: str) -> bool:
    """Write a rendered document (`render`'s formats) where the command line asked: standard output
    for None or `-`; into a device, FIFO or `/dev/stdout` as it is; by atomic replace (mode kept,
    symlinks followed, remembered as ours) for a regular file. True when a file was written."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return False
    what = f"the {label_of(fmt)}"
    if _is_special(output):
        try:
            with open(output, "w", encoding="utf-8", errors="replace") as fh:
                fh.write(text)
        except OSError as exc:
            from wizard.errors import DraftError

            raise DraftError(f"Cannot write {what} to {output}: {exc.strerror or exc}.") from None
        return False
    write_output(output, text, what=what)
    return True


def label_of(fmt: str) -> str:
    """What a `render` format is called in messages: "datasheet", "Hugging Face dataset card"..."""
    return FORMAT_LABELS.get(fmt, "datasheet")


def record(path: Path, written: bytes | None = None) -> None:
    """Remember the file as we wrote it (`written`: its bytes, when the caller has them; else they
    are read back). Bookkeeping only: a failure here never fails the write."""
    from wizard.draft import atomic_write

    digest = sha256_hex(written) if written is not None else _digest(path)
    if digest is None:
        return
    data = _load()
    data[_key(path)] = digest
    try:
        state_dir().mkdir(parents=True, exist_ok=True)
        atomic_write(_file(), json.dumps(data, indent=1) + "\n", doing="save the list of written files",
                     durable=False)
    except Exception:  # noqa: BLE001 - bookkeeping only
        pass


def _is_special(path: Path) -> bool:
    """A device, a FIFO or a terminal (`/dev/stdout`, `/dev/null`, a named pipe): written into,
    never replaced by a regular file. Atomic replace is for regular files and new names."""
    if os.path.abspath(path).startswith(("/dev/", "/proc/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _file() -> Path:
    return state_dir() / "outputs.json"


def _key(path: Path) -> str:
    return str(path.resolve())


def _load() -> dict[str, str]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _digest(path: Path) -> str | None:
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return None

"""Which written datasheets are ours as written, so a hand-edited one is never replaced silently."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from wizard.folders import state_dir


def _file() -> Path:
    return state_dir() / "outputs.json"


def _load() -> dict[str, str]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def is_ours(path: Path) -> bool:
    """True when the file is exactly what we last wrote there (so replacing it loses nothing)."""
    recorded = _load().get(str(path.resolve()))
    return recorded is not None and recorded == _digest(path)


def record(path: Path) -> None:
    from wizard.draft import atomic_write

    data = _load()
    digest = _digest(path)
    if digest is None:
        return
    data[str(path.resolve())] = digest
    try:
        state_dir().mkdir(parents=True, exist_ok=True)
        atomic_write(_file(), json.dumps(data, indent=1) + "\n")
    except Exception:  # noqa: BLE001 - bookkeeping only
        pass

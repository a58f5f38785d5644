"""Derived data kept between runs in the user's cache folder: marshal files named by digests.

marshal writes and reads plain data (str, numbers, tuples, lists, dicts, sets) and runs no code,
in a hundredth of the time the data took to derive. A file is named by the digest of everything
it was derived from, so it is never served stale; one that cannot be read or written is simply
not used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cache_file(kind: str, name: str) -> Path | None:
    """Where derived data of one `kind` (a subfolder) is kept under `name` (None: caching is off)."""
    from wizard.folders import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / kind / name


def read_cached(path: Path | None) -> Any:
    """The data kept at `path`, or None (no cache, never written, damaged)."""
    if path is None:
        return None
    import marshal

    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_cached(path: Path | None, data: Any) -> None:
    """Keep `data` at `path`, atomically; data marshal cannot write (a date, an object) is not kept."""
    if path is None:
        return
    import marshal

    try:
        blob = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass

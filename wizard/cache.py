"""Derived data kept between runs in the user's cache folder: marshal files named by digests.

marshal writes and reads plain data (str, numbers, tuples, lists, dicts, sets) and runs no code,
in a hundredth of the time the data took to derive. A file is named by the digest of everything
it was derived from, so it is never served stale; one that cannot be read or written is simply
not used.
"""

from __future__ import annotations

import os
import time
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


# A file's digest is remembered only once its times are this much older than the clock: a write
# within the file system's timestamp granularity (up to 2 s on FAT) after we read it could
# otherwise leave every stamp as it was ("racy git"). A later write always moves a time past it.
SETTLED_NS = 3_000_000_000


def file_sha256(data: bytes, st: os.stat_result) -> str:
    """The SHA-256 of `data`, the bytes of a file read with status `st` (taken before the read).

    hashlib loads OpenSSL, 11 M instructions of every command that opens a bank, to hash a file
    that is almost always the one it was last time. So the digest is remembered per file (device
    and inode) with what proves the file unchanged: its size, mtime and ctime to the nanosecond.
    ctime moves at every write and no user can set it, so this is stricter than Python's own check
    of its bytecode (mtime and size). An entry that proves nothing (damaged, of another shape, of
    another file) is not trusted: the bytes are hashed as before and the entry written again.
    """
    name = f"{st.st_dev:x}-{st.st_ino:x}.marshal"
    where = cache_file("digests", name)
    stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    known = read_cached(where)
    if isinstance(known, tuple) and len(known) == 2 and known[0] == stamp and _is_sha256(known[1]):
        return known[1]
    from wizard.files import sha256_hex

    digest = sha256_hex(data)
    if max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLED_NS:
        write_cached(where, (stamp, digest))
    return digest


def _is_sha256(text: object) -> bool:
    """A SHA-256 in lowercase hex, as sha256_hex writes it (it names cache files: nothing else may pass)."""
    return type(text) is str and len(text) == 64 and not text.strip("0123456789abcdef")

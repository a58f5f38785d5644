"""Careful file access shared by the bank loader and the draft store: regular files only, modes kept.

Reading a FIFO or a device would hang or never end, so a bank or draft must be a regular file,
checked on the open descriptor (no race between a check and the open). Whether the author may
write a file is decided from its mode bits as well as `os.access`: root may write anything, but
a draft its owner made read-only (`chmod 444`) is meant to stay as it is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

BOM = b"\xef\xbb\xbf"


class NotRegularFile(OSError):
    """The path names a FIFO, a device, a socket: not something to read a bank or draft from."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}")
        self.kind = kind


class TooLarge(OSError):
    def __init__(self, path: Path, size: int) -> None:
        super().__init__(f"{path} is {size:,} bytes")
        self.size = size


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, without a leading UTF-8 byte-order mark.

    Raises FileNotFoundError, IsADirectoryError, NotRegularFile, TooLarge or another OSError.
    Opening with O_NONBLOCK returns at once even for a FIFO with no writer; fstat then refuses it.
    """
    return read_regular_stat(path, limit)[0]


def read_regular_stat(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the file's status taken on the open descriptor before its bytes were
    read: what proves, on a later run, that the file is still the one these bytes came from."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, kind_of(st.st_mode))
        if st.st_size > limit:
            raise TooLarge(path, st.st_size)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(path, len(data))
    return (data[len(BOM):] if data.startswith(BOM) else data), st


def real_path(path: Path) -> Path:
    """Where a write to `path` must land: through symbolic links to the file they point at, so the
    link stays a link. Paths that are not links are returned unchanged."""
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return path


def may_write(path: Path) -> str:
    """Why the author may not replace the file at `path` ("" when they may).

    Honours the mode bits even for root: a draft with no write permission for its owner was made
    read-only on purpose. The folder must be writable too (atomic replace writes a new file there).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return f"it cannot be inspected ({exc.strerror or exc})"
    folder = path.parent if str(path.parent) else Path(".")
    if st is not None:
        owner_or_root = os.geteuid() in (0, st.st_uid)
        if (owner_or_root and not st.st_mode & stat.S_IWUSR) or not os.access(path, os.W_OK):
            return f"the file is read-only (mode {stat.filemode(st.st_mode)}; `chmod u+w {path}` allows writing)"
    try:
        fst = os.stat(folder)
    except OSError as exc:
        return f"its folder cannot be inspected ({exc.strerror or exc})"
    if not os.access(folder, os.W_OK | os.X_OK) or (os.geteuid() == 0 and not fst.st_mode & stat.S_IWUSR):
        return f"its folder {folder} is not writable"
    return ""


def keep_mode(fd: int, old: os.stat_result | None) -> None:
    """Give the new file behind `fd` the old file's permission bits, and its owner and group where
    we may (best effort: only root may give a file away; a member may set the group)."""
    if old is None:
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except OSError:
        try:
            os.fchown(fd, -1, old.st_gid)
        except OSError:
            pass
    os.fchmod(fd, stat.S_IMODE(old.st_mode))  # after chown, which may clear set-id bits


def write_fully(fd: int, payload: bytes, *, sync: bool = True) -> None:
    """Write every byte (os.write may write fewer than asked), then (`sync`) fsync: the bytes are on disk."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]
    if sync:
        os.fsync(fd)


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, in hex (the bank's digest, a draft's place key, a written file's stamp)."""
    import hashlib

    return hashlib.sha256(data).hexdigest()

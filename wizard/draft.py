"""The draft file: its model, read fast with tomllib, replaced atomically, guarded by a lock.

How a draft is written as TOML text is wizard.draft_writer's."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import threading
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wizard.answers import Answer, Status
from wizard.errors import DraftError, DraftLockedError

FORMAT = 2
READABLE_FORMATS = (1, 2)
MAX_DRAFT_BYTES = 64 * 1024 * 1024
STATUSES = tuple(s.value for s in Status)
SUFFIX = ".datasheet.toml"

_KNOWN_DRAFT_KEYS = ("title", "bank", "bank_version", "bank_path", "bank_sha256", "created")
_LEGACY_DRAFT_KEYS = ("updated", "current")  # format 1 kept them here; format 2 in the state folder
_KNOWN_ANSWER_KEYS = ("status", "value", "other", "text")
# Lone surrogates and NUL cannot be written to a UTF-8 TOML file; everything else is kept.
_UNWRITABLE = "[\x00\ud800-\udfff]"


def clean_text(text: str) -> str:
    """Normalise line endings to \\n and replace characters that no file can hold."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or not _utf8(text):  # the pattern is compiled (and kept by re) only for such text
        text = re.sub(_UNWRITABLE, lambda m: "" if m.group() == "\x00" else "\ufffd", text)
    return text


def _utf8(text: str) -> bool:
    """Whether `text` can be written as UTF-8: the only characters it cannot are lone surrogates."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


# No generated __eq__/__repr__ (each is source compiled at every start, 1.6 M together for 18
# fields): nothing in the product or the tests compares two drafts or prints one; the tests compare
# drafts field by field or as the text on disk.
@dataclass(eq=False, repr=False)
class Draft:
    """Everything in one draft file. Unknown keys ride along in the `extra` dicts.

    `updated` and `current` are the author's, not the document's: they live in the state folder
    (see wizard.recent) and are only read from the file when a format-1 draft still has them.
    """

    title: str
    bank_id: str
    bank_version: str = ""
    bank_path: str = ""
    bank_sha256: str = ""
    created: dt.datetime = field(default_factory=now)
    updated: dt.datetime = field(default_factory=now)
    current: str = ""
    answers: dict[str, Answer] = field(default_factory=dict)
    extra_top: dict[str, Any] = field(default_factory=dict)
    extra_draft: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    format: int = FORMAT  # the format the file was read in (1: answers still in format 1's shape)
    source_text: str = ""  # the file as read: its hand-written comments survive our saves
    source_answers: dict[str, Answer] = field(default_factory=dict)  # the answers as read, before any edit
    legacy_place: bool = False  # the file still holds `updated`/`current` (format 1)

    def copy(self) -> Draft:
        """A snapshot that a background save can write while the author keeps typing."""
        return replace(self, answers=dict(self.answers))


# --------------------------------------------------------------------------- reading


def load_draft(path: str | Path) -> Draft:
    """Read a draft; raises DraftError with a clear message on anything malformed."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError(f"The draft {path} is not a text file (invalid UTF-8 at line {line}). It was not changed.") from None
    text = text.removeprefix("\ufeff")  # a byte-order mark left by an editor on Windows
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DraftError(
            f"The draft {path} is not valid TOML ({exc}). It was not changed; fix the line named, "
            "or restore it from version control."
        ) from None
    except RecursionError:
        raise DraftError(f"The draft {path} is not valid TOML (nested too deeply). It was not changed.") from None
    draft = draft_from_data(data, str(path))
    draft.path = path
    draft.source_text = text
    draft.source_answers = dict(draft.answers)
    return draft


def _read_bytes(path: Path) -> bytes:
    """The draft's bytes (a leading byte-order mark dropped); only a regular file is read, at once."""
    from wizard.files import NotRegularFile, TooLarge, read_regular

    try:
        return read_regular(path, MAX_DRAFT_BYTES)
    except TooLarge as exc:
        raise DraftError(f"The draft {path} is {exc.size:,} bytes; drafts are capped at {MAX_DRAFT_BYTES:,}.") from None
    except NotRegularFile as exc:
        raise DraftError(f"{path} is {exc.kind}, not a draft file; a draft is a regular file. Nothing was read.") from None
    except FileNotFoundError:
        raise DraftError(f"There is no draft at {path}.") from None
    except IsADirectoryError:
        raise DraftError(f"{path} is a folder, not a draft file.") from None
    except OSError as exc:
        raise DraftError(f"Cannot read the draft {path}: {exc.strerror or exc}.") from None


def draft_from_data(data: dict[str, Any], name: str) -> Draft:
    problems: list[str] = []
    fmt = data.get("format")
    if type(fmt) is int and fmt > FORMAT:  # true == 1 == 1.0 in Python, hence the exact type
        raise DraftError(
            f"The draft {name} is in format {fmt}, written by a newer datasheet-wizard; this version reads "
            f"formats {' and '.join(map(str, READABLE_FORMATS))}. Upgrade datasheet-wizard to open it. It was not changed."
        )
    if type(fmt) is not int or fmt not in READABLE_FORMATS:
        problems.append(f"format must be {FORMAT}, not {fmt!r}" if "format" in data else f"missing `format = {FORMAT}`")
    head = data.get("draft")
    if not isinstance(head, dict):
        problems.append("missing the [draft] table" if head is None else "[draft] must be a table")
        head = {}

    def text_field(key: str, required: bool = False) -> str:
        value = head.get(key, "")
        if not isinstance(value, str):
            problems.append(f"draft.{key} must be a string")
            return ""
        if required and not value:
            problems.append(f"draft.{key} is missing")
        return value

    def time_field(key: str) -> dt.datetime:
        value = head.get(key)
        if value is None:
            return now()
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
        problems.append(f"draft.{key} must be a date-time like 2026-11-29T01:00:00Z")
        return now()

    title = text_field("title")
    bank_id = text_field("bank", required=True)
    draft = Draft(
        title=title,
        bank_id=bank_id,
        bank_version=text_field("bank_version"),
        bank_path=text_field("bank_path"),
        bank_sha256=text_field("bank_sha256"),
        created=time_field("created"),
        updated=time_field("updated"),
        current=text_field("current"),
        extra_top={k: v for k, v in data.items() if k not in ("format", "draft", "answers")},
        extra_draft={k: v for k, v in head.items() if k not in (*_KNOWN_DRAFT_KEYS, *_LEGACY_DRAFT_KEYS)},
        format=fmt if type(fmt) is int else FORMAT,
        legacy_place=any(k in head for k in _LEGACY_DRAFT_KEYS),
    )
    answers = data.get("answers", {})
    if not isinstance(answers, dict):
        problems.append("[answers] must be a table of tables")
        answers = {}
    for qid, raw in answers.items():
        answer = _answer_from_data(qid, raw, problems)
        if answer is not None:
            draft.answers[qid] = answer
    if problems:
        listed = "; ".join(problems[:8]) + ("; …" if len(problems) > 8 else "")
        raise DraftError(f"The draft {name} cannot be read: {listed}. It was not changed.")
    return draft


def table_parts(raw: dict[str, Any], where: str, problems: list[str]) -> tuple[str, str, str] | None:
    """An answer table's status, text and other, each checked (a draft's and a --data-file's alike)."""
    status = raw.get("status", "answered")
    if status not in STATUSES:
        problems.append(f'{where}.status must be one of {", ".join(STATUSES)}, not {status!r}')
        return None
    for key in ("text", "other"):
        if not isinstance(raw.get(key, ""), str):
            problems.append(f"{where}.{key} must be a string")
            return None
    return status, raw.get("text", ""), raw.get("other", "")


def _answer_from_data(qid: str, raw: Any, problems: list[str]) -> Answer | None:
    if not isinstance(raw, dict):
        problems.append(f"answers.{qid} must be a table")
        return None
    if not raw:
        return None  # a question's table with nothing in it yet: unanswered
    parts = table_parts(raw, f"answers.{qid}", problems)
    if parts is None:
        return None
    status, text, other = parts
    value = raw.get("value")
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            problems.append(f"answers.{qid}.value must be a string or a list of strings")
            return None
        value = tuple(value)
    elif value is not None and not isinstance(value, str):
        problems.append(f"answers.{qid}.value must be a string or a list of strings")
        return None
    extra = {k: v for k, v in raw.items() if k not in _KNOWN_ANSWER_KEYS}
    return Answer(status=Status(status), text=clean_text(text), value=value, other=clean_text(other), extra=extra)


@dataclass(frozen=True, repr=False)  # compared, never printed: each generated method is compiled at every start
class DiskStamp:
    """What the file looked like after our last read or write, to spot edits made by hand."""

    mtime_ns: int
    size: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> DiskStamp | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return cls.of_status(st)

    @classmethod
    def of_status(cls, st: os.stat_result) -> DiskStamp:
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


def atomic_write(path: Path, data: str, *, doing: str = "save the draft", durable: bool = True) -> os.stat_result:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one, whole.
    Returns the status of the file written, taken before it was put in place: what `path` holds
    unless another program has written it since (a stamp taken from `path` afterwards could be
    theirs, and our next save would then overwrite their edit without noticing it).

    A failure raises DraftError saying what we were `doing` ("write the datasheet") and to which file.

    `durable=False` skips the two fsyncs (the file's, then its folder's), for the state folder's
    conveniences (where the author stood, the recent drafts, what we wrote): a crash may lose
    their latest record, which is never the author's words, and each fsync costs milliseconds.

    The new file keeps the old one's permission bits (and owner and group where allowed), so a
    `chmod 600` draft stays private; a symbolic link is written through to its target and stays a
    link; a file its owner made read-only is refused, not replaced.
    """
    import stat as _stat

    from wizard.files import keep_mode, may_write, real_path, write_fully

    try:
        old: os.stat_result | None = os.stat(path)  # through links: what a write would land on
    except OSError:
        old = None
    if old is not None and not _stat.S_ISREG(old.st_mode):
        raise DraftError(f"Cannot {doing} to {path}: it is not a regular file (a device, a pipe or a folder); "
                         "it was left as it is.")
    path = real_path(path)
    folder = path.parent if str(path.parent) else Path(".")
    refusal = may_write(path) if old is not None else ""
    if refusal:
        raise DraftError(f"Cannot {doing} to {path}: {refusal}.")
    try:
        payload = data.encode("utf-8")
    except UnicodeEncodeError:
        raise DraftError(f"Cannot {doing} to {path}: the text holds characters that are not UTF-8 "
                         "(a file name with a byte that is not UTF-8?).") from None
    # pid and thread in the name: an autosave thread and a signal handler never share a temporary file
    tmp = folder / f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp"
    try:
        # 0600 until the old file's mode is copied: the text is never readable by others on the way
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if old is not None else 0o666)
        try:
            keep_mode(fd, old)
            write_fully(fd, payload, sync=durable)
            written = os.fstat(fd)  # a rename keeps the file's inode, size and modification time
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise DraftError(f"Cannot {doing} to {path}: {exc.strerror or exc}.") from exc
    if durable:
        _fsync_folder(folder)
    return written


def remove_stale_temporaries(path: Path) -> int:
    """Delete temporary files that processes killed mid-save left beside the draft.

    Only files of processes that no longer run are removed; the draft itself was never at risk.
    """
    prefix = f".{path.name}."  # our temporary files are named .NAME.PID-THREAD.tmp (see atomic_write)
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return 0
    removed = 0
    for name in names:
        tmp = path.parent / name
        pid = name[len(prefix) : -4].split("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- locking


class DraftLock:
    """An advisory lock in a file beside the draft; the kernel drops it when the holder dies.

    A symlinked draft is locked beside its target, so opening it through the link and through the
    target conflict as they should. In a shared folder another user's lock file may not be
    writable for us: the lock is then taken on a read-only descriptor (flock does not care), and
    when no lock can be taken at all, or the draft may not be written, the draft opens read-only.
    """

    def __init__(self, draft_path: Path) -> None:
        from wizard.files import real_path

        self.draft_path = real_path(draft_path)
        self.path = self.draft_path.parent / f".{self.draft_path.name}.lock"
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks, no protection
            self._fd = -1
            return
        from wizard.errors import DraftReadOnly
        from wizard.files import may_write

        shown_path = self.draft_path
        refusal = may_write(self.draft_path) if self.draft_path.exists() else ""
        if refusal:
            raise DraftReadOnly(f"You may not write to the draft {shown_path}: {refusal}. It opens read-only; "
                                "nothing will be written to it.")
        for _ in range(5):
            fd, writable = self._open_lock_file()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _read_holder(fd)
                os.close(fd)
                raise DraftLockedError(
                    f"The draft {shown_path} is already open in another datasheet-wizard{holder}; it opens "
                    "read-only here. Close the other one to edit."
                ) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except OSError:
                same = False
            if not same:  # the holder removed the file between our open and our lock: try again
                os.close(fd)
                continue
            if writable:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
            self._fd = fd
            remove_stale_temporaries(self.draft_path)
            return
        raise DraftLockedError(f"Could not lock {self.path}; another process keeps replacing it.")

    def _open_lock_file(self) -> tuple[int, bool]:
        """The lock file's descriptor, and whether we may write our pid into it."""
        from wizard.errors import DraftReadOnly

        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644), True
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise DraftError(f"Cannot create the lock file {self.path}: {exc.strerror}.") from None
        try:  # someone else's lock file in a shared folder: a read-only descriptor locks just as well
            return os.open(self.path, os.O_RDONLY), False
        except OSError as exc:
            if not os.path.lexists(self.draft_path):  # a new draft: it cannot be written there either
                raise DraftError(f"Cannot create the draft {self.draft_path}: {exc.strerror} (is its folder "
                                 "writable?). Choose another place with --draft.") from None
            raise DraftReadOnly(
                f"Cannot lock the draft {self.draft_path} ({self.path}: {exc.strerror}), so another "
                "person's datasheet-wizard might be writing it; it opens read-only. Nothing will be written to it."
            ) from None

    def release(self) -> None:
        if self._fd is None:
            return
        if self._fd >= 0:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            os.close(self._fd)
        self._fd = None


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


# --------------------------------------------------------------------------- naming


def slugify(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-_")
    return slug[:60].strip("-") or "datasheet"


def default_draft_path(title: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{slugify(title)}{SUFFIX}"


def relative_bank_path(bank_path: Path, draft_path: Path) -> str:
    """The bank's path relative to the draft's folder when it can be, else absolute."""
    bank_abs = bank_path.resolve()
    try:
        str(bank_abs).encode("utf-8")
    except UnicodeEncodeError:
        raise DraftError(f"The bank's path {bank_abs} holds a byte that is not UTF-8, which a draft (a UTF-8 "
                         "text file) cannot record. Rename that folder or file, then start again.") from None
    folder = draft_path.resolve().parent
    try:
        rel = os.path.relpath(bank_abs, folder)
    except ValueError:  # another drive on Windows
        return str(bank_abs)
    # Near the draft (same project): relative, so the pair can move together; far away: absolute.
    return rel if rel.count("..") <= 2 else str(bank_abs)

"""The last save before a front end exits, and the rescue copy when the draft cannot take the text.

SPEC "Saving": when the text cannot go into the draft (it changed on disk, the disk failed, a
signal arrived during a conflict) it goes to `NAME.rescue-YYYYMMDD-HHMMSS.datasheet.toml` beside
it, never over an existing file, and the message names that file. "Saved" is only ever said when
the named file holds the text. No prompt is ever shown here: a signal may have brought us.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from wizard.draft import SUFFIX, DiskStamp
from wizard.errors import DraftChangedOnDisk, DraftError
from wizard.files import write_fully

if TYPE_CHECKING:
    from wizard.session import Session


@dataclass(frozen=True)
class Outcome:
    """What became of the author's latest text when the front end stopped."""

    saved: bool  # the draft file holds the text
    rescue: Path | None  # or this new file does
    message: str  # one paragraph for the author ("" when there is nothing to say)

    @property
    def safe(self) -> bool:
        return self.saved or self.rescue is not None


def rescue_name(draft_path: Path, when: dt.datetime | None = None, number: int = 1) -> str:
    name = draft_path.name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) and len(name) > len(SUFFIX) else name.removesuffix(".toml")
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{stem}.rescue-{stamp}{'' if number == 1 else f'-{number}'}{SUFFIX}"


def write_new_file(folder: Path, name_for: Callable[[int], str], text: str) -> Path:
    """Write `text` to a file that did not exist, whole: a temporary file, fsync, then a hard link
    under the final name (link never replaces an existing file; a crash leaves no torn copy).
    `name_for(n)` gives the n-th candidate name (n = 1, 2, 3, ...)."""
    payload = text.encode("utf-8", "surrogateescape")
    tmp = folder / f".rescue.{os.getpid()}-{threading.get_ident()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            write_fully(fd, payload)
        finally:
            os.close(fd)
        for number in range(1, 1000):
            target = folder / name_for(number)
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS):
                    raise
                # no hard links on this file system: exclusive create, then the bytes
                try:
                    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    continue
                try:
                    write_fully(out, payload)
                finally:
                    os.close(out)
                return target
        raise FileExistsError(errno.EEXIST, "every rescue name is taken", str(folder))
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def write_rescue(draft_path: Path, text: str, *, draft_mode: int | None = None) -> Path:
    """Write `text` to a new rescue file beside the draft (beside a symlink's target); when that
    folder refuses, in the state folder's `rescue/`. Raises DraftError when nowhere takes it."""
    from wizard.files import real_path

    target = real_path(draft_path)
    when = dt.datetime.now()
    folders = [target.parent if str(target.parent) else Path(".")]
    try:
        from wizard.folders import state_dir

        folders.append(state_dir() / "rescue")
    except Exception:  # noqa: BLE001 - no state folder: beside the draft is the only place
        pass
    problems = []
    for place, folder in enumerate(folders):
        try:
            if place:  # the state folder's rescue/ may be new; the draft's own folder is never re-created
                folder.mkdir(parents=True, exist_ok=True)
            path = write_new_file(folder, lambda n: rescue_name(target, when, n), text)
        except OSError as exc:
            problems.append(f"{folder}: {exc.strerror or exc}")
            continue
        if draft_mode is not None:
            try:
                os.chmod(path, draft_mode & 0o7777)
            except OSError:
                pass
        return path
    raise DraftError("No rescue copy could be written (" + "; ".join(problems) + ").")


def save_or_rescue(session: Session, *, rescue: bool = True) -> Outcome:
    """Save the session's draft if it needs it; when the draft cannot hold the text, write a rescue copy.

    Never asks anything. With rescue=False (the author chose to quit without saving) nothing is
    written when the save fails, and the message says so.
    """
    path = session.path
    if path is None:
        return Outcome(False, None, "")
    if session.read_only:
        return Outcome(False, None, f"Nothing was written to {path}: it was open read-only.")
    problem = ""
    try:
        if session.dirty:
            session.save()
        if DiskStamp.of(path) is None:
            problem = "the file is gone (was its folder moved or deleted?)"
        elif session.changed_on_disk:
            # nothing unsaved, but another program replaced the file since our last save: it does not
            # hold our text any more, so "saved" would not be true; keep our version beside it
            problem = "another program replaced it after your last save, so it holds that program's version"
        else:
            return Outcome(True, None, f"Draft saved: {path}")
    except DraftChangedOnDisk:
        problem = "it was changed by another program meanwhile, so it was left as that program wrote it"
    except DraftError as exc:
        problem = str(exc).rstrip(".")
    if not rescue:
        return Outcome(False, None, f"Quit without saving: your changes since the last save are not in {path} "
                                    f"({problem}).")
    try:
        copy = session.save_copy()
    except DraftError as exc:
        return Outcome(False, None, f"Your latest text is NOT saved: {path} could not take it ({problem}), and {exc}")
    return Outcome(False, copy, f"Your latest text could not go into {path} ({problem}). It was saved to {copy}; "
                                "compare the two and keep what you need.")

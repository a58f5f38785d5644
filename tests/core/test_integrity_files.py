"""Files handled with care (SPEC "Saving", "Locking", "Untrusted text"): modes kept, read-only drafts
honoured (also for root), locks in shared folders, symlinked drafts, special files, BOMs, encodings."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli, run_cli_raw
from tests.helpers.drafts import HOLD, Holder, disk_answer
from tests.helpers.paths import MINI, ROOT, subprocess_env
from tests.helpers.report import count
from wizard.bank import load_bank
from wizard.session import Session


def new_draft(path: Path, bank: Path = MINI, text: str = "first"):  # noqa: ANN201
    from wizard.bank import load_bank
    from wizard.session import Session

    session = Session.create(load_bank(bank), "Files", path)
    session.write_text("purpose", text)
    session.close()
    return path


def reopen_and_save(path: Path, text: str):  # noqa: ANN201
    from wizard.session import Session

    session = Session.open(path)
    if not session.read_only:
        session.write_text("purpose", text)
        session.save()
    session.close()
    return session


# --------------------------------------------------------------------------- modes


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_saving_keeps_the_permission_bits(tmp_path, mode):
    path = new_draft(tmp_path / "m.datasheet.toml")
    os.chmod(path, mode)
    reopen_and_save(path, "second")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert disk_answer(path) == "second"
    count("file modes", rounds_run=1, bytes_lost=0)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_saving_keeps_owner_and_group(tmp_path):
    path = new_draft(tmp_path / "o.datasheet.toml")
    os.chown(path, 65534, 65534)
    os.chmod(path, 0o666)
    reopen_and_save(path, "second")
    st = path.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534) and disk_answer(path) == "second"


def test_a_draft_without_write_permission_opens_read_only_even_for_root(tmp_path):
    from wizard.session import Session

    path = new_draft(tmp_path / "ro.datasheet.toml")
    os.chmod(path, 0o444)
    before = path.read_bytes()
    session = Session.open(path)
    assert session.read_only and "read-only" in session.read_only_reason and str(path) in session.read_only_reason
    session.write_text("purpose", "must not land")
    session.save()
    session.close()
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    from wizard.draft import atomic_write
    from wizard.errors import DraftError

    with pytest.raises(DraftError, match="read-only"):
        atomic_write(path, "replaced")
    assert path.read_bytes() == before
    count("file modes", rounds_run=1, bad_inputs_tried=1, bytes_lost=0)


def test_a_draft_in_a_folder_without_write_permission_opens_read_only(tmp_path):
    from wizard.session import Session

    folder = tmp_path / "locked"
    folder.mkdir()
    path = new_draft(folder / "f.datasheet.toml")
    os.chmod(folder, 0o555)
    try:
        session = Session.open(path)
        assert session.read_only and "not writable" in session.read_only_reason
        session.close()
    finally:
        os.chmod(folder, 0o755)
    count("file modes", rounds_run=1, bad_inputs_tried=1)


def test_plain_mode_on_a_read_only_draft_says_so_and_does_not_claim_a_save(tmp_path, capsys):
    from wizard.plain import run_plain
    from wizard.session import Session

    path = new_draft(tmp_path / "p.datasheet.toml")
    os.chmod(path, 0o400)
    code = run_plain(Session.open(path))
    err = capsys.readouterr()
    assert code == 2 and "read-only" in err.err and "Saved" not in err.out + err.err


# --------------------------------------------------------------------------- locks


def hold(path: Path) -> Holder:
    holder = Holder(path)
    assert holder.said == "locked"
    return holder


def _no_read_write(lock_name: str, *, read_only_too: bool = False):  # noqa: ANN202
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        if str(path).endswith(lock_name) and (flags & os.O_RDWR or read_only_too):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    return fake_open


def test_a_second_user_who_cannot_write_the_lock_file_still_sees_the_lock(tmp_path, monkeypatch):
    """Shared chmod-777 folder: the first user's lock file is 0644, so the second cannot open it
    read-write. It must still be told the draft is open, and not write to it."""
    from wizard.session import Session

    path = new_draft(tmp_path / "shared.datasheet.toml")
    holder = hold(path)
    try:
        monkeypatch.setattr(os, "open", _no_read_write(".shared.datasheet.toml.lock"))
        second = Session.open(path)
        assert second.read_only and "already open" in second.read_only_reason
        second.close()
    finally:
        monkeypatch.undo()
        holder.release()
    # with the first one gone, the read-only descriptor takes the lock and the draft is editable
    monkeypatch.setattr(os, "open", _no_read_write(".shared.datasheet.toml.lock"))
    (tmp_path / ".shared.datasheet.toml.lock").write_text("")
    alone = Session.open(path)
    assert not alone.read_only
    alone.close()
    count("locks in shared folders", rounds_run=2, bytes_lost=0)


def test_when_no_lock_can_be_taken_the_draft_opens_read_only(tmp_path, monkeypatch):
    from wizard.session import Session

    path = new_draft(tmp_path / "nolock.datasheet.toml")
    monkeypatch.setattr(os, "open", _no_read_write(".nolock.datasheet.toml.lock", read_only_too=True))
    session = Session.open(path)
    assert session.read_only and "Cannot lock" in session.read_only_reason
    session.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a second process as another user")
def test_a_real_second_user_in_a_shared_folder(tmp_path):
    """Where another uid can run Python from this checkout, do it for real; else the simulation above stands."""
    try:
        probe = subprocess.run([sys.executable, "-c", "import wizard, tomlkit"], user=65534, group=65534,
                               capture_output=True, env={"PYTHONPATH": str(ROOT)}, cwd="/", check=False)
    except OSError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip("this interpreter or checkout is not readable by another user")
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(shared, 0o777)
    path = new_draft(shared / "s.datasheet.toml")
    os.chmod(path, 0o666)
    holder = hold(path)
    try:
        out = subprocess.run([sys.executable, "-c", HOLD.replace("sys.stdin.read()", ""), str(path)], user=65534,
                             group=65534, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)}, timeout=30)
        assert out.stdout.strip() == "read-only", out.stderr
    finally:
        holder.release()


# --------------------------------------------------------------------------- symlinks


def test_a_symlinked_draft_is_saved_through_and_locked_on_its_target(tmp_path):
    from wizard.session import Session

    real = tmp_path / "real"
    real.mkdir()
    target = new_draft(real / "t.datasheet.toml")
    link = tmp_path / "link.datasheet.toml"
    link.symlink_to(target)
    reopen_and_save(link, "through the link")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert disk_answer(target) == "through the link"
    first = Session.open(link)
    second = Session.open(target)
    assert not first.read_only and second.read_only and "already open" in second.read_only_reason
    second.close()
    first.close()
    third = Session.open(target)
    fourth = Session.open(link)
    assert not third.read_only and fourth.read_only
    fourth.close()
    third.close()
    count("symlinked drafts", rounds_run=3, bytes_lost=0)


def test_a_symlinked_draft_finds_its_custom_bank_beside_the_target(tmp_path):
    from wizard.session import Session

    project = tmp_path / "project"
    project.mkdir()
    bank = project / "ours.toml"
    bank.write_bytes(MINI.read_bytes())
    target = new_draft(project / "d.datasheet.toml", bank=bank)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "d.datasheet.toml"
    link.symlink_to(target)
    session = Session.open(link)
    assert session.bank.path is not None and session.bank.path.resolve() == bank.resolve()
    session.close()
    assert run_cli("check", str(link)).returncode in (0, 1)
    count("symlinked drafts", rounds_run=1)


# --------------------------------------------------------------------------- special files


@pytest.mark.parametrize("what", ["draft", "bank_path", "validate-bank", "new --bank"])
def test_a_fifo_is_refused_at_once(tmp_path, what):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    if what == "draft":
        out = run_cli("check", str(fifo), timeout=20)
    elif what == "bank_path":
        draft = tmp_path / "d.datasheet.toml"
        draft.write_text('format = 1\n[draft]\ntitle = "x"\nbank = "mini"\nbank_path = "pipe.toml"\n', encoding="utf-8")
        out = run_cli("check", str(draft), timeout=20)
    elif what == "validate-bank":
        out = run_cli("validate-bank", str(fifo), timeout=20)
    else:
        out = run_cli("new", "--bank", str(fifo), "--title", "X", "--plain", cwd=tmp_path, timeout=20)
    assert out.returncode == 2 and "pipe" in out.stderr.lower() and "Traceback" not in out.stderr, out.stderr
    count("special files", bad_inputs_tried=1, tracebacks_seen=0)


def test_a_device_is_refused_as_a_draft():
    out = run_cli("check", "/dev/zero", timeout=20)
    assert out.returncode == 2 and "device" in out.stderr


def test_render_writes_into_a_fifo_and_to_stdout_with_a_dash(tmp_path, mini_session):
    mini_session.write_text("purpose", "into the pipe")
    mini_session.save()
    draft = mini_session.path
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    out = run_cli("render", str(draft), "-o", str(fifo), timeout=20)
    reader.join(10)
    assert out.returncode == 0, out.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO was replaced by a regular file"
    assert got and b"into the pipe" in got[0]
    dash = run_cli("render", str(draft), "-o", "-")
    assert dash.returncode == 0 and "into the pipe" in dash.stdout and not (tmp_path / "-").exists()
    empty = run_cli("render", str(draft), "-o", "")
    assert empty.returncode == 2 and "names no file" in empty.stderr and "busy" not in empty.stderr
    count("special files", rounds_run=3, bad_inputs_tried=1)


def test_render_to_dev_stdout_writes_into_it(mini_session):
    """Run only against fixed code: as root the old code replaced /dev/stdout itself."""
    mini_session.write_text("purpose", "to dev stdout")
    mini_session.save()
    out = run_cli("render", str(mini_session.path), "-o", "/dev/stdout")
    assert out.returncode == 0 and "to dev stdout" in out.stdout
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")
    null = run_cli("render", str(mini_session.path), "-o", "/dev/null")
    assert null.returncode == 0 and stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --------------------------------------------------------------------------- encodings


def test_a_byte_order_mark_is_accepted_in_banks_and_drafts(tmp_path):
    bank = tmp_path / "bom.toml"
    bank.write_bytes(b"\xef\xbb\xbf" + MINI.read_bytes())
    assert run_cli("validate-bank", str(bank)).returncode == 0
    draft = new_draft(tmp_path / "bom.datasheet.toml", bank=bank)
    draft.write_bytes(b"\xef\xbb\xbf" + draft.read_bytes())
    checked = run_cli("check", str(draft))
    assert checked.returncode in (0, 1) and "Invalid statement" not in checked.stderr, checked.stderr
    count("encodings", bad_inputs_tried=2, tracebacks_seen=0)


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_output_that_is_not_utf8_never_crashes(tmp_path, encoding):
    from wizard.bank import load_bank
    from wizard.session import Session

    path = tmp_path / "enc.datasheet.toml"
    session = Session.create(load_bank(MINI), "Café 日本 — ✓", path)
    session.write_text("purpose", "naïve — 日本語 👍")
    session.close()
    env = subprocess_env() | {"PYTHONIOENCODING": encoding}
    # each command as it goes with UTF-8 output: the same exit code, its text with what the encoding lacks replaced
    for args, code, shown in ((("check", str(path)), 1, b"1/4 questions answered"),
                              (("render", str(path)), 0, b"# Mini sheet for Caf"),
                              (("render", str(path), "--format", "json"), 0, b'"title": "Caf'),
                              (("banks",), 0, b"datasheets-for-datasets"),
                              (("check", str(tmp_path / "nö-such-日本.toml")), 2, b"There is no draft at ")):
        out = run_cli_raw(*args, env=env)
        assert out.returncode == code and b"unexpected error" not in out.stderr and b"Traceback" not in out.stderr, \
            (args, out.stderr)
        assert shown in out.stdout + out.stderr, (args, out.stdout[-500:], out.stderr)
    count("encodings", bad_inputs_tried=5, tracebacks_seen=0)


def test_a_bank_path_with_a_byte_that_is_not_utf8(tmp_path):
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/bank-\xff"))
    folder.mkdir()
    bank = folder / "ours.toml"
    bank.write_bytes(MINI.read_bytes())
    out = run_cli_raw("new", "--bank", str(bank), "--title", "X", "--draft", str(tmp_path / "x.datasheet.toml"))
    assert out.returncode == 2 and b"Traceback" not in out.stderr and b"unexpected" not in out.stderr, out.stderr
    assert not list(tmp_path.glob(".*.lock")), "a stray lock file was left behind"
    count("encodings", bad_inputs_tried=1, tracebacks_seen=0)


def test_the_draft_is_on_disk_when_a_save_returns_and_the_state_folder_costs_no_fsync(tmp_path, monkeypatch):
    """Every save of the draft fsyncs the file and then its folder; the state folder's records
    (where the author stood, the recent drafts) are conveniences, written atomically without."""
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setenv("DATASHEET_WIZARD_STATE_DIR", str(tmp_path / "state"))
    path = tmp_path / "drafts" / "f.datasheet.toml"
    path.parent.mkdir()
    from wizard.recent import remember_session

    session = Session.create(load_bank(MINI), "Files", path)
    remember_session(session)
    session.write_text("purpose", "second")
    session.close()
    # the draft's temporary file (renamed over the draft next), then the folder: when created, after the edit
    shapes = ["folder" if p == str(path.parent) else "draft" if p.startswith(f"{path.parent}/.{path.name}.") else p
              for p in synced]
    assert shapes == ["draft", "folder"] * 2
    assert (tmp_path / "state").is_dir() and list((tmp_path / "state").rglob("*.toml"))

"""The headless commands, run as a user runs them: exit codes, messages, files untouched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli, run_python
from tests.helpers.paths import MINI
from wizard.cli import main
from wizard.session import Session


@pytest.fixture
def draft(tmp_path, mini_bank) -> Path:
    path = tmp_path / "birds.datasheet.toml"
    s = Session.create(mini_bank, "Birds", path)
    s.write_text("purpose", "# Why\nTo test.")
    s.choose("relates", "no")
    s.close()
    return path


@pytest.mark.parametrize("argv", [
    ["import", "doc.md", "--dry-run", "--bank", "b.toml"], ["--config-path"], ["render", "d.toml", "--format", "hf", "--toc"],
    ["check", "d.toml", "--for", "neurips"], ["new", "--title", "X", "--data", "a=b", "--data", "c=d"], ["resume", "--plain"],
    ["banks"], ["validate-bank", "b.toml"], [],
])
def test_a_command_alone_parses_as_the_whole_command_line_does(argv, capsys):
    """main builds only the named command's parser (argparse builds every one up front): the same
    arguments come out as from the whole command line."""
    from wizard.arguments import build_parser, command_in as _command_in

    if argv == ["--config-path"]:
        assert _command_in(argv) is None
        return
    only = build_parser(_command_in(argv))
    assert vars(only.parse_args(argv)) == vars(build_parser().parse_args(argv))
    other = "banks" if argv[:1] != ["banks"] else "new"
    if argv:  # the others were not built
        with pytest.raises(SystemExit):
            only.parse_args([other])
        assert "invalid choice" in capsys.readouterr().err


def test_version_and_help():
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("datasheet-wizard ")
    helped = run_cli("--help")
    assert helped.returncode == 0
    for word in ("new", "resume", "render", "check", "banks", "validate-bank", "examples:", "ctrl+o", "exit codes"):
        assert word in helped.stdout


def test_render_to_stdout_and_file_never_changes_the_draft(draft, tmp_path):
    before = draft.read_bytes()
    out = run_cli("render", str(draft))
    assert out.returncode == 0
    assert out.stdout.startswith("# Mini sheet for Birds") and "#### Why" in out.stdout
    target = tmp_path / "out" / "sheet.html"
    target.parent.mkdir()
    html = run_cli("render", str(draft), "-o", str(target), "--format", "html")
    assert html.returncode == 0 and "Wrote" in html.stderr
    assert target.read_text().startswith("<!DOCTYPE html>")
    data = json.loads(run_cli("render", str(draft), "--format", "json").stdout)
    assert data["title"] == "Birds"
    assert draft.read_bytes() == before


def test_render_refuses_to_overwrite_the_draft(draft):
    out = run_cli("render", str(draft), "-o", str(draft))
    assert out.returncode == 2 and "the draft itself" in out.stderr


def test_check_reports_missing_per_section(draft, mini_bank):
    out = run_cli("check", str(draft))
    assert out.returncode == 0, out.stdout  # purpose and relates are the required ones
    assert "Every required question is answered." in out.stdout
    assert "[optional] name: What is its short name?" in out.stdout
    s = Session.open(draft)
    s.choose("relates", "yes")
    s.close()
    out = run_cli("check", str(draft))
    assert out.returncode == 1
    assert "[required] consent: Did people consent?" in out.stdout
    assert "Missing 1 required answer: consent." in out.stdout


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "missing `format = 2`"),
        (b"format = 1\n[draft\n", "not valid TOML"),
        (b"\x00\x01\x02\xff", "not a text file"),
        (b"format = 1\n[draft]\nbank = 'no-such-bank'\n", "no bundled bank has this id"),
        (b"format = 1\n[draft]\nbank = 'x'\nbank_path = 'moved.toml'\n", "bank file is missing"),
    ],
)
def test_bad_drafts_exit_2_with_a_message_and_no_traceback(tmp_path, content, words):
    path = tmp_path / "bad.datasheet.toml"
    path.write_bytes(content)
    for command in ("render", "check"):
        out = run_cli(command, str(path))
        assert out.returncode == 2
        assert words in out.stderr and "Traceback" not in out.stderr
        assert out.stderr.count("\n") <= 3
    assert path.read_bytes() == content


def test_missing_draft_and_bad_arguments(tmp_path):
    out = run_cli("render", str(tmp_path / "nope.toml"))
    assert out.returncode == 2 and "There is no draft" in out.stderr
    assert run_cli("render").returncode == 2
    assert run_cli("new", "--bank", "nonexistent").returncode == 2


def test_front_ends_refuse_without_a_terminal(tmp_path):
    out = run_cli("new", "--title", "X", "--draft", str(tmp_path / "x.datasheet.toml"))
    assert out.returncode == 2 and "needs a terminal" in out.stderr
    out = run_cli("new", "--plain", "--title", "X", "--draft", str(tmp_path / "y.datasheet.toml"))
    assert out.returncode == 2 and "not one" in out.stderr
    assert not (tmp_path / "y.datasheet.toml").exists()


def test_new_never_overwrites(draft, monkeypatch, capsys):
    before = draft.read_bytes()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    assert main(["new", "--bank", str(MINI), "--title", "Birds", "--draft", str(draft), "--plain"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert draft.read_bytes() == before


def test_headless_commands_never_import_textual(draft):
    code = (
        "import sys, runpy; sys.argv=['datasheet-wizard','render',%r]; "
        "from wizard.cli import main; import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()): main()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual','questionary','tomlkit','prompt_toolkit')]\n"
        "print(bad)"
    ) % str(draft)
    out = run_python(code)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_bundled_banks_work_from_another_folder(tmp_path):
    out = run_cli("banks", cwd=tmp_path)
    assert "datasheets-for-datasets" in out.stdout


def test_installed_console_script_finds_bundled_banks(tmp_path):
    """After a regular wheel install (as .ci/run does), the banks ship inside the package."""
    import os
    import shutil

    script = shutil.which("datasheet-wizard", path=str(Path(sys.executable).parent)) or shutil.which("datasheet-wizard")
    assert script is not None, "install the project first (pip install '.[test]')"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([script, "banks"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert out.returncode == 0 and "datasheets-for-datasets" in out.stdout


def test_the_collector_is_off_for_a_headless_command_and_given_back_in_process(tmp_path):
    """The console script runs a headless command with the cyclic collector off to its end (see
    wizard.startup); `main` called in-process leaves it as it found it."""
    import gc

    assert gc.isenabled()
    assert main(["banks"]) == 0
    assert gc.isenabled()
    code = ("import gc, os, sys\nfrom wizard.console import run\n"
            "_exit = os._exit\n"  # a headless command ends through os._exit (see the next test)
            "def _seen(code):\n    print('collector on at exit:', gc.isenabled(), flush=True)\n    _exit(code)\n"
            "os._exit = _seen\n"
            "sys.argv = ['datasheet-wizard', 'banks']\nraise SystemExit(run())")
    proc = run_python(code, cwd=tmp_path)
    assert proc.returncode == 0 and "datasheets-for-datasets" in proc.stdout
    assert proc.stdout.rstrip().endswith("collector on at exit: False")


def test_a_headless_command_ends_without_teardown_its_output_and_exit_code_whole(tmp_path, mini_bank, capsys):
    """The console script ends a headless command with os._exit once its output is flushed (see
    wizard.startup.exit_now): no atexit handler runs, yet every byte of a long output arrives, the
    exit code is the command's, and the draft an import wrote is complete on disk."""
    from tests.helpers.paths import subprocess_env
    from wizard.arguments import runs_a_front_end

    draft = tmp_path / "big.datasheet.toml"
    session = Session.create(mini_bank, "Big", draft)
    session.write_text("purpose", "A long answer. " * 20000)  # 300 KB of output: many pipe buffers' worth
    session.close()
    assert main(["render", str(draft)]) == 0
    expected = capsys.readouterr().out
    code = ("import atexit, sys\nfrom wizard.console import run\n"
            "atexit.register(lambda: print('TEARDOWN', file=sys.stderr))\n"
            "sys.argv = ['datasheet-wizard', *sys.argv[1:]]\nraise SystemExit(run())")
    proc = run_python(code, "render", str(draft), cwd=tmp_path)
    assert proc.returncode == 0 and "TEARDOWN" not in proc.stderr
    assert len(expected) > 300_000 and proc.stdout == expected
    proc = run_python(code, "check", str(draft), cwd=tmp_path)  # a required answer is missing: exit 1
    assert proc.returncode == 1 and "TEARDOWN" not in proc.stderr and "Missing" in proc.stdout
    source = tmp_path / "sheet.md"
    source.write_text("## About\n\n### Why does it exist?\n\nTo count birds.\n")
    written = tmp_path / "imported.datasheet.toml"
    env = {**subprocess_env(), "DATASHEET_WIZARD_STATE_DIR": str(tmp_path / "state")}
    proc = run_python(code, "import", str(source), "--bank", str(MINI), "--draft", str(written), cwd=tmp_path, env=env)
    assert proc.returncode == 0 and "TEARDOWN" not in proc.stderr and "Wrote" in proc.stdout, proc.stdout + proc.stderr
    assert Session.open(written, lock=False).answer("purpose").text == "To count birds."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.datasheet.toml", "imported.datasheet.toml", "sheet.md",
                                                          "state"]  # no lock or temporary file left behind
    # The front ends (no command, new, resume) run for hours and end the usual way.
    assert [runs_a_front_end(argv) for argv in ([], ["new"], ["resume", "--plain"], ["--plain", "resume"], ["render", "x"],
                                                ["import", "x"], ["check", "x"], ["banks"])] == [True] * 4 + [False] * 4


@pytest.mark.parametrize("columns", [None, "120", "40", "0", "-3", "wide"])
def test_help_is_as_wide_as_shutil_says_without_importing_it(columns, monkeypatch):
    """argparse would import shutil (and zlib, bz2, lzma) for every argument a command adds; the
    width we give it instead is shutil's, less argparse's margin."""
    import shutil

    from wizard.arguments import _help_width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _help_width() == shutil.get_terminal_size().columns - 2
    proc = run_python("import sys\nfrom wizard.arguments import build_parser\nbuild_parser('import').parse_args(['import', 'x'])\n"
                      "print('shutil' in sys.modules)")
    assert proc.stdout.strip() == "False"

"""Helpers for the publishing tests: the CIFAR-like example draft, edited copies of it, and the CLI in-process."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from tests.helpers.paths import PUBLISH_DATA as DATA

if TYPE_CHECKING:
    import pytest

EXAMPLE = DATA / "tinyobjects.datasheet.toml"
HF_CROISSANT = DATA / "hf-generated.croissant.json"
HF_README = DATA / "hf-existing-README.md"


def example_copy(tmp_path: Path, answers: dict[str, str] | None = None) -> Path:
    """A copy of the example draft; `answers` replaces (or adds) whole `[answers.<id>]` tables."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for qid, table in (answers or {}).items():
        block = re.compile(rf"^\[answers\.{re.escape(qid)}\]\n(?:(?!\[).*\n?)*", re.M)
        new = f"[answers.{qid}]\n{table.strip()}\n\n"
        text, n = block.subn(lambda _m: new, text)
        if not n:
            text += f"\n{new}"
    path = tmp_path / "example.datasheet.toml"
    path.write_text(text, encoding="utf-8")
    return path


def copy_fixture(src: Path, tmp_path: Path) -> Path:
    dest = tmp_path / src.name
    shutil.copyfile(src, dest)
    return dest


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`datasheet-wizard ARGV` in this process: (exit code, stdout, stderr)."""
    from wizard.cli import main

    capsys.readouterr()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def open_session(path: Path):  # type: ignore[no-untyped-def]
    from wizard.session import Session

    return Session.open(path, lock=False)

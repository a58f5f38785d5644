"""Teams keep drafts in git: two people answering different questions on two branches merge with
no conflict (also neighbouring questions both unanswered in the common base), and nothing that is
not an answer (a timestamp, where someone stood, a save without a change) ever touches the file."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.helpers.paths import MINI
from tests.helpers.plain import CTRL_D, SUBMIT, drive
from tests.helpers.report import count
from wizard.app.app import WizardApp
from wizard.bank import load_bank
from wizard.session import Session

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(repo)}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


async def app_types(path: Path, at: str, *keys: str) -> None:
    session = Session.open(path)
    session.go(at)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.press("ctrl+s", "ctrl+r", "escape", "ctrl+f", "escape", "ctrl+q")
    session.close()  # as run_app does when the app exits


async def test_two_branches_answering_neighbours_merge_without_conflict(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(MINI, repo / "mini.toml")
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    draft = repo / "birds.datasheet.toml"
    Session.create(load_bank(repo / "mini.toml"), "Birds", draft).close()
    git(repo, "add", ".")
    assert git(repo, "commit", "-qm", "base").returncode == 0

    # Alice, in the app, answers "purpose" (the first question), stands on it, saves, previews, reviews.
    git(repo, "checkout", "-qb", "alice")
    await app_types(draft, "purpose", *"Alice's purpose")
    git(repo, "commit", "-qam", "alice")

    # Bob, in plain mode on another branch from the same base, answers the neighbour "name".
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "bob")
    bob = Session.open(draft)
    bob.go("name")
    code, out = await asyncio.to_thread(drive, bob, "bobs-name\r" + CTRL_D)
    assert code == 0, out
    git(repo, "commit", "-qam", "bob")

    merged = git(repo, "merge", "-q", "alice", "-m", "merge")
    count("git merges (app and plain mode, neighbouring answers)", rounds_run=1,
          crashes_survived=0, bytes_lost=int(merged.returncode != 0))
    assert merged.returncode == 0, merged.stdout + merged.stderr
    data = tomllib.loads(draft.read_text(encoding="utf-8"))
    assert data["answers"]["purpose"] == {"status": "answered", "text": "Alice's purpose"}
    assert data["answers"]["name"] == {"status": "answered", "text": "bobs-name"}
    assert Session.open(draft, lock=False).answer("purpose").text == "Alice's purpose"


async def test_opening_previewing_reviewing_and_saving_without_a_change_never_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "d.datasheet.toml"
    session = Session.create(load_bank(MINI), "D", path)
    session.write_text("purpose", "Kept.")
    session.close()
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    await app_types(path, "name", "down", "up")  # moving, saving, previewing and reviewing only
    code, out = await asyncio.to_thread(drive, Session.open(path), SUBMIT + CTRL_D)  # Enter keeps the answer
    assert code == 0, out
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


def test_comments_written_by_hand_survive_saves(tmp_path: Path) -> None:
    (tmp_path / "mini.toml").write_bytes(MINI.read_bytes())
    path = tmp_path / "d.datasheet.toml"
    Session.create(load_bank(tmp_path / "mini.toml"), "D", path).close()
    text = path.read_text(encoding="utf-8")
    text = text.replace("[draft]\n", "# Reviewed by the ethics board, 2026-11-30.\n[draft]\n")
    text = text.replace("[answers.name]\n", "[answers.name]\n# TODO ask Sam for the short name\n")
    text = text.replace("[answers.purpose]\n", "[answers.purpose]  # the one reviewers read first\n")
    path.write_text(text, encoding="utf-8")

    session = Session.open(path)
    session.write_text("purpose", "Counting birds.")  # the commented table changes
    session.write_text("name", "cb")  # so does the other one
    session.close()
    saved = path.read_text(encoding="utf-8")
    assert "# Reviewed by the ethics board, 2026-11-30." in saved
    assert "# TODO ask Sam for the short name" in saved
    assert "# the one reviewers read first" in saved
    data = tomllib.loads(saved)
    assert data["answers"]["purpose"]["text"] == "Counting birds." and data["answers"]["name"]["text"] == "cb"

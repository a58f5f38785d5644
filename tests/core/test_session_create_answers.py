"""Session.create(answers=...): a new draft that starts with answers (an import's) is written once."""

from __future__ import annotations

import tomllib

import pytest

import wizard.draft_writer
from wizard.answers import Answer, Status
from wizard.errors import DraftError
from wizard.session import Session


def test_create_with_answers_writes_the_draft_once(tmp_path, mini_bank, monkeypatch):
    path = tmp_path / "d.datasheet.toml"
    writes = []
    real = wizard.draft_writer.atomic_write
    monkeypatch.setattr(wizard.draft_writer, "atomic_write", lambda p, data: (writes.append(p), real(p, data))[1])
    answers = {"purpose": Answer(text="To count birds.\r\nAll of them."), "name": Answer(Status.NA, text="none")}
    s = Session.create(mini_bank, "Birds", path, answers=answers)
    assert [p for p in writes if p == path] == [path]
    assert not s.dirty
    s.close()
    assert [p for p in writes if p == path] == [path]
    data = tomllib.loads(path.read_text())
    assert data["answers"]["purpose"] == {"status": "answered", "text": "To count birds.\nAll of them."}
    assert data["answers"]["name"] == {"status": "na", "text": "none"}
    assert list(data["answers"]) == [q.id for q in mini_bank.questions]
    reopened = Session.open(path, lock=False)
    assert reopened.answer("purpose").text == "To count birds.\nAll of them."
    assert reopened.answer("name").status is Status.NA


def test_create_with_answers_never_overwrites(tmp_path, mini_bank):
    path = tmp_path / "d.datasheet.toml"
    path.write_text("mine")
    with pytest.raises(DraftError, match="already exists"):
        Session.create(mini_bank, "Birds", path, answers={"purpose": Answer(text="x")})
    assert path.read_text() == "mine"

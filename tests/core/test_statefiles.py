"""The state folder's records (wizard/statefiles.py, places.py, recent.py): TOML read back as it
was written, JSON records of earlier versions still read and replaced, and a place never served to
another draft."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tomllib
from pathlib import Path

import pytest

from wizard import files, statefiles
from wizard.places import Place, read_place, write_place
from wizard.recent import load_recent, remember
from wizard.statefiles import record_text

AWKWARD = ["", "plain", 'say "hi"', "back\\slash\\", "tab\there", "two\nlines\n", "cr\r\n", "nul\x00bell\x07",
           "del\x7f c1\x85", "bidi \u202e evil \u2066", "é ü 中文 🐦", "'''", '"""', "\\u0041", "%2F/%", "[[drafts]]"]


def test_a_record_reads_back_as_it_was_written() -> None:
    every = "".join(map(chr, range(1, 0x3000)))  # every control, quote and escape, much of Unicode
    for text in [*AWKWARD, every]:
        row = {"path": text, "title": text[::-1]}
        assert tomllib.loads(record_text(row)) == row
        assert tomllib.loads(record_text({}, {"drafts": [row, row]})) == {"drafts": [row, row]}


@pytest.fixture()
def state(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("DATASHEET_WIZARD_STATE_DIR", str(folder))
    return folder


def test_the_recent_list_of_an_earlier_version_is_kept_and_replaced(state, tmp_path) -> None:
    state.mkdir()
    old = [{"path": str(tmp_path / f"{n}.datasheet.toml"), "title": f'Title "{n}"', "bank": "Mini bank"} for n in "abc"]
    (state / "recent.json").write_text(json.dumps({"drafts": old}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert [(str(r.path), r.title, r.bank) for r in load_recent()] == [(d["path"], d["title"], d["bank"]) for d in old]
    remember(tmp_path / "new.datasheet.toml", "New", "Mini bank")
    assert not (state / "recent.json").exists() and (state / "recent.toml").is_file()
    assert [r.title for r in load_recent()] == ["New", 'Title "a"', 'Title "b"', 'Title "c"']
    (state / "recent.toml").write_text("drafts = [\n", encoding="utf-8")  # damaged: simply empty
    assert load_recent() == []


def _legacy_place(state: Path, draft: Path, current: str, updated: str) -> Path:
    """A place as versions before the TOML records wrote it."""
    real = str(draft.resolve())
    key = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    target = state / "places" / f"{key}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"path": real, "current": current, "updated": updated}) + "\n", encoding="utf-8")
    return target


def test_a_place_of_an_earlier_version_is_found_and_moved(state, tmp_path) -> None:
    draft = tmp_path / "birds.datasheet.toml"
    draft.write_text("", encoding="utf-8")
    legacy = _legacy_place(state, draft, "purpose", "2024-05-01T10:00:00+00:00")
    expected = Place("purpose", dt.datetime(2024, 5, 1, 10, tzinfo=dt.timezone.utc))
    assert read_place(draft) == expected
    assert not legacy.exists()  # moved at once to its readable name
    (moved,) = (state / "places").iterdir()
    assert moved.name == str(draft.resolve()).replace("/", "%2F") + ".toml"
    assert read_place(draft) == expected


def test_a_new_draft_never_hashes_its_path(state, tmp_path, monkeypatch) -> None:
    """Session.create's path does not exist yet: no place of an earlier version is looked for."""
    draft = tmp_path / "new.datasheet.toml"
    _legacy_place(state, draft, "purpose", "2024-05-01T10:00:00+00:00")  # of a draft since deleted
    monkeypatch.setattr(files, "sha256_hex", lambda data: pytest.fail("hashed"))
    assert read_place(draft) is None
    place = Place("name", dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
    draft.write_text("", encoding="utf-8")
    write_place(draft, place)
    assert read_place(draft) == place


def test_a_place_is_named_by_its_path_and_only_serves_its_own_draft(state, tmp_path) -> None:
    place = Place("name", dt.datetime(2024, 6, 1, 12, 30, 5, 123456, tzinfo=dt.timezone.utc))
    odd = tmp_path / "100% a/b"
    odd.mkdir(parents=True)
    first, second = odd / "x.datasheet.toml", tmp_path / "y.datasheet.toml"
    write_place(first, place)
    (record,) = (state / "places").iterdir()
    assert record.name == str(first.resolve()).replace("%", "%25").replace("/", "%2F") + ".toml"
    assert "%25 a%2Fb%2Fx.datasheet.toml" in record.name
    os.replace(record, statefiles.place_file(str(second.resolve())))  # another draft's record under this one's name
    assert read_place(second) is None and read_place(first) is None
    for damaged in ("", "path = ", 'path = "x"', "\xff"):
        statefiles.place_file(str(first.resolve())).write_text(damaged, encoding="latin-1")
        assert read_place(first) is None


def test_a_path_too_long_for_a_file_name_is_named_by_its_digest(state, tmp_path) -> None:
    deep = tmp_path.joinpath(*["folder-with-a-long-name"] * 8)
    deep.mkdir(parents=True)
    draft = deep / "d.datasheet.toml"
    place = Place("name", dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
    write_place(draft, place)
    (record,) = (state / "places").iterdir()
    real = str(draft.resolve())
    assert record.name == hashlib.sha256(real.encode()).hexdigest()[:32] + ".toml"
    assert read_place(draft) == place


def test_a_path_that_is_not_utf8_is_not_recorded_and_fails_nothing(state, tmp_path) -> None:
    """A TOML file cannot hold it (nor could the JSON record, which was written as UTF-8 too)."""
    draft = tmp_path / os.fsdecode(b"caf\xe9.datasheet.toml")
    place = Place("name", dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc))
    write_place(draft, place)
    remember(draft, "T", "B")
    assert read_place(draft) is None and load_recent() == []


def test_an_import_writes_both_records_without_their_dataclasses(state, tmp_path) -> None:
    """`import` writes the place and the recent list from plain values (wizard.statefiles): Place and
    RecentDraft, each a class whose methods are compiled at every start, are only for reading them."""
    from tests.helpers.cli import run_python
    from tests.helpers.paths import IMPORT_CORPUS, subprocess_env

    source, draft = next(IMPORT_CORPUS.glob("01-*.md")), tmp_path / "d.datasheet.toml"
    code = ("import sys, io, contextlib\nfrom wizard.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    code = main(sys.argv[1:])\n"
            "print(code, 'wizard.places' in sys.modules, 'wizard.recent' in sys.modules)")
    proc = run_python(code, "import", str(source), "--draft", str(draft),
                      env=subprocess_env() | {"DATASHEET_WIZARD_STATE_DIR": str(state)}, cwd=tmp_path, timeout=120)
    assert proc.stdout.split() == ["0", "False", "False"], proc.stderr
    place = read_place(draft)
    assert place is not None and place.current and [r.path for r in load_recent()] == [draft.resolve()]


def test_a_new_draft_starts_at_its_first_question_whatever_a_deleted_one_left(state, tmp_path, mini_bank) -> None:
    """A place is a draft's: the record left at a path by a draft since deleted is not the new one's,
    and the new draft's first save replaces it."""
    from wizard.session import Session

    draft = tmp_path / "d.datasheet.toml"
    draft.write_text("", encoding="utf-8")
    write_place(draft, Place("kind", dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)))
    draft.unlink()
    session = Session.create(mini_bank, "T", draft)
    assert session.current.id == mini_bank.questions[0].id
    session.close()
    assert read_place(draft).current == mini_bank.questions[0].id

"""The draft store: exact round-trips, unknown keys kept, atomic saves and the lock."""

from __future__ import annotations

import datetime as dt
import os
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.draft import Answer, Draft, DraftLock, atomic_write, clean_text, default_draft_path, load_draft, slugify
from wizard.draft_writer import DraftWriter, dumps_draft, save_draft
from wizard.errors import DraftChangedOnDisk, DraftError, DraftLockedError

HAND_WRITTEN = '''format = 1
mystery = { kept = true }

[draft]
title = "FFHQ"
bank = "mini"
bank_version = "2.0"
created = 2026-11-29T01:00:00Z
updated = 2026-11-29T01:10:00Z
current = "kind"
reviewer = "Ada"

[answers.purpose]
status = "answered"
text = """
Free text, Markdown allowed."""
confidence = 0.9

[answers.kind]
status = "answered"
value = "images"

[answers.gone_question]
status = "answered"
text = "An answer whose question left the bank."

[answers.tags]
status = "answered"
value = ["faces", "names"]
'''


def test_hand_written_draft_round_trips_unknown_keys_and_orphans(tmp_path):
    path = tmp_path / "d.datasheet.toml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    draft = load_draft(path)
    assert draft.title == "FFHQ" and draft.current == "kind"
    assert draft.answers["purpose"].text == "Free text, Markdown allowed."
    assert draft.answers["tags"].value == ("faces", "names")
    save_draft(draft, path, ["purpose", "kind", "tags"])
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["mystery"] == {"kept": True}
    assert data["draft"]["reviewer"] == "Ada"
    assert data["answers"]["purpose"]["confidence"] == 0.9
    assert data["answers"]["gone_question"]["text"] == "An answer whose question left the bank."
    # bank order first, then the orphan
    assert list(data["answers"]) == ["purpose", "kind", "tags", "gone_question"]


def test_answers_are_one_table_each_in_bank_order(tmp_path):
    draft = Draft(title="T", bank_id="mini")
    draft.answers["b"] = Answer(text="two\nlines")
    draft.answers["a"] = Answer(status="na")
    text = dumps_draft(draft, ["a", "b"])
    assert text.index("[answers.a]") < text.index("[answers.b]")
    assert "text = '''\ntwo\nlines'''" in text  # a literal string: nothing to escape, fast to read
    assert tomllib.loads(text)["answers"]["b"]["text"] == "two\nlines"


def test_a_changed_answer_keeps_unknown_keys_and_sub_tables_under_its_own_header(tmp_path):
    """A new answer table is rendered alone under [answers.ID]; one holding a table of its own
    (hand-added to the draft) keeps that table's full header, and an id that is not a bare key is quoted."""
    path = tmp_path / "d.datasheet.toml"
    path.write_text(HAND_WRITTEN + '\n[answers.purpose.review]\nby = "Ada"\n\n[answers."odd id"]\nstatus = "na"\n',
                    encoding="utf-8")
    draft = load_draft(path)
    for qid in ("purpose", "odd id", "kind"):
        old = draft.answers[qid]
        draft.answers[qid] = Answer(old.status, old.text + " (edited)", old.value, old.other, old.extra)
    save_draft(draft, path, ["purpose", "kind", "tags"])
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)["answers"]
    assert data["purpose"]["review"] == {"by": "Ada"} and data["purpose"]["confidence"] == 0.9
    assert "[answers.purpose.review]" in text and '[answers."odd id"]' in text
    assert data["odd id"] == {"status": "na", "text": " (edited)"} and data["kind"]["value"] == "images"


def test_clean_text_normalises_newlines_and_drops_unwritable():
    assert clean_text("a\r\nb\rc") == "a\nb\nc"
    assert clean_text("nul\x00here") == "nulhere"
    assert clean_text("lone \ud800 surrogate") == "lone \ufffd surrogate"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=300) | st.sampled_from(
    ['"""', "'''", "\\", "\\n", 'end"', 'end""', "\r\n", "\x7f", "\x1b[31m", "עברית RTL", "👩‍🔬 emoji", "\u2028", "a\\\n\"\"\""]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXT, min_size=1, max_size=4), title=TEXT)
def test_any_text_survives_save_and_load(tmp_path, texts, title):
    draft = Draft(title=title, bank_id="mini")
    for i, text in enumerate(texts):
        draft.answers[f"q{i}"] = Answer(text=text, value=text if i % 2 else None)
    path = tmp_path / "h.datasheet.toml"
    save_draft(draft, path)
    loaded = load_draft(path)
    assert loaded.title == clean_text(title)
    for i, text in enumerate(texts):
        assert loaded.answers[f"q{i}"].text == clean_text(text)


# tomlkit leaves C1 controls and bidirectional overrides raw inside an array; we escape them too.
_OURS_ONLY = set(map(chr, range(0x80, 0xA0))) | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
VALUE = TEXT | st.lists(TEXT | st.sampled_from(["a\tb", "x\ny", '"q"', "\x1b[1m", "\\"]), max_size=3)


@settings(max_examples=300, deadline=None)
@given(status=st.sampled_from(["answered", "unknown", "not_applicable"]), value=st.none() | VALUE,
       other=TEXT, text=TEXT, extra=st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), VALUE, max_size=2))
def test_a_new_table_is_written_byte_for_byte_as_tomlkit_writes_it(status, value, other, text, extra):
    """A new draft's tables are written without tomlkit (see draft._plain_table): the same bytes as
    tomlkit renders, wherever tomlkit's escapes are ours, and the same values when read back."""
    from wizard.draft_writer import _plain_table, _tomlkit_table

    fields = {"status": status, "value": value, "other": clean_text(other), "text": clean_text(text)}
    fields = {k: v for k, v in fields.items() if v is not None}
    extra = {k: v for k, v in extra.items() if k not in fields}
    plain = _plain_table("answers.q1", fields | extra)
    rendered = _tomlkit_table("q1", fields, extra)
    assert plain is not None and rendered is not None
    assert tomllib.loads(plain) == tomllib.loads(rendered) == {"answers": {"q1": fields | extra}}
    lists = [v for v in (value, *extra.values()) if isinstance(v, list)]
    if not any(set("".join(v)) & _OURS_ONLY for v in lists):
        assert plain == rendered


@settings(max_examples=100, deadline=None)
@given(title=TEXT, version=st.text(max_size=8), path=st.sampled_from(["", "banks/mine.toml"]),
       created=st.datetimes(timezones=st.just(dt.timezone.utc)))
def test_a_new_drafts_head_is_written_as_tomlkit_writes_it(title, version, path, created):
    draft = Draft(title=title, bank_id="mini", bank_version=version, bank_path=path,
                  bank_sha256="ab" * 32 if path else "", created=created)
    plain = DraftWriter()._head_text(draft)
    values = {"title": clean_text(title), "bank": "mini", "bank_version": version, "bank_path": path or None,
              "bank_sha256": draft.bank_sha256 or None, "created": created}
    assert plain == DraftWriter()._tomlkit_head(draft, values)


def test_values_only_tomlkit_writes_still_go_through_it():
    """A hand-edited draft's own keys (a number, a nested table) are kept, through tomlkit."""
    writer = DraftWriter()
    draft = Draft(title="T", bank_id="b", answers={"q": Answer(text="x", extra={"confidence": 0.9, "n": {"k": 1}}),
                                                   "weird key": Answer(text="y")})
    text = writer.dumps(draft)
    assert tomllib.loads(text)["answers"] == {"q": {"status": "answered", "text": "x", "confidence": 0.9, "n": {"k": 1}},
                                              "weird key": {"status": "answered", "text": "y"}}


def test_a_megabyte_answer_round_trips(tmp_path):
    big = ("A line of an answer with \"quotes\", \\ and ünïcödé 👩‍🔬.\n" * 20000)[: 1024 * 1024]
    draft = Draft(title="Big", bank_id="mini", answers={"q": Answer(text=big)})
    path = tmp_path / "big.datasheet.toml"
    save_draft(draft, path)
    assert load_draft(path).answers["q"].text == big


def test_writer_reuses_unchanged_answer_tables():
    writer = DraftWriter()
    answer = Answer(text="x" * 1000)
    draft = Draft(title="T", bank_id="b", answers={"q1": answer, "q2": Answer(text="y")})
    first = writer.dumps(draft)
    assert writer._cache["q1"][0] is answer
    draft.answers["q2"] = Answer(text="z")
    second = writer.dumps(draft)
    assert first.replace('text = "y"', 'text = "z"') == second


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "missing `format = 2`"),
        ("format = 1\n[draft]\ntitle = 'x'\nbank = 'b'\n[answers\n", "not valid TOML"),
        ("format = 3\n[draft]\nbank = 'b'\n", "is in format 3, written by a newer datasheet-wizard"),
        ("format = '2'\n[draft]\nbank = 'b'\n", "format must be 2"),
        ("format = 1\n[draft]\nbank = 3\n", "draft.bank must be a string"),
        ("format = 1\n[draft]\nbank = 'b'\n[answers.q]\nstatus = 'maybe'\n", "status must be one of"),
        ("format = 1\n[draft]\nbank = 'b'\n[answers.q]\ntext = 5\n", "text must be a string"),
        ("format = 1\n[draft]\nbank = 'b'\nupdated = 'yesterday'\n", "must be a date-time"),
        ("format = 1\ndraft = 'oops'\n", "[draft] must be a table"),
    ],
)
def test_bad_drafts_get_a_clear_message_and_are_not_changed(tmp_path, content, message):
    path = tmp_path / "bad.datasheet.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DraftError) as err:
        load_draft(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert path.read_text(encoding="utf-8") == content


def test_binary_draft(tmp_path):
    path = tmp_path / "bin.datasheet.toml"
    path.write_bytes(b"\x00\xff\xfe" * 10)
    with pytest.raises(DraftError, match="not a text file"):
        load_draft(path)


def test_atomic_write_leaves_no_temporary_and_replaces(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    inode = path.stat().st_ino
    atomic_write(path, "new")
    assert path.read_text() == "new"
    assert path.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_unwritable_folder_gives_a_clear_error(tmp_path):  # pragma: no cover - CI runs as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(DraftError, match="Cannot save"):
        atomic_write(folder / "x.toml", "data")


def test_missing_folder_gives_a_clear_error(tmp_path):
    with pytest.raises(DraftError, match="Cannot save the draft") as err:
        atomic_write(tmp_path / "gone" / "x.toml", "data")
    assert "No such file" in str(err.value)


def test_hand_edit_is_detected_before_saving(tmp_path):
    from wizard.draft import DiskStamp

    path = tmp_path / "d.datasheet.toml"
    draft = Draft(title="T", bank_id="b")
    stamp = save_draft(draft, path)
    os.utime(path, ns=(1, 1))  # someone touched it
    with pytest.raises(DraftChangedOnDisk):
        save_draft(draft, path, expect=stamp)
    assert DiskStamp.of(path) != stamp


def test_lock_blocks_a_second_holder_and_dies_with_its_process(tmp_path):
    import subprocess
    import sys
    import time

    path = tmp_path / "d.datasheet.toml"
    path.write_text("")
    first = DraftLock(path)
    first.acquire()
    second = DraftLock(path)
    with pytest.raises(DraftLockedError, match="already open"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()
    assert not first.path.exists()

    # A process that dies holding the lock does not block anyone (the kernel drops flock locks).
    code = (
        "import sys, time; from pathlib import Path; from wizard.draft import DraftLock;"
        f"l = DraftLock(Path({str(path)!r})); l.acquire(); print('locked', flush=True); time.sleep(60)"
    )
    from tests.helpers.paths import subprocess_env

    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=subprocess_env())
    assert child.stdout.readline().strip() == "locked"
    with pytest.raises(DraftLockedError, match="process"):
        DraftLock(path).acquire()
    child.kill()
    child.wait()
    time.sleep(0.05)
    third = DraftLock(path)
    third.acquire()  # the stale lock file is still there, but nobody holds it
    third.release()


def test_slug_and_default_path(tmp_path):
    assert slugify("  FFHQ: Faces (v2)! ") == "ffhq-faces-v2"
    assert slugify("???") == "datasheet"
    assert default_draft_path("City Birds", tmp_path) == tmp_path / "city-birds.datasheet.toml"


def test_the_file_never_holds_a_raw_control_or_bidi_character(tmp_path):
    """`cat` or `git diff` of a draft must not pass an escape sequence to the terminal; the value survives."""
    import tomllib

    from wizard.draft import Draft, draft_from_data
    from wizard.draft_writer import dumps_draft

    draft = Draft(title="x\u202ey", bank_id="b")
    draft.answers["q"] = Answer(text="a\x1b]0;PWNED\x07b\x9b\u2066c\nline two", other="o\x1b[2J")
    out = dumps_draft(draft, ["q"])
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e\u2066")
    back = draft_from_data(tomllib.loads(out), "x")
    assert back.title == draft.title and back.answers["q"] == draft.answers["q"]


def test_temporaries_of_dead_processes_are_removed_and_nothing_else(tmp_path):
    import subprocess
    import sys

    from wizard.draft import remove_stale_temporaries

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    draft = tmp_path / "f.datasheet.toml"
    names = {
        f".f.datasheet.toml.{pid}-1.tmp": False,  # a process killed mid-save: removed
        f".f.datasheet.toml.{os.getpid()}-1.tmp": True,  # ours
        ".f.datasheet.toml.1-1.tmp": True,  # a process that runs
        f".g.datasheet.toml.{pid}-1.tmp": True,  # another draft's
        f".f.datasheet.toml.{pid}-1.tmp.bak": True,  # not a temporary
        "f.datasheet.toml": True,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    assert remove_stale_temporaries(draft) == 1
    assert {p.name for p in tmp_path.iterdir()} == {name for name, kept in names.items() if kept}


@settings(max_examples=500, deadline=None)
@given(key=st.text(st.sampled_from("aZ09_-.é \"ı") | st.characters(), max_size=6))
def test_a_bare_key_is_what_tomls_pattern_says(key):
    import re

    from wizard.draft_writer import _is_bare_key

    assert _is_bare_key(key) == bool(re.fullmatch(r"[A-Za-z0-9_-]+", key))


@settings(max_examples=500, deadline=None)
@given(text=TEXT | st.text(st.sampled_from("a\n\t\x00\x1b\x7f\x85\x9f\u202a\u202e\u2066\u2069\u200d\u2028\ud800\udfff é👩"),
                               max_size=12))
def test_the_quick_checks_answer_as_the_patterns_they_stand_in_for(text):
    """Writing a draft compiles neither pattern for ordinary text; the str checks that decide so
    answer as the patterns would."""
    import re

    from wizard.draft import _UNWRITABLE, _utf8
    from wizard.untrusted import UNSAFE, has_unsafe

    assert has_unsafe(text) == bool(re.search(UNSAFE, text))
    assert ("\x00" in text or not _utf8(text)) == bool(re.search(_UNWRITABLE, text))

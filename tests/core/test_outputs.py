"""The one rule for files we write besides the draft (wizard.outputs) and the words for states (wizard.labels)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from wizard.answers import State, Status
from wizard.errors import DraftError
from wizard.labels import STATE_LABELS, legend, mark_sentence
from wizard.outputs import default_datasheet_path, emit, is_ours, needs_consent, record, write_output
from wizard.session import STATE_MISSING


@pytest.mark.parametrize(("draft", "expected"), [
    ("citybirds.datasheet.toml", "citybirds.md"),
    ("notes.toml", "notes.md"),
    ("plain-name", "plain-name.md"),
    (".datasheet.toml", ".datasheet.md"),  # nothing before ".datasheet.toml": only ".toml" goes
    ("sub/x.datasheet.toml", "sub/x.md"),
])
def test_the_datasheet_goes_beside_the_draft(draft: str, expected: str) -> None:
    assert default_datasheet_path(Path(draft)) == Path(expected)


def test_without_a_draft_the_datasheet_is_datasheet_md() -> None:
    assert default_datasheet_path(None) == Path("datasheet.md")


def test_a_file_we_wrote_is_ours_until_someone_edits_it(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    assert not needs_consent(target)  # nothing there yet
    write_output(target, "# One\n")
    assert is_ours(target) and not needs_consent(target)
    target.write_text("# One\n\nA line added by hand.\n", encoding="utf-8")
    assert not is_ours(target) and needs_consent(target)
    write_output(target, "# Two\n")
    assert is_ours(target) and target.read_text(encoding="utf-8") == "# Two\n"


def test_a_file_someone_else_wrote_needs_consent(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_text("theirs\n", encoding="utf-8")
    assert needs_consent(target)
    record(target)  # e.g. after the author said "replace"... and we wrote exactly this
    assert not needs_consent(target)


def test_a_failed_write_names_the_file_and_what_we_were_doing(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "citybirds.md"
    target.write_text("kept\n", encoding="utf-8")
    os.chmod(target, stat.S_IRUSR)  # read-only by its owner: refused, not replaced
    with pytest.raises(DraftError) as err:
        write_output(target, "new\n", what="the Hugging Face dataset card")
    message = str(err.value)
    assert message.startswith(f"Cannot write the Hugging Face dataset card to {target}")
    assert "draft" not in message
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_the_draft_still_says_draft(tmp_path: Path) -> None:
    from wizard.draft import atomic_write

    with pytest.raises(DraftError, match=r"^Cannot save the draft to .*: it is not a regular file"):
        atomic_write(tmp_path, "x")  # a folder


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs")
def test_emit_writes_into_a_fifo_and_replaces_a_regular_file(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    assert emit(fifo, "through the pipe\n", "markdown") is False  # written into, not replaced
    reader.join(5)
    assert got == ["through the pipe\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)
    regular = tmp_path / "card.md"
    assert emit(regular, "card\n", "hf") is True
    assert regular.read_text(encoding="utf-8") == "card\n" and is_ours(regular)


def test_every_state_has_distinct_marks_and_words() -> None:
    states = [State.ANSWERED, State.NA, State.UNKNOWN, STATE_MISSING, State.INVALID, State.UNANSWERED]
    assert set(STATE_LABELS) == set(states)
    for part in ("mark", "word", "phrase"):
        values = [getattr(STATE_LABELS[s], part) for s in states]
        assert len(set(values)) == len(values), part
    assert all(len(STATE_LABELS[s].mark) == 1 for s in states)
    assert legend().startswith("✓ answered   – not applicable   ? unknown")


def test_a_mark_reads_the_same_in_every_document() -> None:
    assert mark_sentence(Status.NA) == "Not applicable."
    assert mark_sentence(Status.UNKNOWN, "Not recorded by the vendor.") == "Unknown.\n\nNot recorded by the vendor."

"""Plain mode driven through real questionary prompts: keys in through a pipe, drafts and transcripts checked."""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from tests.helpers.cli import run_cli
from tests.helpers.drafts import current_of, on_disk
from tests.helpers.drafts import disk_answers as answers
from tests.helpers.paths import MINI
from tests.helpers.plain import (
    BACK_ENTRY,
    BACKSPACE,
    CTRL_C,
    CTRL_D,
    CTRL_U,
    DOWN,
    ENTER,
    JUMP_ENTRY,
    NA_ENTRY,
    QUIT_ENTRY,
    SKIP_ENTRY,
    SPACE,
    SUBMIT,
    UNKNOWN_ENTRY,
    UP,
    drive,
    line,
    pick,
    text,
)
from wizard.answers import Status
from wizard.bank import load_bank
from wizard.errors import DraftChangedOnDisk, DraftError
from wizard.outputs import is_ours, record
from wizard.plain import (
    Command,
    Printer,
    choose_recent,
    parse_command,
    run_new,
    run_plain,
    wants_plain_text,
)
from wizard.session import Session

# A bank with what mini.toml lacks: a multichoice with "other", and a yes/no with a long explanation.
OTHER_BANK = """\
format = 1

[bank]
id = "others"
title = "Other answers"
version = "1"

[[sections]]
id = "data"
title = "Data"
guidance = "Pick what fits."

[[sections.questions]]
id = "modalities"
prompt = "Which modalities are included?"
type = "multichoice"
choices = ["images", "text", "audio"]
other = true

[[sections.questions]]
id = "licensed"
prompt = "Is it licensed?"
type = "yesno"
"""


@pytest.fixture
def draft_path(tmp_path: Path) -> Path:
    return tmp_path / "citybirds.datasheet.toml"


@pytest.fixture
def new_session(draft_path: Path) -> Session:
    return Session.create(load_bank(MINI), "CityBirds", draft_path)


def prepared(draft_path: Path, fill: dict[str, Any], current: str | None = None, bank: Path = MINI) -> Session:
    """A draft on disk with some answers, reopened as `resume` would."""
    session = Session.create(load_bank(bank), "CityBirds", draft_path)
    for qid, how in fill.items():
        if how == "na":
            session.mark(qid, Status.NA, "no people")
        elif how == "unknown":
            session.mark(qid, Status.UNKNOWN)
        elif isinstance(how, tuple) and how and how[0] == "value":
            if isinstance(how[1], tuple):
                session.tick(qid, how[1])
            elif how[1] is None:
                session.choose_other(qid, how[2])
            else:
                session.choose(qid, how[1])
            if len(how) > 2 and how[1] is not None:
                session.explain(qid, how[2])
        else:
            session.write_text(qid, how)
    if current:
        session.go(current)
    session.close()
    return Session.open(draft_path)


# --------------------------------------------------------------------------- every question type


def test_a_first_run_answers_every_type_and_saves_each_answer(new_session: Session, draft_path: Path) -> None:
    keys = (
        text("It exists to count birds.\nIn cities.")  # purpose (text, multi-line)
        + line("citybirds")  # name (line)
        + pick(0) + ENTER  # kind: images; Enter skips the explanation
        + pick(0)  # relates: Yes
        + text("Volunteers took the photos")  # relates: explanation (multi-line, like every explanation)
        + text("Everyone signed a form.")  # consent, revealed by relates = yes
        + SPACE + DOWN + DOWN + SPACE + ENTER + ENTER  # tags: faces and names; no explanation
        + text("Names are hashed.")  # names_note, revealed by tags including names
        + ENTER  # end: write the Markdown datasheet? yes
    )
    code, out = drive(new_session, keys)
    assert code == 0
    got = answers(draft_path)
    assert got["purpose"] == {"status": "answered", "text": "It exists to count birds.\nIn cities."}
    assert got["name"] == {"status": "answered", "text": "citybirds"}
    assert got["kind"] == {"status": "answered", "value": "images"}
    assert got["relates"] == {"status": "answered", "value": "yes", "text": "Volunteers took the photos"}
    assert got["consent"]["text"] == "Everyone signed a form."
    assert got["tags"] == {"status": "answered", "value": ["faces", "names"]}
    assert got["names_note"]["text"] == "Names are hashed."
    # The transcript: section headers with guidance, progress with each question, detail, guidance, example.
    assert "Section 1 of 2: About" in out and "Tell us **about** it." in out
    assert "1/4, About 1/3, required" in out
    assert "Give the reason." in out and "Guidance: Be brief." in out and "Example: For testing." in out
    assert "5/6, People 2/3, required" in out  # consent appeared, so the count grew
    assert "Section 3 of 3: Extra" in out
    assert "End of the questionnaire" in out and "Every question is answered." in out
    markdown = (draft_path.parent / "citybirds.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Mini sheet for CityBirds")
    assert "It exists to count birds." in markdown and "Names are hashed." in markdown
    assert f"Resume with: datasheet-wizard resume {draft_path} --plain" in out


def test_choice_other_asks_for_the_free_text(new_session: Session, draft_path: Path) -> None:
    keys = text("") + line("") + pick(3) + line("Bird calls and photos") + ENTER + QUIT_ENTRY
    code, _ = drive(new_session, keys)
    assert code == 0
    assert answers(draft_path)["kind"] == {"status": "answered", "other": "Bird calls and photos"}
    assert current_of(draft_path) == "relates"


def test_multichoice_other_and_yesno_explanation(tmp_path: Path) -> None:
    bank_file = tmp_path / "others.toml"
    bank_file.write_text(OTHER_BANK, encoding="utf-8")
    path = tmp_path / "o.datasheet.toml"
    session = Session.create(load_bank(bank_file), "O", path)
    keys = (
        DOWN + SPACE + DOWN * 2 + SPACE + ENTER  # text + Other…
        + line("thermal video") + ENTER  # the own option; no explanation
        + pick(1)  # licensed: No
        + text("Not yet; the licence is being chosen.")
        + "n"  # the end: decline writing the Markdown
    )
    code, out = drive(session, keys)
    assert code == 0
    got = answers(path)
    assert got["modalities"] == {"status": "answered", "value": ["text"], "other": "thermal video"}
    assert got["licensed"] == {"status": "answered", "value": "no", "text": "Not yet; the licence is being chosen."}
    assert not (tmp_path / "o.md").exists()
    assert "Section 1 of 1: Data" in out and "Pick what fits." in out


def test_multichoice_only_other(tmp_path: Path) -> None:
    bank_file = tmp_path / "others.toml"
    bank_file.write_text(OTHER_BANK, encoding="utf-8")
    path = tmp_path / "o.datasheet.toml"
    session = Session.create(load_bank(bank_file), "O", path)
    code, _ = drive(session, DOWN * 3 + SPACE + ENTER + line("lidar") + ENTER + CTRL_D)
    assert code == 0
    assert answers(path)["modalities"] == {"status": "answered", "other": "lidar"}


def test_enter_on_a_command_in_a_checkbox_keeps_the_ticks(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "p", "relates": ("value", "yes"), "consent": "c"}, current="tags")
    code, out = drive(session, SPACE + DOWN * 2 + SPACE + UP * 4 + ENTER)  # tick faces, names; Enter on "save and quit"
    assert code == 0
    assert answers(draft_path)["tags"]["value"] == ["faces", "names"]
    assert "Saved. Your draft is" in out
    assert current_of(draft_path) == "tags"


def test_na_from_a_checkbox_ignores_the_ticks(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "p", "relates": ("value", "yes"), "consent": "c"}, current="tags")
    code, _ = drive(session, SPACE + UP * 4 + ENTER + line("none apply") + CTRL_D)  # tick faces; n/a
    assert code == 0
    assert answers(draft_path)["tags"] == {"status": "na", "text": "none apply"}


# --------------------------------------------------------------------------- commands


def test_back_goes_to_the_previous_question(new_session: Session, draft_path: Path) -> None:
    keys = text("First try") + line("/back") + BACKSPACE * len("First try") + text("Second try") + CTRL_D
    code, out = drive(new_session, keys)
    assert code == 0
    assert answers(draft_path)["purpose"]["text"] == "Second try"
    assert out.count("Why does it exist?") == 2


def test_back_at_the_first_question_says_so(new_session: Session, draft_path: Path) -> None:
    code, out = drive(new_session, text("/back") + CTRL_D)
    assert code == 0
    assert "This is the first question." in out


def test_back_from_a_list_entry(new_session: Session, draft_path: Path) -> None:
    keys = text("p") + line("n") + BACK_ENTRY + CTRL_D
    code, out = drive(new_session, keys)
    assert code == 0
    assert out.count("What is its short name?") == 2
    assert current_of(draft_path) == "name"


def test_skip_leaves_the_answer_unchanged(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "Kept as it was"})
    # /skip typed after the offered answer ("Kept as it was/skip") is still the command.
    code, _ = drive(session, text("/skip") + line("/skip") + SKIP_ENTRY + CTRL_D)
    assert code == 0
    got = answers(draft_path)
    assert got["purpose"]["text"] == "Kept as it was"
    assert "name" not in got and "kind" not in got
    assert current_of(draft_path) == "relates"


def test_na_asks_for_a_reason_and_unknown_marks(new_session: Session, draft_path: Path) -> None:
    keys = (
        text("/na") + line("It was never written down")  # purpose: not applicable, with a reason
        + line("/unknown")  # name: unknown
        + NA_ENTRY + ENTER  # kind: not applicable from the list, no reason
        + UNKNOWN_ENTRY  # relates: unknown from the list
        + CTRL_C
    )
    code, _ = drive(new_session, keys)
    assert code == 0
    got = answers(draft_path)
    assert got["purpose"] == {"status": "na", "text": "It was never written down"}
    assert got["name"] == {"status": "unknown"}
    assert got["kind"] == {"status": "na"}
    assert got["relates"] == {"status": "unknown"}


def test_jump_opens_a_searchable_list(new_session: Session, draft_path: Path) -> None:
    keys = text("/jump") + "relate" + ENTER + pick(1) + line("") + CTRL_D
    code, out = drive(new_session, keys)
    assert code == 0
    assert answers(draft_path)["relates"]["value"] == "no"
    assert "Does it relate to people?" in out


def test_jump_list_says_each_state_in_a_word_to_filter_by(new_session: Session, draft_path: Path) -> None:
    # Purpose is done, name is where we stand, relates is the one required question still missing.
    keys = text("p") + line("/jump") + "missing" + ENTER + pick(0) + CTRL_D
    code, out = drive(new_session, keys)
    assert code == 0
    assert out.count("What is its short name?") == 1 and "What kind of data is it?" not in out
    assert "Does it relate to people?" in out
    assert answers(draft_path)["relates"]["value"] == "yes"


def test_jump_from_a_list_and_stay_where_i_am(new_session: Session, draft_path: Path) -> None:
    # From "kind", open the jump list, filter it down to "stay where I am": kind is asked again.
    keys = text("p") + line("n") + JUMP_ENTRY + "stay" + ENTER + pick(1) + CTRL_D
    code, out = drive(new_session, keys)
    assert code == 0
    assert out.count("What kind of data is it?") == 2
    assert answers(draft_path)["kind"]["value"] == "text"


def test_quit_saves_and_exits_with_where_to_resume(new_session: Session, draft_path: Path) -> None:
    code, out = drive(new_session, text("Counting birds") + line("/quit"))
    assert code == 0
    assert answers(draft_path)["purpose"]["text"] == "Counting birds"
    assert "name" not in answers(draft_path)
    assert current_of(draft_path) == "name"
    assert f"Saved. Your draft is {draft_path}" in out
    assert f"datasheet-wizard resume {draft_path} --plain" in out
    assert "End of the questionnaire" not in out


def test_a_slash_word_that_is_not_a_command_is_checked_first(new_session: Session, draft_path: Path) -> None:
    keys = text("/bakc") + ENTER + text("/usr/share is where it lives") + CTRL_D  # "save it?" No (default)
    code, out = drive(new_session, keys)
    assert code == 0
    assert answers(draft_path)["purpose"]["text"] == "/usr/share is where it lives"
    assert out.count("Why does it exist?") == 2


def test_enter_after_a_command_submits_a_multi_line_answer(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "Long answer\nwith lines"}, current="purpose")
    code, out = drive(session, "/skip" + ENTER + "/quit" + ENTER)  # plain Enter, no Esc
    assert code == 0
    assert answers(draft_path)["purpose"]["text"] == "Long answer\nwith lines"
    assert current_of(draft_path) == "name"


def test_enter_inside_a_multi_line_answer_adds_a_line(new_session: Session, draft_path: Path) -> None:
    code, _ = drive(new_session, "one" + ENTER + "/skip" + ENTER + "two" + SUBMIT + CTRL_D)
    assert code == 0
    assert answers(draft_path)["purpose"]["text"] == "one\n/skip\ntwo"  # a command only as the whole answer


def test_commands_are_exact_whole_answers() -> None:
    assert parse_command(" /back \n") is Command.BACK
    assert parse_command("/QUIT") is Command.QUIT
    assert parse_command("/back to the start") is None
    assert parse_command("see /na") is None


# --------------------------------------------------------------------------- resuming, defaults, empty answers


def test_resume_offers_existing_answers_as_defaults(draft_path: Path) -> None:
    session = prepared(
        draft_path,
        {
            "purpose": "Counting birds\nin cities",
            "name": "citybirds",
            "kind": ("value", "audio"),
            "relates": ("value", "yes", "Volunteers"),
            "consent": "Signed forms",
        },
        current="purpose",
    )
    before = answers(draft_path)
    keys = SUBMIT + ENTER + ENTER * 2 + ENTER * 2 + SUBMIT + CTRL_D  # accept every default (lists: choice, explanation)
    code, out = drive(session, keys)
    assert code == 0
    assert answers(draft_path) == before
    assert "Resuming at question 1/6 (5 answered)." in out
    assert current_of(draft_path) == "tags"


def test_resume_starts_at_the_last_question(draft_path: Path) -> None:
    session = prepared(
        draft_path,
        {"purpose": "p", "relates": ("value", "yes"), "consent": "c", "tags": ("value", ("names",))},
        current="names_note",
    )
    code, out = drive(session, text("Hashed") + "n")  # answer it; decline the Markdown
    assert code == 0
    assert "Resuming at question 7/7" in out
    assert out.index("How are names protected?") < out.index("End of the questionnaire")
    assert "Why does it exist?" not in out
    assert answers(draft_path)["names_note"]["text"] == "Hashed"


def test_an_empty_answer_clears_and_moves_on(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "Old", "name": "old-name"}, current="purpose")
    keys = BACKSPACE * 3 + SUBMIT + CTRL_U + ENTER + CTRL_D
    code, out = drive(session, keys)
    assert code == 0
    got = answers(draft_path)
    assert "purpose" not in got and "name" not in got
    assert "Answer cleared." in out


def test_enter_keeps_not_applicable(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "na"}, current="purpose")
    code, out = drive(session, SUBMIT + CTRL_D)
    assert code == 0
    assert answers(draft_path)["purpose"] == {"status": "na", "text": "no people"}
    assert "Currently: not applicable (no people)." in out


# --------------------------------------------------------------------------- conditions


def test_yes_reveals_the_conditional_question(new_session: Session, draft_path: Path) -> None:
    keys = text("p") + line("n") + pick(0) + ENTER + pick(0) + ENTER + CTRL_D  # relates: Yes, no explanation
    code, out = drive(new_session, keys)
    assert code == 0
    assert "Did people consent?" in out
    assert current_of(draft_path) == "consent"


def test_no_hides_the_conditional_questions_and_ends(new_session: Session, draft_path: Path) -> None:
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + "n"  # relates: No; then decline the Markdown
    code, out = drive(new_session, keys)
    assert code == 0
    assert "Did people consent?" not in out and "Which tags apply?" not in out
    assert "End of the questionnaire" in out
    assert "4 of 4 questions answered." in out


# --------------------------------------------------------------------------- the end of the bank


def test_end_lists_what_is_missing_and_writes_markdown_beside_the_draft(new_session: Session, draft_path: Path) -> None:
    # Skip the required purpose, answer the rest with relates = no; then write the Markdown and finish.
    keys = text("") + line("") + SKIP_ENTRY + pick(1) + ENTER + ENTER + UP + ENTER
    code, out = drive(new_session, keys)
    assert code == 0
    summary = out[out.index("End of the questionnaire"):]
    assert "1 of 4 questions answered." in summary
    assert summary.index("Required, still missing:") < summary.index("Optional, not answered yet:")
    assert "  About:\n    - Why does it exist?" in summary
    assert "    - What is its short name?" in summary
    markdown = draft_path.parent / "citybirds.md"
    assert f"Wrote {markdown}." in summary
    body = markdown.read_text(encoding="utf-8")
    assert "**Why does it exist?**" in body and "*Not answered.*" in body and "**No.**" in body


def test_end_never_replaces_a_file_without_asking(new_session: Session, draft_path: Path) -> None:
    markdown = draft_path.parent / "citybirds.md"
    markdown.write_text("my own notes\n", encoding="utf-8")
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + ENTER + ENTER  # write? yes; replace? (No)
    code, out = drive(new_session, keys)
    assert code == 0
    assert markdown.read_text(encoding="utf-8") == "my own notes\n"
    assert "Left " in out


def test_end_can_replace_when_the_author_agrees(new_session: Session, draft_path: Path) -> None:
    markdown = draft_path.parent / "citybirds.md"
    markdown.write_text("old\n", encoding="utf-8")
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + ENTER + "y"
    drive(new_session, keys)
    assert markdown.read_text(encoding="utf-8").startswith("# Mini sheet for CityBirds")


def test_end_replaces_a_datasheet_we_wrote_without_asking(new_session: Session, draft_path: Path) -> None:
    """The app (or an earlier run) wrote it and nobody changed it since: replacing it loses nothing."""
    markdown = draft_path.parent / "citybirds.md"
    markdown.write_text("# An older datasheet\n", encoding="utf-8")
    record(markdown)
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + ENTER  # write? yes; no "Replace it?"
    code, out = drive(new_session, keys)
    assert code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# Mini sheet for CityBirds")
    assert f"Wrote {markdown}." in out and "Left " not in out
    assert is_ours(markdown)  # and it is still ours: the next write will not ask either


def test_end_asks_about_a_datasheet_edited_since_we_wrote_it(new_session: Session, draft_path: Path) -> None:
    markdown = draft_path.parent / "citybirds.md"
    markdown.write_text("# An older datasheet\n", encoding="utf-8")
    record(markdown)
    edited = "# An older datasheet\r\n\r\nA note added by hand — café.\r\n".encode()
    markdown.write_bytes(edited)
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + ENTER + ENTER  # write? yes; replace? (No)
    code, out = drive(new_session, keys)
    assert code == 0
    assert markdown.read_bytes() == edited
    assert f"Left {markdown} as it was." in out and "Wrote " not in out


def test_end_says_which_file_could_not_be_written(new_session: Session, draft_path: Path) -> None:
    folder = draft_path.parent / "citybirds.md"
    folder.mkdir()  # not a file we can replace, even with the author's yes
    keys = text("p") + line("n") + pick(0) + ENTER + pick(1) + ENTER + ENTER + "y"
    code, out = drive(new_session, keys)
    assert code == 0
    assert f"Cannot write the datasheet to {folder}" in out and "save the draft" not in out
    assert folder.is_dir() and on_disk(draft_path)["answers"]["purpose"]["text"] == "p"


def test_end_goes_back_to_a_missing_question_then_returns(new_session: Session, draft_path: Path) -> None:
    keys = (
        text("") + line("") + pick(0) + ENTER + pick(1) + ENTER  # purpose skipped, relates = no: the end
        + "n"  # no Markdown yet
        + ENTER  # What next? answer a missing question (the default while a required one is missing)
        + ENTER  # Which missing question? the first: purpose (required first)
        + text("Now I know why")  # answered; the next missing one is asked: name
        + line("cb")  # nothing else is missing: the end again
        + "n"
    )
    code, out = drive(new_session, keys)
    assert code == 0
    got = answers(draft_path)
    assert got["purpose"]["text"] == "Now I know why" and got["name"]["text"] == "cb"
    assert out.count("End of the questionnaire") == 2
    assert "Every question is answered." in out
    assert out.count("What kind of data is it?") == 1  # answered questions are not walked through again


# --------------------------------------------------------------------------- stopping, saving, refusing


def test_ctrl_c_saves_what_was_typed_and_exits_0(new_session: Session, draft_path: Path) -> None:
    code, out = drive(new_session, text("Answered") + "half a na" + CTRL_C)
    assert code == 0
    got = answers(draft_path)
    assert got["purpose"]["text"] == "Answered"
    assert got["name"]["text"] == "half a na"  # typed, not submitted: still kept
    assert "Kept what you typed" in out
    assert f"datasheet-wizard resume {draft_path} --plain" in out


def test_ctrl_d_in_a_list_saves_and_exits_0(new_session: Session, draft_path: Path) -> None:
    code, out = drive(new_session, text("p") + line("n") + CTRL_D)
    assert code == 0
    assert current_of(draft_path) == "kind"
    assert "Saved. Your draft is" in out


def test_ctrl_c_after_choosing_yes_keeps_the_choice(new_session: Session, draft_path: Path) -> None:
    code, _ = drive(new_session, text("p") + line("n") + pick(0) + ENTER + pick(0) + "because" + CTRL_C)
    assert code == 0
    assert answers(draft_path)["relates"] == {"status": "answered", "value": "yes", "text": "because"}


def test_a_failing_save_is_reported_and_retried(new_session: Session, draft_path: Path) -> None:
    real_save = new_session.save
    failures = iter([True])

    def flaky(**kwargs: Any) -> None:
        if next(failures, False):
            raise DraftError(f"Cannot save the draft to {draft_path}: No space left on device.")
        real_save(**kwargs)

    new_session.save = flaky  # type: ignore[method-assign]
    code, out = drive(new_session, text("first") + line("second") + CTRL_D)
    assert code == 0
    assert "Could not save: Cannot save the draft" in out and "No space left on device" in out
    assert "Traceback" not in out
    got = answers(draft_path)
    assert got["purpose"]["text"] == "first" and got["name"]["text"] == "second"


def test_a_draft_changed_by_another_program_asks_which_version_stays(
    new_session: Session, draft_path: Path
) -> None:
    real_save = new_session.save
    conflicts = iter([True])

    def changed_once(**kwargs: Any) -> None:
        if not kwargs.get("force") and next(conflicts, False):
            raise DraftChangedOnDisk(f"The draft {draft_path} was changed by another program since it was opened.")
        real_save(**kwargs)

    new_session.save = changed_once  # type: ignore[method-assign]
    code, out = drive(new_session, text("mine") + ENTER + CTRL_D)  # keep mine (the default)
    assert code == 0
    assert "was changed by another program" in out
    assert answers(draft_path)["purpose"]["text"] == "mine"


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_keeps_the_text_being_typed(new_session: Session, draft_path: Path) -> None:
    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(text("first") + "typed, not submitted")

        done = threading.Event()

        def terminate_when_waiting() -> None:
            deadline = time.monotonic() + 10
            while not done.is_set() and time.monotonic() < deadline:
                if "first" in draft_path.read_text(encoding="utf-8"):
                    break
                time.sleep(0.02)
            if done.wait(0.3):  # by then the second prompt is up and holds the typed text
                return
            os.kill(os.getpid(), signal.SIGTERM)
            if not done.wait(5):
                pipe.close()  # never hang the suite, whatever happened

        threading.Thread(target=terminate_when_waiting, daemon=True).start()
        try:
            code = run_plain(new_session, printer=Printer(out, styled=False))
        finally:
            done.set()
    assert code == 128 + signal.SIGTERM
    assert "Stopped by SIGTERM." in out.getvalue()
    got = answers(draft_path)
    assert got["purpose"]["text"] == "first"
    assert got["name"]["text"] == "typed, not submitted"


def test_a_draft_open_elsewhere_is_refused_without_prompting(
    draft_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = Session.create(load_bank(MINI), "CityBirds", draft_path)
    try:
        before = draft_path.read_bytes()
        second = Session.open(draft_path)
        assert second.read_only
        code, out = drive(second, text("should never be read"))
        assert code == 2
        assert "already open in another datasheet-wizard" in capsys.readouterr().err
        assert "Why does it exist?" not in out
        assert draft_path.read_bytes() == before
    finally:
        holder.close()


def test_changed_bank_and_orphans_are_announced(draft_path: Path) -> None:
    session = prepared(draft_path, {"purpose": "p"})
    raw = draft_path.read_text(encoding="utf-8")
    raw = raw.replace(session.bank.sha256, "0" * 64)
    raw += '\n[answers.old_question]\nstatus = "answered"\ntext = "From an older bank"\n'
    draft_path.write_text(raw, encoding="utf-8")
    session.close()
    code, out = drive(Session.open(draft_path), CTRL_D)
    assert code == 0
    assert "The question bank changed since this draft was last saved" in out
    assert "old_question" in out and "stay in the draft" in out
    assert answers(draft_path)["old_question"]["text"] == "From an older bank"


# --------------------------------------------------------------------------- output


def test_plain_text_when_no_color_or_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeTerminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_plain_text(io.StringIO())
    assert not wants_plain_text(FakeTerminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_plain_text(FakeTerminal())


def test_styled_output_has_styles_and_plain_has_none(new_session: Session) -> None:
    _, styled = drive(new_session, CTRL_D, styled=True)
    assert "\x1b[" in styled and "Why does it exist?" in styled
    other = Session.open(new_session.path)  # type: ignore[arg-type]
    _, plain = drive(other, CTRL_D)
    assert "\x1b" not in plain


# --------------------------------------------------------------------------- new and recent


def test_new_asks_for_the_title_and_remembers_the_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(line("City Birds") + text("To count") + CTRL_D)
        pipe.close()
        code = run_new(load_bank(MINI), None, printer=Printer(out))
    assert code == 0
    path = tmp_path / "city-birds.datasheet.toml"
    assert on_disk(path)["draft"]["title"] == "City Birds"
    assert answers(path)["purpose"]["text"] == "To count"

    from wizard.recent import load_recent

    assert load_recent()[0].path == path.resolve()


def test_new_refuses_an_existing_draft_before_asking_anything(tmp_path: Path) -> None:
    existing = tmp_path / "mine.datasheet.toml"
    existing.write_text("precious\n", encoding="utf-8")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.close()
        with pytest.raises(DraftError, match="already exists"):
            run_new(load_bank(MINI), existing, printer=Printer(io.StringIO()))
    assert existing.read_text(encoding="utf-8") == "precious\n"


def test_choose_recent_offers_existing_drafts(tmp_path: Path) -> None:
    from wizard.recent import remember

    remember(tmp_path / "gone.datasheet.toml", "Gone", "Mini bank")  # no longer exists: not offered
    for name in ("a", "b"):
        (tmp_path / f"{name}.datasheet.toml").write_text("", encoding="utf-8")
        remember(tmp_path / f"{name}.datasheet.toml", name.upper(), "Mini bank")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(DOWN + ENTER)
        pipe.close()
        chosen = choose_recent(printer=Printer(io.StringIO()))
    assert chosen == (tmp_path / "a.datasheet.toml").resolve()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(UP + ENTER)  # the last entry: cancel
        pipe.close()
        assert choose_recent(printer=Printer(io.StringIO())) is None


def test_choose_recent_without_drafts_says_how_to_start() -> None:
    out = io.StringIO()
    assert choose_recent(printer=Printer(out)) is None
    assert "datasheet-wizard new --plain" in out.getvalue()


# --------------------------------------------------------------------------- without a terminal


def test_without_a_terminal_new_plain_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    result = run_cli("new", "--plain", "--title", "X", "--bank", str(MINI), "--draft", "x.datasheet.toml", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    assert "terminal" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.datasheet.toml").exists()


def test_without_a_terminal_resume_plain_exits_2_and_changes_nothing(draft_path: Path) -> None:
    Session.create(load_bank(MINI), "CityBirds", draft_path).close()
    before = draft_path.read_bytes()
    result = run_cli("resume", str(draft_path), "--plain", cwd=draft_path.parent, timeout=30)
    assert result.returncode == 2
    assert "terminal" in result.stderr and "Traceback" not in result.stderr
    assert draft_path.read_bytes() == before


def test_run_plain_itself_refuses_without_a_terminal(new_session: Session, draft_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # No prompt_toolkit input given and pytest's stdin is not a terminal.
    code = run_plain(new_session, printer=Printer(io.StringIO()))
    assert code == 2
    assert "not a terminal" in capsys.readouterr().err
    assert draft_path.exists()

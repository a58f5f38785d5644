"""What an answer means is decided once (wizard/answers.py) and every reader agrees: the session,
`check`, `render` (Markdown and JSON), the app and plain mode."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.plain import CTRL_D, SKIP_ENTRY, drive
from wizard import answers as rules
from wizard.answers import Answer, State, Status
from wizard.app.app import WizardApp
from wizard.bank import build_bank
from wizard.render import render_data, render_markdown
from wizard.session import Session

BANK = """\
format = 1
[bank]
id = "t"
title = "T"
version = "1"
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "relates"
prompt = "Does it relate to people?"
type = "yesno"
[[sections.questions]]
id = "consent"
prompt = "Did people consent?"
when = { question = "relates", equals = "yes" }
[[sections.questions]]
id = "kind"
prompt = "Which kind?"
type = "choice"
choices = ["images", "text"]
[[sections.questions]]
id = "tags"
prompt = "Which tags?"
type = "multichoice"
choices = ["faces", "names"]
other = true
[[sections.questions]]
id = "size"
prompt = "How many?"
type = "line"
format = "integer"
[[sections.questions]]
id = "story"
prompt = "Tell the story."
"""


def bank():
    built, problems = build_bank(tomllib.loads(BANK))
    assert not problems
    return built


def q(qid: str):
    return bank().question(qid)


# --------------------------------------------------------------------------- verdicts


@pytest.mark.parametrize(
    ("qid", "answer", "state"),
    [
        ("relates", Answer(value="yes"), State.ANSWERED),
        ("relates", Answer(value="Yes"), State.INVALID),  # until normalised (the session does that on reading)
        ("relates", Answer(value="maybe"), State.INVALID),
        ("relates", Answer(text="only an explanation"), State.UNANSWERED),
        ("kind", Answer(value="Everything"), State.INVALID),
        ("kind", Answer(value=("images", "text")), State.INVALID),  # the bank changed multichoice -> choice
        ("kind", Answer(other="mine"), State.INVALID),  # no Other option
        ("tags", Answer(value=("faces",), other="pets"), State.ANSWERED),
        ("tags", Answer(value="faces"), State.ANSWERED),  # the bank changed choice -> multichoice
        ("tags", Answer(value=("faces", "everything")), State.INVALID),
        ("size", Answer(text="60,000"), State.ANSWERED),
        ("size", Answer(text="about sixty thousand"), State.INVALID),
        ("story", Answer(value="yes"), State.INVALID),  # the bank changed yesno -> text
        ("story", Answer(Status.NA, "why"), State.NA),
        ("story", Answer(Status.UNKNOWN), State.UNKNOWN),
        ("story", None, State.UNANSWERED),
    ],
)
def test_verdicts(qid: str, answer: Answer | None, state: State) -> None:
    assert rules.verdict(q(qid), answer).state is state


def test_case_only_differences_are_normalised_and_nothing_else() -> None:
    assert rules.normalise(q("relates"), Answer(value="YES")).value == "yes"
    assert rules.normalise(q("kind"), Answer(value="Images ")).value == "images"
    assert rules.normalise(q("kind"), Answer(value="Everything")).value == "Everything"
    assert rules.normalise(q("tags"), Answer(value=("Names", "faces"))).value == ("faces", "names")


def test_format_1_answers_migrate_with_nothing_lost() -> None:
    choice = q("kind")
    assert rules.migrate_format_1(choice, Answer(text="sensor logs")) == Answer(other="sensor logs")
    assert rules.migrate_format_1(choice, Answer(value="images", text="why")) == Answer(value="images", text="why")
    assert rules.migrate_format_1(q("tags"), Answer(value=("faces",), text="pets")) == Answer(value=("faces",), other="pets")
    assert rules.migrate_format_1(q("relates"), Answer(value="no", text="why")) == Answer(value="no", text="why")


def test_edits_say_what_the_author_did() -> None:
    kind, tags = q("kind"), q("tags")
    assert rules.choose(kind, Answer(value="text", text="why"), "images") == Answer(value="images", text="why")
    with pytest.raises(rules.EditError):
        rules.choose(kind, None, "everything")
    assert rules.choose_other(tags, Answer(value=("faces",)), "pets") == Answer(value=("faces",), other="pets")
    assert rules.tick(tags, Answer(value=("faces",), other="pets"), ("names", "faces")).value == ("faces", "names")
    assert rules.tick(tags, Answer(value=("faces",)), ()) is None
    marked = rules.mark(kind, Answer(value="images"), Status.NA, "no data")
    assert marked == Answer(Status.NA, "no data")
    assert rules.write_text(q("story"), marked, "") is marked  # emptying a box keeps the mark
    assert rules.choose(kind, marked, "text") == Answer(value="text")  # a pick replaces the mark and its reason


# --------------------------------------------------------------------------- every reader agrees


@pytest.fixture
def bad_draft(tmp_path: Path) -> Path:
    """A draft a script or a hand edit wrote: a "Yes" (case only), a value that is no option,
    a choice answer to a question the bank turned into text."""
    (tmp_path / "t.toml").write_text(BANK, encoding="utf-8")
    path = tmp_path / "d.datasheet.toml"
    path.write_text(
        'format = 2\n[draft]\ntitle = "D"\nbank = "t"\nbank_path = "t.toml"\ncreated = 2026-11-29T01:00:00Z\n'
        '[answers.relates]\nstatus = "answered"\nvalue = "Yes"\n'
        '[answers.consent]\nstatus = "answered"\ntext = "Signed."\n'
        '[answers.kind]\nstatus = "answered"\nvalue = "Everything"\ntext = "All of it."\n'
        '[answers.tags]\nstatus = "answered"\nvalue = ["faces"]\n'
        '[answers.size]\nstatus = "answered"\ntext = "12"\n'
        '[answers.story]\nstatus = "answered"\nvalue = "yes"\n',
        encoding="utf-8",
    )
    return path


def test_check_render_and_json_give_one_verdict(bad_draft: Path) -> None:
    before = bad_draft.read_bytes()
    session = Session.open(bad_draft, lock=False)
    assert session.answer("relates").value == "yes"  # normalised in memory
    assert session.is_visible(session.bank.question("consent"))  # so the "Yes" gate opens
    assert [qq.id for qq, _ in session.invalid()] == ["kind", "story"]

    check = run_cli("check", str(bad_draft))
    assert check.returncode == 1
    assert "[invalid] kind:" in check.stdout and '"Everything" is not one of the options' in check.stdout
    assert "[invalid] story:" in check.stdout and "the bank changed its type" in check.stdout
    assert "2 answers are not valid" in check.stdout

    render = run_cli("render", str(bad_draft))
    assert render.returncode == 0
    assert "Everything\n\nAll of it." in render.stdout  # verbatim
    assert "**Does it relate to people?**\n\n**Yes.**" in render.stdout
    assert 'question "kind"' in render.stderr and 'question "story"' in render.stderr and "warning" in render.stderr

    data = json.loads(run_cli("render", str(bad_draft), "--format", "json").stdout)
    by_id = {item["id"]: item for s in data["sections"] for item in s["questions"]}
    assert by_id["kind"]["status"] == "invalid" and by_id["kind"]["answer"] == "Everything"
    assert by_id["kind"]["note"] == "All of it."
    assert by_id["story"]["status"] == "invalid" and by_id["relates"]["answer"] == "yes"
    assert bad_draft.read_bytes() == before  # reading never rewrites


async def test_the_app_shows_an_invalid_answer_and_keeps_it(bad_draft: Path) -> None:
    session = Session.open(bad_draft)
    session.go("kind")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#question").render())
        assert "Not a valid answer" in shown and "Everything" in shown
        picker = app.screen.query_one("#editor-kind OptionPicker")
        assert all("◉" not in str(o.prompt) for o in picker.options)  # nothing listed is chosen
        await pilot.press("ctrl+q")
    assert 'value = "Everything"' in bad_draft.read_text(encoding="utf-8")


async def test_plain_mode_shows_an_invalid_answer_and_keeps_it(bad_draft: Path) -> None:
    import asyncio

    session = Session.open(bad_draft)
    session.go("kind")
    code, out = await asyncio.to_thread(drive, session, SKIP_ENTRY + CTRL_D)
    assert code == 0
    assert 'Currently not a valid answer: "Everything" is not one of the options' in out
    assert 'value = "Everything"' in bad_draft.read_text(encoding="utf-8")


async def test_a_list_opens_on_the_saved_option_and_space_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(BANK, encoding="utf-8")
    path = tmp_path / "d.datasheet.toml"
    path.write_text('format = 2\n[draft]\ntitle = "D"\nbank = "t"\nbank_path = "t.toml"\n'
                    '[answers.relates]\nstatus = "answered"\nvalue = "no"\n', encoding="utf-8")
    before = path.read_bytes()
    session = Session.open(path)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        picker = app.screen.query_one("#editor-relates OptionPicker")
        assert app.screen.focused is picker
        assert picker.highlighted == 1  # "No", the saved option
        await pilot.press("space", "enter", "space")
        await pilot.pause()
        lit = [str(o.prompt) for o in picker.options if "◉" in str(o.prompt)]
        assert lit == ["◉ No"]  # one dot, on the saved option
        label = str(app.screen.query_one("#editor-relates #explain-label").render())
        assert "typing on the list writes here" in label
        await pilot.press(*"Only adults")  # letters typed on the list go to the explanation box
        await pilot.pause()
        assert app.screen.query_one("#editor-relates #explain").text == "Only adults"
        await pilot.press("ctrl+q")
    assert session.answer("relates") == Answer(value="no", text="Only adults")
    assert path.read_bytes() != before


async def test_more_words_go_after_the_saved_answer(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(BANK, encoding="utf-8")
    path = tmp_path / "d.datasheet.toml"
    path.write_text('format = 2\n[draft]\ntitle = "D"\nbank = "t"\nbank_path = "t.toml"\n'
                    '[answers.story]\nstatus = "answered"\ntext = "It began.\\nIt went on."\n', encoding="utf-8")
    session = Session.open(path)
    session.go("story")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*" Then it ended.")
        await pilot.press("ctrl+q")
    assert session.answer("story").text == "It began.\nIt went on. Then it ended."


def test_a_future_draft_format_is_refused_and_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "future.datasheet.toml"
    content = 'format = 3\n[draft]\ntitle = "F"\nbank = "datasheets-for-datasets"\n'
    path.write_text(content, encoding="utf-8")
    for command in ("check", "render"):
        out = run_cli(command, str(path))
        assert out.returncode == 2
        assert "format 3" in out.stderr and "newer datasheet-wizard" in out.stderr and "Traceback" not in out.stderr
    assert path.read_text(encoding="utf-8") == content


def test_hiding_follows_the_verdict_not_the_raw_value(tmp_path: Path) -> None:
    """An invalid gate counts as not answered for `when`: `equals` hides, `not_equals` shows."""
    session = Session(bank(), __import__("wizard.draft", fromlist=["Draft"]).Draft(title="x", bank_id="t"))
    session.set_answer("relates", Answer(value="maybe"))
    assert not session.is_visible(session.bank.question("consent"))
    session.choose("relates", "yes")
    assert session.is_visible(session.bank.question("consent"))
    assert render_data(session)["sections"][0]["questions"][0]["status"] == "answered"
    assert "**Yes.**" in render_markdown(session)


def test_kept_answers_are_described_once_for_check_plain_and_the_app(tmp_path: Path) -> None:
    """Imported text no question matched is not "a question that left the bank": one sentence says
    which is which, and `check`, plain mode and the app all use it."""
    from wizard.progress import describe_orphans

    (tmp_path / "t.toml").write_text(BANK, encoding="utf-8")
    path = tmp_path / "d.datasheet.toml"
    path.write_text(
        'format = 2\n[draft]\ntitle = "D"\nbank = "t"\nbank_path = "t.toml"\n'
        '[answers.old_q]\nstatus = "answered"\ntext = "From an older bank."\n'
        '[answers.imported-1]\nstatus = "answered"\ntext = "Stray text."\nimported_from = "notes.md, lines 3-4"\n',
        encoding="utf-8",
    )
    session = Session.open(path, lock=False)
    sentence = describe_orphans(session.orphans())
    assert sentence == ("Kept 1 piece of imported text no question matched (imported-1) and 1 answer whose question "
                        "is no longer in the bank (old_q). They stay in the draft untouched.")
    assert sentence in run_cli("check", str(path)).stdout
    import asyncio

    code, out = asyncio.run(asyncio.to_thread(drive, Session.open(path), CTRL_D))
    assert code == 0 and " ".join(sentence.split()) in " ".join(out.split())

"""Both front ends on one scenario table: the same author action, typed as real keys into the
full-screen app (Pilot) and into plain mode (questionary over a prompt_toolkit pipe), must leave
the same draft on disk and render the same document.

Each scenario starts from one stored draft (sometimes a format-1 file as the previous release
wrote it, sometimes a hand-edited value that is not an option), puts the author on one question,
lets each front end do the same thing there, and quits.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.drafts import disk_answers
from tests.helpers.plain import BACK_ENTRY, BACKSPACE, CTRL_D, DOWN, ENTER, NA_ENTRY, SKIP_ENTRY, SPACE, SUBMIT, UP, drive
from wizard.app.app import WizardApp
from wizard.render import render_markdown
from wizard.session import Session

BANK = """\
format = 1

[bank]
id = "agree"
title = "Agreement bank"
version = "1"

[[sections]]
id = "all"
title = "All types"

[[sections.questions]]
id = "notes"
prompt = "Any notes?"

[[sections.questions]]
id = "code"
prompt = "Short code?"
type = "line"

[[sections.questions]]
id = "home"
prompt = "Homepage?"
type = "line"
format = "url"

[[sections.questions]]
id = "kind"
prompt = "What kind of data?"
type = "choice"
choices = ["images", "text", "audio"]
other = true

[[sections.questions]]
id = "split"
prompt = "Which split?"
type = "choice"
choices = ["train", "test"]

[[sections.questions]]
id = "people"
prompt = "Does it relate to people?"
type = "yesno"

[[sections.questions]]
id = "tags"
prompt = "Which tags apply?"
type = "multichoice"
choices = ["faces", "voices", "names"]
other = true

[[sections.questions]]
id = "mods"
prompt = "Which modalities?"
type = "multichoice"
choices = ["a", "b", "c"]

[[sections.questions]]
id = "consent"
prompt = "Did people consent?"
when = { question = "people", not_equals = "no" }

[[sections.questions]]
id = "last"
prompt = "Anything else?"
"""

HEAD_1 = 'format = 1\n\n[draft]\ntitle = "Same"\nbank = "agree"\nbank_version = "1"\nbank_path = "agree.toml"\n' \
    'created = 2026-11-29T01:00:00Z\nupdated = 2026-11-29T01:10:00Z\ncurrent = "{at}"\n'
HEAD_2 = 'format = 2\n\n[draft]\ntitle = "Same"\nbank = "agree"\nbank_version = "1"\nbank_path = "agree.toml"\n' \
    'created = 2026-11-29T01:00:00Z\n'


@dataclass(frozen=True)
class Scenario:
    name: str
    at: str  # the question the author is on
    app: tuple[str, ...]  # keys pressed in the app (then ctrl+q)
    plain: str  # keys typed in plain mode (then Ctrl+D)
    expected: dict[str, Any]  # the answers on disk afterwards (empty tables left out)
    stored: str = ""  # answer tables in the starting draft
    format: int = 2
    extra: dict[str, Any] = field(default_factory=dict)


def keys(text: str) -> tuple[str, ...]:
    return tuple(text)


S = Scenario
SCENARIOS = [
    # --- text and line
    S("text: fresh answer", "notes", keys("Hello world"), "Hello world" + SUBMIT,
      {"notes": {"status": "answered", "text": "Hello world"}}),
    S("text: two lines", "notes", (*keys("One"), "enter", *keys("Two")), "One" + ENTER + "Two" + SUBMIT,
      {"notes": {"status": "answered", "text": "One\nTwo"}}),
    S("text: added words go after the saved answer", "notes", keys(" more"), " more" + SUBMIT,
      {"notes": {"status": "answered", "text": "Start more"}},
      stored='[answers.notes]\nstatus = "answered"\ntext = "Start"\n'),
    S("text: emptied answer is cleared", "notes", ("backspace",) * 3, BACKSPACE * 3 + SUBMIT, {},
      stored='[answers.notes]\nstatus = "answered"\ntext = "Old"\n'),
    S("line: fresh answer", "code", keys("CB"), "CB" + ENTER, {"code": {"status": "answered", "text": "CB"}}),
    S("line: a valid URL", "home", keys("https://example.org/data"), "https://example.org/data" + ENTER,
      {"home": {"status": "answered", "text": "https://example.org/data"}}),
    S("line: an invalid URL is kept as typed", "home", keys("example dot org"), "example dot org" + ENTER,
      {"home": {"status": "answered", "text": "example dot org"}}),
    # --- marks
    S("mark not applicable with a reason", "notes", ("ctrl+t", *keys("No people"), "enter"),
      "/na" + SUBMIT + "No people" + ENTER, {"notes": {"status": "na", "text": "No people"}}),
    S("mark not applicable without a reason", "notes", ("ctrl+t", "enter"), "/na" + SUBMIT + ENTER,
      {"notes": {"status": "na"}}),
    S("mark unknown", "code", ("ctrl+g", "enter"), "/unknown" + ENTER, {"code": {"status": "unknown"}}),
    S("typing over a mark answers", "notes", keys("Real"), "Real" + SUBMIT,
      {"notes": {"status": "answered", "text": "Real"}}, stored='[answers.notes]\nstatus = "na"\ntext = "x"\n'),
    S("moving on keeps a mark", "notes", ("ctrl+n",), SUBMIT, {"notes": {"status": "na", "text": "x"}},
      stored='[answers.notes]\nstatus = "na"\ntext = "x"\n'),
    S("mark a list question not applicable", "split", ("ctrl+t", *keys("one split"), "enter"),
      NA_ENTRY + "one split" + ENTER, {"split": {"status": "na", "text": "one split"}}),
    # --- choice
    S("choice: the first option", "split", ("enter",), ENTER + ENTER, {"split": {"status": "answered", "value": "train"}}),
    S("choice: the second option", "split", ("down", "enter"), DOWN + ENTER + ENTER,
      {"split": {"status": "answered", "value": "test"}}),
    S("choice: with an explanation", "kind", ("down", "enter", *keys("Mostly text")),
      DOWN + ENTER + "Mostly text" + SUBMIT, {"kind": {"status": "answered", "value": "text", "text": "Mostly text"}}),
    S("choice: own option", "kind", ("down", "down", "down", "enter", *keys("sensor logs")),
      DOWN * 3 + ENTER + "sensor logs" + ENTER + ENTER, {"kind": {"status": "answered", "other": "sensor logs"}}),
    S("choice: own option, then a listed one", "kind", ("up", "up", "up", "enter"), UP * 3 + ENTER + ENTER,
      {"kind": {"status": "answered", "value": "images"}},
      stored='[answers.kind]\nstatus = "answered"\nother = "sensor logs"\n'),
    S("choice: listed, then own option", "kind", ("down", "down", "down", "enter", *keys("logs")),
      DOWN * 3 + ENTER + "logs" + ENTER + ENTER, {"kind": {"status": "answered", "other": "logs"}},
      stored='[answers.kind]\nstatus = "answered"\nvalue = "images"\n'),
    S("choice: own, listed, own again", "kind",
      ("up", "up", "up", "enter", "down", "down", "down", "enter", *keys("b")),
      UP * 3 + ENTER + ENTER + BACK_ENTRY + DOWN * 3 + ENTER + "b" + ENTER + ENTER,
      {"kind": {"status": "answered", "other": "b"}}, stored='[answers.kind]\nstatus = "answered"\nother = "a"\n'),
    S("choice: a changed pick keeps the explanation", "kind", ("down", "enter"), DOWN + ENTER + ENTER,
      {"kind": {"status": "answered", "value": "text", "text": "why"}},
      stored='[answers.kind]\nstatus = "answered"\nvalue = "images"\ntext = "why"\n'),
    # --- yes/no
    S("yes/no: Space on the saved 'no' changes nothing", "people", ("space",), ENTER + ENTER,
      {"people": {"status": "answered", "value": "no"}}, stored='[answers.people]\nstatus = "answered"\nvalue = "no"\n'),
    S("yes/no: yes with an explanation", "people", ("enter", *keys("anyone")), ENTER + "anyone" + SUBMIT,
      {"people": {"status": "answered", "value": "yes", "text": "anyone"}}),
    S("yes/no: a two-line explanation", "people", ("down", "enter", *keys("Line one"), "enter", *keys("Line two")),
      DOWN + ENTER + "Line one" + ENTER + "Line two" + SUBMIT,
      {"people": {"status": "answered", "value": "no", "text": "Line one\nLine two"}}),
    S("yes/no: yes to no keeps the explanation", "people", ("down", "enter"), DOWN + ENTER + ENTER,
      {"people": {"status": "answered", "value": "no", "text": "because"}},
      stored='[answers.people]\nstatus = "answered"\nvalue = "yes"\ntext = "because"\n'),
    # --- multichoice
    S("multichoice: tick two", "tags", ("space", "down", "down", "space"), SPACE + DOWN * 2 + SPACE + ENTER + ENTER,
      {"tags": {"status": "answered", "value": ["faces", "names"]}}),
    S("multichoice: untick one", "tags", ("space",), SPACE + ENTER + ENTER,
      {"tags": {"status": "answered", "value": ["names"]}},
      stored='[answers.tags]\nstatus = "answered"\nvalue = ["faces", "names"]\n'),
    S("multichoice: own option beside a tick", "tags", ("space", "tab", *keys("pets")),
      SPACE + DOWN * 3 + SPACE + ENTER + "pets" + ENTER + ENTER,
      {"tags": {"status": "answered", "value": ["faces"], "other": "pets"}}),
    S("multichoice: with an explanation", "tags", ("space", *keys("Mostly faces")),
      SPACE + ENTER + "Mostly faces" + SUBMIT, {"tags": {"status": "answered", "value": ["faces"], "text": "Mostly faces"}}),
    S("multichoice: unticking the last clears", "mods", ("space",), SPACE + ENTER, {},
      stored='[answers.mods]\nstatus = "answered"\nvalue = ["a"]\n'),
    S("multichoice: without an own option", "mods", ("down", "down", "space"), DOWN * 2 + SPACE + ENTER + ENTER,
      {"mods": {"status": "answered", "value": ["c"]}}),
    # --- values that are not options
    S("bad value: picking replaces it", "split", ("enter",), ENTER + ENTER, {"split": {"status": "answered", "value": "train"}},
      stored='[answers.split]\nstatus = "answered"\nvalue = "Everything"\n'),
    S("bad value: kept when not touched", "split", ("ctrl+n",), SKIP_ENTRY,
      {"split": {"status": "answered", "value": "Everything"}},
      stored='[answers.split]\nstatus = "answered"\nvalue = "Everything"\n'),
    S("case-only value: read as the option, file untouched", "people", ("ctrl+n",), ENTER + ENTER,
      {"people": {"status": "answered", "value": "Yes"}}, stored='[answers.people]\nstatus = "answered"\nvalue = "Yes"\n'),
    # --- format 1, as the previous release wrote it
    S("format 1: a choice's own option moves to other", "notes", keys("x"), "x" + SUBMIT,
      {"notes": {"status": "answered", "text": "x"}, "kind": {"status": "answered", "other": "sensor logs"},
       "people": {"status": "answered", "value": "yes", "text": "ok"}},
      stored='[answers.kind]\nstatus = "answered"\ntext = "sensor logs"\n\n'
             '[answers.people]\nstatus = "answered"\nvalue = "yes"\ntext = "ok"\n', format=1),
    S("format 1: the app's text beside a value stays the explanation", "notes", keys("x"), "x" + SUBMIT,
      {"notes": {"status": "answered", "text": "x"}, "kind": {"status": "answered", "value": "images", "text": "sensor logs"},
       "tags": {"status": "answered", "value": ["faces"], "other": "pets"}},
      stored='[answers.kind]\nstatus = "answered"\nvalue = "images"\ntext = "sensor logs"\n\n'
             '[answers.tags]\nstatus = "answered"\nvalue = ["faces"]\ntext = "pets"\n', format=1),
]


def _draft(folder: Path, scenario: Scenario) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agree.toml").write_text(BANK, encoding="utf-8")
    head = HEAD_1.replace("{at}", scenario.at) if scenario.format == 1 else HEAD_2
    path = folder / "same.datasheet.toml"
    path.write_text(head + ("\n" + scenario.stored if scenario.stored else ""), encoding="utf-8")
    return path


def _open_at(path: Path, at: str) -> Session:
    session = Session.open(path)
    session.go(at)
    return session


async def _run_app(path: Path, scenario: Scenario) -> None:
    session = _open_at(path, scenario.at)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*scenario.app)
        await pilot.pause()
        await pilot.press("ctrl+q")


def _rendered(path: Path) -> str:
    session = Session.open(path, lock=False)
    return render_markdown(session)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
async def test_both_front_ends_write_the_same_draft(tmp_path: Path, scenario: Scenario) -> None:
    app_path = _draft(tmp_path / "app", scenario)
    plain_path = _draft(tmp_path / "plain", scenario)

    await _run_app(app_path, scenario)
    code, transcript = await asyncio.to_thread(drive, _open_at(plain_path, scenario.at), scenario.plain + CTRL_D)
    assert code == 0, transcript

    assert disk_answers(app_path) == scenario.expected, "app"
    assert disk_answers(plain_path) == scenario.expected, "plain"
    assert app_path.read_text(encoding="utf-8") == plain_path.read_text(encoding="utf-8")
    assert _rendered(app_path) == _rendered(plain_path)


def test_the_table_covers_what_the_issue_asks_for() -> None:
    """At least 30 scenarios, every question type, marks with and without reasons, bad values, format 1."""
    assert len(SCENARIOS) >= 30
    types = {"notes": "text", "code": "line", "home": "line", "kind": "choice", "split": "choice",
             "people": "yesno", "tags": "multichoice", "mods": "multichoice"}
    assert {types[s.at] for s in SCENARIOS} == {"text", "line", "choice", "yesno", "multichoice"}
    assert any(s.format == 1 for s in SCENARIOS)
    assert any("Everything" in s.stored for s in SCENARIOS)
    marks = [s for s in SCENARIOS if any(v.get("status") in ("na", "unknown") for v in s.expected.values())]
    assert any("text" in next(iter(s.expected.values())) for s in marks)  # a mark with a reason
    assert any("text" not in next(iter(s.expected.values())) for s in marks)  # and without

"""Explore plain mode: random sequences of visits (answer whatever is asked, every slash command and
list entry, Ctrl+C mid-answer, Ctrl+D, hand edits between visits), each a real questionary run
over a prompt_toolkit pipe, with what must always hold checked after every visit:

- plain mode exits 0 with no traceback, and the draft on disk parses;
- the file holds exactly the answers the session ended with ("Saved" is printed only then);
- a visit changes at most the answers of the questions it was shown.

Default run: 5 sequences of up to 20 visits; `pytest -m slow tests/plain/test_explore_plain.py`: 100.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.helpers.drafts import loaded_answers
from tests.helpers.plain import CTRL_C, CTRL_D, DOWN, ENTER, SPACE, SUBMIT, UP, drive
from tests.helpers.report import count
from wizard.bank import load_bank
from wizard.session import Session

BANK = """\
format = 1
[bank]
id = "p"
title = "P"
version = "1"
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "story"
prompt = "Tell the story."
[[sections.questions]]
id = "code"
prompt = "Short code?"
type = "line"
[[sections.questions]]
id = "kind"
prompt = "Which kind?"
type = "choice"
choices = ["images", "text"]
other = true
[[sections.questions]]
id = "people"
prompt = "People?"
type = "yesno"
[[sections.questions]]
id = "consent"
prompt = "Consent?"
when = { question = "people", not_equals = "no" }
[[sections.questions]]
id = "tags"
prompt = "Tags?"
type = "multichoice"
choices = ["faces", "names"]
other = true
"""

COMMANDS = ["/back", "/skip", "/na", "/unknown", "/quit", "/jump"]
# The command entries at the bottom of every list, counted from the bottom (UP wraps there).
LIST_ENTRY = {"/quit": 1, "/jump": 2, "/unknown": 3, "/na": 4, "/skip": 5, "/back": 6}
WORDS = st.text(alphabet="abcdefgh xyz.,-/", min_size=1, max_size=15)


class PlainExplorer(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="dw-explore-plain-"))
        (self.folder / "p.toml").write_text(BANK, encoding="utf-8")
        self.path = self.folder / "p.datasheet.toml"
        Session.create(load_bank(self.folder / "p.toml"), "P", self.path).close()
        self.visits = 0
        self.last: Session | None = None
        self.transcript = ""
        self.code = 0

    def teardown(self) -> None:
        count("explore: plain mode state machine", rounds_run=self.visits)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _visit(self, keys_for: Any) -> None:
        """Open the draft as `resume --plain` does, type what `keys_for(question)` says, then Ctrl+D."""
        session = Session.open(self.path)
        before = {qid: a for qid, a in session.draft.answers.items() if not a.is_empty}
        question = session.current
        self.code, self.transcript = drive(session, keys_for(question) + CTRL_D)
        self.visits += 1
        self.last = session
        after = {qid: a for qid, a in session.draft.answers.items() if not a.is_empty}
        shown = {q.id for q in session.bank.questions if q.prompt in self.transcript}
        changed = {qid for qid in before.keys() | after.keys() if before.get(qid) != after.get(qid)}
        assert changed <= shown, f"answers changed for questions never shown: {changed - shown}"

    # ------------------------------------------------------------------ rules

    @rule(words=WORDS, pick=st.integers(0, 2), explain=st.booleans())
    def answer_what_is_asked(self, words: str, pick: int, explain: bool) -> None:
        def keys(question: Any) -> str:
            if question.type == "text":
                return words + SUBMIT
            if question.type == "line":
                return words + ENTER
            if question.type == "multichoice":
                return DOWN * pick + SPACE + ENTER + (words + SUBMIT if explain else ENTER)
            return DOWN * pick + ENTER + (words + ENTER + ENTER if pick == 2 and question.other else "") + (
                words + SUBMIT if explain else ENTER)

        self._visit(keys)

    @rule(command=st.sampled_from(COMMANDS), reason=WORDS)
    def command(self, command: str, reason: str) -> None:
        def keys(question: Any) -> str:
            typed = command + (SUBMIT if question.type == "text" else ENTER) if not question.type.is_list else \
                UP * LIST_ENTRY[command] + ENTER
            if command == "/na":
                typed += reason + ENTER
            if command == "/jump":
                typed += "story" + ENTER
            return typed

        self._visit(keys)

    @rule(words=WORDS)
    def ctrl_c_mid_answer(self, words: str) -> None:
        self._visit(lambda question: words + CTRL_C)

    @rule(text=WORDS)
    def hand_edit_between_visits(self, text: str) -> None:
        raw = self.path.read_text(encoding="utf-8")
        marker = "[answers.code]\n"
        start = raw.index(marker) + len(marker)
        end = raw.find("\n[", start)
        end = len(raw) if end < 0 else end + 1
        self.path.write_text(raw[:start] + f'status = "answered"\ntext = "{text}"\n' + raw[end:], encoding="utf-8")
        self.last = None

    # ------------------------------------------------------------------ what always holds

    @invariant()
    def exits_cleanly(self) -> None:
        assert self.code == 0, self.transcript
        assert "Traceback" not in self.transcript

    @invariant()
    def the_file_holds_what_the_session_ended_with(self) -> None:
        on_disk = loaded_answers(self.path)
        if self.last is not None:
            assert on_disk == {qid: a for qid, a in self.last.draft.answers.items() if not a.is_empty}
            if "Saved. Your draft is" in self.transcript:
                assert on_disk == {qid: a for qid, a in self.last.draft.answers.items() if not a.is_empty}


PlainExplorer.TestCase.settings = settings(
    max_examples=5, stateful_step_count=20, deadline=None, derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
test_plain_explorer = PlainExplorer.TestCase


class PlainExplorerLong(PlainExplorer):
    pass


PlainExplorerLong.TestCase.settings = settings(
    max_examples=100, stateful_step_count=20, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
test_plain_explorer_long = pytest.mark.slow(PlainExplorerLong.TestCase)


def test_a_list_that_returns_nothing_asks_again(tmp_path: Path) -> None:
    """Found by the explorer: keys a yes/no list does not know made questionary return "", which
    plain mode passed on as a choice (a traceback). Now the question is asked again."""
    (tmp_path / "p.toml").write_text(BANK, encoding="utf-8")
    path = tmp_path / "p.datasheet.toml"
    Session.create(load_bank(tmp_path / "p.toml"), "P", path).close()
    session = Session.open(path)
    session.go("people")
    code, out = drive(session, "a" + SUBMIT + CTRL_D)
    assert code == 0 and "Traceback" not in out
    assert out.count("People?") >= 1
    assert "people" not in loaded_answers(path)

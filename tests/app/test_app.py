"""The full-screen app, driven with Pilot by the real keys; assertions on the screen and the draft on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, MarkdownViewer, Static, TextArea

from tests.helpers.clock import FakeClock, autosave_runs, keys_handled
from tests.helpers.drafts import current_of, on_disk
from tests.helpers.pilot import help_source
from tests.helpers.paths import DEFAULT_BANK, MINI
from wizard.app.app import WizardApp
from wizard.app.screens.question import QuestionScreen
from wizard.app.screens.outline import OutlineScreen
from wizard.app.screens.preview import PreviewScreen
from wizard.app.screens.review import ReviewScreen
from wizard.app.screens.start import StartScreen
from wizard.bank import load_bank
from wizard.session import Session


def text_of(app: WizardApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def bottom(app: WizardApp):  # noqa: ANN201
    return app.screen.query_one("#bottom")


def drawn_text(app: WizardApp, selector: str) -> str:
    """What a widget shows on screen, line by line (for rich renderables such as Markdown)."""
    from textual.geometry import Region

    widget = app.screen.query_one(selector)
    return "\n".join(strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, *widget.size)))


@pytest.fixture
def draft_path(tmp_path) -> Path:
    return tmp_path / "birds.datasheet.toml"


@pytest.fixture
def session(draft_path):
    s = Session.create(load_bank(MINI), "Birds", draft_path)
    yield s
    s.close()


async def test_answer_next_back_and_autosave(session, draft_path):
    clock = FakeClock()
    app = WizardApp(session, cursor_blink=False, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Why does it exist?" in text_of(app, "#question")
        assert "required" in text_of(app, "#question")
        await pilot.press(*"To count birds.")
        assert "editing" in bottom(app).saved_text and "To count birds." not in draft_path.read_text()
        await autosave_runs(pilot, clock, 1.0)  # autosave: on disk within a second
        assert on_disk(draft_path)["answers"]["purpose"]["text"] == "To count birds."
        assert "saved" in bottom(app).saved_text and "saved · birds" in str(bottom(app).render())
        await pilot.press("ctrl+n")
        assert "What is its short name?" in text_of(app, "#question")
        await pilot.press(*"CB", "enter")  # Enter in a one-line answer goes on
        assert "What kind of data is it?" in text_of(app, "#question")
        await pilot.press("ctrl+b")
        assert app.screen.query_one("#editor-name Input", Input).value == "CB"
        await pilot.press("ctrl+b")
        assert app.screen.query_one("#editor-purpose TextArea", TextArea).text == "To count birds."
        drawn = bottom(app).render()  # the bar: half of it in the answered colour, the rest a track
        assert "━" * 28 + "  2 of 4 answered" in str(drawn)
        assert [(span.start, span.end) for span in drawn.spans[:2]] == [(2, 16), (16, 30)]
    data = on_disk(draft_path)
    assert data["answers"]["name"]["text"] == "CB"
    assert current_of(draft_path) == "purpose"  # in the state folder, not in the draft


async def test_choice_other_and_conditional_reveal(session, draft_path):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        session.go("kind")
        app.question_screen.show_question()
        await pilot.pause()
        app.screen.query_one("#editor-kind OptionPicker").focus()
        await pilot.press("down", "down", "down", "enter")  # the "Other…" entry: its field takes the focus
        await pilot.pause()
        other = app.screen.query_one("#editor-kind #other", Input)
        assert app.screen.focused is other
        await pilot.press(*"sensor logs")
        await pilot.press("ctrl+n")
        assert "Does it relate to people?" in text_of(app, "#question")
        assert "0 of 4" not in bottom(app).progress_text
        assert bottom(app).progress_text.endswith("of 4 answered")
        app.screen.query_one("#editor-relates OptionPicker").focus()
        await pilot.press("enter")  # Yes
        await pilot.pause()
        assert bottom(app).progress_text == "2 of 6 answered"  # consent and tags appeared
        await pilot.press("ctrl+n")
        assert "Did people consent?" in text_of(app, "#question")
        await pilot.press("ctrl+b")
        app.screen.query_one("#editor-relates OptionPicker").focus()
        await pilot.press("down", "enter")  # No
        await pilot.pause()
        assert bottom(app).progress_text == "2 of 4 answered"
        await pilot.press("ctrl+n")  # at the end now: the review screen
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    data = on_disk(draft_path)
    assert data["answers"]["kind"] == {"status": "answered", "other": "sensor logs"}
    assert data["answers"]["relates"]["value"] == "no"


async def test_outline_jumps_and_shows_states(session):
    session.write_text("purpose", "x")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, OutlineScreen)
        labels = [str(node.label) for node in app.screen.query_one("#outline").root.children[1].children]
        assert labels == ["! Does it relate to people?"]
        first = [str(n.label) for n in app.screen.query_one("#outline").root.children[0].children]
        assert first[0] == "✓ Why does it exist?"
        await pilot.press("down", "down", "down", "down", "enter")  # section 2's question
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Does it relate to people?" in text_of(app, "#question")


async def test_mark_not_applicable_and_undo_by_typing(session, draft_path):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        await pilot.press(*"internal only", "enter")
        await pilot.pause()
        assert "Marked not applicable: internal only" in text_of(app, "#question")
        await pilot.press("ctrl+s")
        assert on_disk(draft_path)["answers"]["purpose"] == {"status": "na", "text": "internal only"}
        await pilot.press("ctrl+g", "enter")
        await pilot.pause()
        assert session.answer("purpose").status == "unknown"
        await pilot.press(*"Real answer")
        await pilot.pause()
        assert "Marked" not in text_of(app, "#question") and "Why does it exist?" in text_of(app, "#question")
        await pilot.press("ctrl+s")
    assert on_disk(draft_path)["answers"]["purpose"] == {"status": "answered", "text": "Real answer"}


async def test_resume_opens_at_the_last_question(session, draft_path):
    session.write_text("purpose", "done")
    session.go("kind")
    session.close()
    again = Session.open(draft_path)
    app = WizardApp(again, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "What kind of data is it?" in text_of(app, "#question")
        assert "question 3 of 4" in text_of(app, "#place")


async def test_second_instance_is_read_only(session, draft_path):
    before = draft_path.read_bytes()
    second = Session.open(draft_path)
    assert second.read_only
    clock = FakeClock()
    app = WizardApp(second, cursor_blink=False, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Read-only" in text_of(app, "#readonly-notice")
        await pilot.press(*"typing here")
        await pilot.press("ctrl+s", "ctrl+n")
        await autosave_runs(pilot, clock, 1.0)
    assert draft_path.read_bytes() == before


async def test_preview_shows_the_rendered_datasheet(session):
    session.write_text("purpose", "# Looks like a heading\nBirds.")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        viewer = app.screen.query_one(MarkdownViewer)
        assert viewer.show_table_of_contents
        source = viewer.document.source
        assert source.startswith("# Mini sheet for Birds") and "#### Looks like a heading" in source
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_finish_writes_markdown_and_html_and_asks_before_replacing_hand_edits(session, draft_path):
    session.write_text("purpose", "Birds.")
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        missing = [str(item.query_one("Label").render()) for item in screen.query("#missing ListItem")]
        assert missing[0].startswith("! Does it relate to people?")  # required first
        assert screen.query_one("#output", Input).value == str(draft_path.with_name("birds.md"))
        screen.query_one("#html").value = True
        screen.query_one("#write").press()
        await pilot.pause()
        assert "Wrote" in str(screen.query_one("#write-result", Static).render())
        md = draft_path.with_name("birds.md")
        assert md.read_text().startswith("# Mini sheet for Birds")
        assert draft_path.with_name("birds.html").read_text().startswith("<!DOCTYPE html>")
        md.write_text(md.read_text() + "\nMy hand edit\n")
        await pilot.press("ctrl+w")  # the key for "write datasheet"
        await pilot.pause()
        assert "Replace a changed file?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.click("#choice-keep")
        await pilot.pause()
        assert "My hand edit" in md.read_text()
        # selecting a missing question jumps there
        app.screen.query_one("#missing").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "Does it relate to people?" in text_of(app, "#question")


async def test_help_lists_keys_and_the_draft(session, draft_path):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        source = help_source(app)
        for key in ("ctrl+n", "ctrl+b", "ctrl+o", "ctrl+r", "ctrl+s", "ctrl+e", "ctrl+q", "ctrl+t", "ctrl+g"):
            assert f"`{key}`" in source
        assert str(draft_path) in source and "Mini bank, version 2.0" in source


async def test_external_editor_round_trip(session, draft_path, tmp_path, monkeypatch):
    script = tmp_path / "fake-editor.sh"
    script.write_text('#!/bin/sh\nprintf "Written in vim\\n" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#editor-purpose TextArea", TextArea).text == "Written in vim"
        await pilot.press("ctrl+s")
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "Written in vim"


async def test_quit_saves_pending_text(session, draft_path):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"typed just before quitting")
        await pilot.press("ctrl+q")
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "typed just before quitting"


async def test_start_screen_starts_a_new_draft(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert "No drafts yet" in str(app.screen.query_one("#no-recent", Static).render())
        app.screen.query_one("#title").focus()
        await pilot.press(*"City Birds")
        assert "city-birds.datasheet.toml" in str(app.screen.query_one("#draft-where", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert "For what purpose was the dataset created?" in text_of(app, "#question")
    assert on_disk(tmp_path / "city-birds.datasheet.toml")["draft"]["bank"] == "datasheets-for-datasets"


async def test_start_screen_resumes_a_recent_draft(session, draft_path):
    from wizard.recent import remember

    session.write_text("purpose", "x")
    session.close()
    remember(draft_path, "Birds", "Mini bank")
    app = WizardApp(cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.5)
        label = str(app.screen.query_one("#recent ListItem Label").render())
        assert "Birds" in label and "1/4 answered" in label
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.path == draft_path


async def test_command_palette_goes_to_a_question(session):
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go: relate people")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert "Does it relate to people?" in text_of(app, "#question")


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (160, 45)])
async def test_usable_from_tiny_to_wide(size, tmp_path):
    s = Session.create(load_bank(DEFAULT_BANK, bundled=True), "Sizes", tmp_path / "s.datasheet.toml")
    app = WizardApp(s, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"hello", "ctrl+n", *"world", "ctrl+s")
        assert s.answer("purpose").text == "hello" and s.answer("creators").text == "world"
        sidebars = [w for w in app.screen.query("#sidebar") if w.display]
        assert len(sidebars) == (size[0] >= 130)  # built only once the window is wide enough
        if sidebars:
            label = str(sidebars[0].get_node_at_line(1).label)  # as wide as the sidebar, which widens with the window
            assert label.startswith("✓ For what ") and label.endswith(" created?"), label
            assert len(label) <= sidebars[0].label_width + 2 <= sidebars[0].size.width
        assert app.screen.has_class("narrow") == (size[0] < 100)
        await pilot.pause()
        area = app.screen.query_one("#editor-creators TextArea", TextArea).region
        assert area.height >= 3 and 0 <= area.y and area.bottom <= size[1] - 2  # the editor is in view
        question = str(app.screen.query_one("#question", Static).render())
        assert "Who created the dataset" in question
        # a short terminal keeps the prompt and drops the place line (and the detail, moved to the panel)
        place = app.screen.query_one("#place", Static)
        assert f"section 1/{len(s.bank.sections)}" in str(place.render())
        assert place.display == (size[1] >= 20) and (place.region.y == 1) == (size[1] >= 20)
    s.close()


async def test_hand_edit_dialog_fits_and_keep_both_works_by_click(session, draft_path):
    import os

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        draft_path.write_text(draft_path.read_text().replace('title = "Birds"', 'title = "Edited by hand"'))
        os.utime(draft_path, ns=(7, 7))
        await pilot.press(*"mine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        for key in ("mine", "theirs", "copy"):
            region = app.screen.query_one(f"#choice-{key}").region
            assert region.right <= 80 and region.bottom <= 24 and region.width > 0, key
        await pilot.click("#choice-copy")
        await pilot.pause()
        assert app.session.draft.title == "Edited by hand"
    [copy] = draft_path.parent.glob("birds.rescue-*.datasheet.toml")  # a new file, never over another
    assert on_disk(copy)["answers"]["purpose"]["text"] == "mine"
    assert on_disk(draft_path)["draft"]["title"] == "Edited by hand"


async def test_outline_of_a_large_bank_fills_sections_when_opened(tmp_path):
    lines = ['format = 1', '[bank]', 'id = "big"', 'title = "Big"', 'version = "1"']
    for s in range(40):
        lines += ["[[sections]]", f'id = "s{s}"', f'title = "Section {s}"']
        for q in range(10):
            lines += ["[[sections.questions]]", f'id = "q{s}_{q}"', f'prompt = "Question {s}.{q}?"']
    bank_path = tmp_path / "big.toml"
    bank_path.write_text("\n".join(lines))
    s = Session.create(load_bank(bank_path), "Big", tmp_path / "big.datasheet.toml")
    s.go("q3_4")
    app = WizardApp(s, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        tree = app.screen.query_one("#outline")
        sections = tree.root.children
        assert len(sections) == 40
        assert [len(n.children) for n in sections[:5]] == [0, 0, 0, 10, 0]  # only the current section
        assert tree.cursor_node.data == "q3_4"
        sections[7].expand()
        await pilot.pause()
        assert [str(n.label) for n in sections[7].children][:2] == ["· Question 7.0?", "· Question 7.1?"]
    s.close()


async def test_a_key_not_yet_handled_is_still_saved_on_shutdown(session, draft_path):
    """A signal can land between a key reaching the editor and its change message being handled."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#editor-purpose TextArea", TextArea)
        with area.prevent(TextArea.Changed):  # the change message never arrives
            area.insert("typed a moment ago")
        assert session.answer("purpose") is None
        app.question_screen.flush_editor()
        session.close()
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "typed a moment ago"


async def test_review_right_after_typing_counts_the_new_answer(session):
    """ctrl+f pressed in the same breath as the last key: the review must already count it."""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#editor-purpose TextArea", TextArea)
        with area.prevent(TextArea.Changed):  # as if its message were still queued
            area.insert("Just typed")
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "1 of 4 questions answered" in str(app.screen.query_one(".review-title").render())


async def test_keys_typed_in_a_burst_stay_in_order_with_ctrl_n(session, draft_path):
    """A terminal delivers a burst of keys at once: text typed before ctrl+n belongs to the question
    it was typed in, and nothing is overtaken by the move."""
    from textual import events

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for char in "burst":  # as the driver posts them: all queued before any is handled
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+n", None))
        await pilot.pause(0.2)  # a person's next key comes a moment later
        for char in "next":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("ctrl+q", None))  # quit in the same burst: the typing comes first
        await pilot.pause(0.5)
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "burst"
    assert on_disk(draft_path)["answers"]["name"]["text"] == "next"


async def test_keys_typed_from_the_first_moment_and_straight_after_a_move_land_in_order(session, draft_path):
    """A fast typist: keys arrive before the first editor exists, and text typed right after
    ctrl+n/ctrl+b (before the next editor is built) belongs to the question moved to."""
    from textual import events

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        burst = [*"start", "ctrl+n", *"next", "ctrl+b", *" again", "ctrl+n", "ctrl+n", "ctrl+b", "!"]
        for key in burst:  # all queued before the app has handled any of them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await keys_handled(pilot)
        app.post_message(events.Key("ctrl+q", None))
        await pilot.pause(0.3)
    answers = on_disk(draft_path)["answers"]
    assert answers["purpose"]["text"] == "start again"
    assert answers["name"]["text"] == "next!"  # through the choice question and back; a line answer is
    # not selected when its field is focused again, so a key adds to it instead of replacing it


async def test_guidance_panel_follows_the_question_even_when_moved_before_it_is_built(session):
    """The panel is filled a frame after the first question; moves made before that still end with
    the current question's guidance, the section's guidance and the example shown (or hidden)."""
    from textual import events

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        for key in ("ctrl+n", "ctrl+n", "ctrl+b", "ctrl+b"):  # queued before the first frame
            app.post_message(events.Key(key, None))
        await keys_handled(pilot)
        assert "Why does it exist?" in text_of(app, "#question")
        assert "Be brief." in drawn_text(app, "#guidance")
        assert "Tell us about it." in drawn_text(app, "#section-guidance")
        assert "For testing." in drawn_text(app, "#example") and app.screen.query_one("#example").display
        await pilot.press("ctrl+n")
        assert "No guidance for this question." in drawn_text(app, "#guidance")
        assert not app.screen.query_one("#example").display and not app.screen.query_one("#example-title").display
        assert "About About" in text_of(app, "#section-title")


async def test_the_open_draft_heads_the_recent_list_once_the_screen_is_up(session, draft_path):
    from wizard.recent import load_recent

    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause(0.3)
        assert app.title == "Birds" and app.sub_title.endswith(str(draft_path))
    recent = load_recent()
    assert recent and recent[0].path == draft_path.resolve() and recent[0].title == "Birds"


async def test_an_unexpected_error_saves_the_draft_first(session, draft_path, monkeypatch):
    """A bug of ours mid-session: the words typed so far are on disk before the app closes."""
    app = WizardApp(session, cursor_blink=False)

    def broken(self) -> None:  # noqa: ANN001
        raise RuntimeError("simulated bug")

    with pytest.raises(RuntimeError, match="simulated bug"):
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.press(*"words before the crash")
            await pilot.pause()
            monkeypatch.setattr(QuestionScreen, "update_progress", broken)
            await pilot.press("ctrl+n")
            await pilot.pause()
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "words before the crash"


async def test_mouse_themes_and_no_color(session, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = WizardApp(session, cursor_blink=False)
    assert app.no_color  # Textual renders without colour when NO_COLOR is set
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        tree = app.screen.query_one("#outline")
        row = tree.root.children[1].children[0].line  # "Does it relate to people?"
        await pilot.click("#outline", offset=(8, row - tree.scroll_offset.y))
        await pilot.pause()
        assert "Does it relate to people?" in text_of(app, "#question")  # the mouse jumped there
        app.theme = "textual-light"
        await pilot.pause()
        assert app.current_theme.name == "textual-light"
    # clicking a button with the mouse
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.click("#back")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        # the key bar: a click on a hint runs it; the title bar's ⭘ opens the palette
        app.jump_to("purpose")
        await pilot.pause()
        keys = str(bottom(app).render()).splitlines()[1]
        await pilot.click("#bottom", offset=(keys.index("Next"), 1))
        await pilot.pause()
        assert "What is its short name?" in text_of(app, "#question")
        await pilot.click("#bottom", offset=(keys.index("Back"), 1))
        await pilot.pause()
        assert "Why does it exist?" in text_of(app, "#question")
        await pilot.click("#titlebar", offset=(1, 0))
        await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


def test_run_app_turns_a_crash_into_one_line_with_the_draft_path(session, draft_path, monkeypatch, capsys):
    from wizard.app.lifecycle import run_app

    def crashing_run(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
        self.session.write_text("purpose", "kept through the crash")
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(WizardApp, "run", crashing_run)
    assert run_app(session) == 70
    out = capsys.readouterr().out
    assert "unexpected error: RuntimeError: simulated bug" in out and str(draft_path) in out
    assert "Traceback" not in out and out.count("\n") == 1
    assert on_disk(draft_path)["answers"]["purpose"]["text"] == "kept through the crash"

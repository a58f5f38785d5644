"""Reliability 5 and 6: hostile and huge text, small and resized terminals."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers.drafts import disk_answer
from tests.helpers.pilot import editor_text, type_text, until
from tests.helpers.report import count

TRICKS = ["# h", "---", "===", "```", "~~~", "<!--", "-->", "<script>", "</div>", "<div>", "[x]: y", "> q",
          "    code", "\r\n", "\r", "\x00", "\ud800", "\u2028", "\x1b[31m", '"""', "'''", "\\", "\\u0000", "]]", "[["]

hostile = st.lists(st.one_of(st.text(), st.sampled_from(TRICKS)), max_size=12).map("".join)


def _outline(markdown: str) -> list[str]:
    """The document's headings as markdown-it-py sees them (level and text)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag in ("h1", "h2"):
            out.append(f"{tok.tag} {tokens[i + 1].content}")
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(answers=st.lists(hostile, min_size=3, max_size=3))
def test_hostile_answers_round_trip_and_keep_the_outline(tmp_path_factory, answers):
    from wizard.bank import load_bank
    from wizard.draft import clean_text, load_draft
    from wizard.render import render_markdown
    from wizard.session import Session
    from tests.helpers.paths import MINI

    folder = tmp_path_factory.mktemp("h")
    session = Session.create(load_bank(MINI), "Hostile", folder / "h.datasheet.toml", lock=False)
    blank = _outline(render_markdown(session))
    for qid, text in zip(("purpose", "consent", "names_note"), answers):
        session.write_text(qid, text)
    session.choose("relates", "yes")
    session.tick("tags", ("names",))
    session.save()
    back = load_draft(session.path)
    for qid, text in zip(("purpose", "consent", "names_note"), answers):
        want = clean_text(text)
        got = back.answers[qid].text if qid in back.answers else ""
        assert got == want or (not want.strip() and got == "")
    reopened = Session.open(session.path, lock=False)
    doc = render_markdown(reopened)
    outline = _outline(doc)
    # every answer shown, the outline made only of the bank's own headings, in order
    assert [h for h in outline if h.startswith("h1")] == [h for h in blank if h.startswith("h1")]
    assert [h for h in outline if h.startswith("h2")] == ["h2 About", "h2 People", "h2 Extra"]
    count("5 hostile text (hypothesis)", bad_inputs_tried=3, bytes_lost=0, tracebacks_seen=0)


@pytest.mark.slow
async def test_one_megabyte_paste_stays_responsive_and_renders_in_bounded_time(tmp_path, mini_bank):
    from textual.widgets import TextArea

    from wizard.app.app import WizardApp
    from wizard.render import render_html, render_markdown
    from wizard.session import Session

    path = tmp_path / "big.datasheet.toml"
    session = Session.create(mini_bank, "Big", path)
    rng = random.Random(5)
    line = "".join(rng.choice("abcdefghij *_`#<>[]") for _ in range(79))
    big = "\n".join(f"{i:06d} {line}" for i in range(1_000_000 // 87 + 1))[:1_000_000]
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def per_key(n: int = 30) -> float:
            start = time.perf_counter()
            for _ in range(n):
                await pilot.press("x")
            return (time.perf_counter() - start) / n

        before = await per_key()
        area = app.question_screen.query_one("#editor-purpose").query_one("#text", TextArea)
        area.move_cursor(area.document.end)
        area.insert(big)
        await pilot.pause()
        after = await per_key()
        want = "x" * 30 + big + "x" * 30
        assert editor_text(app) == want
        assert await until(pilot, lambda: disk_answer(path) == want, 10), "the 1 MB answer never reached the disk"
        print(f"per key: {before * 1000:.1f} ms before the paste, {after * 1000:.1f} ms after")
        # Pilot's own cost per press (it waits for a screen refresh) is most of `before`; what the
        # 1 MB answer adds on top is the editor's real per-key cost. Generous bound, figures printed.
        assert after - before < 0.25, f"{(after - before) * 1000:.0f} ms extra per key after a 1 MB paste"
        count("5 huge text (1 MB paste)", per_key_ms_before=int(before * 1000), per_key_ms_after=int(after * 1000))
    start = time.perf_counter()
    render_markdown(session)
    md = time.perf_counter() - start
    start = time.perf_counter()
    render_html(session)
    html = time.perf_counter() - start
    print(f"render 1 MB answer: markdown {md:.2f} s, html {html:.2f} s")
    assert md < 15 and html < 20  # measured ~5.5 s and ~8 s on a loaded 2-core box; see the report
    count("5 huge text (1 MB paste)", rounds_run=1, bytes_lost=0, tracebacks_seen=0)


async def _resize_storm(tmp_path, bank, steps: int, seed: int) -> None:
    from wizard.app.app import WizardApp
    from wizard.session import Session

    path = tmp_path / "storm.datasheet.toml"
    session = Session.create(bank, "Storm", path)
    rng = random.Random(seed)
    typed = ""
    app = WizardApp(session, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(steps):
            w, h = rng.randint(20, 250), rng.randint(8, 80)
            await pilot.resize_terminal(w, h)
            word = "".join(rng.choice("abc xyz") for _ in range(rng.randint(1, 6)))
            await type_text(pilot, word)
            typed += word
        await pilot.resize_terminal(20, 8)
        await pilot.resize_terminal(250, 80)
        await pilot.pause()
        assert editor_text(app) == typed
        assert session.answer("purpose").text == typed
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: disk_answer(path) == typed)
    count("6 resize storm", rounds_run=steps, bytes_lost=0, tracebacks_seen=0)


async def test_resize_storm_while_typing(tmp_path, mini_bank):
    await _resize_storm(tmp_path, mini_bank, 12, seed=6)


@pytest.mark.slow
async def test_resize_storm_while_typing_long(tmp_path):
    from wizard.bank import load_bank

    from tests.helpers.paths import DEFAULT_BANK

    await _resize_storm(tmp_path, load_bank(DEFAULT_BANK), 250, seed=7)

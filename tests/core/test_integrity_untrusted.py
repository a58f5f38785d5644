"""Untrusted text (SPEC): no control sequence or bidi override from a bank or draft reaches the terminal
or a rendered file raw, through any command, plain mode or the app; raw HTML in answers shows as text."""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.helpers.cli import run_cli_raw
from tests.helpers.hostile import EVIL, hostile_bank, hostile_draft, raw_in
from tests.helpers.report import count


def test_shown_escapes_controls_and_bidi_and_keeps_newlines_and_tabs():
    from wizard.untrusted import shown

    assert shown("a\x1b[2Jb\u202ec\td\ne\x07\x9b\x7f") == "a\\x1b[2Jb<U+202E>c\td\ne\\x07\\x9b\\x7f"
    assert shown("\u2066x\u2069") == "<U+2066>x<U+2069>"
    assert shown(shown(EVIL)) == shown(EVIL)  # idempotent
    assert json.loads('"' + shown(EVIL, "json") + '"') == EVIL  # JSON keeps the exact value
    assert not raw_in(shown(EVIL)) and not raw_in(shown(EVIL, "html"))
    plain = "naïve café — 日本語 👍"
    assert shown(plain) is plain


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_render_never_emits_raw_controls(tmp_path, fmt):
    draft = hostile_draft(tmp_path)
    out = run_cli_raw("render", str(draft), "--format", fmt)
    assert out.returncode == 0, out.stderr
    assert not raw_in(out.stdout) and not raw_in(out.stderr)
    target = tmp_path / f"out.{fmt}"
    written = run_cli_raw("render", str(draft), "--format", fmt, "-o", str(target))
    assert written.returncode == 0 and not raw_in(written.stderr)
    assert not raw_in(target.read_bytes())
    if fmt == "json":
        data = json.loads(out.stdout)
        assert data["title"] == f"Title{EVIL}"  # escaped in the text, exact in the value
    else:
        assert b"\\x1b]0;PWNED" in out.stdout and b"U+202E" in out.stdout
    count("escape injection (CLI)", bad_inputs_tried=2, tracebacks_seen=0)


def test_check_banks_and_validate_bank_never_echo_raw_controls(tmp_path):
    draft = hostile_draft(tmp_path)
    checked = run_cli_raw("check", str(draft))
    assert checked.returncode in (0, 1), checked.stderr
    assert b"\\x1b]0;PWNED" in checked.stdout  # the title, prompts and the orphan's id, escaped
    assert b"gone\\x1b" in checked.stdout
    (tmp_path / "bad").mkdir()
    bad = hostile_bank(tmp_path / "bad", valid=False)
    validated = run_cli_raw("validate-bank", str(bad))
    assert validated.returncode == 2 and b"bad\\x1b]0;PWNED" in validated.stderr
    good = run_cli_raw("validate-bank", str(hostile_bank(tmp_path)))
    banks = run_cli_raw("banks")
    missing = run_cli_raw("render", str(tmp_path / f"no{EVIL}such.datasheet.toml"))
    assert missing.returncode == 2 and b"no\\x1b]0;PWNED" in missing.stderr
    bad_arg = run_cli_raw("render", str(draft), "--format", f"x{EVIL}")
    assert bad_arg.returncode == 2
    for out in (checked, validated, good, banks, missing, bad_arg):
        assert not raw_in(out.stdout) and not raw_in(out.stderr), out
    count("escape injection (CLI)", bad_inputs_tried=6, tracebacks_seen=0)


HTML_ANSWERS = ["<h1>Big</h1>", "<h2 id=x>Anchor</h2>", "<details>\n<summary>more</summary>\n\nhidden rest",
                "<div hidden>\nsecret\n</div>", "inline <b>bold</b> and <img src=x onerror=alert(1)>",
                "<!-- swallow", "<script>alert(1)</script>",
                "x <!h\u202a"]  # found by the long hypothesis run: <U+202A> must not close "<!h" into a declaration


@pytest.mark.parametrize("answer", HTML_ANSWERS)
def test_raw_html_in_answers_shows_as_text_in_markdown(mini_session, answer):
    from wizard.render import render

    mini_session.write_text("purpose", answer)
    md = render(mini_session, "markdown")
    tokens = MarkdownIt("commonmark").parse(md)
    html = [t for t in tokens if t.type == "html_block"]
    html += [c for t in tokens if t.type == "inline" for c in t.children or () if c.type == "html_inline"]
    assert not html, md
    page = MarkdownIt("commonmark").render(md)  # GitHub-like: raw HTML would pass through here
    assert "<h1>Big" not in page and "<details>" not in page and "<div hidden>" not in page and "<script>" not in page
    assert "&lt;" in page or "\\x" in md  # shown as text
    assert "Not answered" in md  # the questions after it were not swallowed


def test_html_in_code_and_autolinks_stay_as_written():
    from wizard.render import contain

    assert contain("use `<b>` here") == "use `<b>` here"
    assert contain("```html\n<h1>x</h1>\n```") == "```html\n<h1>x</h1>\n```"
    assert contain("see <https://example.org>") == "see <https://example.org>"
    assert contain("a < b and c<d") == "a < b and c<d"


@pytest.mark.parametrize("extra", [("--plain",), ()])
def test_front_ends_in_a_terminal_never_pass_the_sequences_on(tmp_path, extra):
    """Plain mode (Printer and prompts) and the app, in a real pseudo-terminal, on a hostile draft."""
    from tests.helpers.terminal import PtyApp

    draft = hostile_draft(tmp_path)
    app = PtyApp(draft, tmp_path / "state", extra=extra, cols=160, rows=50)
    try:
        assert app.wait_for("PWNED", 60), app.output()[-2000:]
        time.sleep(1.0)
        app.type("\x04" if extra else "\x11")  # ctrl+d ends plain mode, ctrl+q the app
        app.wait(20)
        out = app.output()
    finally:
        app.close()
    for sequence in ("\x1b]0;PWNED", "\x1b]52;", "\x1b[2J", "\u202e", "\x9b"):
        assert sequence not in out, (sequence, out[-1500:])
    assert "\\x1b]0;PWNED" in out
    count("escape injection (pty)", rounds_run=1, tracebacks_seen=0)


CONTROLS = [chr(c) for c in (*range(0, 32), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
HOSTILE_TEXT = st.lists(st.sampled_from(CONTROLS + list("ab <>/!-`#\n\t&;h1") + ["<h1>", "<details>", "</div>", "<!--"]),
                        max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HOSTILE_TEXT, answer=HOSTILE_TEXT)
def test_any_text_renders_without_raw_controls_or_raw_html(mini_session, title, answer):
    _renders_safely(mini_session, title, answer)


@pytest.mark.slow
@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=HOSTILE_TEXT, answer=HOSTILE_TEXT)
def test_any_text_renders_without_raw_controls_or_raw_html_long(mini_session, title, answer):
    _renders_safely(mini_session, title, answer)


def _renders_safely(mini_session, title: str, answer: str) -> None:  # noqa: ANN001
    from wizard.render import render
    from wizard.untrusted import UNSAFE

    mini_session.draft.title = title
    mini_session.write_text("purpose", answer)
    mini_session.write_text("name", answer.replace("\n", " "))
    for fmt in ("markdown", "html", "json"):
        out = render(mini_session, fmt)
        assert not re.search(UNSAFE, out), (fmt, out)
    md = render(mini_session, "markdown")
    tokens = MarkdownIt("commonmark").parse(md)
    assert not [t for t in tokens if t.type == "html_block"], md
    assert not [c for t in tokens if t.type == "inline" for c in t.children or () if c.type == "html_inline"], md
    data = json.loads(render(mini_session, "json"))
    stored = mini_session.answer("purpose")
    got = data["sections"][0]["questions"][0]["answer"]
    # the exact text in JSON; a blank answer is no answer
    assert got == (stored.text if stored is not None and stored.text.strip() else None), (stored, got)
    count("escape injection (hypothesis)", bad_inputs_tried=1, tracebacks_seen=0)


def test_no_character_shown_escapes_is_printable():
    """has_unsafe (so shown, the draft writer and the import report) passes printable text without
    its pattern: that holds only because no character the pattern escapes is printable."""
    from wizard.untrusted import UNSAFE, has_unsafe, shown

    unsafe = [chr(c) for c in range(0x110000) if re.fullmatch(UNSAFE, chr(c))]
    assert len(unsafe) == 9 + 21 + 33 + 5 + 4
    assert not any(c.isprintable() for c in unsafe)
    assert all(has_unsafe(f"a{c}b") and has_unsafe(f"a\n{c}") for c in unsafe)
    assert shown("a\u202eb\tc\x1bd") == "a<U+202E>b\tc\\x1bd"


def test_ascii_text_is_judged_as_the_pattern_judges_it():
    """has_unsafe's ASCII path (bytes deleted, no Unicode lookup) against the pattern, every character
    alone and amid text."""
    from wizard.untrusted import UNSAFE, has_unsafe

    for c in map(chr, range(0x80)):
        for text in (c, f"ab{c}", f"{c}\ncd", f"line\n\t{c}{c}x"):
            assert has_unsafe(text) == bool(re.search(UNSAFE, text)), repr(text)

"""The rendered datasheet: outline that no answer can break, HTML without raw HTML, JSON shape."""

from __future__ import annotations

from wizard.answers import Status

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wizard.render import contain, render, render_data

HOSTILE = [
    "# x",
    "## Sneaky section",
    "text\n---",
    "text\n===",
    "Setext\n\nnot a heading\n---\n===",
    "```",
    "```python\nprint('open')",
    "~~~~\nno close",
    "<!-- never closed",
    "<script>alert(1)</script>",
    "<script>\nalert('unclosed')",
    "<pre>\nopen pre",
    "<style>body{display:none}",
    "<?php echo 1;",
    "<![CDATA[ open",
    "<!DOCTYPE html",
    "> # quoted heading",
    "- # list heading",
    "    # indented code is fine",
    "<div>\n# inside html",
    "[ref]: http://example.org\n\n# H",
    "\\# escaped",
    "#not-a-heading",
    "***\n---\n___",
]


def outline(markdown: str) -> list[tuple[str, str]]:
    """(tag, text) of every H1–H2 heading, read from markdown-it's tokens."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [
        (tok.tag, tokens[i + 1].content)
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag in ("h1", "h2", "h3")
    ]


def expected_outline(session) -> list[tuple[str, str]]:
    heads = [("h1", session.bank.title_for(session.draft.title))]
    return heads + [("h2", s.title) for s in session.visible_sections()]


def fill(session, text: str) -> None:
    for q in session.bank.questions:
        if q.type in ("text", "line"):
            session.write_text(q.id, text)


def test_markdown_layout(mini_session):
    s = mini_session
    s.write_text("purpose", "To **test**.\n\n- a\n- b")
    s.choose("relates", "yes")
    s.explain("relates", "Volunteers.")
    s.mark("consent", Status.NA, "Public data.")
    s.tick("tags", ("faces", "voices"))
    s.mark("name", Status.UNKNOWN)
    md = render(s)
    assert md.startswith("# Mini sheet for Test Data\n\n*Questionnaire: Mini bank, version 2.0.")
    assert outline(md) == [("h1", "Mini sheet for Test Data"), ("h2", "About"), ("h2", "People")]
    assert "**Why does it exist?**\n\n*Give the reason.*\n\nTo **test**.\n\n- a\n- b" in md
    assert "**What is its short name?**\n\nUnknown." in md
    assert "**What kind of data is it?**\n\n*Not answered.*" in md
    assert "**Does it relate to people?**\n\n**Yes.**\n\nVolunteers." in md
    assert "**Did people consent?**\n\nNot applicable.\n\nPublic data." in md
    assert "- faces\n- voices" in md
    assert "How are names protected" not in md  # hidden section


def test_every_hostile_answer_keeps_the_outline(mini_session):
    s = mini_session
    s.choose("relates", "yes")
    for text in HOSTILE:
        fill(s, text)
        md = render(s)
        assert outline(md) == expected_outline(s), text
        # the next question's prompt is still a paragraph of its own
        assert "**What is its short name?**" in md
        tokens = MarkdownIt("commonmark").parse(md)
        prompts = [t.content for t in tokens if t.type == "inline" and t.content.startswith("**") and t.content.endswith("?**")]
        assert len(prompts) == len(s.visible_questions()), text


def test_headings_in_answers_are_demoted():
    assert contain("# Title\n\n## Sub") == "#### Title\n\n##### Sub"
    assert contain("> # quoted") == "> #### quoted"
    assert contain("text\n---") == "text\n\\---"
    assert contain("```\ncode") == "```\ncode\n```"
    assert contain("<!-- hidden") == "\\<!-- hidden"  # raw HTML shows as text (SPEC)


def test_html_never_passes_raw_html(mini_session):
    s = mini_session
    s.choose("relates", "yes")
    for text in HOSTILE + ['<img src=x onerror="alert(1)">', "<b>bold</b>", "[x](javascript:alert(1))"]:
        fill(s, text)
        page = render(s, "html")
        assert page.startswith("<!DOCTYPE html>") and "</html>" in page
        body = page.split("<main>", 1)[1]
        assert "<script" not in body and "<img" not in body and "<b>" not in body and "<!--" not in body, text
        assert 'href="javascript' not in body


def test_json_shape(mini_session):
    s = mini_session
    s.write_text("purpose", "Why")
    s.choose_other("kind", "sensor logs")  # other
    s.choose("relates", "yes")
    s.explain("relates", "Volunteers")
    s.tick("tags", ("faces",))
    s.mark("consent", Status.NA, "Public")
    s.draft.answers["gone"] = s.draft.answers["purpose"]
    data = json.loads(render(s, "json"))
    assert data["title"] == "Test Data" and data["bank"]["id"] == "mini" and data["bank"]["version"] == "2.0"
    q = {q["id"]: q for sec in data["sections"] for q in sec["questions"]}
    assert q["purpose"]["status"] == "answered" and q["purpose"]["answer"] == "Why"
    assert q["kind"]["answer"] == "sensor logs"
    assert q["relates"] == {"id": "relates", "prompt": "Does it relate to people?", "visible": True, "status": "answered", "answer": "yes", "note": "Volunteers"}
    assert q["tags"]["answer"] == ["faces"]
    assert q["consent"]["status"] == "na" and q["consent"]["note"] == "Public"
    assert q["name"]["status"] == "unanswered" and q["name"]["answer"] is None
    assert q["names_note"]["visible"] is False
    assert [sec["visible"] for sec in data["sections"]] == [True, True, False]
    assert data["orphans"] == [{"id": "gone", "status": "answered", "answer": "Why"}]
    assert render_data(s)["sections"][0]["questions"][0]["prompt"] == "Why does it exist?"


SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=SAFE_TEXT | st.sampled_from(HOSTILE))
def test_any_text_keeps_the_outline_and_appears(mini_session, text):
    s = mini_session
    fill(s, text)
    md = render(s)
    assert outline(md) == expected_outline(s)
    words = [w for w in text.split() if w.isalnum() and w.isascii()]
    for word in words[:5]:
        assert word in md


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("#-=`~<>!*_ \n[]:()|abc\\")), min_size=1, max_size=80))
def test_markdown_punctuation_soup_keeps_the_outline(mini_session, text):
    s = mini_session
    fill(s, text)
    assert outline(render(s)) == expected_outline(s)


@settings(max_examples=1500, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("#-=`~<>*+_ \t\n1.)[]:!|abc\\")), min_size=1, max_size=60))
def test_the_prose_fast_path_only_skips_text_that_needs_no_mending(text):
    """`contain` skips parsing when no line can open a block or a heading; check that claim itself."""
    from wizard.render import _MARKUP_RISK, _SENTINEL, _sentinel_is_free

    if _MARKUP_RISK.search(text):
        return
    tokens = MarkdownIt("commonmark").parse(f"{text}\n\n{_SENTINEL}\n")
    assert not [t for t in tokens if t.type == "heading_open"], text
    assert _sentinel_is_free(tokens), text

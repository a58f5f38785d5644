"""The example datasheet under question_banks/examples/: complete, current, and not mistaken for a bank.

When the bank or the renderer changes, regenerate the outputs from the draft:

    datasheet-wizard render question_banks/examples/iris.datasheet.toml --toc -o question_banks/examples/iris.md
    datasheet-wizard render question_banks/examples/iris.datasheet.toml --toc --format html -o question_banks/examples/iris.html
"""

from __future__ import annotations

import re

from tests.helpers.paths import ROOT

EXAMPLES = ROOT / "question_banks" / "examples"
DRAFT = EXAMPLES / "iris.datasheet.toml"
REGENERATE = "the example is out of date: regenerate it as this test module's docstring says"


def without_date(text: str) -> str:
    """The "Last updated" date is the author's (and moves with the draft's state), not the content's."""
    return re.sub(r"Last updated \d{4}-\d{2}-\d{2}", "Last updated DATE", text)


def open_example():
    from wizard.session import Session

    return Session.open(DRAFT, lock=False)


def test_example_is_complete_and_valid():
    from wizard.report import check_report

    session = open_example()
    try:
        assert not session.bank_changed, "the example draft was saved with another version of the bank"
        assert session.complete, check_report(session)
        assert not session.orphans()
        # Ready to publish: every question shown is answered or marked unknown / not applicable.
        missing = [q.id for q in session.visible_questions()
                   if not session.is_done(q) and not q.omit_if_empty]
        assert missing == []
    finally:
        session.close()


def test_committed_outputs_are_what_the_draft_renders():
    from wizard.render import render_html, render_markdown

    session = open_example()
    try:
        markdown, html = render_markdown(session, toc=True), render_html(session, toc=True)
    finally:
        session.close()
    assert without_date((EXAMPLES / "iris.md").read_text(encoding="utf-8")) == without_date(markdown), REGENERATE
    assert without_date((EXAMPLES / "iris.html").read_text(encoding="utf-8")) == without_date(html), REGENERATE
    assert "*Not answered.*" not in markdown


def test_readme_links_the_example():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("iris.md", "iris.html", "iris.datasheet.toml"):
        assert f"(question_banks/examples/{name})" in readme

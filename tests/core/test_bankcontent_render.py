"""The document's header, table of contents and HTML styling (render --toc, details apart from italics)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wizard.render import GitHubSlugger, heading_slugs, render_html, render_markdown

BANK = """\
format = 1

[bank]
id = "toc-test"
title = "TOC test"
version = "1"
source = "Someone. A paper. Journal 1(2), 2021, https://doi.org/10.1145/3458723; preprint https://arxiv.org/abs/1803.09010v8."

[[sections]]
id = "motivation"
title = "Motivation"

[[sections.questions]]
id = "purpose"
prompt = "Why?"
detail = "Was there a specific task in mind?"

[[sections.questions]]
id = "who"
prompt = "Who?"

[[sections]]
id = "uses"
title = "Uses"

[[sections.questions]]
id = "uses_q"
prompt = "What for?"

[[sections]]
id = "prep"
title = "Preprocessing, Cleaning and Labeling"

[[sections.questions]]
id = "prep_q"
prompt = "Cleaned?"

[[sections]]
id = "uses2"
title = "Uses"

[[sections.questions]]
id = "uses2_q"
prompt = "Again?"
"""


def write_text(session, qid: str, text: str) -> None:
    (getattr(session, "write_text", None) or session.set_text)(qid, text)


@pytest.fixture
def session(tmp_path: Path):
    from wizard.bank import load_bank
    from wizard.session import Session

    bank_path = tmp_path / "bank.toml"
    bank_path.write_text(BANK, encoding="utf-8")
    s = Session.create(load_bank(bank_path), "Corpus", tmp_path / "corpus.datasheet.toml")
    yield s
    s.close()


# --------------------------------------------------------------------------- GitHub's anchors


@pytest.mark.parametrize(
    ("headings", "anchors"),
    [
        (["Motivation"], ["motivation"]),
        (["Collection Process"], ["collection-process"]),
        (["Preprocessing, Cleaning and Labeling"], ["preprocessing-cleaning-and-labeling"]),
        (["Preprocessing/cleaning/labeling"], ["preprocessingcleaninglabeling"]),
        (["Uses", "Uses", "Uses"], ["uses", "uses-1", "uses-2"]),
        (["foo", "foo", "foo-1"], ["foo", "foo-1", "foo-1-1"]),  # github-slugger's own test case
        (["Datasheet for C++ & the GDPR!"], ["datasheet-for-c--the-gdpr"]),
        (["Ünïcödé 😀 heading"], ["ünïcödé--heading"]),
        (["snake_case and-dash"], ["snake_case-and-dash"]),
    ],
)
def test_anchors_are_githubs(headings, anchors):
    slugger = GitHubSlugger()
    assert [slugger.slug(h) for h in headings] == anchors


# --------------------------------------------------------------------------- --toc


def links_and_anchors(markdown: str) -> tuple[list[str], list[str]]:
    """The fragment links in the document and the anchors of its headings, read from markdown-it's tokens."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("js-default").parse(markdown)
    links = [
        child.attrs["href"]
        for tok in tokens if tok.type == "inline"
        for child in tok.children or [] if child.type == "link_open" and str(child.attrs.get("href", "")).startswith("#")
    ]
    return links, [slug for _, _, slug in heading_slugs(markdown)]


def test_no_contents_unless_asked(session):
    assert "**Contents**" not in render_markdown(session)


def test_every_contents_link_reaches_a_heading(session):
    # An answer with a heading named like a later section: GitHub numbers the second one "-1".
    write_text(session, "purpose", "# Uses\n\nWe explain uses here.\n\n## Preprocessing, Cleaning and Labeling")
    doc = render_markdown(session, toc=True)
    links, anchors = links_and_anchors(doc)
    assert links == ["#motivation", "#uses-1", "#preprocessing-cleaning-and-labeling-1", "#uses-2"]
    assert all(link[1:] in anchors for link in links)
    # The contents come right after the header, and stay out of the outline (no extra heading).
    assert doc.index("**Contents**") < doc.index("## Motivation")
    assert [line for line in doc.splitlines() if line.startswith("## ")] == [
        "## Motivation", "## Uses", "## Preprocessing, Cleaning and Labeling", "## Uses"]


def test_contents_link_text_is_escaped(tmp_path):
    from wizard.bank import load_bank
    from wizard.session import Session

    path = tmp_path / "b.toml"
    path.write_text(BANK.replace('title = "Motivation"', 'title = "Why *this* [data] <b>?"'), encoding="utf-8")
    s = Session.create(load_bank(path), "C", tmp_path / "c.datasheet.toml")
    try:
        doc = render_markdown(s, toc=True)
        links, anchors = links_and_anchors(doc)
        assert links[0] == "#why-this-data-b" and links[0][1:] in anchors
        assert "<b>" not in render_html(s, toc=True)
    finally:
        s.close()


def test_render_command_takes_toc(session, tmp_path, capsys):
    from wizard.cli import main

    session.close()  # the draft is on disk from the start
    assert main(["render", str(tmp_path / "corpus.datasheet.toml"), "--toc"]) == 0
    out = capsys.readouterr().out
    assert "- [Motivation](#motivation)" in out
    assert main(["render", str(tmp_path / "corpus.datasheet.toml"), "--toc", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert '<nav class="toc">' in out and 'href="#motivation"' in out and 'id="motivation"' in out


# --------------------------------------------------------------------------- HTML


def test_header_addresses_are_links(session):
    doc = render_markdown(session)
    assert "<https://doi.org/10.1145/3458723>" in doc
    assert "<https://arxiv.org/abs/1803.09010v8>." in doc  # the full stop is not part of the address
    page = render_html(session)
    assert '<a href="https://doi.org/10.1145/3458723">https://doi.org/10.1145/3458723</a>' in page
    assert '<a href="https://arxiv.org/abs/1803.09010v8">' in page


def test_details_do_not_look_like_the_authors_italics(session):
    write_text(session, "who", "The *Urban Acoustics Lab*, with volunteers.")
    page = render_html(session)
    assert '<p class="detail"><em>Was there a specific task in mind?</em></p>' in page
    assert "<p>The <em>Urban Acoustics Lab</em>, with volunteers.</p>" in page
    css = page[page.index("<style>"):page.index("</style>")]
    assert not re.search(r"(^|\n|\})\s*em\s*\{", css), "a bare `em` rule would grey the author's italics too"
    assert "p.detail" in css
    # Markdown keeps the detail in italics, as GitHub shows it.
    assert "*Was there a specific task in mind?*" in render_markdown(session)


def test_html_headings_carry_the_same_anchors(session):
    write_text(session, "purpose", "# Uses")
    page = render_html(session, toc=True)
    ids = re.findall(r'<h\d id="([^"]+)"', page)
    hrefs = re.findall(r'<a href="#([^"]+)"', page)
    assert hrefs and all(h in ids for h in hrefs)
    assert ids.count("uses") == 1 and "uses-1" in ids and "uses-2" in ids

"""The importer's core: no UI library, answers verbatim, questions asked twice, what stays aside."""

from __future__ import annotations

from tests.helpers.cli import run_python
from tests.helpers.paths import IMPORT_CORPUS
from wizard.bank import find_bank
from wizard.importer import read_source
from wizard.importer.matching import Matcher
from wizard.importer.markdown import read_markdown

CORPUS = IMPORT_CORPUS

BLOCKED = r"""
import sys, tempfile, pathlib
from wizard.bank import find_bank, load_bank
from wizard.importer import read_source, create_draft
from wizard.importer.report import render_report
corpus = pathlib.Path(sys.argv[1])
bank = find_bank('datasheets-for-datasets')
folder = pathlib.Path(tempfile.mkdtemp())
for name in ('01-headings-v8.md', '05-pdf-paste.md'):
    result = read_source(corpus / name, bank)
    render_report(result, bank)
    create_draft(result, bank, 'Blocked', folder / (name + '.datasheet.toml'))
publish = load_bank(corpus / '_publish-bank.toml')
for name in ('07-hf-readme.md', '08-croissant.json'):
    create_draft(read_source(corpus / name, publish), publish, 'Blocked', folder / (name + '.datasheet.toml'))
print('importer ok')
"""


def test_importer_works_with_ui_libraries_blocked():
    out = run_python(BLOCKED, str(CORPUS), block_ui=True)
    assert out.stdout.strip() == "importer ok", out.stderr


def _read(text: str):  # type: ignore[no-untyped-def]
    return read_markdown(text, Matcher(find_bank("datasheets-for-datasets")))


TRICKY = """\
Line with trailing spaces and a hard break  
next line, *emphasis*, `code`, <span>raw html</span> & an entity &amp;.

```python
def f():
    return "Who funded the creation of the dataset?"  # a question inside code is not a question
```

| a | b |
|:-:|--:|
| 1 | 2 |

1. one
   - nested
2. two

> quoted
> text

#### A subheading of the answer

    indented code
"""


def test_answers_survive_byte_for_byte():
    doc = "# T\n\n## Motivation\n\n### For what purpose was the dataset created?\n\n" + TRICKY + "\n### Who funded the creation of the dataset?\n\nNSF.\n"
    read = _read(doc)
    placed = {q.id: p for q, p, _ in read.answers}
    assert placed["purpose"].text == TRICKY.rstrip("\n")
    assert placed["funding"].text == "NSF."
    assert not read.orphans


def test_a_question_asked_twice_keeps_the_second_answer_aside_unless_it_is_the_same():
    twice = "## Motivation\n\n### Who funded the creation of the dataset?\n\nNSF.\n\n---\n\n**Who funded the creation of the dataset?**\n\n"
    same = _read(twice + "NSF.\n")
    assert [q.id for q, _, _ in same.answers] == ["funding"] and not same.orphans and same.repeats == 1
    other = _read(twice + "The ERC.\n")
    assert [q.id for q, _, _ in other.answers] == ["funding"]
    assert [o.text for o in other.orphans] == ["The ERC."]


def test_text_between_an_answer_in_a_list_item_and_the_next_question_is_kept_aside():
    doc = ("## Uses\n\n- **Has the dataset been used for any tasks already?** Not yet.\n\n"
           "A stray note.\n\n- **What (other) tasks could the dataset be used for?** Many.\n")
    read = _read(doc)
    assert {q.id: p.text for q, p, _ in read.answers} == {"prior_uses": "Not yet.", "other_tasks": "Many."}
    assert [o.text for o in read.orphans] == ["A stray note."]


def test_an_unmatched_question_is_a_boundary_not_part_of_the_previous_answer():
    doc = ("## Motivation\n\n**Who funded the creation of the dataset?**\n\nNSF.\n\n"
           "**What did the cafeteria serve on Tuesdays?**\n\nSoup.\n")
    read = _read(doc)
    assert {q.id: p.text for q, p, _ in read.answers} == {"funding": "NSF."}
    assert "Soup." in read.orphans[0].text


def test_hf_readme_with_our_own_layout_reads_the_card_once(tmp_path):
    from wizard.bank import load_bank

    bank = load_bank(CORPUS / "_publish-bank.toml")
    card = ("---\nlicense: mit\npretty_name: Ours\n---\n\n# Dataset Card for Ours\n\nA summary.\n\n"
            "## Dataset Card Contact\n\nus@example.org\n\n## Datasheet\n\n## Maintenance\n\n"
            "**How can the owner/curator/manager of the dataset be contacted (e.g., email address)?**\n\nus@example.org\n")
    source = tmp_path / "README.md"
    source.write_text(card, encoding="utf-8")
    result = read_source(source, bank)
    placed = {p.question_id: p for p in result.placements}
    assert placed["contact"].text == "us@example.org"
    assert placed["license_id"].value == "mit" and placed["summary"].text == "A summary."
    assert result.title == "Ours" and not result.orphans


# --------------------------------------------------------------------------- any answer, verbatim

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéöü0123456789", min_size=1, max_size=9)
_INLINE = st.one_of(_WORD, _WORD.map(lambda w: f"*{w}*"), _WORD.map(lambda w: f"`{w}`"),
                    _WORD.map(lambda w: f"[{w}](https://example.org/{w})"), st.just("&amp;"), st.just("<b>x</b>"))
_PARAGRAPH = st.lists(st.lists(_INLINE, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=3).map(
    lambda lines: "\n".join(line[:1].upper() + line[1:] for line in lines) + ".")
_CODE = st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126, blacklist_characters="`~"),
                         max_size=30), min_size=1, max_size=4).map(lambda ls: "```\n" + "\n".join(ls) + "\n```")
_LIST = st.lists(st.lists(_INLINE, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=4).map(
    lambda items: "\n".join(f"- {i}" for i in items))
_TABLE = st.lists(st.tuples(_WORD, _WORD), min_size=1, max_size=3).map(
    lambda rows: "| a | b |\n| --- | --- |\n" + "\n".join(f"| {x} | {y} |" for x, y in rows))
_ANSWER = st.lists(st.one_of(_PARAGRAPH, _CODE, _LIST, _TABLE), min_size=1, max_size=5).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(first=_ANSWER, second=_ANSWER)
def test_any_answer_survives_byte_for_byte(first: str, second: str) -> None:
    doc = ("# T\n\n## Motivation\n\n### For what purpose was the dataset created?\n\n" + first +
           "\n\n### Who funded the creation of the dataset?\n\n" + second + "\n")
    read = _read(doc)
    placed = {q.id: p.text for q, p, _ in read.answers}
    assert placed == {"purpose": first, "funding": second}
    assert not read.orphans


def test_only_the_papers_follow_up_text_is_left_out():
    doc = ("## Motivation\n\n"
           "**Who funded the creation of the dataset?** (Self-funded.) We paid for it ourselves.\n\n"
           "**Any other comments?** Why not? We may add more.\n\n"
           "## Composition\n\n"
           "**Is there a label or target associated with each instance?** If so, please provide a description.\n\n"
           "Do you mean the species? Yes, one per clip.\n")
    placed = {q.id: p.text for q, p, _ in _read(doc).answers}
    assert placed["funding"] == "(Self-funded.) We paid for it ourselves."
    assert placed["motivation_comments"] == "Why not? We may add more."
    assert placed["labels"] == "Do you mean the species? Yes, one per clip."


def test_a_bare_number_under_a_question_is_its_answer_not_a_page_number():
    doc = ("## Composition\n\nHow many instances are there in total (of each type, if appropriate)?\n\n1700\n\n"
           "What data does each instance consist of?\nA photo and a label.\n\nThe photo is a JPEG.\n\n14\n\n"
           "The label is a species code.\n")
    read = _read(doc)
    placed = {q.id: p.text for q, p, _ in read.answers}
    assert placed["instance_count"] == "1700"
    assert placed["instance_data"] == "A photo and a label.\n\nThe photo is a JPEG.\n\nThe label is a species code."
    assert [o.text for o in read.orphans] == ["14"]


@settings(max_examples=40, deadline=None)
@given(first=_ANSWER, second=_ANSWER)
def test_any_answer_under_bold_questions_survives(first: str, second: str) -> None:
    doc = ("## Motivation\n\n**For what purpose was the dataset created?**\n\n" + first +
           "\n\n**Who funded the creation of the dataset?**\n\n" + second + "\n")
    placed = {q.id: p.text for q, p, _ in _read(doc).answers}
    assert placed == {"purpose": first, "funding": second}


@settings(max_examples=40, deadline=None)
@given(first=_ANSWER, second=_ANSWER)
def test_any_answer_nested_in_list_items_survives_but_for_its_indentation(first: str, second: str) -> None:
    from wizard.importer.markdown import _unwrap_single_item

    def indent(text: str) -> str:
        return "\n".join(("    " + line) if line else "" for line in text.split("\n"))

    doc = ("## Motivation\n\n1. *For what purpose was the dataset created?*\n\n" + indent(first) +
           "\n\n2. *Who funded the creation of the dataset?*\n\n" + indent(second) + "\n")
    placed = {q.id: p.text for q, p, _ in _read(doc).answers}
    assert placed == {"purpose": _unwrap_single_item(first), "funding": _unwrap_single_item(second)}

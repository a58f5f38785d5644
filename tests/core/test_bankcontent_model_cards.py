"""The second bundled bank, Model Cards for Model Reporting: its prompts pinned to the paper's text.

The reference text in tests/fixtures/model_cards_prompts.txt is an independent copy of the paper's
Figure 1 and Section 4 (its header names where it comes from), never our own bank.
"""

from __future__ import annotations

import re
import tomllib

from tests.helpers.cli import run_cli
from tests.helpers.paths import FIXTURES, ROOT

BANK = ROOT / "question_banks" / "model-cards.toml"
FIXTURE = FIXTURES / "model_cards_prompts.txt"

# The paper names three prompts differently in Figure 1 and in Section 4's text.
TEXT_LABEL = {
    "Out-of-scope use cases": "Out-of-scope uses",
    "Where to send questions or comments about the model": "Feedback on the model",
    "Variation approaches": "Approaches to uncertainty and variability",
}


def normalise(text: str) -> str:
    return " ".join(text.split())


def figure() -> list[tuple[str, list[str]]]:
    """Figure 1: the card's sections and their prompts, in order.

    In the copy (text extracted from the PDF's two columns) the last three sections appear as
    items under Training Data, with Quantitative Analyses' two prompts nested under it.
    """
    body = FIXTURE.read_text(encoding="utf-8").split("== FIGURE 1 ==", 1)[1].split("== TEXT ==", 1)[0]
    sections: list[tuple[str, list[str]]] = []
    after_training = False
    for line in body.splitlines():
        head = re.match(r"### ([^.]+)\.", line)
        item = re.match(r"( +)– (.+)$", line)
        if head:
            sections.append((head.group(1), []))
            after_training = head.group(1) == "Training Data"
        elif item and after_training and len(item.group(1)) == 4:
            sections.append((item.group(2).strip(), []))
        elif item:
            sections[-1][1].append(item.group(2).strip())
    return sections


def text() -> dict[str, str]:
    body = FIXTURE.read_text(encoding="utf-8").split("== TEXT ==", 1)[1]
    entries = {}
    for line in body.splitlines():
        if " :: " in line:
            label, para = line.split(" :: ", 1)
            entries[label.strip()] = normalise(para)
    return entries


def bank() -> dict:
    return tomllib.loads(BANK.read_text(encoding="utf-8"))


def test_sections_are_the_papers_nine():
    assert [s["title"] for s in bank()["sections"]] == [title for title, _ in figure()] == [
        "Model Details", "Intended Use", "Factors", "Metrics", "Evaluation Data", "Training Data",
        "Quantitative Analyses", "Ethical Considerations", "Caveats and Recommendations",
    ]


def test_prompts_are_the_papers_prompts():
    prompts = dict(figure())
    entries = text()
    for section in bank()["sections"]:
        got = [q["prompt"] for q in section["questions"]]
        title = section["title"]
        if prompts[title]:
            assert got == prompts[title], title
        elif title == "Training Data":  # "When possible, this section should mirror Evaluation Data."
            assert got == prompts["Evaluation Data"]
        elif title == "Ethical Considerations":
            assert got == ["Data", "Human life", "Mitigations", "Risks and harms", "Use cases"]
            assert all(label in entries for label in got)
        elif title == "Caveats and Recommendations":
            # The paper's own questions in this section, in its order ("For example, did the results ...").
            paragraph = entries["Caveats and Recommendations"]
            questions = [s.strip() for s in re.findall(r"[^.?]+\?", paragraph)]
            questions[0] = questions[0].removeprefix("For example, ").capitalize()
            assert got == questions
        else:
            raise AssertionError(f"unexpected section {title}")


def test_details_quote_the_paper():
    entries = text()
    figure_text = normalise(FIXTURE.read_text(encoding="utf-8").split("== FIGURE 1 ==", 1)[1].split("== TEXT ==")[0])
    quoted = 0
    for section in bank()["sections"]:
        for q in section["questions"]:
            detail = normalise(q.get("detail", ""))
            if not detail:
                continue
            quoted += 1
            if section["title"] == "Training Data":
                assert detail in figure_text, q["id"]
                continue
            label = TEXT_LABEL.get(q["prompt"], q["prompt"])
            assert detail.rstrip(".") in entries[label], q["id"]
    assert quoted == 27


def test_bank_is_complete_and_ours_is_marked():
    data = bank()
    assert data["bank"]["id"] == BANK.stem
    questions = [q for s in data["sections"] for q in s["questions"]]
    assert len(questions) == 34
    assert f"{len(questions)} prompts in nine sections" in data["bank"]["description"]
    assert "arXiv:1810.03993" in data["bank"]["source"] and "10.1145/3287560.3287596" in data["bank"]["source"]
    for section in data["sections"]:
        assert section["guidance"].strip(), section["id"]
    for q in questions:
        assert q["guidance"].strip() and q["example"].strip(), q["id"]


def test_banks_lists_it_and_validate_bank_passes():
    listed = run_cli("banks")
    assert listed.returncode == 0
    line = next(l for l in listed.stdout.splitlines() if l.startswith("model-cards "))
    assert "Model Cards for Model Reporting" in line and line.split()[-1] == "34"
    valid = run_cli("validate-bank", str(BANK))
    assert valid.returncode == 0 and "valid" in valid.stdout and "34 questions" in valid.stdout


def test_examples_folder_is_not_a_bank():
    from wizard.bank import bundled_bank_paths

    paths = bundled_bank_paths()
    assert set(paths) >= {"datasheets-for-datasets", "model-cards"}
    assert all(p.parent.name == "question_banks" for p in paths.values())
    examples = ROOT / "question_banks" / "examples"
    assert examples.is_dir() and any(examples.glob("*.toml"))
    assert not any(p.is_relative_to(examples) for p in paths.values())


def test_a_model_card_renders(tmp_path):
    from wizard.bank import find_bank
    from wizard.render import render_markdown
    from wizard.session import Session

    session = Session.create(find_bank("model-cards"), "CityBirds-Net", tmp_path / "m.datasheet.toml")
    try:
        doc = render_markdown(session, toc=True)
    finally:
        session.close()
    assert doc.startswith("# Model card for CityBirds-Net\n")
    assert "- [Caveats and Recommendations](#caveats-and-recommendations)" in doc
    assert "**Person or organization developing model**" in doc

"""The default bank's words: prompts pinned to the published paper, and our own text held to one standard.

The reference text in tests/fixtures/datasheets_v8_questions.txt is an independent copy of the
questions of arXiv:1803.09010v8 (its header names where it comes from), never our own bank.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.helpers.paths import DEFAULT_BANK, FIXTURES, ROOT

FIXTURE = FIXTURES / "datasheets_v8_questions.txt"
PEOPLE_GATE = "relates_to_people"
OURS = {PEOPLE_GATE}  # questions of this project, not of the paper
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def normalise(text: str) -> str:
    return " ".join(text.split())


def paper() -> tuple[list[tuple[str, list[str]]], str]:
    """The paper's questions, grouped by section, and its note on which datasets relate to people."""
    sections: list[tuple[str, list[str]]] = []
    note = ""
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif line.startswith("#") or not line.strip():
            continue
        elif line.startswith("NOTE: "):
            note = normalise(line[len("NOTE: "):])
        else:
            sections[-1][1].append(normalise(line))
    return sections, note


def raw_bank() -> dict:
    return tomllib.loads(DEFAULT_BANK.read_text(encoding="utf-8"))


def raw_questions() -> list[dict]:
    return [q for s in raw_bank()["sections"] for q in s["questions"]]


def by_id(qid: str) -> dict:
    return next(q for q in raw_questions() if q["id"] == qid)


# --------------------------------------------------------------------------- 1. the paper's words


def paper_sections(data: dict) -> list[tuple[str, dict]]:
    """The paper's sections (reference title, our section), matched by title; any other section is ours."""
    ours = {s["title"]: s for s in data["sections"]}
    matched = []
    for title, _ in paper()[0]:
        section = next((s for t, s in ours.items() if t.startswith(title)), None)
        assert section is not None, f"the paper's section {title!r} is missing"
        matched.append((title, section))
    return matched


def test_every_prompt_and_follow_up_is_the_v8_text():
    sections, _ = paper()
    assert [len(qs) for _, qs in sections] == [4, 16, 12, 4, 6, 7, 8]
    for (title, expected), (_, section) in zip(sections, paper_sections(raw_bank())):
        questions = [q for q in section["questions"] if q["id"] not in OURS]
        got = [normalise(q["prompt"] + " " + q.get("detail", "")) for q in questions]
        assert got == expected, title
        for q, line in zip(questions, expected):
            assert line.startswith(normalise(q["prompt"])), q["id"]  # the prompt is the question, the detail its follow-up


def test_sections_of_our_own_hold_no_paper_question():
    data = raw_bank()
    paper_ids = {id(s) for _, s in paper_sections(data)}
    published = {q for _, qs in paper()[0] for q in qs}
    for section in data["sections"]:
        if id(section) not in paper_ids:
            for q in section["questions"]:
                assert normalise(q["prompt"] + " " + q.get("detail", "")) not in published, q["id"]


def test_the_fixture_is_not_our_bank():
    """The reference names its own source and keeps the paper's one slip (the doubled "will")."""
    head = FIXTURE.read_text(encoding="utf-8")
    assert "annabelrothschild/datum-fieldnotes" in head and "1803.09010v8" in head
    sections, _ = paper()
    assert sum(len(qs) for _, qs in sections) == 57
    assert any(q.startswith("How will the dataset will be distributed") for _, qs in sections for q in qs)


def test_source_says_which_text_the_prompts_follow_and_cites_both_versions():
    source = raw_bank()["bank"]["source"]
    assert "arXiv:1803.09010v8" in source
    assert "worded as in arXiv:1803.09010v8" in source
    assert "Communications of the ACM 64(12)" in source and "2021" in source
    assert "https://doi.org/10.1145/3458723" in source and "https://arxiv.org/abs/1803.09010v8" in source


# --------------------------------------------------------------------------- 2. the people gate


def test_people_questions_hide_only_on_an_explicit_no():
    gated = [q for q in raw_questions() if q.get("when", {}).get("question") == PEOPLE_GATE]
    assert [q["id"] for q in gated] == [
        "subpopulations", "identifiable_individuals", "sensitive_data",
        "collected_from", "notification", "consent", "consent_revocation", "impact_analysis",
        "retention_limits",
    ]
    for q in gated:
        assert q["when"] == {"question": PEOPLE_GATE, "not_equals": "no"}, q["id"]


def test_people_gate_quotes_the_paper_and_names_every_section_it_affects():
    _, note = paper()
    gate = by_id(PEOPLE_GATE)
    assert "written by people relates to people" in note
    assert normalise(gate["detail"]) == note
    sections_hit = {s["title"] for s in raw_bank()["sections"]
                    for q in s["questions"] if q.get("when", {}).get("question") == PEOPLE_GATE}
    assert sections_hit == {"Composition", "Collection Process", "Maintenance"}
    for title in sections_hit:
        assert title in gate["guidance"], title
    assert "nine questions" in gate["guidance"]


def test_the_two_gates_agree():
    gates = [by_id(PEOPLE_GATE), by_id("preprocessing_done")]
    assert {g.get("required", False) for g in gates} == {True}
    for q in raw_questions():
        when = q.get("when")
        if when and when["question"] in ("preprocessing_done", PEOPLE_GATE):
            assert set(when) == {"question", "not_equals"} and when["not_equals"] == "no", q["id"]


# --------------------------------------------------------------------------- 3. choices with explanations


def test_choice_questions_ask_for_the_substance_in_the_explanation():
    sampling, collected = by_id("sampling"), by_id("collected_from")
    assert "explanation box" in sampling["guidance"] and "larger set" in sampling["guidance"]
    assert "representative" in sampling["guidance"]
    assert "explanation box" in collected["guidance"] and "from whom and how" in collected["guidance"]
    # The example is what goes into the explanation box: it must not repeat the option.
    for q in (sampling, collected):
        for choice in q["choices"]:
            assert not q["example"].startswith(choice.split(" (")[0]), q["id"]
    assert "The larger set is" in sampling["example"]


def test_collected_from_options_do_not_overlap():
    choices = by_id("collected_from")["choices"]
    assert "Via third parties" not in choices and "From other sources (e.g., websites)" not in choices
    assert len(choices) == 3
    # Told apart by who first collected the data: the individuals, a third party, or us from public sources.
    assert [c.split(" (")[0] for c in choices] == [
        "Directly from the individuals",
        "From a third party that had collected it",
        "Gathered by us from public sources",
    ]


# --------------------------------------------------------------------------- 4. guidance and examples


def test_any_other_comments_are_left_out_while_empty():
    comments = [q for q in raw_questions() if q["prompt"] == "Any other comments?"]
    assert len(comments) == 7
    for q in comments:
        assert q.get("omit_if_empty") is True, q["id"]
        assert "Leave it empty" not in q["guidance"], q["id"]


def test_use_impacts_asks_the_papers_question():
    guidance = by_id("use_impacts")["guidance"]
    assert "unfairly" in guidance and "individuals or groups" in guidance
    assert "legal" in guidance and "financial" in guidance
    example = by_id("use_impacts")["example"]
    assert "financial harm" in example and "serve people in poorer areas worse" in example


def test_examples_do_not_contradict_each_other():
    consent, license_ = by_id("consent")["example"], by_id("license")["example"]
    assert "not commercial products" not in consent
    assert "CC BY 4.0" in consent and "CC BY 4.0" in license_
    assert "CC BY-NC 4.0" in consent and "CC BY-NC 4.0" in license_
    # Speech is muted, everywhere it is mentioned.
    assert "speech is muted" in by_id("ethical_review")["example"]
    assert not any("speech" in q.get("example", "") and "removed" in q.get("example", "")
                   for q in raw_questions()), "detected speech is muted, not removed"
    # The library already hosts the files; it cannot "take over hosting" them.
    assert "already hosts" in by_id("maintenance_comments")["example"]
    assert "take over hosting" not in by_id("maintenance_comments")["example"]


def test_no_unsupported_claims():
    text = DEFAULT_BANK.read_text(encoding="utf-8")
    assert "one of the most common reasons" not in text


BRITISH = re.compile(
    r"\b(\w*(recognis|organis|normalis|analys(e|ed|ing)\b|licence|programme|neighbour|behaviour|colour|"
    r"favour|catalogue|modelling|labell|centre|travell|whilst|amongst|summaris|prioritis|categoris|minimis|"
    r"maximis|utilis|standardis|finalis|optimis|visualis|characteris(?:e|ed|es|ing|ation)\b|anonymis|pseudonymis|towards|learnt|"
    r"spelt|grey)\w*)",
    re.IGNORECASE,
)


@pytest.mark.parametrize("bank_file", ["datasheets-for-datasets.toml", "model-cards.toml"])
def test_one_spelling_american_like_the_prompts(bank_file):
    text = (ROOT / "question_banks" / bank_file).read_text(encoding="utf-8")
    assert [m.group(1) for m in BRITISH.finditer(text)] == []


@pytest.mark.parametrize("bank_file", ["datasheets-for-datasets.toml", "model-cards.toml"])
def test_value_questions_examples_do_not_repeat_the_value(bank_file):
    """The document already prints **Yes.** or the choice; an example starting "Yes." would double it."""
    data = tomllib.loads((ROOT / "question_banks" / bank_file).read_text(encoding="utf-8"))
    for q in (q for s in data["sections"] for q in s["questions"]):
        if q.get("type") == "yesno":
            assert not re.match(r"(yes|no)\b", q["example"], re.IGNORECASE), q["id"]


# --------------------------------------------------------------------------- 5. counts


def counts() -> tuple[int, int]:
    """How many questions come from the paper (found in the reference text) and how many are ours."""
    sections, _ = paper()
    published = {q for _, qs in sections for q in qs}
    from_paper = ours = 0
    for q in raw_questions():
        if normalise(q["prompt"] + " " + q.get("detail", "")) in published:
            from_paper += 1
        else:
            ours += 1
    return from_paper, ours


def test_description_counts_what_the_bank_holds():
    from_paper, ours = counts()
    assert from_paper == 57
    description = raw_bank()["bank"]["description"]
    assert f"{from_paper} questions from the paper" in description
    said = re.search(r"\bplus (\w+) (?:question[s]? )?of ours\b", description)
    assert said and said.group(1) in (str(ours), NUMBER_WORDS[ours] if ours < len(NUMBER_WORDS) else str(ours)), (
        f"the bank has {ours} question(s) of its own: the description must say \"plus {ours} of ours\""
    )


def test_readme_counts_can_occur():
    """The README's plain-mode progress example must be a line a fresh draft can show."""
    data = raw_bank()
    questions = [(s["title"], q) for s in data["sections"] for q in s["questions"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r'progress \("(\d+)/(\d+), ([A-Za-z ]+) (\d+)/(\d+)"\)', readme)
    assert match, "the README's progress example was not found"
    position, total, title, place, in_section = match.groups()
    # On a fresh draft every question is visible: the gates hide only on an explicit "no".
    assert int(total) == len(questions)
    assert questions[int(position) - 1][0] == title
    section = [q for t, q in questions if t == title]
    assert int(in_section) == len(section)
    assert section[int(place) - 1] is questions[int(position) - 1][1]
    # The app's place line: "Composition · section 2/8 · 3/17 answered · question 9 of 67".
    match = re.search(r'\("([A-Za-z ]+) · section (\d+)/(\d+) · \d+/(\d+) answered ·\s+question (\d+) of (\d+)"\)', readme)
    assert match, "the README's place example was not found"
    title, index, sections, in_section, position, total = match.groups()
    titles = [s["title"] for s in data["sections"]]
    assert (int(sections), int(total)) == (len(titles), len(questions))
    assert titles[int(index) - 1] == title == questions[int(position) - 1][0]
    assert int(in_section) == sum(1 for t, _ in questions if t == title)


def _choose(session, qid: str, value: str) -> None:
    (getattr(session, "choose", None) or session.set_value)(qid, value)


def _mark_unknown(session, qid: str) -> None:
    if hasattr(session, "mark"):
        from wizard.answers import Status

        session.mark(qid, Status.UNKNOWN)
    else:
        session.mark_unknown(qid)


def _write(session, qid: str, text: str) -> None:
    (getattr(session, "write_text", None) or session.set_text)(qid, text)


def test_fresh_draft_shows_every_question_and_no_hides_the_nine(tmp_path):
    from wizard.bank import load_bank
    from wizard.session import Session

    bank = load_bank(DEFAULT_BANK, bundled=True)
    session = Session.create(bank, "X", tmp_path / "x.datasheet.toml")
    try:
        assert len(session.visible_questions()) == len(bank.questions)
        _choose(session, PEOPLE_GATE, "no")
        hidden = {q.id for q in bank.questions} - {q.id for q in session.visible_questions()}
        assert len(hidden) == 9 and "retention_limits" in hidden
        _mark_unknown(session, PEOPLE_GATE)
        assert len(session.visible_questions()) == len(bank.questions)
    finally:
        session.close()


def test_empty_comments_are_not_rendered(tmp_path):
    from wizard.bank import load_bank
    from wizard.render import render_markdown
    from wizard.session import Session

    bank = load_bank(DEFAULT_BANK, bundled=True)
    session = Session.create(bank, "X", tmp_path / "x.datasheet.toml")
    try:
        doc = render_markdown(session)
        assert "Any other comments?" not in doc
        _write(session, "uses_comments", "Get in touch first.")
        doc = render_markdown(session)
        assert doc.count("Any other comments?") == 1 and "Get in touch first." in doc
    finally:
        session.close()

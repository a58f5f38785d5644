"""The matcher: the paper's wording in any published version finds its question; edited wording
finds it or nothing, never another question."""

from __future__ import annotations

import pytest

from wizard.bank import find_bank
from wizard.importer.matching import THRESHOLD, Matcher, normalise


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(find_bank("datasheets-for-datasets"))


# The same question as printed in the arXiv versions (v7/v8, "e.g.") and in the CACM journal
# version ("for example"), with and without the follow-up sentences; wordings found in published
# datasheets and templates.
PAPER_VERSIONS = [
    ("Who created this dataset (e.g., which team, research group) and on behalf of which entity (e.g., company, institution, organization)?", "creators"),
    ("Who created the dataset (for example, which team, research group) and on behalf of which entity (for example, company, institution, organization)?", "creators"),
    ("What do the instances that comprise the dataset represent (for example, documents, photos, people, countries)? Are there multiple types of instances (for example, movies, users, and ratings; people and interactions between them; nodes and edges)? Please provide a description.", "instances"),
    ("Is any information missing from individual instances? If so, please provide a description, explaining why this information is missing (for example, because it was unavailable). This does not include intentionally removed information, but might include, for example, redacted text.", "missing_information"),
    ("Does the dataset identify any sub-populations (for example, by age, gender)?", "subpopulations"),
    ("Is it possible to identify individuals (that is, one or more natural persons), either directly or indirectly (that is, in combination with other data) from the dataset?", "identifiable_individuals"),
    ("Was the data collected from the individuals in question directly, or obtained via third parties or other sources (e.g., websites)?", "collected_from"),
    ("Is the software used to preprocess/clean/label the instances available?", "preprocessing_software"),
    ("Was the \"raw\" data saved in addition to the preprocessed/cleaned/labeled data (for example, to support unanticipated future uses)?", "raw_data_saved"),
    ("How will the dataset be distributed (for example, tarball on website, API, GitHub)?", "distribution_method"),
    ("Who is supporting/hosting/maintaining the dataset?", "maintainer"),
    ("Will the dataset be updated (e.g., to correct labeling errors, add new instances, delete instances)?", "updates"),
    ("Q5) Does the dataset contain data that might be considered confidential (e.g., data that is protected by legal privilege or by doctor-patient confidentiality, data that includes the content of individuals' non-public communications)?", "confidential_data"),
    ("3.4 What (other) tasks could the dataset be used for?", "other_tasks"),
]

# Edited wording: the question or nothing (an orphan), never a different question.
EDITED = [
    ("What support was needed to make this dataset?", "funding"),
    ("Who created the dataset and who funds it?", "creators"),
    ("What do the instances represent?", "instances"),
    ("Why was the dataset created?", "purpose"),
    ("Who created the dataset?", "creators"),
    ("Is there a label?", "labels"),
    ("Who is the maintainer?", "maintainer"),
    ("What is the license?", "license"),
    ("How many instances are there?", "instance_count"),
    ("How was the data collected?", "acquisition"),
    ("When will the dataset be released?", "distribution_date"),
    ("Who funded it?", "funding"),
    ("Does the dataset contain confidential data?", "confidential_data"),
    ("Was there ethical review?", "ethical_review"),
    ("Are there recommended splits?", "data_splits"),
    ("Is the dataset self-contained?", "external_resources"),
    ("What is in each instance?", "instance_data"),
    ("Who will host the dataset?", "maintainer"),
    ("How can we contact the maintainer?", "contact"),
    ("Is the software available?", "preprocessing_software"),
    ("Dataset size", None),
    ("Notes", None),
    ("Limitations", None),
    ("Dataset Description", None),
    ("Who was involved in collecting the data and how were they paid?", "collectors"),
]


@pytest.mark.parametrize("text, qid", PAPER_VERSIONS)
def test_published_versions_find_their_question(matcher, text, qid):
    match = matcher.match(text)
    assert match is not None and match.question.id == qid
    assert match.score >= 0.85


@pytest.mark.parametrize("text, qid", EDITED)
def test_edited_wording_finds_its_question_or_none(matcher, text, qid):
    match = matcher.match(text)
    assert match is None or match.question.id == qid, (text, match.question.id, match.score)


def test_edited_figure(matcher, capsys):
    matches = [(qid, matcher.match(text)) for text, qid in EDITED]
    found = sum(1 for qid, m in matches if qid and m is not None and m.question.id == qid)
    misplaced = sum(1 for qid, m in matches if m is not None and m.question.id != qid)
    wanted = sum(1 for _, qid in EDITED if qid)
    with capsys.disabled():
        print(f"\nedited wording: {found}/{wanted} found (threshold {THRESHOLD}), {misplaced} misplaced")
    assert misplaced == 0 and found >= 10, f"{found}/{wanted} found (10 when measured), {misplaced} misplaced"


def test_twins_need_a_section(matcher):
    assert matcher.match("Any other comments?").ambiguous  # six sections ask it
    assert matcher.match("Any other comments?", section="uses").question.id == "uses_comments"


def test_sections_by_title_number_or_spelling(matcher):
    assert matcher.section("3.2 Composition").id == "composition"
    assert matcher.section("C.3 Collection process").id == "collection"
    assert matcher.section("**Preprocessing/cleaning/labeling**").id == "preprocessing"
    assert matcher.section("Uses").id == "uses"
    assert matcher.section("Composition of the committee that reviewed this") is None


def test_normalise_folds_versions():
    assert normalise("Who created this data set (e.g., which team)?") == normalise("Who created the dataset (for example, which team)?")
    assert normalise("2.1. “Raw” data") == normalise('"raw" data')


def test_threshold_sits_between_right_and_wrong_guesses(matcher, capsys):
    """The measurement behind THRESHOLD: the best guess for every probe, right or wrong."""
    right, wrong = [], []
    for text, qid in PAPER_VERSIONS + EDITED:
        best, question, _ = matcher.score_all(text)[0]
        (right if question.id == qid else wrong).append(best)
    placed_right = [s for s in right if s >= THRESHOLD]
    with capsys.disabled():
        print(f"\nthreshold {THRESHOLD}: lowest right guess placed {min(placed_right):.2f}, "
              f"highest wrong best guess {max(wrong):.2f}")
    assert max(wrong) < THRESHOLD


def test_prepared_prompts_are_cached_by_the_banks_digest_and_never_served_stale(tmp_path, monkeypatch):
    """The matcher's normalised prompts come back from the cache folder (an import need not prepare
    them again), are prepared afresh for an edited bank, and a damaged cache file is ignored."""
    from wizard.bank import load_bank
    from wizard.importer import matching

    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "b.toml"
    bank_text = ('format = 1\n[bank]\nid = "b"\ntitle = "B"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "Motivation"\n'
                 '[[sections.questions]]\nid = "why"\nprompt = "For what purpose was the dataset created?"\n'
                 'detail = "Was there a specific task in mind? Please provide a description."\n')
    path.write_text(bank_text, encoding="utf-8")
    prepared = []
    real = matching._prepare
    monkeypatch.setattr(matching, "_prepare", lambda bank: prepared.append(bank.id) or real(bank))
    fresh = Matcher(load_bank(path))
    again = Matcher(load_bank(path))
    assert prepared == ["b"]  # the second matcher read the first one's work
    for m in (fresh, again):
        assert m.match("For what purpose was the dataset created?").question.id == "why"
        assert m.is_followup("Was there a specific task in mind?", m.bank.question("why"))
        assert m.section("1. Motivation").id == "s"
    path.write_text(bank_text.replace("For what purpose", "Why"), encoding="utf-8")
    edited = Matcher(load_bank(path))
    assert prepared == ["b", "b"] and edited.match("Why was the dataset created?").question.id == "why"
    for cached in (tmp_path / "cache" / "matcher").iterdir():
        cached.write_bytes(b"\x00garbage")
    assert Matcher(load_bank(path)).match("Why was the dataset created?").question.id == "why"
    assert prepared == ["b", "b", "b"]


def _normalise_as_it_was(text: str) -> str:
    """normalise() as first written, one regex pass per step: the reference its faster steps
    (translate tables, a literal check before the spelling pass) must agree with."""
    import re
    import unicodedata

    from wizard.importer import matching

    t = unicodedata.normalize("NFKC", text).translate(matching._QUOTES).lower() if not text.isascii() else text.lower()
    t = re.sub(r"[*_`#>\[\]|~]", " ", t)
    for _ in range(2):
        t = re.sub(matching._NUMBERING, "", t, count=1, flags=re.IGNORECASE)
    t = matching._SPELLINGS.sub(matching._spelling, t)
    t = re.sub(r"[^\w\s()]+", " ", t)
    return " ".join(t.split())


def test_normalise_reads_as_the_regex_passes_it_replaced():
    import random

    from tests.helpers.paths import IMPORT_CORPUS
    from wizard.importer.matching import normalise

    texts = [line for path in sorted(IMPORT_CORPUS.glob("*.md")) for line in path.read_text("utf-8").split("\n")]
    texts += [q.prompt + " " + q.detail for q in find_bank("datasheets-for-datasets").questions]
    rng = random.Random(7)
    bits = ["e.g.", "e. g", "E.G.,", "i.e.", "i. e.,", "for example,", "that is,", "this data set", "This dataset",
            "data set", "sub-population", "subpopulations", "Q3.", "1)", "2.1.", "a)", "iv.", "•", "- ", "**", "__", "`",
            "#", ">", "[", "]", "|", "~", "(", ")", "?", "!", "...", "\x00", "\x1c", "\x7f", "\t", "\n", " ", "  ",
            "_", "“", "”", "’", "–", "—", "\u00a0", "ﬁ", "é", "Straße", "x", "data", "sub", "e", "i", ".", ",", "-",
            "word", "Who", "set", "ſ", "ı", "\u212a", "QUESTION 2", "queſtion", "x.1", "◦ ", "· ", "▪", "Ⅳ.", "B)"]
    texts += ["".join(rng.choice(bits) for _ in range(rng.randint(0, 12))) for _ in range(20000)]
    for text in texts:
        assert normalise.__wrapped__(text) == _normalise_as_it_was(text), text

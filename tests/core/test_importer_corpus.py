"""The import corpus: realistic documents in the shapes authors write, each with the placement a
careful reader would make. Measures answers placed correctly / answers present; none misplaced."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.helpers.paths import IMPORT_CORPUS
from wizard.bank import find_bank, load_bank
from wizard.importer import read_source

CORPUS = IMPORT_CORPUS
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".json") and not p.name.startswith("_"))


def _bank_for(expected: dict):  # type: ignore[no-untyped-def]
    name = expected.get("bank", "datasheets-for-datasets")
    return load_bank(CORPUS / name) if name.endswith(".toml") else find_bank(name)


def _check(placement, want) -> str:  # type: ignore[no-untyped-def]
    """'' when the placement is what the expectation says, else what differs."""
    if isinstance(want, str):
        want = {"text": want}
    status = want.get("status", "answered")
    if placement.status != status:
        return f"status {placement.status}, expected {status}"
    if "value" in want:
        value = tuple(want["value"]) if isinstance(want["value"], list) else want["value"]
        if placement.value != value:
            return f"value {placement.value!r}, expected {value!r}"
    if "text" in want and not placement.text.strip().startswith(want["text"]):
        return f"text {placement.text[:60]!r}…, expected it to start {want['text']!r}"
    return ""


def score_document(source: Path, *, default_bank: bool = False) -> dict:
    expected = tomllib.loads(source.with_suffix(".expected.toml").read_text(encoding="utf-8"))
    bank = _bank_for(expected)
    if default_bank:
        expected = {**expected, **expected["default_bank"]}
        bank = find_bank("datasheets-for-datasets")
    result = read_source(source, bank)
    wanted = expected.get("answers", {})
    placed = {p.question_id: p for p in result.placements}
    correct, wrong, missed, extra = [], [], [], []
    for qid, want in wanted.items():
        p = placed.get(qid)
        if p is None:
            missed.append(qid)
        elif problem := _check(p, want):
            wrong.append(f"{qid}: {problem}")
        else:
            correct.append(qid)
    starts = {qid: (w if isinstance(w, str) else w.get("text", "")) for qid, w in wanted.items()}
    for qid, p in placed.items():
        foreign = [other for other, start in starts.items() if other != qid and len(start) > 12 and start in p.text]
        foreign += [s for s in expected.get("orphans", {}).get("contains", []) if s in p.text]
        if foreign:
            wrong.append(f"{qid}: holds text expected elsewhere ({', '.join(foreign)})")
    for qid in placed:
        if qid not in wanted:
            extra.append(f"{qid} (from {placed[qid].piece.lines}: {placed[qid].text[:50]!r})")
    orphan_text = "\n".join(o.text for o in result.orphans)
    lost = [s for s in expected.get("orphans", {}).get("contains", []) if s not in orphan_text]
    return {"present": len(wanted), "correct": correct, "wrong": wrong, "missed": missed, "extra": extra,
            "lost": lost, "title": result.title, "want_title": expected.get("title"), "result": result}


@pytest.mark.parametrize("source", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_no_answer_is_misplaced(source: Path) -> None:
    s = score_document(source)
    assert not s["wrong"], s["wrong"]
    assert not s["extra"], s["extra"]
    assert not s["lost"], f"text expected among the kept-aside pieces is missing: {s['lost']}"
    if s["want_title"] is not None:
        assert s["title"] == s["want_title"]


WITH_DEFAULT = [p for p in DOCUMENTS if "default_bank" in tomllib.loads(p.with_suffix(".expected.toml").read_text("utf-8"))]


@pytest.mark.parametrize("source", WITH_DEFAULT, ids=[p.name for p in WITH_DEFAULT])
def test_cards_and_croissant_against_the_default_bank(source: Path) -> None:
    if not any(q.export for q in find_bank("datasheets-for-datasets").questions):
        pytest.skip("the default bank has no export mappings yet (they come with the publish helper's branch)")
    s = score_document(source, default_bank=True)
    assert not s["wrong"] and not s["extra"] and not s["lost"], (s["wrong"], s["extra"], s["lost"])
    assert not s["missed"], s["missed"]


def test_corpus_figure(capsys: pytest.CaptureFixture[str]) -> None:
    """Answers placed correctly / answers present, over the whole corpus (README quotes it)."""
    assert len(DOCUMENTS) >= 8
    present = correct = misplaced = 0
    lines = []
    for source in DOCUMENTS:
        s = score_document(source)
        present += s["present"]
        correct += len(s["correct"])
        misplaced += len(s["wrong"]) + len(s["extra"])
        lines.append(f"{source.name}: {len(s['correct'])}/{s['present']} placed correctly"
                     + (f"; not placed: {', '.join(s['missed'])}" if s["missed"] else ""))
    with capsys.disabled():
        print("\nimport corpus: " + "; ".join(lines))
        print(f"import corpus: {correct}/{present} answers placed correctly ({correct / present:.1%}), {misplaced} misplaced")
    assert misplaced == 0
    assert correct / present >= 0.95

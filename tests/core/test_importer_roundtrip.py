"""What this tool writes, it reads back: a draft answering every question of the default bank,
rendered as Markdown, as a Hugging Face README and as Croissant, imports to the same answers
(Croissant properties that several questions share are kept aside, never split by guessing)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wizard.answers import Status
from wizard.bank import find_bank
from wizard.cli import main
from wizard.importer import read_source
from wizard.session import Session


def _has_exports(bank) -> bool:  # type: ignore[no-untyped-def]
    return any(q.export for q in bank.questions)


@pytest.fixture(scope="module")
def written(tmp_path_factory):  # type: ignore[no-untyped-def]
    bank = find_bank("datasheets-for-datasets")
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "rt.datasheet.toml"
    s = Session.create(bank, "RoundTrip Birds", path)
    for q in bank.questions:
        if q.type == "text":
            s.write_text(q.id, f"Answer to {q.id}: some words about it.\n\nA second paragraph for {q.id}.")
        elif q.type == "line":
            s.write_text(q.id, {"url": "https://example.org/birds", "integer": "48210", "date": "2026-01-15",
                                "email": "birds@example.org"}.get(q.format, f"line answer {q.id}"))
        elif q.type == "yesno":
            s.choose(q.id, "yes")
            s.explain(q.id, f"Because of {q.id}.")
        elif q.type == "choice":
            s.choose(q.id, q.options[0])
        elif q.type == "multichoice":
            s.tick(q.id, q.options[:2])
    s.mark("funding", Status.NA, "self-funded")
    s.save()
    s.close()
    return bank, path


def _compare(bank, draft: Path, source: Path) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    answers = tomllib.loads(draft.read_text(encoding="utf-8"))["answers"]
    placed = {p.question_id: p for p in read_source(source, bank).placements}
    same, wrong = 0, []
    for qid, p in placed.items():
        a = answers[qid]
        value = tuple(a["value"]) if isinstance(a.get("value"), list) else a.get("value")
        same_text = " ".join(p.text.split()) == " ".join(a.get("text", "").split())
        value_only = value is not None and not p.text  # Croissant's keyword carries the yes, not its explanation
        if p.status == a.get("status", "answered") and p.value == value and (same_text or value_only):
            same += 1
        else:
            wrong.append(f"{qid}: {p.status} {p.value!r} {p.text[:40]!r} (draft: {a})")
    return same, wrong


def test_rendered_markdown_reads_back(written, tmp_path):
    bank, draft = written
    out = tmp_path / "DATASHEET.md"
    assert main(["render", str(draft), "-o", str(out)]) == 0
    same, wrong = _compare(bank, draft, out)
    assert not wrong and same == len(bank.questions)


def test_hf_readme_reads_back(written, tmp_path):
    bank, draft = written
    if not _has_exports(bank):
        pytest.skip("the default bank has no export mappings yet")
    out = tmp_path / "README.md"
    assert main(["render", str(draft), "--format", "hf", "-o", str(out)]) == 0
    same, wrong = _compare(bank, draft, out)
    assert not wrong and same == len(bank.questions)


def test_croissant_reads_back_without_guessing(written, tmp_path):
    bank, draft = written
    if not _has_exports(bank):
        pytest.skip("the default bank has no export mappings yet")
    out = tmp_path / "croissant.json"
    assert main(["render", str(draft), "--format", "croissant", "-o", str(out)]) == 0
    same, wrong = _compare(bank, draft, out)
    assert not wrong and same >= 10

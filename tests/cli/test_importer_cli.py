"""`datasheet-wizard import` and `new --data/--data-file`, run as a user runs them: exit codes,
messages, the draft on disk, and files that must never change."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.helpers.paths import IMPORT_CORPUS
from wizard.cli import main

CORPUS = IMPORT_CORPUS


def _answers(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["answers"]


def _given(answers: dict) -> dict:
    """Answers that hold something (format 2 drafts carry a table for every question)."""
    return {k: v for k, v in answers.items() if v.get("text") or v.get("value") or v.get("status", "answered") != "answered"}


def test_import_writes_a_draft_with_answers_verbatim_and_orphans(tmp_path, capsys):
    source = CORPUS / "01-headings-v8.md"
    draft = tmp_path / "out.datasheet.toml"
    assert main(["import", str(source), "--draft", str(draft)]) == 0
    out = capsys.readouterr().out
    assert "18 of" in out and "questions answered from the file" in out
    assert "purpose" in out and "from lines 9-15" in out
    assert "Kept aside" in out and "Maintained by the Urban Acoustics Lab" in out
    data = tomllib.loads(draft.read_text(encoding="utf-8"))
    assert data["draft"]["title"] == "CityBirds"
    answers = data["answers"]
    lines = source.read_text(encoding="utf-8").split("\n")
    # byte for byte: the author's table and fenced block as they were in the source
    assert answers["instances"]["text"] == "\n".join(lines[33:42])
    assert answers["data_splits"]["text"] == "\n".join(lines[66:74])
    assert answers["labels"]["value"] == "yes"
    assert answers["missing_information"]["status"] == "unknown"
    assert answers["ethical_review"]["status"] == "na"
    assert answers["ethical_review"]["text"].startswith("no human subjects")
    orphans = [k for k in answers if k.startswith("imported-")]
    assert orphans and "Maintained by" in answers[orphans[0]]["text"]
    assert main(["check", str(draft)]) in (0, 1)
    assert orphans[0] in capsys.readouterr().out  # check lists what was kept aside


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["import", str(CORPUS / "02-journal-italic-list.md"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "purpose" in out and "empty (not in the file)" in out and "nothing was written" in out
    assert list(tmp_path.iterdir()) == []


def test_existing_draft_is_never_overwritten(tmp_path, capsys):
    draft = tmp_path / "mine.datasheet.toml"
    draft.write_text("my own words\n", encoding="utf-8")
    assert main(["import", str(CORPUS / "01-headings-v8.md"), "--draft", str(draft)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == "my own words\n"


@pytest.mark.parametrize("content, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (b"", "is empty"),
    (b"  \n\n\t\n", "is empty"),
    (b"caf\xe9 au lait\n", "not UTF-8"),
    (b"# Shopping list\n\n- eggs\n- milk\n\nCall Anna about the bike?\n", "no question of datasheets-for-datasets found in"),
])
def test_bad_sources_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch, content, words):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "source.md"
    source.write_bytes(content)
    assert main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert words in err and str(source) in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source.md"]


def test_a_draft_is_not_imported_but_pointed_to_resume(tmp_path, capsys):
    draft = tmp_path / "d.datasheet.toml"
    assert main(["import", str(CORPUS / "01-headings-v8.md"), "--draft", str(draft)]) == 0
    capsys.readouterr()
    assert main(["import", str(draft), "--draft", str(tmp_path / "e.datasheet.toml")]) == 2
    assert "is a draft of datasheet-wizard" in capsys.readouterr().err
    assert not (tmp_path / "e.datasheet.toml").exists()


def test_a_folder_or_missing_file_is_refused(tmp_path, capsys):
    assert main(["import", str(tmp_path)]) == 2
    assert main(["import", str(tmp_path / "nope.md")]) == 2
    err = capsys.readouterr().err
    assert "folder" in err and "no such file" in err


def test_report_escapes_control_characters(tmp_path, capsys):
    source = tmp_path / "evil.md"
    source.write_text("# X\n\n## Motivation\n\n### Who funded the creation of the dataset?\n\nNSF\n\n"
                      "### Notes \x1b[31mred\u202e\n\nstray \x1b]0;title\x07 text\n", encoding="utf-8")
    assert main(["import", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out


# --------------------------------------------------------------------------- new --data / --data-file


def test_new_data_prefills_and_validates(tmp_path, capsys):
    from wizard.bank import find_bank

    routes = find_bank("datasheets-for-datasets").question("collected_from").options
    draft = tmp_path / "d.datasheet.toml"
    code = main(["new", "--title", "X", "--draft", str(draft), "--data", "purpose=To test prefill.",
                 "--data", "labels=Yes", "--data", "sampling=a sample of a larger set", "--data", "funding=!na:no funding",
                 "--data", f"collected_from={routes[1]}"])
    # the front end needs a terminal: the draft is written and prefilled before that refusal
    assert code == 2 and "needs a terminal" in capsys.readouterr().err
    answers = _given(_answers(draft))
    assert answers["purpose"]["text"] == "To test prefill."
    assert answers["labels"]["value"] == "yes"
    assert answers["sampling"]["value"] == "A sample of a larger set"
    assert answers["funding"] == {"status": "na", "text": "no funding"}
    assert answers["collected_from"]["value"] == [routes[1]]


@pytest.mark.parametrize("args, words", [
    (["--data", "purpse=x"], '"purpse" is not a question of datasheets-for-datasets. Did you mean "purpose"?'),
    (["--data", "labels=maybe"], '"maybe" is not an option of "labels"'),
    (["--data", "novalue"], "write ID=VALUE"),
])
def test_new_data_errors_name_the_problem_and_write_nothing(tmp_path, capsys, args, words):
    draft = tmp_path / "d.datasheet.toml"
    assert main(["new", "--title", "X", "--draft", str(draft), *args]) == 2
    err = capsys.readouterr().err
    assert words in err and "nothing was written" in err
    assert not draft.exists()


def test_data_file_json_toml_and_another_draft(tmp_path, capsys):
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"instance_count": 48210, "relates_to_people": False, "purpose": "Birds."}), encoding="utf-8")
    first = tmp_path / "first.datasheet.toml"
    main(["new", "--title", "First", "--draft", str(first), "--data-file", str(facts), "--data", "timeframe=!unknown"])
    answers = _given(_answers(first))
    assert answers["instance_count"]["text"] == "48210"
    assert answers["relates_to_people"]["value"] == "no"
    assert answers["timeframe"]["status"] == "unknown"
    second = tmp_path / "second.datasheet.toml"
    main(["new", "--title", "Second", "--draft", str(second), "--data-file", str(first)])
    copied = _given(_answers(second))
    assert copied == answers
    bad = tmp_path / "bad.toml"
    bad.write_text('labels = "perhaps"\nnot_a_question = "x"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "--title", "Third", "--draft", str(tmp_path / "third.datasheet.toml"), "--data-file", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.toml: labels" in err and "not_a_question" in err and "2 problems" in err
    assert not (tmp_path / "third.datasheet.toml").exists()


@pytest.mark.parametrize("data, words", [
    ("homepage=example dot org", "is not a web address"),
    ("total_instances=about 12k", "is not a whole number"),
    ("contact=nobody", "is not an e-mail address"),
    ("license_id=CC-BY", '"CC-BY" is not an option of "license_id"'),
])
def test_new_data_checks_formats_like_the_editors(tmp_path, capsys, data, words):
    draft = tmp_path / "d.datasheet.toml"
    bank = str(CORPUS / "_publish-bank.toml")
    assert main(["new", "--bank", bank, "--title", "X", "--draft", str(draft), "--data", data]) == 2
    err = capsys.readouterr().err
    assert words in err and data.split("=")[0] in err
    assert not draft.exists()


def test_data_file_draft_carries_its_kept_answers(tmp_path, capsys):
    imported = tmp_path / "imported.datasheet.toml"
    assert main(["import", str(CORPUS / "01-headings-v8.md"), "--draft", str(imported)]) == 0
    copy = tmp_path / "copy.datasheet.toml"
    main(["new", "--title", "Copy", "--draft", str(copy), "--data-file", str(imported)])
    source, copied = _given(_answers(imported)), _given(_answers(copy))
    assert copied == source and any(k.startswith("imported-") for k in copied)
    other = tmp_path / "other.toml"
    other.write_text('format = 2\n[draft]\ntitle = "x"\nbank = "model-cards"\n[answers.purpose]\ntext = "y"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "--title", "X", "--draft", str(tmp_path / "x.datasheet.toml"), "--data-file", str(other)]) == 2
    assert 'is a draft of the bank "model-cards"' in capsys.readouterr().err


def test_report_says_when_an_imported_answer_is_hidden_by_another(tmp_path, capsys):
    source = tmp_path / "hidden.md"
    source.write_text("## Composition\n\n### Does the dataset relate to people?\n\nNo.\n\n"
                      "### Is it possible to identify individuals (i.e., one or more natural persons), either directly "
                      "or indirectly (i.e., in combination with other data) from the dataset?\n\nNot really.\n", encoding="utf-8")
    draft = tmp_path / "h.datasheet.toml"
    assert main(["import", str(source), "--draft", str(draft)]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if "identifiable_individuals" in l)
    assert "asked only when relates_to_people" in line and "kept" in line
    assert _given(_answers(draft))["identifiable_individuals"]["text"] == "Not really."

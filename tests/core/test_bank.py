"""Bank loading and validation: every problem at once, with its place and a suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.paths import DEFAULT_BANK, MINI
from wizard.bank import bundled_bank_paths, find_bank, load_bank, validate_bank_file
from wizard.errors import BankError

GOOD_HEAD = 'format = 1\n[bank]\nid = "b"\ntitle = "B"\nversion = "1"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    return [str(p) for p in validate_bank_file(write(tmp_path, text))]


def test_mini_bank_loads_with_every_type():
    bank = load_bank(MINI)
    assert bank.id == "mini" and bank.version == "2.0"
    assert [s.id for s in bank.sections] == ["about", "people", "extra"]
    assert {q.type for q in bank.questions} == {"text", "line", "choice", "multichoice", "yesno"}
    kind = bank.question("kind")
    assert kind.choices == ("images", "text", "audio") and kind.other
    assert bank.question("consent").when.equals == "yes"
    assert bank.section("extra").when.one_of == ("names",)
    assert len(bank.sha256) == 64
    assert bank.title_for("X") == "Mini sheet for X"


def test_default_bank_is_the_published_questionnaire():
    bank = load_bank(DEFAULT_BANK, bundled=True)
    assert bank.sections[-1].id == "publishing"  # this project's own last section, not the paper's
    counts = {s.id: sum(1 for q in s.questions if q.id != "relates_to_people") for s in bank.sections[:-1]}
    assert list(counts.values()) == [4, 16, 12, 4, 6, 7, 8]
    assert sum(counts.values()) == 57
    assert bank.question("relates_to_people").type == "yesno"
    people_only = [q for q in bank.questions if q.when and q.when.question == "relates_to_people"]
    assert len(people_only) >= 6
    for section in bank.sections:
        assert section.guidance.strip(), section.id
    for q in bank.questions:
        assert q.prompt.strip() and q.guidance.strip() and q.example.strip(), q.id
    assert bank.question("purpose").prompt == "For what purpose was the dataset created?"
    assert "10.1145/3458723" in bank.source


def test_bundled_banks_are_found_by_id():
    assert "datasheets-for-datasets" in bundled_bank_paths()
    assert find_bank("datasheets-for-datasets").bundled


def test_unknown_bank_id_suggests_the_close_one():
    with pytest.raises(BankError) as err:
        find_bank("datasheets-for-dataset")
    assert 'Did you mean "datasheets-for-datasets"' in str(err.value)


def test_every_problem_is_reported_at_once_with_its_place(tmp_path):
    found = problems(
        tmp_path,
        GOOD_HEAD
        + """
[[sections]]
id = "s1"
title = "One"

[[sections.questions]]
id = "purpose"
prompt = "Why?"
requried = true

[[sections.questions]]
id = "purpose"
prompt = "Again?"

[[sections.questions]]
id = "pick"
prompt = "Pick?"
type = "choice"

[[sections.questions]]
id = "later"
prompt = "L?"
when = { question = "zzz", equals = "yes" }

[[sections.questions]]
id = "typed"
prompt = "T?"
type = "yesnoo"
required = "yes"
""",
    )
    text = "\n".join(found)
    assert 'sections[0].questions[0] (id "purpose"): unknown key "requried" — did you mean "required"?' in text
    assert 'duplicate question id "purpose"' in text
    assert 'a "choice" question needs "choices"' in text
    assert 'names unknown question "zzz"' in text
    assert 'type \'yesnoo\' is not one of text, line, choice, multichoice, yesno — did you mean "yesno"?' in text
    assert '"required" must be true or false, not a string' in text
    assert len(found) == 6


def test_when_must_name_an_earlier_question(tmp_path):
    found = problems(
        tmp_path,
        GOOD_HEAD
        + """
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "a"
prompt = "A?"
when = { question = "b", equals = "yes" }
[[sections.questions]]
id = "b"
prompt = "B?"
type = "yesno"
""",
    )
    assert any("comes later in the bank" in p for p in found)


def test_when_value_must_be_a_possible_answer(tmp_path):
    found = problems(
        tmp_path,
        GOOD_HEAD
        + """
[[sections]]
id = "s"
title = "S"
[[sections.questions]]
id = "a"
prompt = "A?"
type = "yesno"
[[sections.questions]]
id = "b"
prompt = "B?"
when = { question = "a", equals = "Yes" }
""",
    )
    assert found == ['sections[0].questions[1] (id "b").when: "Yes" is not an answer question "a" can have (yes, no).']


def test_missing_and_wrong_top_level(tmp_path):
    found = problems(tmp_path, 'format = 2\n[bank]\nid = "Bad Id"\nversion = 1\n')
    text = "\n".join(found)
    assert "format: must be 1" in text
    assert 'missing required key "title"' in text
    assert "may hold only lowercase letters" in text
    assert 'must be a string (write version = "1")' in text
    assert 'missing required key "sections"' in text


def test_toml_syntax_error_names_line_and_column(tmp_path):
    found = problems(tmp_path, GOOD_HEAD + '[[sections]]\nid = "s"\ntitle = "unterminated\n')
    assert len(found) == 1
    assert "not valid TOML" in found[0] and "line 8" in found[0] and "column" in found[0]


def test_binary_and_missing_files(tmp_path):
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert "not valid UTF-8" in str(validate_bank_file(path)[0])
    assert "no such file" in str(validate_bank_file(tmp_path / "nope.toml")[0])
    assert "folder" in str(validate_bank_file(tmp_path)[0])


def test_oversized_bank_is_refused(tmp_path, monkeypatch):
    import wizard.bank as bank_mod

    monkeypatch.setattr(bank_mod, "MAX_BANK_BYTES", 100)
    assert "capped" in str(validate_bank_file(write(tmp_path, GOOD_HEAD + "#" * 200))[0])


def test_validate_bank_command(tmp_path):
    ok = run_cli("validate-bank", str(MINI))
    assert ok.returncode == 0 and "valid" in ok.stdout and "7 questions" in ok.stdout
    bad = run_cli("validate-bank", str(write(tmp_path, GOOD_HEAD + "[[sections]]\nid='s'\ntitle='S'\n[[sections.questions]]\nid='q'\nprompt='Q?'\nkind=1\n")))
    assert bad.returncode == 2
    assert 'unknown key "kind"' in bad.stderr
    assert "Traceback" not in bad.stderr


def test_banks_command_lists_the_default():
    out = run_cli("banks")
    assert out.returncode == 0
    line = next(l for l in out.stdout.splitlines() if l.startswith("datasheets-for-datasets"))
    assert "Datasheets for Datasets" in line and line.split()[-1].isdigit() and int(line.split()[-1]) >= 57

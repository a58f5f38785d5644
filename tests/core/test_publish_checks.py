"""`check --for hf|croissant|neurips`: what a destination lacks or would reject, and the exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.publish import EXAMPLE, example_copy, run


@pytest.mark.parametrize("destination", ["hf", "croissant", "neurips"])
def test_a_complete_draft_is_ready_everywhere(capsys: pytest.CaptureFixture[str], destination: str) -> None:
    code, out, _err = run(capsys, "check", EXAMPLE, "--for", destination)
    assert code == 0, out
    assert "nothing missing or invalid" in out


def test_an_empty_draft_lists_what_each_destination_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.datasheet.toml"
    path.write_text('format = 1\n[draft]\ntitle = "Empty"\nbank = "datasheets-for-datasets"\n', encoding="utf-8")
    code, out, _err = run(capsys, "check", path, "--for", "hf")
    assert code == 1
    for key in ("license", "language", "task_categories", "size_categories", "dataset_summary"):
        assert f"  - {key}: not answered yet; answer '" in out, key
    code, out, _err = run(capsys, "check", path, "--for", "croissant")
    assert code == 1
    for key in ("description", "license", "url", "creator", "datePublished"):
        assert f"  - {key}: not answered yet" in out, key
    assert "rai:" not in out.split("For Croissant", 1)[1]
    code, out, _err = run(capsys, "check", path, "--for", "neurips")
    assert code == 1
    for key in ("rai:dataLimitations", "rai:dataBiases", "rai:dataUseCases", "rai:personalSensitiveInformation",
                "rai:dataSocialImpact", "rai:dataCollection"):
        assert f"  - {key}: not answered yet" in out, key


def test_not_applicable_counts_as_an_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The example marks `languages` not applicable (images): the Hub check accepts that."""
    code, out, _err = run(capsys, "check", EXAMPLE, "--for", "hf")
    assert code == 0 and "language" not in out.split("Hugging Face Hub", 1)[1]


def test_near_miss_ids_get_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path, {
        "license_id": 'status = "answered"\nvalue = "CC-BY"',
        "languages": 'status = "answered"\nvalue = ["english"]',
    })
    code, out, _err = run(capsys, "check", path, "--for", "hf")
    assert code == 1
    assert "  - license: 'CC-BY' is not a Hub license id; did you mean 'cc-by-4.0'?" in out
    assert "  - language: 'english' is not an ISO 639-1 or 639-3 language code; did you mean 'en'?" in out
    code, out, _err = run(capsys, "check", path, "--for", "croissant")
    assert code == 1 and "did you mean 'cc-by-4.0'?" in out


def test_a_date_croissant_cannot_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path, {"distribution_date": 'status = "answered"\ntext = "Spring 2009"'})
    code, out, _err = run(capsys, "check", path, "--for", "neurips")
    assert code == 1
    assert "datePublished: 'Spring 2009' is not a date; write it as YYYY-MM-DD" in out


def test_a_custom_banks_export_typo_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank.toml"
    bank.write_text(
        'format = 1\n[bank]\nid = "tiny"\ntitle = "Tiny"\nversion = "1"\n'
        '[[sections]]\nid = "s"\ntitle = "S"\n'
        '[[sections.questions]]\nid = "lang"\nprompt = "Languages?"\ntype = "multichoice"\n'
        'vocabulary = "languages"\nexport = { hf = "languages" }\n', encoding="utf-8")
    draft = tmp_path / "d.datasheet.toml"
    draft.write_text(f'format = 1\n[draft]\ntitle = "T"\nbank = "tiny"\nbank_path = "{bank}"\n'
                     '[answers.lang]\nstatus = "answered"\nvalue = ["en"]\n', encoding="utf-8")
    code, out, _err = run(capsys, "check", draft, "--for", "hf")
    assert code == 1
    assert "bank: question 'lang' exports to hf 'languages', which is not a hf target; did you mean 'language'?" in out


def test_help_names_the_publishing_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(capsys, "render", "--help")
    out = capsys.readouterr().out
    assert "croissant" in out and "--merge-into" in out and "--allow-invalid" in out
    with pytest.raises(SystemExit):
        run(capsys, "check", "--help")
    assert "--for {hf,croissant,neurips}" in capsys.readouterr().out


def test_front_ends_write_exports_beside_the_draft(tmp_path: Path) -> None:
    from tests.helpers.publish import open_session
    from wizard.export.files import export_path, write_export

    draft = example_copy(tmp_path)
    session = open_session(draft)
    assert export_path(session, "hf").name == "example.README.md"
    ok, message = write_export(session, "croissant")
    assert ok and "example.croissant.json" in message and (tmp_path / "example.croissant.json").exists()
    ok, message = write_export(session, "hf")
    assert ok and (tmp_path / "example.README.md").read_text(encoding="utf-8").startswith("---\npretty_name:")
    bad = open_session(example_copy(tmp_path, {"license_id": 'status = "answered"\nvalue = "CC-BY"'}))
    (tmp_path / "example.README.md").unlink()
    ok, message = write_export(bad, "hf")
    assert not ok and "did you mean 'cc-by-4.0'?" in message and not (tmp_path / "example.README.md").exists()


def test_croissant_core_fields_need_a_value_not_a_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path, {"homepage": 'status = "unknown"\ntext = "Not decided yet."'})
    code, out, _err = run(capsys, "check", path, "--for", "croissant")
    assert code == 1 and "  - url: required by Croissant, but 'homepage'" in out
    code, out, _err = run(capsys, "check", path, "--for", "hf")
    assert code == 0  # the card does not need a homepage


def test_a_version_croissant_readers_warn_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path, {"version": 'status = "answered"\ntext = "v2"'})
    code, out, _err = run(capsys, "check", path, "--for", "croissant")
    assert code == 1 and "version: 'v2' is not MAJOR.MINOR.PATCH" in out


def test_publishing_options_on_other_formats_are_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "render", EXAMPLE, "--merge-into", tmp_path / "x.md")
    assert code == 2 and "--format croissant or hf" in err
    code, _out, err = run(capsys, "render", EXAMPLE, "--format", "croissant", "--allow-invalid")
    assert code == 2 and "--format hf only" in err

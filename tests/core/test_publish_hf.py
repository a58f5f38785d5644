"""`render --format hf`: a dataset card whose front matter huggingface_hub reads back as exactly our values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.publish import EXAMPLE, HF_README, copy_fixture, example_copy, open_session, run

hub = pytest.importorskip("huggingface_hub")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _card(text: str):  # type: ignore[no-untyped-def]
    from huggingface_hub import DatasetCard

    return DatasetCard(text)


def test_front_matter_reads_back_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "render", EXAMPLE, "--format", "hf")
    assert code == 0
    card = _card(out)
    assert card.data.to_dict() == {
        "pretty_name": "TinyObjects-10",
        "license": "cc-by-4.0",
        "size_categories": ["10K<n<100K"],
        "task_categories": ["image-classification"],
    }
    body = card.text
    assert body.lstrip().startswith("# Dataset Card for TinyObjects-10")
    assert body.count("\n# ") == 1, "one H1: the datasheet's headings sit below the card's"
    for heading in ("## Dataset Details", "### Dataset Description", "## Uses", "### Direct Use",
                    "### Out-of-Scope Use", "## Dataset Structure", "## Dataset Creation", "### Curation Rationale",
                    "#### Data Collection and Processing", "## Bias, Risks, and Limitations", "## Citation",
                    "## Dataset Card Contact", "## Datasheet for TinyObjects-10", "### Motivation"):
        assert f"\n{heading}\n" in body, heading
    assert "- **Curated by:** The Vision Group at Lakeside University." in body
    assert "```bibtex\n@techreport{tinyobjects2009," in body


def test_yaml_edge_cases_read_back_as_strings(tmp_path: Path) -> None:
    """Norwegian is `no`; a dataset may be called `yes` or `1.0`: none may turn into a boolean or number."""
    from wizard.export.hf import render_hf

    path = example_copy(tmp_path, {
        "languages": 'status = "answered"\nvalue = ["no", "en", "nn"]',
        "synthetic": 'status = "answered"\nvalue = "yes"',
        "total_instances": 'status = "answered"\ntext = "999"',
    })
    text = path.read_text(encoding="utf-8").replace('title = "TinyObjects-10"', 'title = "yes"')
    path.write_text(text, encoding="utf-8")
    out = render_hf(open_session(path))
    assert '- "no"\n' in out and 'pretty_name: "yes"\n' in out
    data = _card(out).data.to_dict()
    assert data["language"] == ["en", "nn", "no"]  # in the vocabulary's order
    assert data["pretty_name"] == "yes"
    assert data["tags"] == ["synthetic"]
    assert data["size_categories"] == ["n<1K"]
    assert "!!" not in out.split("---", 2)[1], "no YAML tags"


@pytest.mark.parametrize("text", ["no", "yes", "on", "Off", "NULL", "~", "1.0", "1e3", "0x1F", "12:30", "- x", "a: b",
                                  "#c", "'q'", '"d"', "x\\y", "\u2028", "\x85", "é", "", " lead", "trail ", "[1]"])
def test_any_string_survives_yaml(text: str) -> None:
    import yaml

    from wizard.export.hf import yaml_block

    block = yaml_block([("pretty_name", text), ("tags", [text])])
    assert yaml.safe_load(block) == {"pretty_name": text, "tags": [text]}


@pytest.mark.parametrize(("answers", "message"), [
    ({"license_id": 'status = "answered"\nvalue = "CC-BY"'},
     "license: 'CC-BY' is not a Hub license id; did you mean 'cc-by-4.0'?"),
    ({"languages": 'status = "answered"\nvalue = ["en-US"]'},
     "language: 'en-US' is not an ISO 639-1 or 639-3 language code; did you mean 'en'?"),
    ({"languages": 'status = "answered"\nvalue = ["english"]'},
     "language: 'english' is not an ISO 639-1 or 639-3 language code; did you mean 'en'?"),
])
def test_ids_off_the_list_are_refused_with_the_checks_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: dict[str, str], message: str) -> None:
    path = example_copy(tmp_path, answers)
    out_file = tmp_path / "README.md"
    code, out, err = run(capsys, "render", path, "--format", "hf", "-o", out_file)
    assert code == 2 and out == "" and not out_file.exists()
    assert message in err and "--allow-invalid" in err and "Traceback" not in err
    code, out, _err = run(capsys, "check", path, "--for", "hf")
    assert code == 1 and f"  - {message}" in out
    code, out, err = run(capsys, "render", path, "--format", "hf", "--allow-invalid")
    assert code == 0 and message in err  # written, but said
    value = message.split("'")[1]
    assert value in str(_card(out).data.to_dict())


def test_merge_keeps_configs_dataset_info_and_the_authors_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    original = HF_README.read_text(encoding="utf-8")
    original_front = yaml.safe_load(original.split("---\n")[1])
    target = copy_fixture(HF_README, tmp_path)
    code, out, err = run(capsys, "render", EXAMPLE, "--format", "hf", "--merge-into", target)
    assert code == 0 and out == ""
    assert "'languages' is not one the Hub reads; did you mean 'language'?" in err
    merged = target.read_text(encoding="utf-8")
    front_text = merged.split("---\n")[1]
    # configs and dataset_info are kept byte for byte (comments too)
    start = original.index("configs:")
    end = original.index("---\n", start)
    assert original[start:end] in front_text
    assert "# Written by the Hub's dataset viewer and by hand." in front_text
    data = _card(merged).data.to_dict()
    assert data["configs"] == original_front["configs"] and data["dataset_info"] == original_front["dataset_info"]
    assert data["languages"] == ["en"]  # not ours: kept, with a warning
    assert data["license"] == "cc-by-4.0" and data["pretty_name"] == "TinyObjects-10"
    assert data["size_categories"] == ["10K<n<100K"]
    assert "Notes written on the Hub before the datasheet existed." in merged
    # a second merge replaces our part only
    code, _out, _err = run(capsys, "render", EXAMPLE, "--format", "hf", "--merge-into", target)
    assert code == 0 and target.read_text(encoding="utf-8") == merged


@pytest.mark.parametrize("content", [
    "---\nlicense: [unclosed\n---\n# Card\n",
    "---\n- a list\n- not a mapping\n---\n",
    "---\nlicense: mit\n# never closed\n",
    "---\nlicense: mit\nlicense: apache-2.0\n---\n",
])
def test_merge_into_invalid_front_matter_is_refused_and_untouched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    target = tmp_path / "README.md"
    target.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "render", EXAMPLE, "--format", "hf", "--merge-into", target)
    assert code == 2 and out == "" and str(target) in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == content


def test_merge_into_a_readme_without_front_matter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "README.md"
    target.write_text("# My dataset\n\nSome words.\n", encoding="utf-8")
    code, _out, _err = run(capsys, "render", EXAMPLE, "--format", "hf", "--merge-into", target)
    assert code == 0
    merged = target.read_text(encoding="utf-8")
    assert merged.startswith("---\npretty_name: TinyObjects-10\n") and merged.endswith("Some words.\n")


def test_only_the_datasheets_own_headings_move_down(tmp_path: Path) -> None:
    """A heading-like line inside an answer's code fence stays exactly as written."""
    from wizard.export.hf import render_hf

    path = example_copy(tmp_path, {"funding": 'status = "answered"\ntext = "```\\n## Composition\\n# Datasheet for TinyObjects-10\\n```"'})
    out = render_hf(open_session(path))
    assert "```\n## Composition\n# Datasheet for TinyObjects-10\n```" in out
    assert "\n## Datasheet for TinyObjects-10\n" in out and "\n### Composition\n" in out


def test_crlf_readme_merges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "README.md"
    target.write_bytes(HF_README.read_bytes().replace(b"\n", b"\r\n"))
    code, _out, _err = run(capsys, "render", EXAMPLE, "--format", "hf", "--merge-into", target)
    assert code == 0
    assert "dataset_info" in _card(target.read_text(encoding="utf-8")).data.to_dict()


def test_license_other_is_named_by_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = example_copy(tmp_path, {"license_id": 'status = "answered"\nvalue = "other"'})
    code, out, _err = run(capsys, "check", path, "--for", "hf")
    assert code == 1 and "license: 'other' also needs `license_name`" in out


def test_no_control_sequence_reaches_any_export(tmp_path: Path) -> None:
    import json

    from wizard.export.croissant import render_croissant
    from wizard.export.hf import render_hf

    nasty = "Red\\u001b[31m text\\u009b2J and \\u202eevil\\u2066"
    path = example_copy(tmp_path, {
        "summary": f'status = "answered"\ntext = "{nasty}"',
        "funding": f'status = "answered"\ntext = "{nasty}"',
    })
    text = path.read_text(encoding="utf-8").replace('title = "TinyObjects-10"', f'title = "T{nasty}"')
    path.write_text(text, encoding="utf-8")
    session = open_session(path)
    for out in (render_hf(session), render_croissant(session)):
        assert not any(c in out for c in "\x1b\x9b\u202e\u2066"), out[:300]
    doc = json.loads(render_croissant(session))
    assert doc["description"] == "Red\x1b[31m text\x9b2J and \u202eevil\u2066"  # the data itself is kept
    assert _card(render_hf(session)).data.to_dict()["pretty_name"].startswith("TRed\x1b[31m")

"""`render --format croissant`: Croissant 1.1 + RAI 1.0 that mlcroissant loads cleanly, standalone and merged."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.cli import run_python
from tests.helpers.publish import EXAMPLE, HF_CROISSANT, copy_fixture, example_copy, open_session, run

mlc = pytest.importorskip("mlcroissant")

OUR_KEYS = {"@context", "name", "description", "url", "license", "creator", "datePublished", "version", "citeAs",
            "keywords", "funder", "prov:wasDerivedFrom", "conformsTo", "dct:conformsTo"}


def _load(doc: dict[str, Any], caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    """mlcroissant's reading of `doc`, failing on any error, warning or @context complaint."""
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=copy.deepcopy(doc))  # mlcroissant edits the dict it is given
    issues = dataset.metadata.ctx.issues
    assert not issues.errors, issues.report()
    assert not issues.warnings, issues.report()
    context_warnings = [r.getMessage() for r in caplog.records if "@context" in r.getMessage()]
    assert not context_warnings, context_warnings
    return dataset.metadata


def test_standalone_loads_cleanly_with_our_values(capsys: pytest.CaptureFixture[str],
                                                   caplog: pytest.LogCaptureFixture) -> None:
    code, out, _err = run(capsys, "render", EXAMPLE, "--format", "croissant")
    assert code == 0
    doc = json.loads(out)
    assert doc["dct:conformsTo"] == ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"]
    assert doc["@context"]["rai"] == "http://mlcommons.org/croissant/RAI/1.0".rsplit("1.0", 1)[0]
    assert doc["@type"] == "sc:Dataset"
    md = _load(doc, caplog)
    assert md.name == "TinyObjects-10"
    assert md.url == "https://huggingface.co/datasets/lakeside/tinyobjects-10"
    assert md.license == ["https://creativecommons.org/licenses/by/4.0/"]
    assert md.version == "1.0.0"
    assert md.date_published.date().isoformat() == "2009-04-08"
    assert md.cite_as.startswith("@techreport{tinyobjects2009,")
    assert md.keywords == ["image-classification"]
    assert [c.name for c in md.creators] == ["The Vision Group at Lakeside University"]
    assert md.data_biases and "over-represented" in md.data_biases[0]
    assert md.data_use_cases and md.data_limitations and md.data_collection and md.data_social_impact
    assert md.personal_sensitive_information
    # RAI names of the published vocabulary file, including the two mlcroissant spells differently
    assert doc["rai:dataCollectionTimeframe"] == "2008/2009"
    assert doc["prov:wasDerivedFrom"] == [{"@id": "https://example.org/tiny-images"}]


def test_no_answers_no_properties(tmp_path: Path) -> None:
    from wizard.export.croissant import build

    path = tmp_path / "empty.datasheet.toml"
    path.write_text('format = 1\n[draft]\ntitle = "Empty"\nbank = "datasheets-for-datasets"\n', encoding="utf-8")
    doc = build(open_session(path))
    assert set(doc) == {"@context", "@type", "dct:conformsTo", "name"}


def test_languages_and_synthetic_keyword(tmp_path: Path) -> None:
    from wizard.export.croissant import build

    path = example_copy(tmp_path, {
        "languages": 'status = "answered"\nvalue = ["en", "fr"]',
        "synthetic": 'status = "answered"\nvalue = "yes"\ntext = "Labels for 5% of images were generated."',
    })
    doc = build(open_session(path))
    assert doc["inLanguage"] == ["en", "fr"]
    assert doc["keywords"] == ["image-classification", "synthetic"]


def test_merge_into_a_platform_file_keeps_everything_we_do_not_own(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    base = json.loads(HF_CROISSANT.read_text(encoding="utf-8"))
    target = copy_fixture(HF_CROISSANT, tmp_path)
    code, out, err = run(capsys, "render", EXAMPLE, "--format", "croissant", "--merge-into", target)
    assert code == 0 and out == "" and "Wrote" in err
    merged = json.loads(target.read_text(encoding="utf-8"))
    for key, value in base.items():
        if key not in OUR_KEYS:
            assert merged[key] == value, key  # distribution, recordSet, alternateName, @type, ...
    assert list(merged)[: len(base)] == list(base)  # the base's order first
    for key, value in base["@context"].items():
        assert merged["@context"][key] == value  # HF's own aliases (dataBiases -> cr:dataBiases) untouched
    assert merged["conformsTo"] == ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"]
    assert "dct:conformsTo" not in merged  # one spelling: the base's
    assert merged["name"] == "TinyObjects-10" and merged["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert merged["keywords"][:7] == base["keywords"] and "image-classification" in merged["keywords"]
    assert merged["rai:dataBiases"].startswith("A sample of a larger set")
    md = _load(merged, caplog)
    assert {rs.id for rs in md.record_sets} == {"plain_text_splits", "plain_text"}
    assert len(md.distribution) == 2
    # merging again changes nothing
    again = tmp_path / "again.json"
    code, _out, _err = run(capsys, "render", EXAMPLE, "--format", "croissant", "--merge-into", target, "-o", again)
    assert code == 0 and json.loads(again.read_text(encoding="utf-8")) == merged


def test_merge_keeps_platform_values_for_questions_left_unanswered(tmp_path: Path) -> None:
    from wizard.export.croissant import build, merge

    path = example_copy(tmp_path, {"summary": 'status = "answered"\ntext = ""'})
    base = json.loads(HF_CROISSANT.read_text(encoding="utf-8"))
    merged = merge(base, build(open_session(path)))
    assert merged["description"] == base["description"]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", ""])
def test_merge_into_a_file_that_is_not_a_croissant_object_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    target = tmp_path / "croissant.json"
    target.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "render", EXAMPLE, "--format", "croissant", "--merge-into", target)
    assert code == 2 and out == ""
    assert str(target) in err and "left unchanged" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == content


def test_merge_into_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "render", EXAMPLE, "--format", "croissant", "--merge-into", tmp_path / "nope.json")
    assert code == 2 and "nope.json" in err
    assert not (tmp_path / "nope.json").exists()


def test_mlcroissant_and_yaml_are_never_imported_at_run_time(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from wizard.cli import main\n"
        f"assert main(['render', {str(EXAMPLE)!r}, '--format', 'croissant', '-o', {str(tmp_path / 'c.json')!r}]) == 0\n"
        f"assert main(['render', {str(EXAMPLE)!r}, '--format', 'hf', '-o', {str(tmp_path / 'R.md')!r}]) == 0\n"
        f"assert main(['check', {str(EXAMPLE)!r}, '--for', 'neurips']) == 0\n"
        "heavy = [m for m in ('mlcroissant', 'yaml', 'huggingface_hub', 'textual', 'questionary') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr


def test_merge_keeps_the_platforms_croissant_version(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A Croissant 1.0 file stays 1.0 (its record sets were written for it) and gains RAI 1.0."""
    from wizard.export.croissant import build, merge

    base = json.loads(HF_CROISSANT.read_text(encoding="utf-8"))
    base["conformsTo"] = "http://mlcommons.org/croissant/1.0"
    for key in ("arrayShape", "containedIn", "isArray", "path", "repeated", "replace"):
        base["@context"].pop(key)
    base["distribution"][1]["containedIn"] = {"@id": "repo"}
    merged = merge(base, build(open_session(EXAMPLE)))
    assert merged["conformsTo"] == ["http://mlcommons.org/croissant/1.0", "http://mlcommons.org/croissant/RAI/1.0"]
    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=copy.deepcopy(merged))
    assert not dataset.metadata.ctx.issues.errors, dataset.metadata.ctx.issues.report()

"""Bundled vocabularies: their facts, lazy loading, "did you mean", the refresh parsers, and the banks' export names."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.helpers.cli import run_python
from tests.helpers.paths import ROOT
from wizard import vocabulary
from wizard.export import targets

VOCAB_DIR = ROOT / "wizard" / "vocabularies"


def test_names_are_the_four_bundled_lists() -> None:
    assert vocabulary.names() == ("licenses", "languages", "hf-tasks", "size-categories")
    with pytest.raises(KeyError):
        vocabulary.options("licences")


@pytest.mark.parametrize("name", ["licenses", "languages", "hf-tasks", "size-categories"])
def test_every_file_names_its_source_and_date(name: str) -> None:
    data = json.loads((VOCAB_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert data["source"].strip() and len(data["date"]) == 10
    ids = [row[0] for row in data["rows"]]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert vocabulary.options(name) == tuple(ids) == tuple(vocabulary.load(name).index)


def test_the_facts_authors_rely_on() -> None:
    licenses = vocabulary.options("licenses")
    assert {"apache-2.0", "mit", "cc-by-4.0", "cc0-1.0", "odc-by", "other", "unknown"} <= set(licenses)
    mit = vocabulary.entry("licenses", "mit")
    assert mit is not None and mit.spdx == "MIT" and mit.url == "https://spdx.org/licenses/MIT.html"
    cc = vocabulary.entry("licenses", "cc-by-4.0")
    assert cc is not None and cc.spdx == "CC-BY-4.0" and cc.url == "https://creativecommons.org/licenses/by/4.0/"
    assert vocabulary.entry("licenses", "cc").spdx == ""  # a family names no single SPDX license
    languages = set(vocabulary.options("languages"))
    iso1 = [c for c in languages if len(c) == 2]
    assert len(iso1) >= 180 and {"en", "fr", "no", "zh"} <= languages
    assert {"eng", "fil", "yue", "gsw"} <= languages and len(languages) > 7000  # ISO 639-3 too
    assert vocabulary.entry("languages", "en").label == vocabulary.label("languages", "en") == "English"
    tasks = vocabulary.options("hf-tasks")
    assert {"image-classification", "text-classification", "question-answering", "translation"} <= set(tasks)
    assert vocabulary.options("size-categories") == (
        "n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B", "1B<n<10B",
        "10B<n<100B", "100B<n<1T", "n>1T")


@pytest.mark.parametrize(("name", "wrong", "meant"), [
    ("licenses", "CC-BY", "cc-by-4.0"),
    ("licenses", "CC-BY-4.0", "cc-by-4.0"),   # the SPDX spelling
    ("licenses", "Apache-2.0", "apache-2.0"),
    ("licenses", "apache", "apache-2.0"),
    ("licenses", "MIT", "mit"),
    ("languages", "english", "en"),
    ("languages", "English", "en"),
    ("languages", "en-US", "en"),
    ("languages", "pt_BR", "pt"),
    ("languages", "Engish", "en"),
    ("hf-tasks", "image-clasification", "image-classification"),
    ("hf-tasks", "Image Classification", "image-classification"),
    ("licenses", "Creative Commons Attribution 4.0", "cc-by-4.0"),
    ("size-categories", "n<1k", "n<1K"),
])
def test_did_you_mean(name: str, wrong: str, meant: str) -> None:
    assert vocabulary.suggest(name, wrong) == meant


def test_no_suggestion_for_valid_ids_or_nonsense() -> None:
    assert vocabulary.suggest("licenses", "mit") is None
    assert vocabulary.suggest("languages", "eng") is None  # valid ISO 639-3
    assert vocabulary.suggest("languages", "xx") is None
    assert vocabulary.describe("licenses", "CC-BY", "a Hub license id") == \
        "'CC-BY' is not a Hub license id; did you mean 'cc-by-4.0'?"


def test_loading_is_lazy_one_file_per_vocabulary() -> None:
    """Options read `licenses.ids` only; labels and "did you mean" read `licenses.json`; the 8,000
    languages stay unread throughout."""
    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' and 'vocabularies' in str(a[0]) else None)\n"
        "from wizard import vocabulary\n"
        "assert not opened, opened\n"
        "vocabulary.names()\n"
        "assert not opened, opened\n"
        "vocabulary.options('licenses'); vocabulary.options('licenses'); vocabulary.is_valid('licenses', 'mit')\n"
        "print(' '.join(opened))\n"
        "vocabulary.suggest('licenses', 'CC-BY'); vocabulary.entry('licenses', 'mit')\n"
        "print(' '.join(opened))\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert [Path(p).name for p in first.split()] == ["licenses.ids"]
    assert [Path(p).name for p in second.split()] == ["licenses.ids", "licenses.json"]


@pytest.mark.parametrize("name", ["licenses", "languages", "hf-tasks", "size-categories"])
def test_ids_files_match_the_json(name: str) -> None:
    data = json.loads((VOCAB_DIR / f"{name}.json").read_text(encoding="utf-8"))
    ids = (VOCAB_DIR / f"{name}.ids").read_text(encoding="utf-8").splitlines()
    assert ids == [row[0] for row in data["rows"]]


# ------------------------------------------------------------------ the refresh script's parsers

LICENSES_MD = """# Licenses
<!-- region licenses -->
| Fullname | License identifier (to use in repo card) |
| --- | --- |
| Apache license 2.0 | `apache-2.0` |
| Creative Commons Attribution 4.0 | `cc-by-4.0` |
| Some model licence | `some-model` | <!-- license: https://example.org/LICENSE -->
""" + "".join(f"| Filler {i} | `filler-{i}` |\n" for i in range(20)) + "<!-- endregion -->\n"

PIPELINES_TS = """export const PIPELINE_DATA = {
\t"text-classification": {
\t\tname: "Text Classification",
\t\tsubtasks: [
\t\t\t{
\t\t\t\ttype: "x",
\t\t\t\tname: "X",
\t\t\t},
\t\t],
\t\tmodality: "nlp",
\t},
\tother: {
\t\tname: "Other",
\t\tmodality: "other",
\t\thideInDatasets: true,
\t},
""" + "".join(f'\t"task-{i}": {{\n\t\tname: "Task {i}",\n\t\tmodality: "cv",\n\t}},\n' for i in range(20)) + \
    "} satisfies Record<string, PipelineData>;\n"


def test_refresh_parsers_read_the_published_formats() -> None:
    from wizard.vocabularies import refresh

    rows = refresh.parse_licenses(LICENSES_MD)
    assert rows[0] == ["apache-2.0", "Apache license 2.0", "Apache-2.0", "https://spdx.org/licenses/Apache-2.0.html"]
    assert rows[1][3] == "https://creativecommons.org/licenses/by/4.0/"
    assert rows[2] == ["some-model", "Some model licence", "", "https://example.org/LICENSE"]
    tasks = refresh.parse_tasks(PIPELINES_TS)
    assert tasks[0] == ["text-classification", "Text Classification", "nlp", ""]
    assert tasks[1] == ["other", "Other", "other", "yes"]
    ts = 'export const L = {\n\taa: {\n\t\tcode: "aa",\n\t\tname: "Afar",\n\t\tnativeName: "Afaraf",\n\t},\n};'
    assert refresh.parse_languages(ts) == [["aa", "Afar"]]


def test_refresh_writes_files_the_loader_reads(tmp_path: Path) -> None:
    from wizard.vocabularies import refresh

    hub = tmp_path / "hub" / "docs" / "hub"
    js = tmp_path / "js"
    hub.mkdir(parents=True)
    (hub / "repositories-licenses.md").write_text(LICENSES_MD, encoding="utf-8")
    for rel, text in ((refresh.PIPELINES_TS, PIPELINES_TS),
                      (refresh.ISO_639_1_TS, '{ en: { code: "en", name: "English", nativeName: "English" } }'),
                      (refresh.ISO_639_3_TS, '{ eng: { code: "eng", name: "English" }, fil: { code: "fil", name: "Filipino" } }')):
        (js / rel).parent.mkdir(parents=True, exist_ok=True)
        (js / rel).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert refresh.main(["--hub-docs", str(tmp_path / "hub"), "--huggingface-js", str(js), "--date", "2026-01-02",
                         "--out", str(out)]) == 0
    languages = json.loads((out / "languages.json").read_text(encoding="utf-8"))
    assert languages["date"] == "2026-01-02" and [r[0] for r in languages["rows"]] == ["en", "eng", "fil"]
    assert refresh.main(["--hub-docs", str(tmp_path / "nowhere"), "--huggingface-js", str(js), "--out", str(out)]) == 2


# ------------------------------------------------------------------ the bundled banks' export names

def _bundled_banks() -> list[Path]:
    return sorted((ROOT / "question_banks").glob("*.toml"))


@pytest.mark.parametrize("path", _bundled_banks(), ids=lambda p: p.stem)
def test_bundled_banks_export_only_known_targets(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for section in data["sections"]:
        for q in section.get("questions", []):
            for destination, target in q.get("export", {}).items():
                assert destination in targets.DESTINATIONS, (q["id"], destination)
                assert targets.is_target(destination, target), (q["id"], destination, target)
            if "vocabulary" in q:
                assert q["vocabulary"] in vocabulary.names()


def test_rai_names_are_those_of_the_published_vocabulary() -> None:
    """The names of mlcommons/croissant docs/croissant_rai.ttl (not the spec prose's or mlcroissant's variants)."""
    assert "rai:dataCollectionTimeframe" in targets.RAI_PROPERTIES
    assert "rai:dataManipulationProtocol" in targets.RAI_PROPERTIES
    assert "rai:dataCollectionTimeFrame" not in targets.RAI_PROPERTIES
    assert "rai:dataReleaseMaintenance" not in targets.RAI_PROPERTIES
    assert len(targets.RAI_PROPERTIES) == 20


def test_default_bank_maps_the_issue_list() -> None:
    data = tomllib.loads((ROOT / "question_banks" / "datasheets-for-datasets.toml").read_text(encoding="utf-8"))
    croissant = {q["id"]: q["export"].get("croissant") for s in data["sections"] for q in s.get("questions", [])
                 if "export" in q}
    filled = set(croissant.values())
    for prop in ("rai:dataCollection", "rai:dataBiases", "rai:personalSensitiveInformation", "rai:dataUseCases",
                 "rai:dataSocialImpact", "rai:dataLimitations", "rai:dataReleaseMaintenancePlan",
                 "rai:dataAnnotationProtocol", "rai:dataCollectionTimeframe", "rai:dataPreprocessingProtocol",
                 "prov:wasDerivedFrom", "description", "license", "url", "creator", "datePublished", "citeAs"):
        assert prop in filled, prop
    assert data["sections"][-1]["id"] == "publishing"
    assert "not part of the Datasheets for Datasets paper" in data["sections"][-1]["guidance"]

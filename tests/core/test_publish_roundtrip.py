"""Any text survives the exports: YAML strings (hypothesis), and a draft answering every default question."""

from __future__ import annotations

import copy
import json
import logging
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.helpers.paths import ROOT
from tests.helpers.publish import open_session


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@example("A\n")  # found by hypothesis: `$` in a plain-scalar check let a final newline through
def test_any_string_reads_back_from_our_yaml(text: str) -> None:
    import yaml

    from wizard.export.hf import yaml_block

    block = yaml_block([("pretty_name", text), ("tags", [text, "x"])])
    assert "!!" not in block or "!!" in text
    assert yaml.safe_load(block) == {"pretty_name": text, "tags": [text, "x"]}


def test_a_draft_answering_every_question_exports_cleanly(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    mlc = pytest.importorskip("mlcroissant")
    pytest.importorskip("huggingface_hub")
    from huggingface_hub import DatasetCard

    from wizard.export.checks import check_destination
    from wizard.export.croissant import render_croissant
    from wizard.export.hf import render_hf

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import publish as bench
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    session = open_session(bench.full_draft(tmp_path / "full.datasheet.toml"))
    for destination in ("hf", "croissant", "neurips"):
        assert check_destination(session, destination) == [], destination
    doc = json.loads(render_croissant(session))
    rai = [k for k in doc if k.startswith("rai:")]
    assert len(rai) >= 12
    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=copy.deepcopy(doc))
    assert not dataset.metadata.ctx.issues.errors and not dataset.metadata.ctx.issues.warnings
    assert not [r for r in caplog.records if "@context" in r.getMessage()]
    data = DatasetCard(render_hf(session)).data.to_dict()
    assert data["license"] == "cc-by-4.0" and data["language"] == ["en", "fr"]
    assert data["task_categories"] == ["image-classification"] and data["size_categories"] == ["10K<n<100K"]
    assert data["tags"] == ["synthetic"]

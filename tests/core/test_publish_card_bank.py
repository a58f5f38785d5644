"""The bundled `hf-dataset-card` bank: the Hub's card sections as questions, exported the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.publish import open_session, run

DRAFT = """format = 1
[draft]
title = "CityBirds"
bank = "hf-dataset-card"

[answers.summary]
status = "answered"
text = "48,000 bird calls recorded in 14 cities."

[answers.curators]
status = "answered"
text = "Urban Acoustics Lab"

[answers.license_id]
status = "answered"
value = "cc-by-sa-4.0"

[answers.languages]
status = "na"

[answers.repository]
status = "answered"
text = "https://huggingface.co/datasets/northfield/citybirds"

[answers.direct_use]
status = "answered"
text = "Training and evaluating bird species classifiers."

[answers.out_of_scope_use]
status = "answered"
text = "Not for monitoring people."

[answers.bias_risks_limitations]
status = "answered"
text = "Wealthier neighbourhoods are over-represented."

[answers.task_categories]
status = "answered"
value = ["audio-classification"]

[answers.total_instances]
status = "answered"
text = "48000"

[answers.release_date]
status = "answered"
text = "2024-05-01"
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "citybirds.datasheet.toml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_card_bank_renders_a_card_without_repeating_itself(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("huggingface_hub")
    from huggingface_hub import DatasetCard

    code, out, _err = run(capsys, "render", draft, "--format", "hf")
    assert code == 0
    card = DatasetCard(out)
    assert card.data.to_dict() == {"pretty_name": "CityBirds", "license": "cc-by-sa-4.0",
                                   "size_categories": ["10K<n<100K"], "task_categories": ["audio-classification"]}
    assert out.count("Wealthier neighbourhoods are over-represented.") == 1  # the card holds every answer
    assert "### Out-of-Scope Use\n\nNot for monitoring people." in out


def test_card_bank_exports_croissant(draft: Path) -> None:
    from wizard.export.croissant import build

    doc = build(open_session(draft))
    assert doc["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert doc["datePublished"] == "2024-05-01"
    assert doc["rai:dataBiases"] == "Wealthier neighbourhoods are over-represented."
    assert doc["rai:dataLimitations"] == "Not for monitoring people."
    json.dumps(doc)


def test_card_bank_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "banks")
    assert code == 0 and "hf-dataset-card" in out

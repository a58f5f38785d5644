"""Wordings of a bundled bank's questions in other published versions of its questionnaire, where
they differ too much for the matcher to recognise them on its own. Matched exactly (after
normalising), like the bank's own prompts."""

from __future__ import annotations

# Datasheets for Datasets: the widely copied 2019-2020 template (arXiv v4-v7 era, Markdown and
# LaTeX versions) asks about funding as "What support was needed ...?".
OTHER_WORDINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "datasheets-for-datasets": {
        "funding": (
            "What support was needed to make this dataset?",
            "What support was needed to make this dataset? (e.g. who funded the creation of the dataset? If there "
            "is an associated grant, provide the name of the grantor and the grant name and number, or if it was "
            "supported by a company or government agency, give those details.)",
        ),
    },
}

# The paper's own introductions to its sections, often pasted in italics under each section
# title of a template. They are the questionnaire's text, not the author's: recognised by their
# opening words and left out (the report counts them).
SECTION_INTROS = (
    "the questions in this section are primarily intended to",
    "dataset creators should read through the questions in this section",
    "dataset creators should read through these questions",
    "as with the questions in the previous section",
    "as with the previous section",
    "these questions are intended to encourage dataset creators",
    "these questions are intended to encourage",
    "dataset creators should provide answers to these questions",
)


def wordings(bank_id: str) -> dict[str, tuple[str, ...]]:
    return OTHER_WORDINGS.get(bank_id, {})

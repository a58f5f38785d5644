"""Reading the bank's `export = {croissant = "...", hf = "..."}` mappings backwards."""

from __future__ import annotations

import re

from wizard.bank import Bank, Question

# Headings of the Hub's dataset card (huggingface_hub datasetcard_template.md, and the older
# template still found on many cards) -> the card section id a bank question exports to.
# wizard.export.targets (helper "publish") is the source of truth when it is installed.
_CARD_HEADINGS = {
    "dataset summary": "dataset_summary",
    "dataset description": "dataset_description",
    "curated by": "curators",
    "dataset curators": "curators",
    "funded by": "funded_by",
    "funded by optional": "funded_by",
    "shared by": "shared_by",
    "shared by optional": "shared_by",
    "repository": "repo",
    "paper": "paper",
    "paper optional": "paper",
    "demo": "demo",
    "demo optional": "demo",
    "direct use": "direct_use",
    "out of scope use": "out_of_scope_use",
    "dataset structure": "dataset_structure",
    "curation rationale": "curation_rationale_section",
    "data collection and processing": "data_collection_and_processing_section",
    "initial data collection and normalization": "data_collection_and_processing_section",
    "who are the source data producers": "source_data_producers_section",
    "who are the source language producers": "source_data_producers_section",
    "annotation process": "annotation_process_section",
    "who are the annotators": "who_are_annotators_section",
    "personal and sensitive information": "personal_and_sensitive_information",
    "bias risks and limitations": "bias_risks_limitations",
    "recommendations": "bias_recommendations",
    "bibtex": "citation_bibtex",
    "citation information": "citation_bibtex",
    "apa": "citation_apa",
    "glossary": "glossary",
    "glossary optional": "glossary",
    "more information": "more_information",
    "more information optional": "more_information",
    "dataset card authors": "dataset_card_authors",
    "dataset card authors optional": "dataset_card_authors",
    "dataset card contact": "dataset_card_contact",
    # the card's own list items that repeat front matter values
    "language s": "language",
    "language": "language",
    "languages": "language",
    "language s nlp": "language",
    "license": "license",
}
# Card headings that only hold other sections: not text to keep when nothing stands under them.
STRUCTURE = {"dataset details", "dataset sources", "dataset sources optional", "uses", "dataset creation", "source data",
             "annotations", "annotations optional", "citation", "citation optional", "datasheet",
             "additional information", "considerations for using the data", "table of contents"}


def key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("-", " ")).split())


def card_headings() -> dict[str, str]:
    headings = dict(_CARD_HEADINGS)
    try:
        from wizard.export import targets  # type: ignore[import-not-found]
    except ImportError:
        return headings
    sections = getattr(targets, "HF_SECTIONS", {})
    items = getattr(targets, "HF_SECTION_ITEMS", {})
    shared: dict[str, int] = {}
    for path in sections.values():
        if path:
            shared[key(path[-1])] = shared.get(key(path[-1]), 0) + 1
    for section, path in sections.items():
        # a heading that holds several sections' items ("Dataset Sources": Repository, Paper, Demo) names none of them
        if path and section not in items and shared[key(path[-1])] == 1:
            headings.setdefault(key(path[-1]), section)
    for section, label in items.items():
        headings.setdefault(key(label), section)
    return headings


def reverse(bank: Bank, destination: str) -> dict[str, list[Question]]:
    """Export target -> the bank questions that export to it, in bank order."""
    out: dict[str, list[Question]] = {}
    for q in bank.questions:
        target = (getattr(q, "export", None) or {}).get(destination)
        if target:
            out.setdefault(target, []).append(q)
    return out


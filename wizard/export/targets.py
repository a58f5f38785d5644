"""The names a bank's `export = {croissant = "...", hf = "..."}` may use: one list, read by exports, checks and import."""

from __future__ import annotations

import re

DESTINATIONS = ("croissant", "hf")

# Croissant RAI 1.0 properties, spelled as in the published vocabulary file docs/croissant_rai.ttl of
# mlcommons/croissant (the RAI spec's prose spells a few differently; we follow the .ttl).
RAI_PROPERTIES = (
    "rai:dataCollection", "rai:dataCollectionType", "rai:dataCollectionMissingData", "rai:dataCollectionRawData",
    "rai:dataCollectionTimeframe", "rai:dataPreprocessingProtocol", "rai:dataImputationProtocol",
    "rai:dataManipulationProtocol", "rai:dataReleaseMaintenancePlan", "rai:personalSensitiveInformation",
    "rai:dataAnnotationProtocol", "rai:dataAnnotationPlatform", "rai:dataAnnotationAnalysis",
    "rai:annotationsPerItem", "rai:annotatorDemographics", "rai:machineAnnotationTools",
    "rai:dataSocialImpact", "rai:dataBiases", "rai:dataLimitations", "rai:dataUseCases",
)
# Dataset-level schema.org / Croissant core properties an answer may fill. `name` comes from the
# draft's title, never from a question.
CORE_PROPERTIES = (
    "description", "url", "license", "creator", "datePublished", "version", "citeAs", "keywords",
    "inLanguage", "publisher", "funder", "sameAs",
)
PROV_PROPERTIES = ("prov:wasDerivedFrom",)
CROISSANT_PROPERTIES = CORE_PROPERTIES + PROV_PROPERTIES + RAI_PROPERTIES
# `keyword:<word>` on a yes/no question adds <word> to `keywords` when the answer is yes.
CROISSANT_PATTERNS = (re.compile(r"^keyword:[a-z0-9][a-z0-9-]*$"),)

# Properties our export writes: with --merge-into, these are replaced and every other one is kept.
CROISSANT_OWNED = ("@context", "@type", "dct:conformsTo", "conformsTo", "name") + CROISSANT_PROPERTIES

# Required by Croissant 1.1 for every dataset (its "Required" table), besides @context/@type/conformsTo.
CROISSANT_REQUIRED = ("name", "description", "license", "url", "creator", "datePublished")
# The RAI fields the NeurIPS 2026 Evaluations & Datasets track's minimal RAI set asks about:
# limitations, biases, intended use, sensitive information, social impact and how the data was made.
NEURIPS_RAI = (
    "rai:dataLimitations", "rai:dataBiases", "rai:dataUseCases", "rai:personalSensitiveInformation",
    "rai:dataSocialImpact", "rai:dataCollection",
)

# Hugging Face dataset card front matter keys (hub-docs datasetcard.md) an answer may fill.
# `pretty_name` comes from the draft's title. `size_categories` on a line question with
# format = "integer" is derived from the count (n<1K, 1K<n<10K, ...).
HF_FRONT_MATTER = (
    "license", "language", "size_categories", "task_categories", "task_ids", "tags",
    "annotations_creators", "language_creators", "source_datasets", "multilinguality", "paperswithcode_id",
)
# Front matter keys whose values must come from a bundled vocabulary.
HF_VOCABULARY = {"license": "licenses", "language": "languages", "task_categories": "hf-tasks",
                 "size_categories": "size-categories"}
# Keys the Hub reads as lists (always written as YAML lists, even with one item).
HF_LIST_KEYS = ("language", "size_categories", "task_categories", "task_ids", "tags", "annotations_creators",
                "language_creators", "source_datasets", "multilinguality")

# Sections of huggingface_hub's datasetcard_template.md, by its template variable, in card order,
# with the heading path our card writes them under.
HF_SECTIONS: dict[str, tuple[str, ...]] = {
    "dataset_summary": (),
    "dataset_description": ("Dataset Details", "Dataset Description"),
    "curators": ("Dataset Details", "Dataset Description"),
    "funded_by": ("Dataset Details", "Dataset Description"),
    "shared_by": ("Dataset Details", "Dataset Description"),
    "repo": ("Dataset Details", "Dataset Sources"),
    "paper": ("Dataset Details", "Dataset Sources"),
    "demo": ("Dataset Details", "Dataset Sources"),
    "direct_use": ("Uses", "Direct Use"),
    "out_of_scope_use": ("Uses", "Out-of-Scope Use"),
    "dataset_structure": ("Dataset Structure",),
    "curation_rationale_section": ("Dataset Creation", "Curation Rationale"),
    "data_collection_and_processing_section": ("Dataset Creation", "Source Data", "Data Collection and Processing"),
    "source_data_producers_section": ("Dataset Creation", "Source Data", "Who are the source data producers?"),
    "annotation_process_section": ("Dataset Creation", "Annotations", "Annotation process"),
    "who_are_annotators_section": ("Dataset Creation", "Annotations", "Who are the annotators?"),
    "personal_and_sensitive_information": ("Dataset Creation", "Personal and Sensitive Information"),
    "bias_risks_limitations": ("Bias, Risks, and Limitations",),
    "bias_recommendations": ("Bias, Risks, and Limitations", "Recommendations"),
    "citation_bibtex": ("Citation", "BibTeX"),
    "citation_apa": ("Citation", "APA"),
    "glossary": ("Glossary",),
    "more_information": ("More Information",),
    "dataset_card_authors": ("Dataset Card Authors",),
    "dataset_card_contact": ("Dataset Card Contact",),
}
# Items written as "- **Label:** value" lines rather than paragraphs.
HF_SECTION_ITEMS = {"curators": "Curated by", "funded_by": "Funded by", "shared_by": "Shared by",
                    "repo": "Repository", "paper": "Paper", "demo": "Demo"}
# `tag:<word>` on a yes/no question adds <word> to `tags` when the answer is yes.
HF_PATTERNS = (re.compile(r"^tag:[a-z0-9][a-z0-9-]*$"),)


def is_target(destination: str, target: str) -> bool:
    """Whether `target` is a name the given destination understands."""
    if destination == "croissant":
        return target in CROISSANT_PROPERTIES or any(p.match(target) for p in CROISSANT_PATTERNS)
    if destination == "hf":
        return target in HF_FRONT_MATTER or target in HF_SECTIONS or any(p.match(target) for p in HF_PATTERNS)
    return False


def all_targets(destination: str) -> tuple[str, ...]:
    if destination == "croissant":
        return CROISSANT_PROPERTIES + ("keyword:<word>",)
    return HF_FRONT_MATTER + tuple(HF_SECTIONS) + ("tag:<word>",)

"""Croissant 1.1 + Croissant RAI 1.0 JSON-LD from a draft's answers, standalone or merged into a platform's file."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from wizard.export import targets
from wizard.export.collect import Piece, collect

if TYPE_CHECKING:
    from wizard.session import Session

CROISSANT_1_1 = "http://mlcommons.org/croissant/1.1"
RAI_1_0 = "http://mlcommons.org/croissant/RAI/1.0"
CONFORMS_TO = [CROISSANT_1_1, RAI_1_0]

# The recommended JSON-LD context of the Croissant 1.1 spec (Appendix 1), with the keys mlcroissant
# 1.1 checks for (path, repeated, replace, samplingRate, and the language maps of name/description),
# schema.org spelled https:// as in the spec's published example datasets and in mlcroissant, and
# `prov:` for provenance.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes",
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "readLines": "cr:readLines",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# What mlcroissant accepts without a warning: MAJOR[.MINOR[.PATCH[-pre][+build]]]
_SEMVER = re.compile(r"^(0|[1-9]\d*)(\.(0|[1-9]\d*)(\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)?)?$")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def _prose(pieces: list[Piece]) -> str:
    return "\n\n".join(p.text for p in pieces if p.text)


def _agents(pieces: list[Piece]) -> list[dict[str, str]]:
    """People or organisations from prose answers: the first paragraph names them, the rest describes."""
    out = []
    for p in pieces:
        if p.state != "answered" or not p.text:
            continue
        first, _, rest = p.text.strip().partition("\n\n")
        agent = {"@type": "sc:Organization", "name": " ".join(first.split()).rstrip(".")}
        if rest.strip():
            agent["description"] = p.text.strip()
        out.append(agent)
    return out


def _sources(pieces: list[Piece]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for p in pieces:
        if p.state != "answered":
            continue
        urls = [u.rstrip(".,;:") for u in _URL.findall(p.text)]
        if urls:
            out.extend({"@id": u} for u in dict.fromkeys(urls))
        elif p.text:
            out.append({"@type": "sc:CreativeWork", "description": p.text})
    return out


def license_url(license_id: str) -> str:
    from wizard import vocabulary

    entry = vocabulary.entry("licenses", license_id)
    return entry.url if entry is not None else ""


def properties(session: Session) -> tuple[dict[str, Any], list[str]]:
    """Our dataset-level properties, and what could not be written (for `check --for croissant`)."""
    pieces = collect(session, "croissant")
    props: dict[str, Any] = {}
    problems: list[str] = []
    keywords: list[str] = []
    for target, items in pieces.items():
        answered = [p for p in items if p.state == "answered"]
        if target.startswith("keyword:"):
            if any(p.values[:1] == ("yes",) for p in answered):
                keywords.append(target.split(":", 1)[1])
        elif target == "keywords":
            keywords.extend(v for p in answered for v in p.values)
        elif target == "inLanguage":
            codes = [v for p in answered for v in p.values]
            if codes:
                props["inLanguage"] = codes if len(codes) > 1 else codes[0]
        elif target == "license":
            from wizard import vocabulary

            urls = []
            for p in answered:
                for value in p.values:
                    url = license_url(value) or (value if value.startswith(("https://", "http://")) else "")
                    if url:
                        urls.append(url)
                    elif vocabulary.is_valid("licenses", value):  # ids off the list are named by the check
                        problems.append(f"license: {value!r} has no license URL to write; choose a listed "
                                        "license, or describe yours and link it from the dataset's page")
            if urls:
                props["license"] = urls if len(urls) > 1 else urls[0]
        elif target in ("creator", "funder", "publisher"):
            agents = _agents(items)
            if agents:
                props[target] = agents
        elif target == "prov:wasDerivedFrom":
            sources = _sources(items)
            if sources:
                props[target] = sources
        elif target == "datePublished":
            value = next((p.values[0] for p in answered if p.values), "")
            if value and _DATE.match(value):
                props[target] = value
            elif value:
                problems.append(f"datePublished: {value!r} is not a date; write it as YYYY-MM-DD "
                                f"(question {answered[0].question.id!r})")
        elif target in ("url", "version", "sameAs"):
            value = next((p.values[0] for p in answered if p.values), "")
            if value:
                props[target] = value
            if target == "version" and value and not _SEMVER.match(value):
                problems.append(f"version: {value!r} is not MAJOR.MINOR.PATCH, which Croissant readers expect "
                                "(they warn); write it like 1.0.0")
        else:  # description, citeAs and every rai: property: prose
            text = _prose(items)
            if text:
                props[target] = text
    if keywords:
        props["keywords"] = list(dict.fromkeys(keywords))
    return props, problems


def build(session: Session) -> dict[str, Any]:
    """The standalone Croissant document."""
    props, _ = properties(session)
    doc: dict[str, Any] = {
        "@context": dict(CONTEXT),
        "@type": "sc:Dataset",
        "dct:conformsTo": list(CONFORMS_TO),
        "name": session.draft.title or "Untitled dataset",
    }
    order = ("description", "url", "license", "creator", "datePublished", "version", "citeAs", "keywords",
             "inLanguage", "publisher", "funder", "sameAs", "prov:wasDerivedFrom")
    for key in order:
        if key in props:
            doc[key] = props[key]
    for key in targets.RAI_PROPERTIES:
        if key in props:
            doc[key] = props[key]
    return doc


# Inside JSON strings (the only place non-ASCII can be): C1 controls, line/paragraph separators and
# bidi overrides are written as \u escapes, so the file never carries a terminal control sequence.
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(doc: dict[str, Any]) -> str:
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render_croissant(session: Session) -> str:
    return dumps(build(session))


def merge(base: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """`base` with our properties added or replaced; every other property of `base` kept as it was.

    The base file's spelling of `conformsTo` (aliased or `dct:`) is kept, with RAI 1.0 added (and
    Croissant 1.1 when the base names no Croissant version); its @context keeps every entry and gains the entries of ours that it lacks.
    """
    merged: dict[str, Any] = {}
    context = base.get("@context")
    if isinstance(context, dict):
        # the base's entries stay as they are; ours are added only where the base has none
        merged_context = {**context, **{k: v for k, v in ours["@context"].items() if k not in context}}
    else:
        merged_context = ours["@context"]
    conforms_key = next((k for k in ("conformsTo", "dct:conformsTo") if k in base), "dct:conformsTo")
    existing = base.get(conforms_key, [])
    existing = existing if isinstance(existing, list) else [existing]
    # The platform's Croissant version stays (its recordSet was written for it); RAI 1.0 is added.
    has_core = any(isinstance(v, str) and re.fullmatch(r"https?://mlcommons\.org/croissant/\d+\.\d+", v)
                   for v in existing)
    conforms = list(dict.fromkeys([*existing, *(CONFORMS_TO[1:] if has_core else CONFORMS_TO)]))
    for key, value in base.items():
        if key == "@context":
            merged[key] = merged_context
        elif key == conforms_key:
            merged[key] = conforms
        elif key in ours and key not in ("@context", "@type", "dct:conformsTo"):
            merged[key] = _merge_value(key, value, ours[key])
        else:
            merged[key] = value
    if "@context" not in merged:
        merged = {"@context": merged_context, **merged}
    if conforms_key not in merged:
        merged[conforms_key] = conforms
    for key, value in ours.items():
        if key not in merged and key not in ("@context", "dct:conformsTo"):
            merged[key] = value
    return merged


def _merge_value(key: str, old: Any, new: Any) -> Any:
    """Keywords and languages gather (the platform's first); everything else of ours replaces."""
    if key in ("keywords", "inLanguage"):
        olds = old if isinstance(old, list) else [old]
        news = new if isinstance(new, list) else [new]
        both = list(dict.fromkeys([*olds, *news]))
        return both if len(both) > 1 else both[0]
    return new


def render_croissant_merged(session: Session, path: Any) -> str:
    from wizard.export.merge import read_croissant

    base = read_croissant(path)  # refuses (exit 2) before anything is written
    return dumps(merge(base, build(session)))

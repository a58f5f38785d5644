"""A Hugging Face dataset README.md: safe YAML front matter, the Hub's card sections, then the datasheet."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from wizard.export import targets
from wizard.export.collect import Piece, collect

if TYPE_CHECKING:
    from wizard.session import Session

# What each vocabulary-checked key's values must be, for messages.
_WHAT = {
    "license": "a Hub license id",
    "language": "an ISO 639-1 or 639-3 language code",
    "task_categories": "a Hub task category",
    "size_categories": "a Hub size category",
}
_SIZE_STEPS = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
               (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"),
               (10_000_000_000, "1B<n<10B"), (100_000_000_000, "10B<n<100B"), (1_000_000_000_000, "100B<n<1T"))

# A plain YAML scalar we are sure every YAML 1.1 and 1.2 reader takes as that very string.
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9._/+-]*$")
# Words YAML 1.1 (PyYAML, and so huggingface_hub) reads as booleans or null.
_YAML11_WORDS = frozenset(
    "y n yes no on off true false null".split()
)
# Characters a YAML double-quoted scalar must not hold raw: controls, DEL, C1, NEL/LS/PS, BOM, surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def yaml_string(text: str) -> str:
    """One string as YAML that reads back as exactly this string (no bare `no`, no numbers, no tags)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML11_WORDS:  # fullmatch: "$" allows a final newline
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def yaml_block(items: list[tuple[str, Any]]) -> str:
    """Top-level `key: value` lines; lists always as block lists, even with one item."""
    out: list[str] = []
    for key, value in items:
        if isinstance(value, (list, tuple)):
            out.append(f"{key}:")
            out.extend(f"- {yaml_string(str(v))}" for v in value)
        else:
            out.append(f"{key}: {yaml_string(str(value))}")
    return "\n".join(out) + ("\n" if out else "")


def size_category(count: str) -> str | None:
    digits = count.strip().replace(",", "").replace("_", "")
    if not digits.isdigit():
        return None
    n = int(digits)
    for limit, bucket in _SIZE_STEPS:
        if n < limit:
            return bucket
    return "n>1T"


class Card:
    """The card's parts: front matter items, the values the Hub would reject, the section pieces."""

    __slots__ = ("front_matter", "problems", "sections")

    def __init__(self, front_matter: list[tuple[str, Any]], problems: list[str],
                 sections: dict[str, list[Piece]]) -> None:
        self.front_matter = front_matter
        self.problems = problems  # refused without --allow-invalid
        self.sections = sections


def front_matter(session: Session) -> tuple[list[tuple[str, Any]], list[str], dict[str, list[Piece]]]:
    """(ordered front matter, problems, card-section pieces) from the answers."""
    from wizard import vocabulary

    pieces = collect(session, "hf", include_invalid=True)  # seen, then refused unless --allow-invalid
    values: dict[str, list[str]] = {}
    problems: list[str] = []
    sections: dict[str, list[Piece]] = {}
    for target, items in pieces.items():
        answered = [p for p in items if p.state == "answered"]
        if target in targets.HF_SECTIONS:
            sections[target] = items
        elif target.startswith("tag:"):
            if any(p.values[:1] == ("yes",) for p in answered):
                values.setdefault("tags", []).append(target.split(":", 1)[1])
        elif target == "size_categories":
            for p in answered:
                for value in p.values:
                    bucket = value if vocabulary.is_valid("size-categories", value) else size_category(value)
                    if bucket is None:
                        problems.append(f"size_categories: {value!r} (question {p.question.id!r}) is not a "
                                        "count; write digits only, such as 48000")
                    else:
                        values.setdefault(target, []).append(bucket)
        elif target in targets.HF_FRONT_MATTER:
            values.setdefault(target, []).extend(v for p in answered for v in p.values)
    for key, vocab in targets.HF_VOCABULARY.items():
        for value in values.get(key, []):
            if not vocabulary.is_valid(vocab, value):
                problems.append(f"{key}: {vocabulary.describe(vocab, value, _WHAT[key])}")
    items: list[tuple[str, Any]] = [("pretty_name", session.draft.title or "Untitled dataset")]
    for key in targets.HF_FRONT_MATTER:
        got = list(dict.fromkeys(values.get(key, [])))
        if not got:
            continue
        if key in targets.HF_LIST_KEYS:
            items.append((key, got))
        else:
            items.append((key, got[0]))
            if len(got) > 1:
                problems.append(f"{key}: takes one value, got {', '.join(map(repr, got))}")
    return items, problems, sections


def card(session: Session) -> Card:
    fm, problems, sections = front_matter(session)
    return Card(fm, problems, sections)


def _fence(text: str, info: str = "") -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}|~{3,}", text)), default=2)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text}\n{ticks}"


def _body(pieces: list[Piece]) -> str:
    from wizard.render import contain, escape_inline

    if len(pieces) == 1:
        return contain(pieces[0].text)
    return "\n\n".join(f"**{escape_inline(p.question.prompt)}**\n\n{contain(p.text)}" for p in pieces if p.text)


def _one_line(pieces: list[Piece]) -> str:
    from wizard.render import escape_inline

    return escape_inline(" ".join(" ".join(p.text.split()) for p in pieces if p.text))


def card_markdown(session: Session, the_card: Card) -> str:
    """The card's Markdown after the front matter: the Hub template's sections that have content."""
    from wizard.render import escape_inline

    title = escape_inline(session.draft.title or "Untitled dataset")
    out: list[str] = [f"# Dataset Card for {title}"]
    sections = the_card.sections
    if "dataset_summary" in sections:
        out.append(_body(sections["dataset_summary"]))
    fm = dict(the_card.front_matter)
    open_path: tuple[str, ...] = ()
    items_done: set[tuple[str, ...]] = set()
    for sid, path in targets.HF_SECTIONS.items():
        if sid == "dataset_summary":
            continue
        body = ""
        extra_items: list[str] = []
        if sid in sections:
            if sid in targets.HF_SECTION_ITEMS:
                body = f"- **{targets.HF_SECTION_ITEMS[sid]}:** {_one_line(sections[sid])}"
            elif sid == "citation_bibtex":
                text = "\n\n".join(p.text for p in sections[sid] if p.text)
                body = f"**BibTeX:**\n\n{_fence(text, 'bibtex')}"
            elif sid == "citation_apa":
                body = f"**APA:**\n\n{_body(sections[sid])}"
            else:
                body = _body(sections[sid])
        if sid == "shared_by" and path not in items_done:
            # the template's language and license lines, from the front matter
            if fm.get("language"):
                extra_items.append(f"- **Language(s):** {', '.join(fm['language'])}")
            if fm.get("license"):
                extra_items.append(f"- **License:** {fm['license']}")
        if not body and not extra_items:
            continue
        for depth, heading in enumerate(path):
            if open_path[: depth + 1] != path[: depth + 1]:
                if heading not in ("BibTeX", "APA"):
                    out.append(f"{'#' * (depth + 2)} {heading}")
        open_path = path
        if body:
            out.append(body)
        if extra_items:
            out.append("\n".join(extra_items))
            items_done.add(path)
    return "\n\n".join(_merge_items(out))


def _merge_items(out: list[str]) -> list[str]:
    """Consecutive "- **Label:** value" blocks become one tight list."""
    merged: list[str] = []
    for block in out:
        if merged and block.startswith("- **") and merged[-1].startswith("- **"):
            merged[-1] += "\n" + block
        else:
            merged.append(block)
    return merged


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def datasheet_markdown(session: Session) -> str:
    """The full datasheet, its title and section headings one level down so the card keeps one H1.

    Only the lines render_markdown writes as headings are touched, found in order and outside
    code fences (answers' own headings are already demoted below the question level), so this
    needs no Markdown parse and no markdown-it import.
    """
    from wizard.render import escape_inline, render_markdown

    lines = render_markdown(session).rstrip("\n").split("\n")
    wanted = [f"# {escape_inline(session.bank.title_for(session.draft.title))}"]
    wanted += [f"## {escape_inline(section.title)}" for section in session.visible_sections()]
    fence = ""
    for i, line in enumerate(lines):
        if fence:
            if line.lstrip(" ").startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if m := _FENCE.match(line):
            fence = m.group(1)
            continue
        if wanted and line == wanted[0]:
            lines[i] = "#" + line
            wanted.pop(0)
    return "\n".join(lines)


def render_hf(session: Session, *, allow_invalid: bool = False) -> str:
    """The README.md. Raises ExportRefused on a vocabulary problem unless allow_invalid."""
    the_card = card(session)
    if the_card.problems and not allow_invalid:
        raise ExportRefused(the_card.problems)
    return compose(yaml_block(the_card.front_matter), card_markdown(session, the_card), appendix(session))


def appendix(session: Session) -> str:
    """The full datasheet after the card, unless every question of the bank exports somewhere (a card
    bank such as hf-dataset-card, whose card already holds its answers)."""
    from wizard.export.collect import exports_of

    if all(exports_of(q) for q in session.bank.questions):
        return ""
    return datasheet_markdown(session)


def compose(front: str, card_text: str, datasheet: str) -> str:
    return f"---\n{front}---\n\n{visible(card_text)}\n\n{visible(datasheet)}".rstrip("\n") + "\n"


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Markdown with control characters and bidi overrides written as visible escapes (`\\x1b`, `<U+202E>`)."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"<U+{ord(m.group()):04X}>",
                         text)


class ExportRefused(Exception):
    """Values that the destination would reject; the messages are the same as `check --for`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


CARD_START = "<!-- datasheet-wizard: card start (regenerated by `render --format hf`) -->"
CARD_END = "<!-- datasheet-wizard: card end (text below this line is kept) -->"
# Front matter keys the Hub documents (hub-docs datasetcard.md), to catch near misses like `languages`.
HUB_KEYS = (
    "language", "license", "license_name", "license_link", "license_details", "tags", "annotations_creators",
    "language_creators", "language_details", "pretty_name", "size_categories", "source_datasets",
    "task_categories", "task_ids", "paperswithcode_id", "configs", "dataset_info", "extra_gated_fields",
    "extra_gated_prompt", "extra_gated_heading", "extra_gated_description", "extra_gated_button_content",
    "multilinguality", "viewer", "thumbnail",
)


def key_warnings(keys: list[str]) -> list[str]:
    import difflib

    warnings = []
    for key in keys:
        if key in HUB_KEYS:
            continue
        close = difflib.get_close_matches(key, HUB_KEYS, n=1, cutoff=0.8)
        if close:
            warnings.append(f"front matter key {key!r} is not one the Hub reads; did you mean {close[0]!r}? "
                            "(kept as it was)")
    return warnings


def render_hf_merged(session: Session, path: Any, *, allow_invalid: bool = False) -> tuple[str, list[str]]:
    """The README at `path` with our front matter keys and card; every other key and word kept."""
    from wizard.export.merge import merge_front_matter, split_readme

    blocks, rest, data = split_readme(path)  # refuses (exit 2) before anything is written
    the_card = card(session)
    if the_card.problems and not allow_invalid:
        raise ExportRefused(the_card.problems)
    ours = [(key, yaml_block([(key, value)])) for key, value in the_card.front_matter]
    front = merge_front_matter(blocks, ours)
    parts = [CARD_START, visible(card_markdown(session, the_card)), visible(appendix(session)), CARD_END]
    ours_body = "\n\n".join(p for p in parts if p)
    if CARD_START in rest and CARD_END in rest:
        before, _, after = rest.partition(CARD_START)
        _, _, after = after.partition(CARD_END)
        body = f"{before}{ours_body}{after}"
    else:
        kept = rest.lstrip("\n")
        body = "\n" + ours_body + ("\n\n" + kept if kept.strip() else "\n")
    warnings = key_warnings([str(k) for k in data])
    return f"---\n{front}---\n{body.rstrip(chr(10))}\n", warnings

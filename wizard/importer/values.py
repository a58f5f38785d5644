"""Reading an imported answer for its question's type: "N/A" is not applicable, "No." is the
yes/no answer "no", an option's name is that option; everything else stays the author's text."""

from __future__ import annotations

import re
from functools import lru_cache

from wizard.bank import Question
from wizard.importer.exports import options
from wizard.importer.pieces import Piece, Placement

_TAIL = r"(?:[.!]*[ \t]*(?:[-–—:;,(][ \t]*)?)"
_NA = re.compile(r"^(?:n/a|n\.a\.|not applicable|does not apply|not relevant)(?=$|[\s.!,;:)\-–—(])" + _TAIL, re.I)
_UNKNOWN = re.compile(r"^(?:unknown|not known|we do not know|we don't know|we don’t know)(?=$|[\s.!,;:)\-–—(])" + _TAIL, re.I)
_ANSWER_LABEL = re.compile(r"^(?:\*\*|__)?(?:a|answer)\s*:(?:\*\*|__)?[ \t]*", re.I)
_YESNO = re.compile(r"^(yes|no)(?=$|[\s.!,;:)\-–—(])" + _TAIL, re.I)


_NOT_WORD = re.compile(r"[^\w\s]")


def _key(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


_OPTION_END = re.compile(r"[ \t]*(?:[.,;:(\u2013\u2014-]|$)")


def _starts_with_option(text: str, option: str) -> bool:
    """Whether `text` opens with `option` (any case), then punctuation or its end. ASCII is compared
    with str.lower (the same as re.IGNORECASE there, without compiling a pattern per option: a
    vocabulary has dozens); anything else with the pattern, for Unicode's case rules."""
    n = len(option)
    head = text[:n]
    if option.isascii() and head.isascii():
        return len(head) == n and head.lower() == option.lower() and _OPTION_END.match(text, n) is not None
    return re.match(re.escape(option) + r"[ \t]*(?:[.,;:(\u2013\u2014-]|$)", text, re.I) is not None


@lru_cache(maxsize=32)
def _by_key(listed: tuple[str, ...]) -> dict[str, str]:
    """Each option under its key; built once per option list (a vocabulary may hold 8,100 options)."""
    return {_key(o): o for o in listed}


def _reason(rest: str) -> str:
    rest = rest.strip()
    if rest.endswith(")") and "(" not in rest:
        rest = rest[:-1].rstrip()
    return rest


_CONNECTORS = {"and", "or", "both", "also", "as", "well"}


def pick_options(text: str, listed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The options a multichoice answer names: a bulleted list of them, or them in a line joined by
    commas or "and" (options may hold commas themselves). None unless every part names an option."""
    if not listed:
        return None
    lines = [re.sub(r"^[-*+]\s+", "", line).strip().strip("*_ ") for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 or re.match(r"^[-*+]\s", text.strip()):
        keys = [_key(line) for line in lines]
        if max(map(len, keys)) > 3 * max(map(len, listed)):
            return None  # a line no option's key can equal (lower() at most triples a text's length): prose
        by_key = _by_key(listed)
        picked = [by_key.get(key) for key in keys]
        return tuple(dict.fromkeys(p for p in picked if p)) if all(picked) else None
    remaining = f" {_key(text)} "
    found: list[str] = []
    for option in sorted(listed, key=len, reverse=True):
        key = _key(option)
        if key and f" {key} " in remaining:
            found.append(option)
            remaining = remaining.replace(f" {key} ", " ", 1)
    if not found or set(remaining.split()) - _CONNECTORS:
        return None
    return tuple(o for o in listed if o in found)


def _first_block(stripped: str) -> tuple[str, str]:
    """The first paragraph (or list) and the rest, as a rendered datasheet lays out a value and its explanation."""
    head, _, rest = stripped.partition("\n\n")
    return head.strip(), rest.strip()


def read_answer(question: Question, piece: Piece, score: float = 1.0) -> Placement:
    """The placement for `piece` as an answer to `question` (text kept verbatim unless it is only a marker)."""
    text = piece.text
    stripped = text.strip()
    label = _ANSWER_LABEL.match(stripped)
    if label:  # "A: ..." after "Q: ...?": the label is the layout, not the answer
        stripped = stripped[label.end():].strip()
    plain = stripped.strip("*_ ").strip()
    m = _NA.match(plain)
    if m and "\n" not in plain[: m.end()]:
        return Placement(question.id, piece, "na", _reason(plain[m.end():]), score=score,
                         note=f'read "{plain[:m.end()].strip()}" as not applicable')
    m = _UNKNOWN.match(plain)
    if m and "\n" not in plain[: m.end()]:
        return Placement(question.id, piece, "unknown", _reason(plain[m.end():]), score=score,
                         note=f'read "{plain[:m.end()].strip()}" as unknown')
    if not question.type.is_list:  # text and line: kept as written
        return Placement(question.id, piece, "answered", stripped, score=score)
    # Only yes/no and option questions look at the first block and its key: a text answer (most
    # of a datasheet) would pay _key's pass over its whole first paragraph for nothing.
    head, rest = _first_block(stripped)
    head_key = _key(head)
    if question.type == "yesno" and head_key in ("yes", "no") and rest:
        # "**Yes.**" then the explanation: the layout of a rendered datasheet
        return Placement(question.id, piece, "answered", rest, head_key, score=score, note=f'read as "{head_key}"')
    if question.type == "yesno":
        m = _YESNO.match(plain)
        if m:
            value = m.group(1).lower()
            only = not plain[m.end():].strip()
            return Placement(question.id, piece, "answered", "" if only else stripped, value, score=score,
                             note=f'read as "{value}"' + ("" if only else ", the whole text kept as the explanation"))
        return Placement(question.id, piece, "answered", stripped, score=score,
                         note="no yes/no found: the text is kept as the explanation; pick yes or no")
    if question.type == "choice":
        key = _key(plain)
        for option in options(question):
            if rest and head_key == _key(option):
                return Placement(question.id, piece, "answered", rest, option, score=score,
                                 note=f'read as the option "{option}"')
        listed = options(question)
        exact = next((o for o in listed if _key(o) == key), None)
        if exact is not None:
            return Placement(question.id, piece, "answered", "", exact, score=score, note=f'read as the option "{exact}"')
        for option in sorted(listed, key=len, reverse=True):
            # "A sample of a larger set. The app received ...": the option, then the explanation
            if _starts_with_option(plain, option):
                return Placement(question.id, piece, "answered", stripped, option, score=score,
                                 note=f'read as the option "{option}", the whole text kept as the explanation')
        return Placement(question.id, piece, "answered", stripped, score=score,
                         note="no option named: the text is kept as the explanation; pick an option")
    if question.type == "multichoice":
        listed = head if re.match(r"^[-*+]\s", head) else plain
        explanation = rest if listed is head else ""
        chosen = pick_options(listed, options(question))
        if chosen:
            return Placement(question.id, piece, "answered", explanation, chosen, score=score,
                             note="read as options " + ", ".join(f'"{c}"' for c in chosen))
        return Placement(question.id, piece, "answered", stripped, score=score,
                         note="no list of options found: the text is kept as the explanation; tick the options")
    return Placement(question.id, piece, "answered", stripped, score=score)

"""Reading an imported answer for its question's type: "N/A" is not applicable, "No." is the
yes/no answer "no", an option's name is that option; everything else stays the author's text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from wizard.bank import Question
from wizard.importer.pieces import Piece, Placement

# The marker patterns are compiled only when an answer may hold one (re caches them then):
# compiling them all at import cost every start ~12 M instructions (3 ms), and most answers
# open with none of their words. `_marker` says when a pattern need not be tried.
_TAIL = r"(?:[.!]*[ \t]*(?:[-–—:;,(][ \t]*)?)"
_NA = r"^(?:n/a|n\.a\.|not applicable|does not apply|not relevant)(?=$|[\s.!,;:)\-–—(])" + _TAIL
_NA_OPENS = ("n/a", "n.a.", "not applicable", "does not apply", "not relevant")
_UNKNOWN = r"^(?:unknown|not known|we do not know|we don't know|we don’t know)(?=$|[\s.!,;:)\-–—(])" + _TAIL
_UNKNOWN_OPENS = ("unknown", "not known", "we do not know", "we don't know")  # "we don’t" is not ASCII
_ANSWER_LABEL = r"^(?:\*\*|__)?(?:a|answer)\s*:(?:\*\*|__)?[ \t]*"
_ANSWER_LABEL_OPENS = ("a", "**a", "__a")
_YESNO = r"^(yes|no)(?=$|[\s.!,;:)\-–—(])" + _TAIL
_YESNO_OPENS = ("yes", "no")
_HEAD = 16  # longer than any opener above


def _marker(pattern: str, opens: tuple[str, ...], text: str) -> re.Match[str] | None:
    """`pattern` matched case-insensitively at the start of `text`. A text whose first _HEAD
    characters are ASCII and open with none of `opens` in any case cannot match (the pattern's
    ASCII alternatives, where re.IGNORECASE is str.lower), so it is not tried; any other text is."""
    head = text[:_HEAD]
    if head.isascii() and not head.lower().startswith(opens):
        return None
    return re.match(pattern, text, re.I)


# [^\w\s] for ASCII as a byte table (the pattern's own definitions: \w is str.isalnum or "_", \s
# str.isspace): the pattern took 20 µs on a paragraph, the table a third of that.
_ASCII_PUNCT = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c).isspace()))
_ASCII_NOT_WORD = bytes.maketrans(_ASCII_PUNCT, b" " * len(_ASCII_PUNCT))


def _key(text: str) -> str:
    """The text's words, lower case, punctuation as spaces: what two spellings of an option share."""
    low = text.lower()
    if low.isascii():
        return " ".join(low.encode("ascii").translate(_ASCII_NOT_WORD).decode("ascii").split())
    return " ".join(re.sub(r"[^\w\s]", " ", low).split())


_OPTION_ENDS = ".,;:(\u2013\u2014-"


def _option_ends(text: str, at: int) -> bool:
    r"""`[ \t]*(?:[.,;:(–—-]|$)` at `at`: blanks, then punctuation or the end (`$` also matches
    before a final newline)."""
    rest = text[at:].lstrip(" \t")
    return rest in ("", "\n") or rest[0] in _OPTION_ENDS


def _starts_with_option(text: str, option: str) -> bool:
    """Whether `text` opens with `option` (any case), then punctuation or its end. ASCII is compared
    with str.lower (the same as re.IGNORECASE there, without compiling a pattern per option: a
    vocabulary has dozens); anything else with the pattern, for Unicode's case rules."""
    n = len(option)
    head = text[:n]
    if option.isascii() and head.isascii():
        return len(head) == n and head.lower() == option.lower() and _option_ends(text, n)
    return re.match(re.escape(option) + r"[ \t]*(?:[.,;:(\u2013\u2014-]|$)", text, re.I) is not None


def _bulleted(text: str) -> bool:
    r"""`^[-*+]\s`: a list item's marker opens the text."""
    return len(text) > 1 and text[0] in "-*+" and text[1].isspace()


def _unbulleted(line: str) -> str:
    r"""`re.sub(r"^[-*+]\s+", "", line)`: the line without its list marker and the blanks after it."""
    return line[1:].lstrip() if _bulleted(line) else line


def options(question: Question) -> tuple[str, ...]:
    """A choice question's options (its own list or its bundled vocabulary's, as the bank gives
    them); none when the vocabulary cannot be read: values are then kept as written."""
    try:
        return question.options
    except Exception:  # noqa: BLE001 - a vocabulary that cannot be read
        return ()


@lru_cache(maxsize=32)
def _by_key(listed: tuple[str, ...]) -> dict[str, str]:
    """Each option under its key; built once per option list (a vocabulary may hold 8,100 options)."""
    return {_key(o): o for o in listed}


@lru_cache(maxsize=32)
def _first_by_key(listed: tuple[str, ...]) -> dict[str, str]:
    """Each option under its key, the first in order where two share one (as a scan finds it):
    one pass over the options for a choice answer instead of one per test."""
    firsts: dict[str, str] = {}
    for option in listed:
        firsts.setdefault(_key(option), option)
    return firsts


def _reason(rest: str) -> str:
    rest = rest.strip()
    if rest.endswith(")") and "(" not in rest:
        rest = rest[:-1].rstrip()
    return rest


_CONNECTORS = {"and", "or", "both", "also", "as", "well"}


@lru_cache(maxsize=32)
def _folded(listed: tuple[str, ...]) -> str:
    """The options lower-cased, a line each, when all are ASCII (str.lower then maps each character
    alone); "" otherwise."""
    joined = "\n".join(listed)
    return joined.lower() if joined.isascii() else ""


def _in_no_option(words: Iterable[str], listed: tuple[str, ...]) -> bool:
    """Whether one of `words` (an answer's key words) is a word of no option's key: the words of
    `_key(option)` are runs of `option.lower()`'s characters, so a word found in none of the
    lower-cased options is in no key. One search of the options instead of a key for each (a
    vocabulary may hold 8,100 options); False, which proves nothing, for non-ASCII options."""
    folded = _folded(listed)
    return bool(folded) and any(word not in folded for word in words)


def pick_options(text: str, listed: tuple[str, ...]) -> tuple[str, ...] | None:
    """The options a multichoice answer names: a bulleted list of them, or them in a line joined by
    commas or "and" (options may hold commas themselves). None unless every part names an option."""
    if not listed:
        return None
    lines = [_unbulleted(line).strip().strip("*_ ") for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 or _bulleted(text.strip()):
        keys = [_key(line) for line in lines]
        if max(map(len, keys)) > 3 * max(map(len, listed)):
            return None  # a line no option's key can equal (lower() at most triples a text's length): prose
        if _in_no_option({word for key in keys for word in key.split()}, listed):
            return None  # a line whose key is no option's
        by_key = _by_key(listed)
        picked = [by_key.get(key) for key in keys]
        return tuple(dict.fromkeys(p for p in picked if p)) if all(picked) else None
    remaining = f" {_key(text)} "
    if _in_no_option(set(remaining.split()) - _CONNECTORS, listed):
        # a word no option's key holds stays in `remaining` whatever the options take out of it
        # (they take out whole words): the answer below would be None, after a key for each option
        return None
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
    label = _marker(_ANSWER_LABEL, _ANSWER_LABEL_OPENS, stripped) if ":" in stripped else None  # the label's colon
    if label:  # "A: ..." after "Q: ...?": the label is the layout, not the answer
        stripped = stripped[label.end():].strip()
    plain = stripped.strip("*_ ").strip()
    m = _marker(_NA, _NA_OPENS, plain)
    if m and "\n" not in plain[: m.end()]:
        return Placement(question.id, piece, "na", _reason(plain[m.end():]), score=score,
                         note=f'read "{plain[:m.end()].strip()}" as not applicable')
    m = _marker(_UNKNOWN, _UNKNOWN_OPENS, plain)
    if m and "\n" not in plain[: m.end()]:
        return Placement(question.id, piece, "unknown", _reason(plain[m.end():]), score=score,
                         note=f'read "{plain[:m.end()].strip()}" as unknown')
    if not question.type.is_list:  # text and line: kept as written
        return Placement(question.id, piece, "answered", stripped, score=score)
    # Only yes/no and option questions look at the first block and its key: a text answer (most
    # of a datasheet) would pay _key's pass over its whole first paragraph for nothing.
    # The first block's key matters only when an explanation follows it (and never to multichoice).
    head, rest = _first_block(stripped)
    if question.type == "yesno":
        head_key = _key(head) if rest else ""
        if head_key in ("yes", "no"):
            # "**Yes.**" then the explanation: the layout of a rendered datasheet
            return Placement(question.id, piece, "answered", rest, head_key, score=score, note=f'read as "{head_key}"')
        m = _marker(_YESNO, _YESNO_OPENS, plain)
        if m:
            value = m.group(1).lower()
            only = not plain[m.end():].strip()
            return Placement(question.id, piece, "answered", "" if only else stripped, value, score=score,
                             note=f'read as "{value}"' + ("" if only else ", the whole text kept as the explanation"))
        return Placement(question.id, piece, "answered", stripped, score=score,
                         note="no yes/no found: the text is kept as the explanation; pick yes or no")
    if question.type == "choice":
        listed = options(question)
        firsts = _first_by_key(listed)
        option = firsts.get(_key(head)) if rest else None
        if option is not None:
            return Placement(question.id, piece, "answered", rest, option, score=score,
                             note=f'read as the option "{option}"')
        exact = firsts.get(_key(plain))
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
        listed = head if _bulleted(head) else plain
        explanation = rest if listed is head else ""
        chosen = pick_options(listed, options(question))
        if chosen:
            return Placement(question.id, piece, "answered", explanation, chosen, score=score,
                             note="read as options " + ", ".join(f'"{c}"' for c in chosen))
        return Placement(question.id, piece, "answered", stripped, score=score,
                         note="no list of options found: the text is kept as the explanation; tick the options")
    return Placement(question.id, piece, "answered", stripped, score=score)

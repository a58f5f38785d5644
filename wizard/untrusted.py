"""The one boundary for text read from banks and drafts: nothing in it may reach a terminal as a control sequence.

A bank or draft may come from anyone. ESC starts terminal sequences (OSC 0 sets the window
title, OSC 52 writes the clipboard, CSI 2J clears the screen); other C0/C1 controls move the
cursor or ring the bell; bidirectional overrides make text read differently from what it is
("Trojan Source"). `shown` turns each into visible text: `\\x1b`, `\\x07`, `<U+202E>`. Newline
and tab stay. The same escaping has a form for JSON strings (`\\u001b`, still the same value
when parsed) and for HTML text (`&lt;U+202E&gt;`).
"""

from __future__ import annotations

import html as _html
import re

# C0 controls but \t and \n, DEL, C1 controls, and the bidi embeddings/overrides/isolates. A
# pattern's text: re compiles it the first time text holds one of them (see has_unsafe) and keeps it.
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def shown(text: str, form: str = "text") -> str:
    """`text` with every control character and bidi override written out visibly.

    form "text" (terminal, Markdown): `\\x1b`, `<U+202E>`. form "json": the character as a JSON
    escape (`\\u001b`), for text already inside a JSON string: the parsed value is unchanged.
    form "html": the text form, HTML-escaped. form "markup": the text form, for a Textual or rich
    markup string (every `[` literal). Text with nothing to escape is returned as is, so calling
    it twice (in forms text, json, html) changes nothing.
    """
    if not isinstance(text, str):
        text = str(text)
    if form == "markup":
        return _markup_literal(shown(text))
    if not has_unsafe(text):
        return text
    if form == "json":
        return re.sub(UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
    if form == "html":
        return re.sub(UNSAFE, lambda m: _html.escape(_visible(m.group())), text)
    return re.sub(UNSAFE, lambda m: _visible(m.group()), text)


# The ASCII characters that are safe to show: tab, newline and the printable ones.
_ASCII_SAFE = bytes([9, 10, *range(0x20, 0x7f)])


def has_unsafe(text: str) -> bool:
    """True when `text` holds a character that `shown` would escape.

    Each of them is unprintable (Cc or Cf), so text that is printable but for its newlines and tabs
    holds none: it is told so without the pattern, whose non-ASCII class costs more to compile than
    a short command's whole work (4.6 M instructions)."""
    if text.isascii():
        # Its only unsafe characters are the bytes below 0x20 but tab and newline, and 0x7f: deleting
        # every other byte leaves nothing. One pass at a few instructions a byte, where isprintable
        # looks each character up in Unicode's tables (1.3 M instructions for a 30 KB draft's answers).
        return bool(text.encode("ascii").translate(None, _ASCII_SAFE))
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return False
    return re.search(UNSAFE, text) is not None


def _markup_literal(text: str) -> str:
    """Markup escapers only escape brackets that look like tags, but the text of an escape sequence
    (`\\x1b[2J…[/b]`) can still open one: every bracket is escaped, and a trailing backslash,
    which would escape the closing tag after it, is kept from touching it (a zero-width space)."""
    text = text.replace("[", "\\[")
    return text + "\u200b" if text.endswith("\\") else text


def pictured(text: str) -> str:
    """`text` with each control character or bidi override replaced by ONE visible character, for
    editors, where the text on screen must keep the length of the text edited (cursor, selection):
    C0 controls and DEL by their Unicode control pictures (ESC as ␛), C1 controls and bidi
    overrides by U+FFFD. The answer itself is not changed."""
    if not has_unsafe(text):
        return text
    return re.sub(UNSAFE, _picture, text)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"

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

# C0 controls but \t and \n, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def shown(text: str, form: str = "text") -> str:
    """`text` with every control character and bidi override written out visibly.

    form "text" (terminal, Markdown): `\\x1b`, `<U+202E>`. form "json": the character as a JSON
    escape (`\\u001b`), for text already inside a JSON string: the parsed value is unchanged.
    form "html": the text form, HTML-escaped. Text with nothing to escape is returned as is, so
    calling it twice changes nothing.
    """
    if not isinstance(text, str):
        text = str(text)
    if not UNSAFE.search(text):
        return text
    if form == "json":
        return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if form == "html":
        return UNSAFE.sub(lambda m: _html.escape(_visible(m.group())), text)
    return UNSAFE.sub(lambda m: _visible(m.group()), text)


def has_unsafe(text: str) -> bool:
    """True when `text` holds a character that `shown` would escape."""
    return bool(UNSAFE.search(text))

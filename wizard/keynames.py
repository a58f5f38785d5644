"""Key strings in Textual's spelling ("ctrl+n", "f1", "escape", "alt+ctrl+x"), UI-free: reading what
an author wrote in config.toml, and showing a key as hints show it ("^n"). wizard.keymap defines the
app's keys with them.
"""

from __future__ import annotations

MODIFIERS = ("alt", "ctrl", "shift")  # the order Textual reports them in (sorted)
_MODIFIER_ALIASES = {"control": "ctrl", "option": "alt"}
# Named keys and how hints show them (Textual's `format_key`).
NAMED_KEYS = {
    "escape": "esc", "enter": "⏎", "tab": "tab", "space": "space", "backspace": "⌫", "delete": "del",
    "insert": "insert", "home": "home", "end": "end", "pageup": "pgup", "pagedown": "pgdn",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
}
_NAMED_ALIASES = {"esc": "escape", "return": "enter", "del": "delete", "ins": "insert", "pgup": "pageup",
                  "pgdn": "pagedown", "page_up": "pageup", "page_down": "pagedown"}
PUNCTUATION = {
    "comma": ",", "full_stop": ".", "slash": "/", "backslash": "\\", "semicolon": ";", "colon": ":",
    "apostrophe": "'", "grave_accent": "`", "left_square_bracket": "[", "right_square_bracket": "]",
    "minus": "-", "equals_sign": "=", "plus": "+", "underscore": "_", "question_mark": "?", "number_sign": "#",
}
_PUNCTUATION_NAMES = {char: name for name, char in PUNCTUATION.items()}
# What terminals send for these is the same byte as another key: a binding to them never fires.
_SAME_AS = {"ctrl+i": "tab", "ctrl+m": "enter", "ctrl+h": "backspace", "ctrl+left_square_bracket": "escape"}
_FUNCTION_KEYS = {f"f{n}" for n in range(1, 25)}
_MOVING_KEYS = {"enter", "tab", "space", "backspace", "delete", "insert", "home", "end", "pageup", "pagedown",
                "up", "down", "left", "right"}


def read_key(text: str) -> tuple[str, str]:
    """(the key in Textual's spelling, "") for a key string Textual understands, else ("", why not).

    Forgiving where the meaning is plain: any case, any modifier order ("Shift+Ctrl+A" is
    "ctrl+shift+a"), "esc" or "return", a punctuation character for its name ("ctrl+/").
    """
    if not isinstance(text, str) or not text.strip():
        return "", "a key is a string such as \"ctrl+j\" or \"f5\""
    if "," in text:
        return "", "give one key, such as \"ctrl+j\" (a list of keys is not supported)"
    raw = text.strip()
    if raw == "+":
        tokens = ["+"]
    elif raw.endswith("++"):  # "ctrl++": the plus key
        tokens = [*raw[:-2].split("+"), "+"]
    else:
        tokens = raw.split("+")
    if any(not token.strip() for token in tokens):
        return "", "join modifiers and one key with \"+\", such as \"ctrl+j\" or \"alt+shift+n\""
    *mods, base = (t.strip() for t in tokens)
    modifiers: list[str] = []
    for mod in mods:
        name = _MODIFIER_ALIASES.get(mod.lower(), mod.lower())
        if name not in MODIFIERS:
            return "", (f"\"{mod}\" is not a modifier: use ctrl, alt or shift, joined to the key with \"+\" "
                        "(\"ctrl+j\", \"alt+shift+n\")")
        if name in modifiers:
            return "", f"\"{name}\" is given twice"
        modifiers.append(name)
    key = _key_name(base)
    if not key:
        return "", (f"\"{base}\" is not a key: use a letter, a digit, f1 to f24, or a named key "
                    f"({', '.join(sorted(NAMED_KEYS))}, or punctuation such as slash or comma)")
    canonical = "+".join([m for m in MODIFIERS if m in modifiers] + [key])
    if canonical in _SAME_AS:
        return "", f"terminals send {canonical} as {_SAME_AS[canonical]}: the app would never see it"
    return canonical, ""


def _key_name(base: str) -> str:
    if len(base) == 1:
        if base.isascii() and base.isalnum():
            return base.lower()
        return _PUNCTUATION_NAMES.get(base, "")
    name = base.lower()
    name = _NAMED_ALIASES.get(name, name)
    if name in NAMED_KEYS or name in PUNCTUATION or name in _FUNCTION_KEYS:
        return name
    return ""


def types_text(key: str) -> bool:
    """A key that types or moves the cursor in a text field (a letter, an arrow, with shift at most)."""
    *mods, base = key.split("+")
    if set(mods) - {"shift"}:
        return False
    return len(base) == 1 or base in PUNCTUATION or base in _MOVING_KEYS


def key_display(key: str) -> str:
    """How hints show a key, as Textual's `App.get_key_display` does: "^n", "f1", "esc", "alt+^x"."""
    *mods, base = key.split("+")
    shown = NAMED_KEYS.get(base) or PUNCTUATION.get(base) or base
    if "ctrl" in mods:
        mods = [m for m in mods if m != "ctrl"]
        shown = f"^{shown}"
    return "+".join([*mods, shown])

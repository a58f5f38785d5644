"""Every key of the full-screen app, defined once: the app's bindings, footer, help screen and command
palette, `--help` and the README's key table are all derived from `KEYS` (and the author's remaps
in config.toml, read by `load_keymap`). No UI import: `--help` and the tests read it without Textual.

Key strings are Textual's spelling ("ctrl+n", "f1", "escape", "alt+ctrl+x"): what a `Binding`
takes and what `[keys]` in config.toml holds. `key_display` turns one into what hints show ("^n").
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from wizard.keynames import key_display, read_key, types_text

SCREENS = ("start", "question", "outline", "preview", "review", "help")
EVERYWHERE = "*"
# Screens with text fields (the start form, the answer editors, the review's output path): a key
# that types or moves the cursor there cannot be a command there.
TEXT_SCREENS = frozenset({"start", "question", "review"})


@dataclass(frozen=True)
class KeySpec:
    id: str  # stable id: the Textual Binding id and the name in config.toml [keys]
    key: str  # default key in Textual spelling: "ctrl+n", "f1", "ctrl+p"
    action: str  # Textual action name: "next", "mark_na", "command_palette"
    label: str  # short footer label: "Next"
    help: str  # one line: help screen, command palette help, --help epilog, README table
    screens: frozenset[str]  # where it works: {"*"} everywhere, else names from SCREENS
    show: bool = True  # shown in the footer where it works
    priority: bool = False  # outranks the focused widget's bindings and a modal screen's (see KEYS)
    palette: str | None = None  # the command palette's entry name, if it has one ("mark: not applicable")

    def works_on(self, screen: str) -> bool:
        return EVERYWHERE in self.screens or screen in self.screens


def _on(*screens: str) -> frozenset[str]:
    return frozenset(screens)


# Footer order: each screen's own keys first, then the question keys, then the keys that work
# everywhere. Priority: ctrl+e must outrank the answer editor's "end of line" and ctrl+w the review's
# path field's "delete word"; quit, help and the palette must reach past a modal screen (outline,
# help, a dialog), which hides the app's other bindings (Textual's own ctrl+q and ctrl+p are
# priority bindings for that reason).
KEYS: tuple[KeySpec, ...] = (
    KeySpec("new", "ctrl+n", "focus_new", "New datasheet", "go to the new datasheet's name field", _on("start")),
    KeySpec("write", "ctrl+w", "write", "Write datasheet",
            "write the datasheet to the path shown (and HTML next to it, if ticked)", _on("review"), priority=True),
    KeySpec("contents", "t", "toggle_toc", "Contents", "show or hide the preview's table of contents",
            _on("preview")),
    KeySpec("back_to_writing", "escape", "close", "Back to writing", "back to the question you were on",
            _on("preview", "review")),
    KeySpec("close", "escape", "close", "Close", "close this screen", _on("outline", "help")),
    KeySpec("close_help", "q", "close", "Close", "close the help", _on("help"), show=False),
    KeySpec("next", "ctrl+n", "next", "Next", "next question (saves); at the last one, the review screen",
            _on("question")),
    KeySpec("back", "ctrl+b", "back", "Back", "previous question (saves)", _on("question")),
    KeySpec("outline", "ctrl+o", "outline", "Outline",
            "outline: every section and question with its state; Enter jumps there; press again to close",
            _on("question", "outline", "preview", "review"), palette="outline"),
    KeySpec("preview", "ctrl+r", "preview", "Preview",
            "preview the datasheet exactly as the render command writes it; press again to close",
            _on("question", "preview", "review"), palette="preview"),
    KeySpec("mark_na", "ctrl+t", "mark_na", "N/A",
            "mark the question not applicable, with an optional reason (typing an answer undoes it)",
            _on("question"), palette="mark: not applicable"),
    KeySpec("mark_unknown", "ctrl+g", "mark_unknown", "Unknown",
            "mark the question unknown, with an optional reason (typing an answer undoes it)",
            _on("question"), palette="mark: unknown"),
    KeySpec("review", "ctrl+f", "review", "Finish",
            "review what is missing (required first), then write the datasheet",
            _on("question", "preview"), palette="finish: review and write the datasheet"),
    KeySpec("save", "ctrl+s", "save", "Save", "save now (autosave runs anyway, within a second)", _on("question"),
            show=False, palette="save now"),
    KeySpec("external_editor", "ctrl+e", "external_editor", "$EDITOR", "edit the answer in $VISUAL or $EDITOR",
            _on("question"), show=False, priority=True, palette="edit in $EDITOR"),
    KeySpec("toggle_guide", "f2", "toggle_guide", "Guidance", "show or hide the guidance panel", _on("question"),
            show=False, palette="toggle guidance panel"),
    KeySpec("quit", "ctrl+q", "quit", "Quit", "quit; the draft is saved first", _on(EVERYWHERE), priority=True),
    KeySpec("help", "f1", "help", "Help",
            "help: every key, where the draft lives, the bank's source; press again to close",
            _on(EVERYWHERE), priority=True, palette="help"),
    KeySpec("command_palette", "ctrl+p", "command_palette", "Palette",
            "command palette: go to any question or section, export, mark, show kept answers, themes",
            _on(EVERYWHERE), priority=True),
)

_BY_ID = {spec.id: spec for spec in KEYS}


def by_id(id: str) -> KeySpec:  # noqa: A002 - the field's name
    """The spec with this id; KeyError for an id that is not one (a typo in our code, not the author's)."""
    return _BY_ID[id]


@dataclass(frozen=True)
class EditingKey:
    """A key Textual's own text fields handle: documented beside ours, never bound or remapped by us."""

    key: str
    label: str
    help: str
    screens: frozenset[str]


# Textual 8.2's TextArea (multi-line answers, explanation boxes) and Input (one-line answers and
# fields); Input keeps no undo history.
EDITING: tuple[EditingKey, ...] = (
    EditingKey("ctrl+z", "Undo", "undo (multi-line answers)", _on("question")),
    EditingKey("ctrl+y", "Redo", "redo (multi-line answers)", _on("question")),
    EditingKey("ctrl+x", "Cut", "cut the selection", TEXT_SCREENS),
    EditingKey("ctrl+c", "Copy", "copy the selection (to the terminal's clipboard, where it allows)", TEXT_SCREENS),
    EditingKey("ctrl+v", "Paste", "paste", TEXT_SCREENS),
    EditingKey("f7", "Select all", "select all (multi-line answers)", _on("question")),
    EditingKey("ctrl+shift+a", "Select all", "select all (one-line fields)", TEXT_SCREENS),
)


@dataclass(frozen=True)
class Command:
    """A command palette entry of the app's own (the "go:" entries are made from the bank)."""

    name: str
    help: str
    action: str
    key_id: str | None = None  # the key that does the same, if any


def _palette(*entries: str | Command) -> tuple[Command, ...]:
    commands = []
    for entry in entries:
        if isinstance(entry, Command):
            commands.append(entry)
        else:
            spec = _BY_ID[entry]
            if spec.palette is None:
                raise ValueError(f"{spec.id} has no palette name")
            commands.append(Command(spec.palette, spec.help, spec.action, spec.id))
    return tuple(commands)


# The palette's own entries in the order it lists them: those with a key take name and help from KEYS.
PALETTE: tuple[Command, ...] = _palette(
    "outline",
    "preview",
    "review",
    Command("export: Markdown", "Write the datasheet next to the draft", "review", "review"),
    Command("export: Croissant", "Write Croissant 1.1 + RAI metadata (NAME.croissant.json) next to the draft",
            "export_croissant"),
    Command("export: Hugging Face card", "Write a Hugging Face dataset card (NAME.README.md) next to the draft",
            "export_hf"),
    "mark_na",
    "mark_unknown",
    "save",
    "external_editor",
    Command("show kept answers", "Answers whose questions left the bank", "show_orphans"),
    "toggle_guide",
    "help",
)


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return EVERYWHERE in a or EVERYWHERE in b or bool(a & b)


def _where(screens: frozenset[str]) -> str:
    if EVERYWHERE in screens:
        return "everywhere"
    return ", ".join(s for s in SCREENS if s in screens)


# --------------------------------------------------------------------------- the author's keymap


@dataclass(frozen=True)
class Keymap:
    keys: dict[str, str]  # id -> key actually in force (defaults overlaid with config)
    remapped: dict[str, str]  # only the ids config.toml changed (what App.set_keymap wants)
    problems: tuple[str, ...]  # config problems in the author's words; loading never raises

    def key(self, id: str) -> str:  # noqa: A002
        return self.keys[id]

    def display(self, id: str) -> str:  # noqa: A002
        """How hints show the key in force for `id` ("^n", "f1"): the same spelling everywhere."""
        return key_display(self.keys[id])


def default_keymap() -> Keymap:
    return Keymap({spec.id: spec.key for spec in KEYS}, {}, ())


def working_on(screen: str, keymap: Keymap | None = None) -> list[KeySpec]:
    """The keys that work on `screen`, in footer order, each with the key in force in `keymap`."""
    keymap = keymap or default_keymap()
    return [replace(spec, key=keymap.key(spec.id)) for spec in KEYS if spec.works_on(screen)]


def editing_on(screen: str) -> list[EditingKey]:
    """Textual's own editing keys that work in the text fields of `screen`."""
    return [key for key in EDITING if screen in key.screens]


def config_path() -> Path:
    """Where the author's config.toml lives: $XDG_CONFIG_HOME/datasheet-wizard (else ~/.config/...) on
    Linux and macOS, %APPDATA%\\datasheet-wizard on Windows."""
    from wizard.folders import APP

    if sys.platform == "win32":
        base = os.environ.get("APPDATA", "").strip() or os.path.expanduser(r"~\AppData\Roaming")
    else:
        base = os.environ.get("XDG_CONFIG_HOME", "").strip()
        if not os.path.isabs(base):  # the XDG spec: a relative path is ignored
            base = os.path.expanduser("~/.config")
    return Path(base) / APP / "config.toml"


CONFIG_LIMIT = 1 << 20  # a settings file; anything larger is a mistake


def load_keymap(path: Path | None = None) -> Keymap:
    """The keys in force: the defaults, with the remaps in `path`'s `[keys]` table (`next = "ctrl+j"`).

    A missing file means the defaults and no problems. Everything else that is wrong (unreadable
    file, broken TOML, an unknown id, a key Textual does not understand, two ids on one key where
    both work) is a problem in `problems`, and the remaps concerned are left out. Never raises.
    """
    from wizard.untrusted import shown

    path = config_path() if path is None else path
    where = shown(str(path))
    defaults = default_keymap()
    table, problem = _read_keys_table(path, where)
    if problem:
        return replace(defaults, problems=(problem,))
    problems: list[str] = []
    wanted: dict[str, str] = {}
    for name, value in table.items():
        entry = f"{where}: [keys] {shown(name)}"
        if name not in _BY_ID:
            problems.append(f"{entry}: no such key id{_did_you_mean(name)}. The ids are in the key table of "
                            "the README and in `datasheet-wizard --help`.")
            continue
        if not isinstance(value, str):
            problems.append(f"{entry}: the key must be a string in quotes, such as \"ctrl+j\".")
            continue
        key, why = read_key(value)
        if why:
            problems.append(f"{entry} = \"{shown(value)}\": {why}.")
            continue
        spec = _BY_ID[name]
        clash = _clash_with_editing(spec, key)
        if clash:
            problems.append(f"{entry} = \"{shown(value)}\": {clash}; the default {spec.key} stays.")
            continue
        if key != spec.key:
            wanted[name] = key
    keys = _settle_clashes(defaults.keys, wanted, where, problems)
    remapped = {id_: key for id_, key in keys.items() if key != _BY_ID[id_].key}
    return Keymap(keys, remapped, tuple(problems))


def _read_keys_table(path: Path, where: str) -> tuple[dict[str, object], str]:
    """The `[keys]` table of the config file (empty when there is no file), or a problem."""
    import tomllib

    from wizard.files import NotRegularFile, TooLarge, read_regular

    fallback = "the default keys are used"
    try:
        data = read_regular(path, CONFIG_LIMIT)
    except FileNotFoundError:
        return {}, ""
    except IsADirectoryError:
        return {}, f"{where} is a folder, not a settings file; {fallback}."
    except NotRegularFile as exc:
        return {}, f"{where} is {exc.kind}, not a settings file; {fallback}."
    except TooLarge as exc:
        return {}, f"{where} is {exc.size:,} bytes, too large for a settings file; {fallback}."
    except OSError as exc:
        return {}, f"Cannot read {where}: {exc.strerror or exc}; {fallback}."
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, f"{where} is not UTF-8 text; {fallback}."
    except tomllib.TOMLDecodeError as exc:
        return {}, f"{where} is not valid TOML ({exc}); {fallback}."
    keys = document.get("keys", {})
    if not isinstance(keys, dict):
        return {}, f"{where}: \"keys\" must be a table ([keys] with lines such as next = \"ctrl+j\"); {fallback}."
    return keys, ""


def _did_you_mean(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(_BY_ID), n=1)
    return f"; did you mean \"{close[0]}\"?" if close else ""


def _clash_with_editing(spec: KeySpec, key: str) -> str:
    """Why `key` cannot be `spec`'s, given the text fields where it works; "" when it can."""
    typing_here = EVERYWHERE in spec.screens or bool(spec.screens & TEXT_SCREENS)
    if typing_here and types_text(key):
        return "that key types or moves the cursor in text fields; choose one with ctrl or alt, or f1 to f24"
    for editing in EDITING:
        if editing.key == key and _overlap(spec.screens, editing.screens):
            return f"{key} is {editing.label.lower()} in the text fields"
    return ""


def _settle_clashes(defaults: dict[str, str], wanted: dict[str, str], where: str, problems: list[str]) -> dict[str, str]:
    """Overlay `wanted` on the defaults; where two ids end on one key on a screen where both work,
    the remapped ones among them go back to their defaults (repeated: that may clash in turn)."""
    wanted = dict(wanted)
    while True:
        keys = defaults | wanted
        dropped: set[str] = set()
        for i, a in enumerate(KEYS):
            for b in KEYS[i + 1:]:
                if keys[a.id] != keys[b.id] or not _overlap(a.screens, b.screens):
                    continue
                mine = [s for s in (a, b) if s.id in wanted]
                if not mine:
                    continue
                both = " and ".join(f"{s.id} ({_where(s.screens)})" for s in (a, b))
                back = ", ".join(f"{s.id} keeps {s.key}" for s in mine)
                problems.append(f"{where}: [keys] {both} would both be {keys[a.id]}; {back}.")
                dropped.update(s.id for s in mine)
        if not dropped:
            return keys
        for id_ in dropped:
            wanted.pop(id_, None)


# --------------------------------------------------------------------------- documentation


def _groups() -> list[tuple[str, list[KeySpec]]]:
    """KEYS by where they work: the question screen's, everywhere, then each other screen's own."""
    question = [s for s in KEYS if EVERYWHERE not in s.screens and "question" in s.screens]
    groups = [("question", question), ("everywhere", [s for s in KEYS if EVERYWHERE in s.screens])]
    groups += [(screen, [s for s in KEYS if EVERYWHERE not in s.screens and screen in s.screens])
               for screen in SCREENS if screen != "question"]
    return groups


def epilog_lines(path: Path | None = None) -> list[str]:
    """The `--help` lines on keys: the defaults by screen with their ids, and where to remap them."""
    import textwrap

    where = config_path() if path is None else path
    wrap = partial(textwrap.wrap, width=100, break_on_hyphens=False, break_long_words=False)
    lines = wrap(f"keys in the app (each followed by its id; remap one in {where}, e.g. [keys] next = \"ctrl+j\"):")
    for name, specs in _groups():
        lines += wrap(f"{name}: " + ", ".join(f"{spec.key} {spec.id}" for spec in specs),
                      initial_indent="  ", subsequent_indent="    ")
    editing = ", ".join(f"{k.key} {k.label.lower()}" for k in EDITING)
    lines += wrap(f"in text fields (Textual's own): {editing}", initial_indent="  ", subsequent_indent="    ")
    return lines


TABLE_HEADER = ("key", "id", "where", "what")


def table_rows() -> list[tuple[str, str, str, str]]:
    """The README key table's rows: every key of ours, then Textual's editing keys (no id: not remappable)."""
    seen: set[str] = set()
    rows = []
    for _name, specs in _groups():
        for spec in specs:
            if spec.id not in seen:
                seen.add(spec.id)
                rows.append((spec.key, spec.id, _where(spec.screens), spec.help))
    rows += [(k.key, "", _where(k.screens), k.help) for k in EDITING]
    return rows


def markdown_table() -> str:
    """The README's key table, generated from KEYS and EDITING."""
    lines = ["| " + " | ".join(TABLE_HEADER) + " |", "| --- | --- | --- | --- |"]
    for key, id_, where, what in table_rows():
        lines.append(f"| `{key}` | {f'`{id_}`' if id_ else ''} | {where} | {what} |")
    return "\n".join(lines) + "\n"


README_START = "<!-- keys: generated from wizard/keymap.py by `python -m wizard.keymap README.md` -->"
README_END = "<!-- /keys -->"


def update_readme(path: Path) -> bool:
    """Put the current key table between the README's markers; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    start = text.index(README_START) + len(README_START)
    end = text.index(README_END, start)
    new = text[:start] + "\n\n" + markdown_table() + "\n" + text[end:]  # blank lines: the table stands apart
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


if __name__ == "__main__":  # python -m wizard.keymap [README.md]: print the table, or update the README's
    if len(sys.argv) > 1:
        print("updated" if update_readme(Path(sys.argv[1])) else "unchanged")
    else:
        print(markdown_table(), end="")

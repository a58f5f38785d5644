"""wizard/keymap.py: every key defined once, the author's remaps in config.toml, and the places
that describe keys (`--help`, the README's key table) agreeing with it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.cli import run_cli, run_python
from tests.helpers.paths import ROOT
from wizard import keymap, keynames
from wizard.keynames import key_display, read_key
from wizard.keymap import (
    EDITING,
    EVERYWHERE,
    KEYS,
    PALETTE,
    SCREENS,
    by_id,
    config_path,
    default_keymap,
    load_keymap,
    working_on,
)

# --------------------------------------------------------------------------- the registry


def test_ids_are_unique_and_screens_are_known():
    assert len({spec.id for spec in KEYS}) == len(KEYS)
    for spec in KEYS:
        assert spec.screens, spec.id
        assert spec.screens <= {*SCREENS, EVERYWHERE}, spec.id
        assert EVERYWHERE not in spec.screens or spec.screens == {EVERYWHERE}, spec.id
        assert spec.label and spec.help and spec.action, spec.id
        assert "|" not in spec.help and "\n" not in spec.help, spec.id  # one line, one table cell
        assert by_id(spec.id) is spec
    with pytest.raises(KeyError):
        by_id("no-such-key")


def test_default_keys_are_canonical_textual_keys():
    for spec in [*KEYS, *EDITING]:
        assert read_key(spec.key) == (spec.key, ""), spec.key


def test_no_two_default_keys_meet_on_one_screen():
    for i, a in enumerate(KEYS):
        for b in KEYS[i + 1:]:
            if a.key == b.key:
                assert EVERYWHERE not in a.screens | b.screens and not a.screens & b.screens, (a.id, b.id)


def test_the_start_screen_offers_only_what_works_there():
    """The issue: the start screen's footer advertised ^b/^o/^r/^t/^g, which do nothing there."""
    start = {spec.id for spec in working_on("start")}
    assert start == {"new", "quit", "help", "command_palette"}
    question = [spec.id for spec in working_on("question")]
    assert question[:4] == ["next", "back", "outline", "preview"]
    assert "review" in question and by_id("review").show  # the question screen shows how to finish
    assert {"write", "back_to_writing"} <= {spec.id for spec in working_on("review")}
    assert {"close", "close_help", "help"} <= {spec.id for spec in working_on("help")}
    for screen in SCREENS:  # ctrl+q, f1 and ctrl+p work everywhere
        assert {"quit", "help", "command_palette"} <= {spec.id for spec in working_on(screen)}


def test_working_on_gives_the_keys_in_force():
    keymap = load_keymap_from("[keys]\nnext = 'ctrl+j'\n")
    nxt = next(spec for spec in working_on("question", keymap) if spec.id == "next")
    assert nxt.key == "ctrl+j" and nxt.label == "Next"
    assert by_id("next").key == "ctrl+n"  # the registry itself does not change


def test_every_action_exists_where_the_key_works():
    from wizard.app.app import WizardApp
    from wizard.app.screens.help import HelpScreen
    from wizard.app.screens.outline import OutlineScreen
    from wizard.app.screens.preview import PreviewScreen
    from wizard.app.screens.question import QuestionScreen
    from wizard.app.screens.review import ReviewScreen
    from wizard.app.screens.start import StartScreen

    classes = {"start": StartScreen, "question": QuestionScreen, "outline": OutlineScreen,
               "preview": PreviewScreen, "review": ReviewScreen, "help": HelpScreen}
    for spec in KEYS:
        handlers = [WizardApp] + [classes[s] for s in spec.screens if s != EVERYWHERE]
        assert any(hasattr(cls, f"action_{spec.action}") for cls in handlers), spec.id
    for command in PALETTE:
        assert hasattr(WizardApp, f"action_{command.action}"), command.name


def test_the_palette_lists_each_named_key_once():
    named = [spec.id for spec in KEYS if spec.palette]
    keyed = [command.key_id for command in PALETTE if command.key_id and command.name == by_id(command.key_id).palette]
    assert sorted(named) == sorted(keyed)
    assert len({command.name for command in PALETTE}) == len(PALETTE)
    for command in PALETTE:
        if command.key_id:
            assert by_id(command.key_id).action == command.action


def test_editing_keys_are_textuals_own():
    """Documented, not bound by us: each is a binding of Textual's TextArea or Input, as installed."""
    from textual.widgets import Input, TextArea

    def bound(widget: type) -> dict[str, str]:
        return {key.strip(): b.action for b in widget.BINDINGS for key in b.key.split(",")}  # type: ignore[union-attr]

    area, line = bound(TextArea), bound(Input)
    assert area["ctrl+z"] == "undo" and area["ctrl+y"] == "redo" and area["f7"] == "select_all"
    assert line["ctrl+shift+a"] == "select_all"
    for key, action in (("ctrl+x", "cut"), ("ctrl+c", "copy"), ("ctrl+v", "paste")):
        assert area[key] == action and line[key] == action
    assert {k.key for k in EDITING} == {"ctrl+z", "ctrl+y", "ctrl+x", "ctrl+c", "ctrl+v", "f7", "ctrl+shift+a"}


# --------------------------------------------------------------------------- key strings


@pytest.mark.parametrize(("text", "key"), [
    ("ctrl+j", "ctrl+j"), ("Ctrl+J", "ctrl+j"), ("shift+ctrl+a", "ctrl+shift+a"), ("ctrl+alt+x", "alt+ctrl+x"),
    ("control+k", "ctrl+k"), ("F5", "f5"), ("f24", "f24"), ("esc", "escape"), ("ctrl+/", "ctrl+slash"),
    ("ctrl++", "ctrl+plus"), ("alt+up", "alt+up"), (" ctrl+j ", "ctrl+j"), ("ctrl+pgdn", "ctrl+pagedown"),
    ("c", "c"), ("7", "7"),
])
def test_read_key_accepts_and_normalises(text, key):
    assert read_key(text) == (key, "")


@pytest.mark.parametrize(("text", "why"), [
    ("", "a key is a string"), ("ctlr+j", "\"ctlr\" is not a modifier"), ("hyper+x", "not a modifier"),
    ("ctrl+", "join modifiers"), ("+j", "join modifiers"), ("ctrl+ctrl+x", "given twice"),
    ("f25", "\"f25\" is not a key"), ("ctrl+enterr", "\"enterr\" is not a key"), ("ctrl+é", "is not a key"),
    ("ctrl+j,ctrl+k", "give one key"), ("ctrl+i", "as tab"), ("ctrl+m", "as enter"),
])
def test_read_key_explains_what_it_refuses(text, why):
    key, problem = read_key(text)
    assert key == "" and why in problem


def test_names_and_displays_are_textuals():
    from textual.app import App
    from textual.binding import Binding
    from textual.keys import Keys, _character_to_key

    names = {k.value for k in Keys}
    assert set(keynames.NAMED_KEYS) <= names
    assert {f"f{n}" for n in range(1, 25)} <= names
    for name, char in keynames.PUNCTUATION.items():
        assert _character_to_key(char) == name
    app = App()
    samples = [spec.key for spec in KEYS] + [k.key for k in EDITING] + [
        "ctrl+j", "alt+ctrl+x", "ctrl+shift+a", "shift+tab", "alt+up", "ctrl+slash", "ctrl+plus", "f13",
        "pagedown", "ctrl+delete", "space", "enter", "ctrl+minus", "alt+backspace"]
    for key in samples:
        assert key_display(key) == app.get_key_display(Binding(key, "x")), key
    assert default_keymap().display("next") == "^n" and default_keymap().display("help") == "f1"


# --------------------------------------------------------------------------- config.toml


def load_keymap_from(text: str | bytes, tmp: Path | None = None) -> keymap.Keymap:
    folder = tmp or Path(os.environ["XDG_CONFIG_HOME"])
    path = folder / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_keymap(path)


def test_config_path_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert config_path() == tmp_path / "datasheet-wizard" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # the XDG spec: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_path() == tmp_path / "home" / ".config" / "datasheet-wizard" / "config.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert config_path() == tmp_path / "home" / ".config" / "datasheet-wizard" / "config.toml"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert config_path() == tmp_path / "Roaming" / "datasheet-wizard" / "config.toml"


def test_a_missing_config_means_the_defaults(tmp_path):
    for path in (tmp_path / "config.toml", None):  # None: config_path(), in the test's empty config folder
        keys = load_keymap(path)
        assert keys == default_keymap()
        assert keys.problems == () and keys.remapped == {}
        assert keys.key("next") == "ctrl+n" and keys.display("quit") == "^q"


def test_a_valid_remap_is_in_force():
    keys = load_keymap_from('# mine\n[keys]\nnext = "ctrl+j"\nhelp = "F3"\ncontents = "c"\n[other]\nx = 1\n')
    assert keys.problems == ()
    assert keys.remapped == {"next": "ctrl+j", "help": "f3", "contents": "c"}
    assert keys.key("next") == "ctrl+j" and keys.display("next") == "^j" and keys.display("help") == "f3"
    assert keys.key("back") == "ctrl+b"  # the rest keep their defaults
    assert load_keymap_from("[keys]\nnext = 'ctrl+n'\n").remapped == {}  # the default again: nothing remapped


def test_swapping_two_keys_is_not_a_clash():
    keys = load_keymap_from('[keys]\nnext = "ctrl+b"\nback = "ctrl+n"\n')
    assert keys.problems == () and keys.remapped == {"next": "ctrl+b", "back": "ctrl+n"}


def test_a_key_used_on_other_screens_only_is_free():
    keys = load_keymap_from('[keys]\nnew = "ctrl+t"\nwrite = "ctrl+n"\n')  # start and review: no ctrl+t, ctrl+n there
    assert keys.problems == () and keys.remapped == {"new": "ctrl+t", "write": "ctrl+n"}


def only_problem(keys: keymap.Keymap) -> str:
    assert len(keys.problems) == 1, keys.problems
    return keys.problems[0]


def test_an_unknown_id_is_named_with_a_suggestion():
    keys = load_keymap_from('[keys]\nnxt = "ctrl+j"\nback = "ctrl+k"\n')
    problem = only_problem(keys)
    assert "[keys] nxt" in problem and 'did you mean "next"' in problem and "config.toml" in problem
    assert keys.remapped == {"back": "ctrl+k"}  # the good line still counts


def test_a_key_textual_would_not_understand():
    keys = load_keymap_from('[keys]\nnext = "ctlr+j"\n')
    problem = only_problem(keys)
    assert '[keys] next = "ctlr+j"' in problem and "not a modifier" in problem
    assert keys.key("next") == "ctrl+n" and keys.remapped == {}


def test_a_key_must_be_a_string():
    problem = only_problem(load_keymap_from("[keys]\nnext = 5\n"))
    assert "[keys] next" in problem and "string" in problem


def test_two_ids_on_one_key_both_keep_their_defaults():
    keys = load_keymap_from('[keys]\nnext = "ctrl+j"\nback = "ctrl+j"\n')
    problem = only_problem(keys)
    assert "next (question) and back (question) would both be ctrl+j" in problem
    assert "next keeps ctrl+n" in problem and "back keeps ctrl+b" in problem
    assert keys.remapped == {} and keys.key("next") == "ctrl+n"


def test_a_remap_onto_a_default_key_is_refused():
    keys = load_keymap_from('[keys]\nquit = "ctrl+n"\n')  # ctrl+n is next (question) and new (start)
    assert len(keys.problems) == 2 and all("quit keeps ctrl+q" in p for p in keys.problems)
    assert keys.key("quit") == "ctrl+q" and keys.remapped == {}


def test_a_refused_remap_can_free_nothing_it_took():
    """next moves to ctrl+b, but back's move is refused: back keeps ctrl+b, so next cannot have it."""
    keys = load_keymap_from('[keys]\nnext = "ctrl+b"\nback = "ctlr+n"\n')
    assert len(keys.problems) == 2
    assert "not a modifier" in keys.problems[0] and "next keeps ctrl+n" in keys.problems[1]
    assert keys.remapped == {}


def test_keys_the_text_fields_need_are_refused_where_one_types():
    typing = load_keymap_from('[keys]\nnext = "j"\n')
    assert "types or moves the cursor" in only_problem(typing)
    assert "types or moves" in only_problem(load_keymap_from('[keys]\nquit = "shift+down"\n'))
    undo = load_keymap_from('[keys]\nback = "ctrl+z"\n')
    assert "ctrl+z is undo in the text fields" in only_problem(undo)
    assert load_keymap_from('[keys]\nclose_help = "x"\n').problems == ()  # the help has no text field


def test_broken_toml():
    keys = load_keymap_from('[keys]\nnext = "ctrl+j\n')
    problem = only_problem(keys)
    assert "is not valid TOML" in problem and "line 2" in problem and "default keys are used" in problem
    assert keys.keys == default_keymap().keys
    assert "not UTF-8" in only_problem(load_keymap_from(b"[keys]\nnext = \"\xff\"\n"))
    assert '"keys" must be a table' in only_problem(load_keymap_from('keys = "ctrl+j"\n'))


def test_a_folder_a_fifo_or_an_unreadable_path(tmp_path):
    folder = tmp_path / "config.toml"
    folder.mkdir()
    assert "is a folder" in only_problem(load_keymap(folder))
    under_a_file = tmp_path / "file" / "config.toml"
    (tmp_path / "file").write_text("x")
    assert "Cannot read" in only_problem(load_keymap(under_a_file))
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        assert "named pipe" in only_problem(load_keymap(fifo))  # and it returns: a FIFO is never read
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (keymap.CONFIG_LIMIT + 1))
    assert "too large" in only_problem(load_keymap(big))


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nnext = "ctrl+j"\n')
    path.chmod(0)
    assert "Cannot read" in only_problem(load_keymap(path))


def test_problems_show_control_characters_visibly():
    problem = only_problem(load_keymap_from('[keys]\n"n\\u001b[2Jext" = "ctrl+j"\n'))
    assert "\x1b" not in problem and "\\x1b" in problem


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: ("[keys]\n" + t).encode("utf-8", "replace")))
def test_load_keymap_never_raises(tmp_path_factory, data):
    keys = load_keymap_from(data, tmp_path_factory.mktemp("fuzz"))
    assert set(keys.keys) == {spec.id for spec in KEYS}
    for id_, key in keys.remapped.items():
        assert keys.key(id_) == key and read_key(key) == (key, "")


def test_the_keymap_loads_without_any_ui_library():
    code = (
        "from wizard import keymap\n"
        "print(keymap.load_keymap().key('next'), any(l.startswith('  question: ') for l in keymap.epilog_lines()))\n"
    )
    out = run_python(code, block_ui=True)
    assert out.stdout.split() == ["ctrl+n", "True"], out.stderr


# --------------------------------------------------------------------------- --help, --config-path, README


def test_help_lists_every_key_and_where_to_remap(monkeypatch, tmp_path):
    from wizard.arguments import build_parser

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    text = " ".join(build_parser().format_help().split())  # the key lines are wrapped
    for spec in KEYS:
        assert f"{spec.key} {spec.id}" in text, spec.id
    for key in EDITING:
        assert f"{key.key} {key.label.lower()}" in text, key.key
    assert str(tmp_path / "datasheet-wizard" / "config.toml") in text and '[keys] next = "ctrl+j"' in text
    assert "--config-path" in text and "drafts autosave within a second" in text


def test_help_shows_the_defaults_not_the_remaps():
    load_keymap_from('[keys]\nnext = "ctrl+j"\n')
    from wizard.arguments import build_parser

    text = " ".join(build_parser().format_help().split())
    assert "ctrl+n next" in text and "ctrl+j next" not in text


def test_config_path_prints_and_exits_0(monkeypatch, tmp_path, capsys):
    from wizard.cli import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(SystemExit) as exit_:
        main(["--config-path"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"{tmp_path / 'datasheet-wizard' / 'config.toml'}\n"
    out = run_cli("--config-path")
    assert out.returncode == 0 and out.stdout.strip() == str(config_path()) and not out.stderr


def readme_key_table() -> list[tuple[str, ...]]:
    """The README's key table as cell texts, read from markdown-it's token stream."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse((ROOT / "README.md").read_text(encoding="utf-8"))
    starts = [i for i, t in enumerate(tokens) if t.type == "html_block" and keymap.README_START in t.content]
    ends = [i for i, t in enumerate(tokens) if t.type == "html_block" and keymap.README_END in t.content]
    assert len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0], "the README's key table markers"
    between = tokens[starts[0] + 1: ends[0]]
    assert between and between[0].type == "table_open" and between[-1].type == "table_close"
    rows: list[tuple[str, ...]] = []
    cells: list[str] = []
    for token in between:
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline":
            assert all(child.type in ("text", "code_inline") for child in token.children or []), token.content
            cells.append("".join(child.content for child in token.children or []))
        elif token.type == "tr_close":
            rows.append(tuple(cells))
    return rows


def test_the_readme_key_table_is_keys():
    assert readme_key_table() == [keymap.TABLE_HEADER, *keymap.table_rows()], (
        "the README's key table differs from wizard/keymap.py: run `python -m wizard.keymap README.md`")
    assert {row[1] for row in keymap.table_rows() if row[1]} == {spec.id for spec in KEYS}
    assert len(keymap.table_rows()) == len(KEYS) + len(EDITING)


def test_update_readme_writes_the_table_between_the_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{keymap.README_START}\n| old |\n{keymap.README_END}\n\nafter\n", encoding="utf-8")
    assert keymap.update_readme(readme) is True
    text = readme.read_text(encoding="utf-8")
    assert keymap.markdown_table() in text and "| old |" not in text and text.endswith("after\n")
    assert keymap.update_readme(readme) is False

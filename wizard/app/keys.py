"""The app's key bindings, made from the one definition of every key (wizard.keymap).

`bindings_for("*")` are the App's (the keys that work everywhere); `bindings_for(name)` are the keys
a screen binds for itself. Each carries its registry id, so a remap in config.toml
(`App.set_keymap`) moves it, and the footer, the help screen and the palette read the same list.
"""

from __future__ import annotations

from textual.binding import Binding

from wizard.keymap import EVERYWHERE, KEYS, KeySpec, Keymap


def _runs_on_app(spec: KeySpec) -> bool:
    """The question screen's keys and the keys that work everywhere run the app's actions; the other
    screens' own keys (new, write, contents, close) run the screen's."""
    return EVERYWHERE in spec.screens or "question" in spec.screens


def bindings_for(screen: str) -> list[Binding]:
    """Bindings for the keys that work on `screen` ("*": the App's, the keys that work everywhere), in
    footer order. Keys that work everywhere are the App's alone: a screen does not bind them again."""
    if screen == EVERYWHERE:
        specs = [spec for spec in KEYS if EVERYWHERE in spec.screens]
    else:
        specs = [spec for spec in KEYS if EVERYWHERE not in spec.screens and screen in spec.screens]
    return [_binding(spec, app_action=screen != EVERYWHERE and _runs_on_app(spec)) for spec in specs]


def _binding(spec: KeySpec, *, app_action: bool) -> Binding:
    # Textual's Footer shows the palette's key by itself, docked right: listed too, it would be there twice
    # (the question screen's bar reads `show` from the registry).
    show = spec.show and spec.action != "command_palette"
    return Binding(spec.key, f"app.{spec.action}" if app_action else spec.action, spec.label, id=spec.id,
                   tooltip=spec.help, show=show, priority=spec.priority)


def help_rows(keymap: Keymap) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen: the question screen's keys and those that work
    everywhere, with the keys in force, then the text fields' own editing keys."""
    from wizard.keymap import editing_on

    rows = [(keymap.key(spec.id), spec.help) for spec in KEYS if spec.works_on("question")]
    rows += [(key.key, key.help) for key in editing_on("question")]
    return rows

"""Plain mode: the questionnaire as line-by-line questionary prompts, for screen readers, SSH and dumb terminals.

Where each part lives: `printer` (output), `prompter` (questionary, one place), `keys` (prompt_toolkit
bindings), `commands` (/back, /skip, ...), `askers/` (one per question type), `display` (what is shown
before a prompt), `saving`, `ending` (the summary and the files written at the end), `signals`,
`wizard` (the loop) and `entry` (what the CLI calls).
"""

from __future__ import annotations

from wizard.plain.commands import Command, parse_command
from wizard.plain.entry import choose_recent, run_new, run_plain
from wizard.plain.printer import Printer, wants_plain_text
from wizard.plain.prompter import Prompter
from wizard.plain.signals import Interrupted
from wizard.plain.wizard import PlainWizard

__all__ = [
    "Command",
    "Interrupted",
    "PlainWizard",
    "Printer",
    "Prompter",
    "choose_recent",
    "parse_command",
    "run_new",
    "run_plain",
    "wants_plain_text",
]

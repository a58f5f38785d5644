"""The command line's grammar: every command's options, the help text, and which commands open a
front end. wizard.cli parses with it and runs what was asked."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from wizard import __version__

EPILOG = """\
examples:
  datasheet-wizard                                   open the app: resume a recent draft or start one
  datasheet-wizard new --title "CityBirds"           new datasheet -> ./citybirds.datasheet.toml
  datasheet-wizard new --bank ours.toml --title X    use your own question bank
  datasheet-wizard resume citybirds.datasheet.toml   carry on where you left off
  datasheet-wizard resume --plain                    line-by-line prompts (screen readers, SSH)
  datasheet-wizard render citybirds.datasheet.toml -o DATASHEET.md
  datasheet-wizard check citybirds.datasheet.toml    exit 0 when every required answer is given
  datasheet-wizard render D --format hf -o README.md a Hugging Face dataset card (or --format croissant)
  datasheet-wizard render D --format croissant --merge-into croissant.json   keep the platform's fields
  datasheet-wizard check D --for neurips             what NeurIPS (or hf, croissant) still lacks
  datasheet-wizard validate-bank ours.toml           every problem in a custom bank, at once
  datasheet-wizard import DATASHEET.md --dry-run     what an import would place where (README.md, croissant.json too)
  datasheet-wizard new --title X --data instance_count=48210 --data-file facts.json   prefill answers

"""
# Between the two: the app's keys, from wizard.keymap (see `_epilog`).
EPILOG_NOTES = """\
drafts autosave within a second.
yes/no, choice and multichoice answers carry an optional explanation (Markdown) in both front ends;
in the app a list opens on the saved option, Space or Enter picks, and letters typed on it go to
the explanation box.
plain mode (--plain): Esc then Enter submits a multi-line answer; type /back, /skip, /na, /unknown,
/jump or /quit as the whole answer; Ctrl+C or Ctrl+D saves and exits.
drafts: TOML, format 2 ([answers.ID] tables with status, value, other, text); format-1 drafts are
read and saved as format 2; where you left off is kept in your state folder, not in the draft.
exit codes: 0 ok, 1 check found missing answers, 2 bad input (bank, draft, arguments, path).
"""


def _new_draft_options(parser: argparse.ArgumentParser, *, title: str, draft: str) -> None:
    """--bank, --title and --draft, as `new` and `import` both take them."""
    parser.add_argument("--bank", default="datasheets-for-datasets", metavar="NAME_OR_PATH",
                        help="a bundled bank's id or a path to a .toml bank (default: %(default)s)")
    parser.add_argument("--title", help=title)
    parser.add_argument("--draft", type=Path, metavar="PATH",
                        help=f"{draft} (default: ./<title>.datasheet.toml; never overwritten)")


def _epilog() -> str:
    """The examples, the app's keys as wizard.keymap defines them (the defaults: --help does not read
    the author's config.toml, it says where it is), and the notes."""
    from wizard.keymap import epilog_lines

    return EPILOG + "\n".join(epilog_lines()) + "\n" + EPILOG_NOTES


def _help_width() -> int:
    """The width argparse gives help text: `shutil.get_terminal_size()`'s columns less its margin of 2.

    Read here because argparse builds a help formatter for every argument it adds (to check the
    metavar), and a formatter left to find the width imports shutil, and with it zlib, bz2 and
    lzma, in every command: 2% of what an import of a long document costs."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns if columns > 0 else 80) - 2


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("width", _help_width())
        super().__init__(prog, *args, **kwargs)


class _RawDescriptionFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    pass


class _CommandParser(argparse.ArgumentParser):
    """A command's parser, with the width given to its formatter (see `_help_width`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


class _TopParser(argparse.ArgumentParser):
    """The epilog, with the app's keys, is built only when help is shown: `render` and `check` do
    not import wizard.keymap."""

    def format_help(self) -> str:
        self.epilog = _epilog()
        return super().format_help()


class _PrintConfigPath(argparse.Action):
    """`--config-path`: like --version, print and exit 0."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from wizard.keymap import config_path

        print(config_path())
        parser.exit(0)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `only` (a command's name), the top level and that command alone.

    argparse builds every subcommand's parser up front, and each costs about what a small command
    does (gettext looks for a translation on disk for every string it translates): a command
    builds only its own. Help without a command, and a name that is no command, get them all.
    """
    parser = _TopParser(
        prog="datasheet-wizard",
        description="Write a Datasheet for Datasets (or any questionnaire in a TOML question bank), "
        "question by question, with guidance, progress and autosave; then render it to Markdown.",
        formatter_class=_RawDescriptionFormatter,
    )
    parser.add_argument("--version", action="version", version=f"datasheet-wizard {__version__}")
    parser.add_argument("--config-path", action=_PrintConfigPath, nargs=0,
                        help="print where the settings file is read from (its [keys] table remaps the app's keys) "
                        "and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for name, add in _SUBCOMMANDS.items():
        if only not in _SUBCOMMANDS or only == name:
            add(sub)
    return parser


# The commands that open the full-screen app or plain mode; every other one is headless.
FRONT_END_COMMANDS = (None, "new", "resume")


def runs_a_front_end(argv: Sequence[str]) -> bool:
    """Whether `argv` opens the full-screen app or plain mode (no command, `new`, `resume`) rather
    than running a headless command (`render`, `check`, `import`, ...)."""
    return command_in(argv) in FRONT_END_COMMANDS


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` names: its first word that is not an option (the top level's options take
    no value, so nothing else can come first)."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _add_new(sub: Any) -> None:
    new = sub.add_parser("new", help="start a new datasheet", description="Start a new draft and open it.")
    _new_draft_options(new, title="the dataset's name (asked for when missing)", draft="where to keep the draft")
    new.add_argument("--plain", action="store_true", help="line-by-line prompts instead of the full-screen app")
    new.add_argument("--data", action="append", default=[], metavar="ID=VALUE",
                     help="prefill an answer (repeatable): text, an option, yes/no, a list as a,b; "
                          "'ID=!na' / 'ID=!unknown' mark it")
    new.add_argument("--data-file", type=Path, metavar="FILE",
                     help="prefill answers from a TOML or JSON file ({id: value or text}) or from another draft")


def _add_resume(sub: Any) -> None:
    resume = sub.add_parser("resume", help="reopen a draft where you left off",
                            description="Reopen a draft at the question where you left off.")
    resume.add_argument("draft", nargs="?", type=Path, metavar="DRAFT", help="the draft (default: choose a recent one)")
    resume.add_argument("--plain", action="store_true", help="line-by-line prompts instead of the full-screen app")


def _add_render(sub: Any) -> None:
    render = sub.add_parser("render", help="write the datasheet (no UI)",
                            description="Write the document from a draft, without any UI. The draft is not changed.")
    render.add_argument("draft", type=Path, metavar="DRAFT")
    render.add_argument("-o", "--output", type=output_path, metavar="OUT",
                        help="file to write (default: standard output; - for standard output)")
    render.add_argument("--format", choices=("markdown", "html", "json", "croissant", "hf"), default="markdown",
                        help="markdown (default), html, json; croissant: Croissant 1.1 + RAI 1.0 JSON-LD; "
                        "hf: a Hugging Face dataset README.md")
    render.add_argument("--toc", action="store_true",
                        help="add a table of contents: links to every section (Markdown and HTML)")
    render.add_argument("--merge-into", type=Path, metavar="FILE",
                        help="croissant/hf: merge into an existing croissant.json or README.md, keeping every "
                        "property or front matter key we do not write; the result replaces FILE unless -o is given")
    render.add_argument("--allow-invalid", action="store_true",
                        help="hf: write license/language/task ids that are not on the Hub's lists (refused otherwise)")


def _add_check(sub: Any) -> None:
    check = sub.add_parser("check", help="report what is still missing (exit 1 if a required answer is)",
                           description="Completeness report: exit 0 when every required visible question is answered.")
    check.add_argument("draft", type=Path, metavar="DRAFT")
    check.add_argument("--for", dest="destination", choices=("hf", "croissant", "neurips"),
                       help="also list what this destination still lacks or would reject (exit 1 if anything)")


def _add_import(sub: Any) -> None:
    imp = sub.add_parser("import", help="start a draft from a Markdown datasheet, HF README or croissant.json",
                         description="Start a new draft from what you already have: a Markdown datasheet, a Hugging "
                         "Face README.md or a croissant.json. Prints where every answer came from and what was kept "
                         "aside (as orphaned answers in the draft). Never overwrites a file.")
    imp.add_argument("source", type=Path, metavar="SOURCE",
                     help="the file to start from: a Markdown datasheet, a Hugging Face README.md or a croissant.json")
    _new_draft_options(imp, title="the dataset's name (default: the document's title)", draft="where to write the draft")
    imp.add_argument("--dry-run", action="store_true", help="print the report only; write nothing")


def _add_banks(sub: Any) -> None:
    sub.add_parser("banks", help="list the bundled question banks", description="List the bundled question banks.")


def _add_validate(sub: Any) -> None:
    validate = sub.add_parser("validate-bank", help="check a custom question bank",
                              description="Check a question bank; prints every problem. Exit 0 valid, 2 invalid.")
    validate.add_argument("path", type=Path, metavar="PATH")


_SUBCOMMANDS: dict[str, Callable[[Any], None]] = {  # in the order --help lists them
    "new": _add_new,
    "resume": _add_resume,
    "render": _add_render,
    "check": _add_check,
    "import": _add_import,
    "banks": _add_banks,
    "validate-bank": _add_validate,
}


def output_path(text: str) -> Path:
    """`-o` values: a path, or `-` for standard output; an empty one is a clear error, not "Device busy"."""
    if not text:
        raise argparse.ArgumentTypeError('"" names no file: give a file name, or - for standard output')
    return Path(text)

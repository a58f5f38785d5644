"""The command line: headless commands run here; `new` and `resume` hand a session to a front end."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence, TextIO

from wizard import __version__
from wizard.errors import WizardError

if TYPE_CHECKING:
    from wizard.session import Session

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


def runs_a_front_end(argv: Sequence[str]) -> bool:
    """Whether `argv` opens the full-screen app or plain mode (no command, `new`, `resume`) rather
    than running a headless command (`render`, `check`, `import`, ...)."""
    return _command_in(argv) in _FRONT_END_COMMANDS


_FRONT_END_COMMANDS = (None, "new", "resume")


def _command_in(argv: Sequence[str]) -> str | None:
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


class _ShownStream:
    """A text stream that writes everything through `untrusted.shown`: what the headless commands
    print (bank keys, ids, titles, prompts, paths) can never reach the terminal as a control sequence."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from wizard.untrusted import shown

        self._stream.write(shown(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _tolerant_streams() -> None:
    """A terminal or pipe that is not UTF-8 gets `?` for what it cannot show, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


@contextmanager
def _shown_output() -> Iterator[None]:
    """Route sys.stdout and sys.stderr through `shown` while the headless commands run."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _ShownStream(sys.stdout), _ShownStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _error(message: str) -> None:
    from wizard.untrusted import shown

    try:
        print(shown(f"datasheet-wizard: {message}"), file=sys.stderr)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(_command_in(argv))
    with _shown_output():  # argparse echoes arguments in its errors
        args = parser.parse_args(argv)
    from wizard.startup import pause_gc, release_gc

    paused_here = pause_gc()  # off already when started by the console script (see wizard.startup)
    if args.command in _FRONT_END_COMMANDS and getattr(args, "plain", False):
        release_gc()  # plain mode runs for hours; the full-screen app resumes it once its first screen is up
    try:
        if args.command in _FRONT_END_COMMANDS:
            return _dispatch(args)  # the front ends draw on the terminal themselves, through `shown`
        with _shown_output():
            return _dispatch(args)
    except WizardError as exc:
        _error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug of ours must not put a traceback in front of the author
        _error(f"unexpected error ({type(exc).__name__}: {exc}). Your files were not changed "
               "by this command; please report this.")
        if os.environ.get("DATASHEET_WIZARD_DEBUG"):
            raise
        return 70
    finally:
        if paused_here:  # called in-process: collect as usual again (the console script just exits)
            release_gc()


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "banks":
        return cmd_banks()
    if command == "validate-bank":
        return cmd_validate(args.path)
    if command == "render":
        if args.format in ("croissant", "hf") or args.merge_into or args.allow_invalid:
            from wizard.export.cli import cmd_render_export

            return cmd_render_export(args)
        return cmd_render(args.draft, args.output, args.format, toc=args.toc)
    if command == "check":
        if args.destination:
            from wizard.export.cli import cmd_check_for

            return cmd_check_for(args.draft, args.destination)
        return cmd_check(args.draft)
    if command == "new":
        return cmd_new(args)
    if command == "import":
        from wizard.importer.command import cmd_import

        return cmd_import(args)
    if command == "resume":
        return cmd_resume(args)
    return _front_end(None, plain=False)


# --------------------------------------------------------------------------- headless


def _open_readonly(path: Path) -> Session:
    from wizard.session import Session

    return Session.open(path, lock=False)


def cmd_banks() -> int:
    from wizard.bank import load_bundled_banks

    banks, broken = load_bundled_banks()
    for exc in broken:
        print(f"datasheet-wizard: skipping a broken bundled bank: {exc}", file=sys.stderr)
    rows = [(bank.id, bank.title, bank.version, str(len(bank.questions))) for bank in banks]
    if not rows:
        print("No bundled banks found.")
        return 0
    headers = ("ID", "TITLE", "VERSION", "QUESTIONS")
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(4)]
    for row in [headers, *rows]:
        print("  ".join(cell.ljust(widths[i]) if i < 3 else cell.rjust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def cmd_validate(path: Path) -> int:
    from wizard.bank import load_bank

    bank = load_bank(path)  # BankError lists every problem and exits 2
    sections = len(bank.sections)
    conditional = sum(1 for q in bank.questions if q.when is not None)
    print(f"{path}: valid. {bank.title} (id \"{bank.id}\", version {bank.version}): "
          f"{sections} section{'s' if sections != 1 else ''}, {len(bank.questions)} questions, {conditional} conditional.")
    return 0


def output_path(text: str) -> Path:
    """`-o` values: a path, or `-` for standard output; an empty one is a clear error, not "Device busy"."""
    if not text:
        raise argparse.ArgumentTypeError('"" names no file: give a file name, or - for standard output')
    return Path(text)


def cmd_render(draft: Path, output: Path | None, fmt: str, *, toc: bool = False) -> int:
    from wizard.render import render, render_warnings

    session = _open_readonly(draft)
    text = render(session, fmt, toc=toc)
    for warning in render_warnings(session):
        print(f"datasheet-wizard: warning: {warning}", file=sys.stderr)
    if output is not None and output.resolve() == draft.resolve() and str(output) != "-":
        raise WizardError(f"-o {output} is the draft itself; choose another file for the {fmt} output.")
    from wizard.outputs import emit

    if emit(output, text, fmt):
        print(f"Wrote {output} ({fmt}).", file=sys.stderr)
    return 0


def cmd_check(draft: Path) -> int:
    session = _open_readonly(draft)
    from wizard.report import check_report

    print(check_report(session))
    return 0 if session.complete else 1


# --------------------------------------------------------------------------- front ends


def cmd_new(args: argparse.Namespace) -> int:
    from wizard.bank import find_bank

    bank = find_bank(args.bank)
    if args.title is None and (args.data or args.data_file):
        raise WizardError("--data and --data-file need --title (the dataset's name), e.g. --title \"CityBirds\".")
    if args.title is None:
        if args.plain:
            return _plain_new(bank, args.draft)
        return _front_end(None, plain=False, new_bank=bank, new_draft=args.draft)
    title = args.title.strip()
    if not title:
        raise WizardError("--title must not be empty: give the dataset's name, e.g. --title \"CityBirds\".")
    from wizard.draft import default_draft_path
    from wizard.session import Session

    path = args.draft or default_draft_path(title)
    if path.exists():
        raise WizardError(f"{path} already exists. Resume it with `datasheet-wizard resume {path}`, or choose another --draft.")
    if args.plain:
        _require_tty()
    prefill = None
    if args.data or args.data_file:
        from wizard.importer.prefill import read_prefill

        prefill = read_prefill(bank, args.data, args.data_file)  # exit 2 naming a bad id or value; nothing written
    session = Session.create(bank, title, path)
    if prefill:
        from wizard.importer.prefill import apply_prefill

        apply_prefill(session, prefill)
    from wizard.recent import remember_session

    remember_session(session)
    return _front_end(session, plain=args.plain)


def cmd_resume(args: argparse.Namespace) -> int:
    from wizard.session import Session

    if args.draft is None:
        if args.plain:
            _require_tty()
            from wizard.plain import choose_recent

            chosen = choose_recent()
            if chosen is None:
                return 0
            args.draft = chosen
        else:
            return _front_end(None, plain=False)
    if args.plain:
        _require_tty()
    session = Session.open(args.draft)
    if args.plain:
        from wizard.recent import remember_session

        remember_session(session)  # the app does it once its first screen is up
    return _front_end(session, plain=args.plain)


def _require_tty() -> None:
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise WizardError(
            "plain mode asks questions at a terminal, and standard input or output is not one. "
            "Run it in a terminal, or use `datasheet-wizard render`/`check` for scripts."
        )


def _plain_new(bank, draft_path: Path | None) -> int:  # type: ignore[no-untyped-def]
    _require_tty()
    from wizard.plain import run_new

    return run_new(bank, draft_path)


def _front_end(session: Session | None, *, plain: bool, **start: object) -> int:
    if plain and session is not None:
        from wizard.plain import run_plain

        return run_plain(session)
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        if session is not None:
            session.close()
        raise WizardError(
            "the full-screen app needs a terminal, and standard input or output is not one. "
            "Run it in a terminal, or use --plain, `render` or `check`."
        )
    from wizard.app import run_app

    return run_app(session, **start)  # type: ignore[arg-type]

"""The command line: headless commands run here; `new` and `resume` hand a session to a front end."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence, TextIO

from wizard.arguments import FRONT_END_COMMANDS, build_parser, command_in
from wizard.errors import WizardError

if TYPE_CHECKING:
    from wizard.session import Session


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
    parser = build_parser(command_in(argv))
    with _shown_output():  # argparse echoes arguments in its errors
        args = parser.parse_args(argv)
    from wizard.startup import pause_gc, release_gc

    paused_here = pause_gc()  # off already when started by the console script (see wizard.startup)
    if args.command in FRONT_END_COMMANDS and getattr(args, "plain", False):
        release_gc()  # plain mode runs for hours; the full-screen app resumes it once its first screen is up
    try:
        if args.command in FRONT_END_COMMANDS:
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

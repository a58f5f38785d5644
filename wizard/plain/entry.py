"""The entry points the CLI calls: run a session as prompts, start a new draft, pick a recent one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.errors import DraftError
from wizard.plain.commands import Pick
from wizard.plain.printer import Printer, quoted
from wizard.plain.prompter import NoTerminal, Prompter, terminal_problem
from wizard.plain.signals import Interrupted, signals_stop_prompts
from wizard.plain.wizard import PlainWizard

if TYPE_CHECKING:
    from wizard.bank import Bank
    from wizard.session import Session


def run_plain(session: Session, *, printer: Printer | None = None, prompter: Prompter | None = None) -> int:
    """Run the questionnaire as prompts; the exit code. Closes the session (saving it) in every case."""
    if session.read_only:
        return PlainWizard(session, printer, prompter).run()
    problem = terminal_problem()
    if problem is not None:
        session.close()
        print(
            f"datasheet-wizard: plain mode asks questions at a terminal, and {problem}. "
            "Run it in a terminal, or use `datasheet-wizard render`/`check` for scripts.",
            file=sys.stderr,
        )
        return 2
    with signals_stop_prompts():
        return PlainWizard(session, printer, prompter).run()


def ask_title(prompter: Prompter, draft_path: Path | None) -> str:
    """The dataset's name, refusing one whose default draft file already exists (it would not be overwritten)."""
    from wizard.draft import default_draft_path

    def valid(text: str) -> bool | str:
        title = text.strip()
        if not title:
            return "Give the dataset's name, e.g. CityBirds."
        if draft_path is None and default_draft_path(title).exists():
            path = default_draft_path(title)
            return f"{path.name} already exists: choose another name, or quit and resume that draft."
        return True

    return prompter.text("What is the dataset called?", validate=valid).strip()


def run_new(
    bank: Bank,
    draft_path: Path | None,
    *,
    printer: Printer | None = None,
    prompter: Prompter | None = None,
) -> int:
    """`new --plain` without --title: ask for the title, create the draft, then run it."""
    from wizard.draft import default_draft_path
    from wizard.recent import remember_session
    from wizard.session import Session

    problem = terminal_problem()
    if problem is not None:
        print(f"datasheet-wizard: plain mode asks questions at a terminal, and {problem}.", file=sys.stderr)
        return 2
    if draft_path is not None and draft_path.exists():  # say so before asking anything
        raise DraftError(
            f"{draft_path} already exists. Resume it with `datasheet-wizard resume {quoted(draft_path)} --plain`, "
            "or choose another --draft."
        )
    prompter = prompter or Prompter()
    out = printer or Printer()
    out.line(f"New datasheet: {bank.title} (version {bank.version}).", "bold")
    try:
        title = ask_title(prompter, draft_path)
    except Interrupted:
        out.note("Nothing was created.")
        return 0
    except NoTerminal as exc:
        print(f"datasheet-wizard: plain mode needs a terminal to ask questions ({exc}).", file=sys.stderr)
        return 2
    session = Session.create(bank, title, draft_path or default_draft_path(title))
    remember_session(session)
    return run_plain(session, printer=out, prompter=prompter)


def choose_recent(*, printer: Printer | None = None, prompter: Prompter | None = None) -> Path | None:
    """`resume --plain` without a draft: pick one of the recent drafts that still exist."""
    from questionary import Choice, Separator

    from wizard.recent import load_recent

    out = printer or Printer()
    entries = [r for r in load_recent() if r.exists]
    if not entries:
        out.line(
            "No recent drafts to resume. Start one with `datasheet-wizard new --plain`, "
            "or name it: `datasheet-wizard resume PATH --plain`."
        )
        return None
    choices: list[Any] = [
        Choice(f"{r.title or 'Untitled'} — {r.bank} — {r.path}", value=str(r.path)) for r in entries
    ]
    choices += [Separator("  ──"), Choice("cancel", value=Pick.CANCEL)]
    try:
        picked = (prompter or Prompter()).select("Resume which draft?", choices, search=True)
    except (Interrupted, NoTerminal):
        return None
    return Path(picked) if isinstance(picked, str) else None

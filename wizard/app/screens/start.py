"""The start screen: the recent drafts beside the form for a new one."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, ListItem, ListView, Markdown, Select, Static

from wizard.app.markup import esc
from wizard.app.messages import OpenDraft, StartNew
from wizard.bank import Bank
from wizard.session import Session
from wizard.untrusted import shown


class StartScreen(Screen[None]):
    """Bare `datasheet-wizard`: resume a recent draft with one key, or start a new one."""

    CSS_PATH = "start.tcss"

    BINDINGS = [Binding("ctrl+n", "focus_new", "New datasheet", priority=True)]

    def __init__(self, banks: list[Bank], broken: list[str], *, bank: Bank | None = None,
                 draft_path: Path | None = None, focus_new: bool = False) -> None:
        super().__init__(id="start-screen")
        self._gone = False  # the screen was closed: the loader thread stops
        self.banks = banks
        self.broken = broken
        self.preset_bank = bank
        self.preset_path = draft_path
        self.focus_new = focus_new

    def compose(self) -> ComposeResult:
        from wizard.recent import load_recent

        recent = [r for r in load_recent() if r.exists]
        yield Header()
        with Grid(id="start"):
            with Vertical(id="recent-pane"):
                yield Label("Resume a draft", classes="pane-title")
                if recent:
                    yield ListView(
                        *(ListItem(Label(f"[b]{esc(r.title or r.path.name)}[/b]\n[dim]{esc(r.bank)} · loading…[/]"),
                                   name=str(r.path)) for r in recent),
                        id="recent",
                    )
                else:
                    yield Static("No drafts yet. Start one on the right; it will be listed here next time.",
                                 id="no-recent")
            with VerticalScroll(id="new-pane"):
                yield Label("New datasheet", classes="pane-title")
                options = [(shown(f"{b.title} ({_count(b)})"), b.id) for b in self.banks]
                preset = self.preset_bank
                if preset is not None and preset.id not in {b.id for b in self.banks}:
                    options.append((shown(f"{preset.title} (from {preset.path})"), preset.id))
                    self.banks = [*self.banks, preset]
                yield Select(options, allow_blank=False, id="bank",
                             value=preset.id if preset else (self.banks[0].id if self.banks else Select.NULL))
                yield Markdown(id="bank-description")
                yield Input(placeholder="…or a path to your own bank (.toml)", id="bank-path")
                yield Input(placeholder="The dataset's name, e.g. CityBirds", id="title")
                yield Input(placeholder="…start from a file you have: datasheet .md, README.md, croissant.json",
                            id="import-from")
                yield Static(id="draft-where")
                yield Button("Start writing", variant="primary", id="start-new")
                if self.broken:
                    yield Static(shown("\n".join(self.broken)), classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Start"
        self.update_bank()
        recent = self.query("#recent")
        if recent and not self.focus_new:
            recent.first().focus()
        else:
            self.query_one("#title").focus()
        if recent:
            self.load_progress()

    def load_progress(self) -> None:
        """Read each recent draft for its progress and time, off the main thread.

        A plain daemon thread, not a Textual thread worker: those run in the event loop's executor,
        whose threads the interpreter waits for at exit, so one draft on a hung network share kept
        the process alive after ctrl+q. This one stops between drafts once the screen is gone, and
        never holds up the exit.
        """
        items = [(item, Path(item.name or "")) for item in self.query("#recent ListItem").results(ListItem)]
        threading.Thread(target=self._load_progress, args=(items,), name="recent-drafts", daemon=True).start()

    def _load_progress(self, items: list[tuple[ListItem, Path]]) -> None:
        for item, path in items:
            if self._gone:
                return
            try:
                s = Session.open(path, lock=False)
                p = s.progress()
                when = _ago(s.draft.updated)
                text = (f"[b]{esc(s.draft.title or path.name)}[/b]\n[dim]{esc(s.bank.title)} · {p.done}/{p.total} "
                        f"answered · edited {when}\n{esc(str(path))}[/]")
            except Exception as exc:  # noqa: BLE001 - one broken draft must not hide the others
                text = f"[b]{esc(path.name)}[/b]\n[$error]{esc(str(exc))[:160]}[/]"
            if self._gone:
                return
            try:
                self.app.call_from_thread(self._show_progress, item, text)
            except Exception:  # noqa: BLE001 - the app closed meanwhile
                return

    def _show_progress(self, item: ListItem, text: str) -> None:
        if item.is_attached:
            item.query_one(Label).update(text)

    def on_unmount(self) -> None:
        self._gone = True

    def selected_bank(self) -> Bank | None:
        value = self.query_one("#bank", Select).value
        return next((b for b in self.banks if b.id == value), None)

    @on(Select.Changed, "#bank")
    @on(Input.Changed, "#title")
    @on(Input.Changed, "#bank-path")
    def update_bank(self) -> None:
        bank = self.selected_bank()
        description = self.query_one("#bank-description", Markdown)
        if self.query_one("#bank-path", Input).value.strip():
            description.update("*Your own bank file will be checked when you start.*")
        elif bank is not None:
            conditional = sum(1 for q in bank.questions if q.when is not None)
            extra = f", {conditional} of them asked only when they apply" if conditional else ""
            description.update(shown((bank.description or bank.title) + f"\n\n*{_count(bank)}{extra}; version {bank.version}.*"))
        title = self.query_one("#title", Input).value.strip()
        where = self.query_one("#draft-where", Static)
        if title:
            from wizard.draft import default_draft_path

            path = self.preset_path or default_draft_path(title)
            exists = " [b $error](exists already: choose another name)[/]" if path.exists() else ""
            where.update(f"The draft will be saved to [b]{esc(str(path))}[/b]{exists}")
        else:
            where.update("Type the dataset's name to start.")

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.item.name:
            self.post_message(OpenDraft(Path(event.item.name)))

    @on(Input.Submitted, "#title")
    @on(Input.Submitted, "#import-from")
    @on(Button.Pressed, "#start-new")
    def start_new(self) -> None:
        title = self.query_one("#title", Input).value.strip()
        source = self.query_one("#import-from", Input).value.strip()
        if source:
            self.import_new(Path(source).expanduser(), title)
            return
        if not title:
            self.notify("Give the dataset a name first.", severity="warning")
            self.query_one("#title").focus()
            return
        bank_path = self.query_one("#bank-path", Input).value.strip()
        self.post_message(StartNew(bank_path or self.selected_bank(), title, self.preset_path))

    def action_focus_new(self) -> None:
        self.query_one("#title").focus()

    def import_new(self, source: Path, title: str) -> None:
        """A new draft from the author's file (wizard.importer, as `datasheet-wizard import`)."""
        from wizard.bank import find_bank
        from wizard.draft import default_draft_path
        from wizard.errors import WizardError
        from wizard.importer import create_draft, read_source

        bank_path = self.query_one("#bank-path", Input).value.strip()
        try:
            bank = find_bank(bank_path) if bank_path else self.selected_bank()
            if bank is None:
                raise WizardError("Choose a question bank first.")
            result = read_source(source, bank)
            title = title or result.title or source.stem
            path = self.preset_path or default_draft_path(title)
            create_draft(result, bank, title, path)
        except WizardError as exc:
            self.notify(str(exc), title="Cannot import", severity="error", timeout=12)
            return
        self.notify(f"{len(result.placements)} answers imported from {source.name}; {len(result.orphans)} piece(s) of "
                    "text kept aside (shown as kept answers). `datasheet-wizard import --dry-run` lists what went where.",
                    title="Imported", timeout=12)
        self.post_message(OpenDraft(path))


def _count(bank: Bank) -> str:
    n = len(bank.questions)
    return f"{n} question{'s' if n != 1 else ''}"


def _ago(when: dt.datetime) -> str:
    seconds = (dt.datetime.now(dt.timezone.utc) - when).total_seconds()
    if seconds < 90:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} minutes ago"
    if seconds < 86400 * 2:
        hours = int(seconds // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return when.strftime("%Y-%m-%d")

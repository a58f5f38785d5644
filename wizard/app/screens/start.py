"""The start screen: the recent drafts beside the form for a new one."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, ListItem, ListView, Markdown, Select, Static

from wizard.app.widgets.key_bar import KeyBar
from wizard.app.keys import bindings_for
from wizard.app.markup import esc
from wizard.app.messages import OpenDraft, StartNew
from wizard.bank import Bank
from wizard.session import Session
from wizard.untrusted import shown


class RecentItem(ListItem):
    """One recent draft in three lines, each within the list's width: its title; its progress, when
    it was last edited and its questionnaire; and where it is (the path's end, which names the file)."""

    def __init__(self, path: Path, title: str, bank: str) -> None:
        super().__init__(Label(), name=str(path))
        self.path = path
        self.title_text = title or path.name
        self.detail = f"{bank} · loading…"
        self.problem = ""  # why the draft could not be read, shown instead of the detail

    def show(self, title: str, detail: str) -> None:
        self.title_text, self.detail = title, detail
        self.draw()

    def show_problem(self, problem: str) -> None:
        self.title_text, self.problem = self.path.name, problem[:160]
        self.add_class("broken")  # the message wraps; the other lines are cut to the width
        self.draw()

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        width = self.content_region.width or 40
        second = f"[$error]{esc(self.problem)}[/]" if self.problem else f"[dim]{esc(self.detail)}[/]"
        self.query_one(Label).update(f"[b]{esc(self.title_text)}[/b]\n{second}\n[dim]{esc(path_end(self.path, width))}[/]")


def path_end(path: Path, width: int) -> str:
    """`path` in `width` characters: the home folder as ~, and if still too long, the end from a
    folder boundary ("…/drafts/citybirds.datasheet.toml"): the file's name is what tells drafts apart."""
    text = str(path)
    home = str(Path.home())
    if home not in ("", "/") and (text == home or text.startswith(home + "/")):
        text = "~" + text[len(home):]
    if len(text) <= width:
        return text
    tail = text[-(width - 1):] if width > 1 else ""
    cut = tail.find("/")
    return "…" + (tail[cut:] if 0 < cut < len(tail) - 1 else tail)


class StartScreen(Screen[None]):
    """Bare `datasheet-wizard`: resume a recent draft with one key, or start a new one."""

    CSS_PATH = "start.tcss"

    BINDINGS = bindings_for("start")

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
                    yield ListView(*(RecentItem(r.path, r.title, r.bank) for r in recent), id="recent")
                else:
                    yield Static("No drafts yet. Start one on the right; it will be listed here next time.",
                                 id="no-recent")
            # What a new draft needs comes first (name, questionnaire, start) so that it is in view on
            # a 24-line terminal; the questionnaire's description follows the button.
            with VerticalScroll(id="new-pane"):
                yield Label("New datasheet", classes="pane-title")
                yield Input(placeholder="The dataset's name, e.g. CityBirds", id="title")
                options = [(shown(b.title), b.id) for b in self.banks]
                preset = self.preset_bank
                if preset is not None and preset.id not in {b.id for b in self.banks}:
                    options.append((shown(f"{preset.title} (from {preset.path})"), preset.id))
                    self.banks = [*self.banks, preset]
                yield Select(options, allow_blank=False, id="bank",
                             value=preset.id if preset else (self.banks[0].id if self.banks else Select.NULL))
                yield Input(placeholder="…or a path to your own bank (.toml)", id="bank-path")
                yield Input(placeholder="…start from a file you have: datasheet .md, README.md, croissant.json",
                            id="import-from")
                yield Static(id="draft-where")
                yield Button("Start writing", variant="primary", id="start-new")
                if self.broken:
                    yield Static(shown("\n".join(self.broken)), classes="error", markup=False)
                yield Markdown(id="bank-description")
        yield KeyBar()

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
        items = list(self.query("#recent RecentItem").results(RecentItem))
        threading.Thread(target=self._load_progress, args=(items,), name="recent-drafts", daemon=True).start()

    def _load_progress(self, items: list[RecentItem]) -> None:
        for item in items:
            if self._gone:
                return
            path = item.path
            try:
                s = Session.open(path, lock=False)
                p = s.progress()
                facts = (s.draft.title or path.name,
                          f"{p.done}/{p.total} answered · edited {_ago(s.draft.updated)} · {s.bank.title}")
                problem = ""
            except Exception as exc:  # noqa: BLE001 - one broken draft must not hide the others
                facts, problem = ("", ""), str(exc)
            if self._gone:
                return
            try:
                self.app.call_from_thread(self._show_progress, item, facts, problem)
            except Exception:  # noqa: BLE001 - the app closed meanwhile
                return

    def _show_progress(self, item: RecentItem, facts: tuple[str, str], problem: str) -> None:
        if not item.is_attached:
            return
        if problem:
            item.show_problem(problem)
        else:
            item.show(*facts)

    def on_unmount(self) -> None:
        self._gone = True

    def on_resize(self) -> None:
        # Below 70 columns the panes stack; below 30 lines the fields lose their borders, so that
        # the name, the questionnaire and the Start button fit on a 24-line terminal.
        self.set_class(self.size.width < 70, "narrow")
        compact = self.size.height < 30
        for kind in (Input, Select, Button):
            for widget in self.query_one("#new-pane").query(kind).results(kind):
                widget.compact = compact

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
    """How long ago, in few characters: it shares a line of the recent list with the progress."""
    seconds = (dt.datetime.now(dt.timezone.utc) - when).total_seconds()
    if seconds < 90:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400 * 2:
        return f"{int(seconds // 3600)} h ago"
    return when.strftime("%Y-%m-%d")

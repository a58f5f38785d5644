"""The screens around the question screen: start, outline, preview, review, help and small dialogs."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from rich.markdown import Markdown as RichMarkdown
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    ListItem,
    ListView,
    Markdown,
    MarkdownViewer,
    Select,
    Static,
)

from wizard.app.question import OutlineTree, _esc, question_label
from wizard.app.safe_fields import SafeInput
from wizard.app.widgets.key_bar import KeyBar
from wizard.app.widgets.progressive_markdown import ProgressiveMarkdownViewer
from wizard.bank import Bank
from wizard.session import Session
from wizard.untrusted import shown

# Their styles load with the first of these screens, not with the question screen at start-up.
SCREENS_CSS = "screens.tcss"

# --------------------------------------------------------------------------- dialogs


class ReasonDialog(ModalScreen[str | None]):
    """Ask for an optional reason when marking a question not applicable or unknown."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, default: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = shown(title)
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield SafeInput(self.default, placeholder="Reason (optional), Enter to confirm", id="reason")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Mark", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str]):
    """A question with a few labelled answers (buttons); Escape picks the last, safest one."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = shown(title)
        self.message = shown(message)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label) in enumerate(self.choices):
                    yield Button(label, id=f"choice-{key}", variant="primary" if i == 0 else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "choice-").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(self.choices[-1][0])


# --------------------------------------------------------------------------- outline, preview, help


class OutlineScreen(ModalScreen[str | None]):
    """ctrl+o: the whole questionnaire with each question's state; Enter jumps."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,ctrl+o", "close", "Close")]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session

    def compose(self) -> ComposeResult:
        p = self.session.progress()
        with Vertical(classes="dialog wide-dialog", id="outline-dialog"):
            yield Label(f"Outline · {p.done} of {p.total} answered · Enter to jump, Esc to close", classes="dialog-title")
            yield OutlineTree(self.session, label_width=86, id="outline")
            yield Static("✓ answered   – not applicable   ? unknown   ! required, missing   · not answered yet",
                         classes="legend")

    def on_mount(self) -> None:
        tree = self.query_one("#outline", OutlineTree)
        tree.refresh_outline()
        tree.focus()

    def on_tree_node_selected(self, event: OutlineTree.NodeSelected[str]) -> None:
        event.stop()
        data = event.node.data
        if data and not data.startswith("section:"):
            self.dismiss(data)
        elif data:
            section = self.session.bank.section(data.removeprefix("section:"))
            visible = self.session.visible_in(section) if section else ()
            if visible:
                self.dismiss(visible[0].id)

    def action_close(self) -> None:
        self.dismiss(None)


class PreviewScreen(Screen[None]):
    """ctrl+r: the datasheet exactly as `render` writes it, in Textual's Markdown viewer."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,ctrl+r", "close", "Back to writing"), Binding("t", "toggle_toc", "Contents")]

    def __init__(self, markdown: str, title: str) -> None:
        super().__init__(classes="preview-screen")  # no id: two on the stack must never clash
        self.markdown = shown(markdown)
        self.doc_title = shown(title)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressiveMarkdownViewer(self.markdown, screen_cells=self.app.size.area, show_table_of_contents=True,
                                        open_links=False, id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"Preview · {self.doc_title}"
        self.query_one("#preview").focus()

    def action_toggle_toc(self) -> None:
        viewer = self.query_one("#preview", MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """f1: every key, where the draft lives, and what the questionnaire is."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def __init__(self, session: Session | None, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen help-screen")
        self.session = session
        self.keys = keys

    def compose(self) -> ComposeResult:
        lines = ["## Keys", "", "| key | does |", "| --- | --- |"]
        lines += [f"| `{key}` | {what} |" for key, what in self.keys]
        lines += ["| `ctrl+p` | command palette: go to any question, export, preview |", ""]
        lines += [
            "Every key works while you type. Answers save themselves within a second; ",
            "you can stop at any time and `datasheet-wizard resume` brings you back here.",
        ]
        if self.session is not None:
            bank, draft = self.session.bank, self.session.draft
            lines += ["", "## This draft", "", f"- **Draft file:** `{self.session.path}`"]
            lines += [f"- **Questionnaire:** {bank.title}, version {bank.version}"]
            if bank.source:
                lines += [f"- **Source:** {bank.source}"]
            if bank.path is not None:
                lines += [f"- **Bank file:** `{bank.path}`"]
            lines += [f"- **Started:** {draft.created:%Y-%m-%d %H:%M} UTC"]
        with VerticalScroll(classes="dialog wide-dialog", id="help-dialog"):
            yield Label("Help · Esc to close", classes="dialog-title")
            yield Static(RichMarkdown(shown("\n".join(lines)), hyperlinks=False), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)


class OrphansScreen(ModalScreen[None]):
    """Answers whose questions left the bank: shown, kept in the draft, never dropped."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session

    def compose(self) -> ComposeResult:
        parts = ["These answers belong to questions that are no longer in the bank, or are text an import could "
                 "not place on a question. They stay in your draft file untouched; copy what you need into other "
                 "answers.", ""]
        for orphan in self.session.orphans():
            body = orphan.answer.text or (", ".join(orphan.answer.value) if isinstance(orphan.answer.value, tuple)
                                          else orphan.answer.value or "")
            where = orphan.answer.extra.get("imported_from")
            origin = [f"*Imported from {where}*", ""] if isinstance(where, str) else []
            parts += [f"### {orphan.id}", "", *origin, "```text", body, "```", ""]
        with VerticalScroll(classes="dialog wide-dialog"):
            yield Label("Kept answers · Esc to close", classes="dialog-title")
            yield Markdown(shown("\n".join(parts)))

    def action_close(self) -> None:
        self.dismiss(None)


# --------------------------------------------------------------------------- review


def default_output(session: Session) -> Path:
    path = session.path or Path("datasheet.datasheet.toml")
    name = path.name.removesuffix(".datasheet.toml").removesuffix(".toml")
    return path.with_name(f"{name}.md")


class ReviewScreen(Screen[None]):
    """The finish line: what is missing (required first), then write the datasheet."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("ctrl+w", "write", "Write datasheet", priority=True),
        Binding("escape", "close", "Back to writing"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(classes="review-screen")
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        p = s.progress()
        missing = s.missing()
        yield Header()
        with VerticalScroll(id="review"):
            yield Label(f"Review · {p.done} of {p.total} questions answered", classes="review-title")
            if missing:
                required = sum(1 for q in missing if q.required)
                yield Static(
                    f"{len(missing)} question{'s' if len(missing) != 1 else ''} still open"
                    + (f", [b $error]{required} required[/]" if required else "")
                    + ". Select one to go there.",
                    id="missing-summary",
                )
                yield ListView(
                    *(ListItem(Label(_missing_label(s, q)), name=q.id) for q in missing), id="missing"
                )
            else:
                yield Static("Every question is answered. Well done.", id="missing-summary")
            yield Label("Write the datasheet to", classes="review-label")
            yield SafeInput(str(default_output(s)), id="output")
            yield Checkbox("Also write HTML next to it", id="html")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Write datasheet", variant="primary", id="write")
                yield Button("Back to writing", id="back")
            if any(q.export for q in s.bank.questions):  # the bank says where its answers go
                yield Label("Publish: files next to the draft", classes="review-label")
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Export Croissant", id="export-croissant")
                    yield Button("Export Hugging Face card", id="export-hf")
            yield Static(id="write-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Review and finish"
        missing = self.query("#missing")
        (missing.first() if missing else self.query_one("#write")).focus()

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.item.name:
            self.dismiss(None)
            self.app.jump_to(event.item.name)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#output")
    @on(Button.Pressed, "#write")
    def action_write(self) -> None:
        target = Path(self.query_one("#output", Input).value.strip()).expanduser()
        if not str(target):
            return
        also_html = self.query_one("#html", Checkbox).value
        self.app.write_datasheet(target, also_html, self.show_result)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#export-croissant")
    def _export_croissant(self) -> None:
        self.app.export("croissant", self.show_result)  # type: ignore[attr-defined]

    @on(Button.Pressed, "#export-hf")
    def _export_hf(self) -> None:
        self.app.export("hf", self.show_result)  # type: ignore[attr-defined]

    def show_result(self, message: str, ok: bool) -> None:
        result = self.query_one("#write-result", Static)
        result.update(shown(message, "markup"))  # paths and OS messages: never markup, never raw controls
        result.set_class(not ok, "error")


def _missing_label(session: Session, question) -> str:  # type: ignore[no-untyped-def]
    section = session.section_of(question)
    return f"{question_label(session, question, width=70)}  [dim]({_esc(section.title)})[/]"


# --------------------------------------------------------------------------- start


class StartScreen(Screen[None]):
    """Bare `datasheet-wizard`: resume a recent draft with one key, or start a new one."""

    CSS_PATH = SCREENS_CSS

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
                        *(ListItem(Label(f"[b]{_esc(r.title or r.path.name)}[/b]\n[dim]{_esc(r.bank)} · loading…[/]"),
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
                text = (f"[b]{_esc(s.draft.title or path.name)}[/b]\n[dim]{_esc(s.bank.title)} · {p.done}/{p.total} "
                        f"answered · edited {when}\n{_esc(str(path))}[/]")
            except Exception as exc:  # noqa: BLE001 - one broken draft must not hide the others
                text = f"[b]{_esc(path.name)}[/b]\n[$error]{_esc(str(exc))[:160]}[/]"
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
            where.update(f"The draft will be saved to [b]{_esc(str(path))}[/b]{exists}")
        else:
            where.update("Type the dataset's name to start.")

    def on_list_view_selected(self, event: ListView.Selected) -> None:
        if event.item.name:
            self.app.open_draft(Path(event.item.name))  # type: ignore[attr-defined]

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
        self.app.start_new(bank_path or self.selected_bank(), title, self.preset_path)  # type: ignore[attr-defined]

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
        self.app.open_draft(path)  # type: ignore[attr-defined]


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

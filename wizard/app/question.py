"""The question screen: prompt, editor, guidance, progress and the outline sidebar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static, Tree

from wizard.app.bars import BottomBar, TitleBar
from wizard.app.editors import AnswerEditor, editor_for
from wizard.app.keys import bindings_for
from wizard.bank import Question, Section
from wizard.session import (
    STATE_ANSWERED,
    STATE_EMPTY,
    STATE_INVALID,
    STATE_MISSING,
    STATE_NA,
    STATE_UNKNOWN,
    Session,
)
from wizard.untrusted import shown

STATE_MARKS = {
    STATE_ANSWERED: ("✓", "answered"),
    STATE_NA: ("–", "not applicable"),
    STATE_UNKNOWN: ("?", "unknown"),
    STATE_MISSING: ("!", "required, missing"),
    STATE_INVALID: ("✗", "not a valid answer"),
    STATE_EMPTY: ("·", "not answered yet"),
}


def session_titles(session: Session) -> tuple[str, str]:
    """The draft's title, and its bank and file: the title line's and the app's title and subtitle."""
    where = f"{session.bank.title} · {session.path}" if session.path else session.bank.title
    return shown(session.draft.title or "Untitled dataset"), shown(where)


def question_label(session: Session, question: Question, *, width: int = 60) -> str:
    mark, _ = STATE_MARKS[session.state_of(question)]
    prompt = question.prompt if len(question.prompt) <= width else question.prompt[: width - 1] + "…"
    return f"{mark} {_esc(prompt)}"


class OutlineTree(Tree[str]):
    """Every visible section and question with its state; selecting one jumps there."""

    DEFAULT_CSS = "OutlineTree { background: $surface; }"

    def __init__(self, session: Session, *, label_width: int = 28, **kwargs: object) -> None:
        super().__init__("Outline", **kwargs)  # type: ignore[arg-type]
        self.session = session
        self.label_width = label_width
        self.show_root = False
        self.guide_depth = 2

    # Above this many visible questions only the current section is filled in; the others are
    # filled when opened, so a 5,000-question bank does not build 5,000 rows per refresh.
    EAGER_LIMIT = 300

    def refresh_outline(self) -> None:
        s = self.session
        self.clear()
        eager = len(s.visible_questions()) <= self.EAGER_LIMIT
        target = None
        for section in s.visible_sections():
            here = section.id == s.current.section_id
            node = self.root.add(f"{_esc(section.title)}  {s.section_progress(section)}", data=f"section:{section.id}",
                                 expand=eager or here, allow_expand=True)
            if eager or here:
                target = self._fill(node, section.id) or target
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)  # rows get their lines at the next refresh

    def _fill(self, node, section_id: str):  # type: ignore[no-untyped-def]
        """Add a section's questions under its node; returns the current question's row, if there."""
        s = self.session
        section = s.bank.section(section_id)
        target = None
        for q in s.visible_in(section) if section else ():
            leaf = node.add_leaf(question_label(s, q, width=self.label_width), data=q.id)
            if q is s.current:
                target = leaf
        return target

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.data and node.data.startswith("section:") and not node.children:
            self._fill(node, node.data.removeprefix("section:"))


SIDEBAR_MIN_WIDTH = 130  # columns from which the outline sidebar is shown


class GuidePanel(VerticalScroll):
    """The section's guidance, then this question's guidance and example answer."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._section = ""  # the section whose guidance the panel holds
        self.built = False

    async def build(self) -> None:
        await self.mount_all([
            Static(classes="guide-title", id="section-title"),
            Static(id="section-guidance"),
            Static("This question", classes="guide-title"),
            Static(id="guide-detail"),  # the question's detail, shown here on short terminals
            Static(id="guidance"),
            Static("Example answer", classes="guide-title", id="example-title"),
            Static(id="example"),
        ])
        self.built = True

    def show(self, section: Section, question: Question) -> None:
        if self._section != section.id:  # entering a section: its guidance heads the panel
            self._section = section.id
            self.query_one("#section-title", Static).update(f"About {_esc(section.title)}")
            guidance = self.query_one("#section-guidance", Static)
            guidance.update(_markdown(section.guidance or ""))
            guidance.display = bool(section.guidance)
            self.scroll_home(animate=False)
        self.query_one("#guide-detail", Static).update(_esc(question.detail))
        self.query_one("#guidance", Static).update(_markdown(question.guidance or "*No guidance for this question.*"))
        self.query_one("#example", Static).update(_markdown(question.example or ""))
        self.query_one("#example-title").display = bool(question.example)
        self.query_one("#example").display = bool(question.example)


class QuestionScreen(Screen[None]):
    """Where the author spends their hours: one question at a time, everything else one key away."""

    BINDINGS = bindings_for("question")
    show_guide: reactive[bool] = reactive(True)

    def __init__(self, session: Session) -> None:
        super().__init__(id="question-screen")
        self.session = session
        self._editors: dict[str, AnswerEditor] = {}
        self._shown: dict[str, object] = {}  # what the question block and the sidebar show: redraw only on change
        self._head = {"section": "", "prompt": "", "detail": "", "mark": ""}  # see _show_head
        self._shown_editor: AnswerEditor | None = None
        self._guide_pending = False  # the guidance panel is being built (see show_question)
        self._sidebar: OutlineTree | None = None  # mounted the first time the window is wide enough

    def compose(self) -> ComposeResult:
        yield TitleBar(id="titlebar")
        if self.session.read_only:
            yield Static(f"Read-only: {_esc(self.session.read_only_reason)}",
                         id="readonly-notice")
        # Few widgets, grouped so that a key press repaints little: Textual redraws every widget
        # whose container overlaps the changed area. The question's lines are one widget, so are the
        # two bottom lines, and the editors are direct children of #main.
        with Horizontal(id="body"):
            with VerticalScroll(id="main"):
                yield Static(id="question")
                yield self._new_editor(self.session.current)  # part of the first frame
            yield GuidePanel(id="guide")
        yield BottomBar(id="bottom")

    def on_mount(self) -> None:
        self.query_one(TitleBar).show(*session_titles(self.session))
        self.show_question()
        if self.session.path is not None and not self.session.read_only:
            self.set_saved(f"{'editing…' if self.session.dirty else 'saved'} · {self.session.path.name}")

    # ------------------------------------------------------------------ showing

    def editor(self, question: Question) -> AnswerEditor:
        editor = self._editors.get(question.id)
        if editor is None:
            editor = self._new_editor(question)
            self.query_one("#main").mount(editor)
        return editor

    def _new_editor(self, question: Question) -> AnswerEditor:
        editor = editor_for(question, read_only=self.session.read_only)
        self._editors[question.id] = editor
        return editor

    def show_question(self, *, focus: bool = True) -> None:
        s = self.session
        q = s.current
        section = s.section_of(q)
        required = " [b $error]*required[/]" if q.required else ""
        self._head["prompt"] = f"[b]{_esc(q.prompt)}[/b]{required}"
        self._head["detail"] = f"[$foreground-muted]{_esc(q.detail)}[/]" if q.detail else ""
        guide = self.query_one(GuidePanel)
        if guide.built:
            guide.show(section, q)
        elif not self._guide_pending:
            self._guide_pending = True
            # The first frame shows the question and its editor; the guidance panel's contents follow
            # a frame later, so building them and loading the Markdown renderer (~30 ms together)
            # does not hold up the screen on every resume.
            self.call_after_refresh(self._fill_guidance)
        editor = self.editor(q)
        editor.load(s.answer(q.id))
        if self._shown_editor is not editor:  # one editor on show; the others keep their undo history
            if self._shown_editor is not None:
                self._shown_editor.display = False
            editor.display = True
            self._shown_editor = editor
        self.update_mark_notice()
        self.update_progress()
        if focus:
            # The app holds keys typed from here until this editor is ready, then focuses it and
            # hands them on in order; meanwhile the old editor must not take them.
            if self.focused is not None and editor not in self.focused.ancestors:
                self.set_focus(None)
            self.app.hold_keys()  # type: ignore[attr-defined]
            self.call_after_refresh(lambda: editor.scroll_visible(animate=False))
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)

    async def _fill_guidance(self) -> None:
        guide = self.query_one(GuidePanel)
        await guide.build()
        self._guide_pending = False
        guide.show(self.session.section_of(self.session.current), self.session.current)

    def editor_ready(self) -> bool:
        editor = self._editors.get(self.session.current.id)
        return editor is not None and editor.ready

    def focus_editor(self) -> None:
        """Focus the current question's editor, unless something inside it has focus already."""
        editor = self._editors.get(self.session.current.id)
        if editor is not None and (self.focused is None or editor not in self.focused.ancestors):
            editor.focus_first()

    def flush_editor(self) -> None:
        """Put what the current editor shows into the session now, without waiting for its message.

        A signal can arrive after a key reached the editor but before its change message was
        handled; saving then must not miss those last characters.
        """
        s = self.session
        editor = self._editors.get(s.current.id)
        if editor is None or s.read_only or not editor.children:
            return  # no editor yet, or not composed yet: it holds nothing the session lacks
        s.write_text(s.current.id, editor.text())  # on a list question, the explanation box

    def reload_answers(self) -> None:
        """After the draft was reloaded from disk: every editor shows the file's answers."""
        for editor in self._editors.values():
            editor.load(self.session.answer(editor.question.id))
        self.show_question()

    def _set(self, selector: str, content: str) -> None:
        """Update a Static only when its text changes: every update costs a layout pass."""
        if self._shown.get(selector) != content:
            self._shown[selector] = content
            self.query_one(selector, Static).update(content)

    def _show_head(self) -> None:
        """The question block: section line, prompt, detail and any mark, one paragraph each. On
        short terminals the section line is left out and the detail moves to the guidance panel."""
        h = self._head
        parts = (h["prompt"], h["mark"]) if self.has_class("short") else (h["section"], h["prompt"], h["detail"], h["mark"])
        self._set("#question", "\n\n".join(p for p in parts if p))

    def update_mark_notice(self) -> None:
        question = self.session.current
        answer = self.session.answer(question.id)
        judged = self.session.verdict(question)
        text = ""
        if answer is not None and answer.status.is_mark:
            what = answer.status.label.lower()
            reason = f": {_esc(answer.text)}" if answer.text else ""
            text = f"[$warning]Marked [b]{what}[/b]{reason}. Type an answer to replace the mark.[/]"
        elif judged.problem:
            text = f"[$error]Not a valid answer: {_esc(judged.problem)}. It is kept as written until you change it.[/]"
        self._head["mark"] = text
        self._show_head()

    def update_progress(self) -> None:
        s = self.session
        section = s.section_of(s.current)
        sections = s.visible_sections()
        number = sections.index(section) + 1 if section in sections else 0
        self._head["section"] = (f"[$foreground-muted][b]{_esc(section.title)}[/b] · section {number}/{len(sections)} · "
                                 f"{s.section_progress(section)} answered · question {s.position()} of "
                                 f"{len(s.visible_questions())}[/]")
        self._show_head()
        p = s.progress()
        self.query_one(BottomBar).show_progress(p.done, p.total)
        sidebar = self._sidebar
        outline_state = (p, s.current.id, s.state_of(s.current), len(s.visible_questions()))
        if sidebar is not None and sidebar.display and self._shown.get("#sidebar") != outline_state:
            self._shown["#sidebar"] = outline_state
            sidebar.refresh_outline()

    def set_saved(self, text: str, *, error: bool = False) -> None:
        self.query_one(BottomBar).show_saved(text, error=error)

    def watch_show_guide(self, show: bool) -> None:
        self.query_one("#guide").display = show

    # ------------------------------------------------------------------ events

    def on_answer_editor_edited(self, event: AnswerEditor.Edited) -> None:
        s = self.session
        if s.read_only:
            return
        before, standing, revision = len(s.visible_questions()), s.standing_revision, s.revision
        getattr(s, event.intent)(event.question_id, event.payload)  # one of editors.INTENTS
        if s.revision == revision:
            return  # the edit changed nothing (an emptied box keeps a mark; the saved option picked again)
        if event.intent in ("choose", "choose_other", "tick"):
            editor = self._editors.get(event.question_id)
            if editor is not None:
                editor.load(s.answer(event.question_id))  # show what the session made of the pick
        if s.standing_revision != standing:  # most keys change words only: marks and progress stand
            self.update_mark_notice()
            self.update_progress()
            if len(s.visible_questions()) != before:
                self.notify("Questions changed with your answer.", timeout=2)
        self.app.schedule_save()  # type: ignore[attr-defined]

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        data = event.node.data
        if data and not data.startswith("section:"):
            self.app.jump_to(data)  # type: ignore[attr-defined]

    def on_resize(self) -> None:
        wide = self.size.width >= SIDEBAR_MIN_WIDTH
        sidebar = self._sidebar
        if wide and sidebar is None:
            self._sidebar = OutlineTree(self.session, id="sidebar")
            self.query_one("#body").mount(self._sidebar, before="#main")
            self.call_after_refresh(self.update_progress)  # fills it once mounted
        elif sidebar is not None and wide != sidebar.display:
            sidebar.display = wide
            self._shown.pop("#sidebar", None)  # it was not kept up to date while hidden
            if wide:
                self.update_progress()
        self.set_class(self.size.width < 100, "narrow")
        self.set_class(self.size.height < 20, "short")
        self._show_head()


def _markdown(text: str):  # type: ignore[no-untyped-def]
    """Guidance as one rendered block (rich's Markdown): far lighter than a widget per paragraph."""
    from rich.markdown import Markdown

    return Markdown(shown(text), hyperlinks=False)


def _esc(text: str) -> str:
    """Bank or draft text inside a markup string: controls shown, every bracket literal."""
    return shown(text, "markup")

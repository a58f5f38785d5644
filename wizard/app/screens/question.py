"""The question screen: prompt, editor, guidance, progress and the outline sidebar."""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static, Tree

from wizard.app.editors import AnswerEditor, editor_for
from wizard.app.keys import bindings_for
from wizard.app.markup import esc
from wizard.app.messages import AnswerEdited, EditorReady, EditorShown, JumpTo
from wizard.app.widgets.bars import BottomBar, TitleBar
from wizard.app.widgets.guide import GuidePanel
from wizard.app.widgets.outline import OutlineTree
from wizard.bank import Question
from wizard.session import Session
from wizard.untrusted import shown


def session_titles(session: Session) -> tuple[str, str]:
    """The draft's title, and its bank and file: the title line's and the app's title and subtitle."""
    where = f"{session.bank.title} · {session.path}" if session.path else session.bank.title
    return shown(session.draft.title or "Untitled dataset"), shown(where)


SIDEBAR_MIN_WIDTH = 130  # columns from which the outline sidebar is shown


class QuestionScreen(Screen[None]):
    """Where the author spends their hours: one question at a time, everything else one key away."""

    BINDINGS = bindings_for("question")
    show_guide: reactive[bool] = reactive(True)

    def __init__(self, session: Session, *, cursor_blink: bool = True) -> None:
        super().__init__(id="question-screen")
        self.session = session
        self.cursor_blink = cursor_blink  # the app's setting, for the editors' text boxes
        self._editors: dict[str, AnswerEditor] = {}
        self._shown: dict[str, object] = {}  # what the question block and the sidebar show: redraw only on change
        self._head = {"prompt": "", "detail": "", "mark": ""}  # see _show_head
        self._shown_editor: AnswerEditor | None = None
        self._guide_pending = False  # the guidance panel is being built (see show_question)
        self._sidebar: OutlineTree | None = None  # mounted the first time the window is wide enough

    def compose(self) -> ComposeResult:
        yield TitleBar(id="titlebar")
        if self.session.read_only:
            yield Static(f"Read-only: {esc(self.session.read_only_reason)}",
                         id="readonly-notice")
        # Few widgets, grouped so that a key press repaints little: Textual redraws every widget
        # whose container overlaps the changed area. The question's lines are one widget, so are the
        # two bottom lines, and the editors are direct children of #main. The place line stays put
        # above the body, which scrolls under it when a long detail pushes the editor down.
        yield Static(id="place")
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
        editor = editor_for(question, read_only=self.session.read_only, cursor_blink=self.cursor_blink)
        self._editors[question.id] = editor
        return editor

    def show_question(self, *, focus: bool = True) -> None:
        s = self.session
        q = s.current
        section = s.section_of(q)
        required = " [b $error]*required[/]" if q.required else ""
        self._head["prompt"] = f"[b]{esc(q.prompt)}[/b]{required}"
        self._head["detail"] = f"[$foreground-muted]{esc(q.detail)}[/]" if q.detail else ""
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
            self.post_message(EditorShown())
            if editor.ready:  # shown before: it will not say so again
                self.post_message(EditorReady())
            self.call_after_refresh(self._fit_editor, then=partial(self._bring_into_view, editor))
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)

    def _bring_into_view(self, editor: AnswerEditor) -> None:
        """From the top (focusing the editor may have scrolled meanwhile), as little as shows its input."""
        for selector in ("#body", "#main"):  # a narrow terminal scrolls the body, a wide one the column
            self.query_one(selector).scroll_home(animate=False)
        editor.bring_into_view()

    def _fit_editor(self, then: Callable[[], object] | None = None) -> None:
        """A long question (a paragraph of detail, a mark's notice) gets a shorter text box under it,
        so that its prompt stays in view; then `then` runs, once the new sizes are laid out."""
        editor = self._shown_editor
        if editor is not None and editor.children:
            scroller = self.query_one("#body" if self.has_class("narrow") else "#main")
            head = self.query_one("#question").outer_size.height
            editor.fit(scroller.scrollable_content_region.height - head - 1)  # 1: the editor's top margin
        if then is not None:  # the new height is laid out at the next refresh but one
            self.call_after_refresh(self.call_after_refresh, then)

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

    def _set(self, selector: str, content: str) -> bool:
        """Update a Static only when its text changes (every update costs a layout pass); True if it did."""
        if self._shown.get(selector) == content:
            return False
        self._shown[selector] = content
        self.query_one(selector, Static).update(content)
        return True

    def _show_head(self) -> None:
        """The question block: prompt, detail and any mark, one paragraph each. On short terminals
        the detail moves to the guidance panel (and the place line is hidden)."""
        h = self._head
        parts = (h["prompt"], h["mark"]) if self.has_class("short") else (h["prompt"], h["detail"], h["mark"])
        if self._set("#question", "\n\n".join(p for p in parts if p)):
            self.call_after_refresh(self._fit_editor)  # its height may have changed

    def update_mark_notice(self) -> None:
        question = self.session.current
        answer = self.session.answer(question.id)
        judged = self.session.verdict(question)
        text = ""
        if answer is not None and answer.status.is_mark:
            what = answer.status.label.lower()
            reason = f": {esc(answer.text)}" if answer.text else ""
            text = f"[$warning]Marked [b]{what}[/b]{reason}. Type an answer to replace the mark.[/]"
        elif judged.problem:
            text = f"[$error]Not a valid answer: {esc(judged.problem)}. It is kept as written until you change it.[/]"
        self._head["mark"] = text
        self._show_head()

    def update_progress(self) -> None:
        s = self.session
        section = s.section_of(s.current)
        sections = s.visible_sections()
        number = sections.index(section) + 1 if section in sections else 0
        self._set("#place", f"[b]{esc(section.title)}[/b] · section {number}/{len(sections)} · "
                            f"{s.section_progress(section)} answered · question {s.position()} of "
                            f"{len(s.visible_questions())}")
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
        self.post_message(AnswerEdited())

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        data = event.node.data
        if data and not data.startswith("section:"):
            self.post_message(JumpTo(data))

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
        self.call_after_refresh(self._fit_editor)

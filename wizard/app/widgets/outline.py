"""The outline: every visible section and question with its state, as a tree (sidebar and ctrl+o)."""

from __future__ import annotations

import re

from textual.events import Resize
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from wizard.app.markup import esc
from wizard.bank import Question
from wizard.labels import STATE_LABELS
from wizard.session import Session

_ASIDE = re.compile(r"\s*\([^()]*\)")  # "(e.g., …)": the first thing a short label can do without


def fit_prompt(prompt: str, width: int) -> str:
    """A prompt in at most `width` characters that still tells it from its neighbours.

    Prompts often share their first words ("Does the dataset contain data that might be considered
    confidential…" / "…sensitive…"), so cutting the end leaves two identical rows. Asides in
    brackets go first; then words from the middle, keeping the start and the end."""
    if len(prompt) <= width:
        return prompt
    plain = _ASIDE.sub("", prompt).strip()
    if len(plain) <= width:
        return plain
    words = plain.split()
    head: list[str] = []
    tail: list[str] = []
    i, j = 0, len(words) - 1
    while i <= j and len(" ".join([*head, words[i]])) + 1 <= (width - 1) // 2:  # the start: up to half
        head.append(words[i])
        i += 1
    while j >= i and len(" ".join([words[j], *tail])) <= width - len(" ".join(head)) - 3:  # the end: the rest
        tail.insert(0, words[j])
        j -= 1
    while i <= j and len(" ".join([*head, words[i]])) + 3 + len(" ".join(tail)) <= width:  # room left: the start
        head.append(words[i])
        i += 1
    if not head or not tail:  # a very long word, or a very narrow row
        return plain[: max(width - 1, 0)] + "…"
    return f"{' '.join(head).rstrip(',;:')} … {' '.join(tail)}"


def question_label(session: Session, question: Question, *, width: int = 60) -> str:
    """The question's state mark and its prompt in `width` characters (see fit_prompt), as markup."""
    return f"{STATE_LABELS[session.state_of(question)].mark} {esc(fit_prompt(question.prompt, width))}"


class OutlineTree(Tree[str]):
    """Every visible section and question with its state. Node data: a question id, or
    "section:ID" for a section; the screen holding the tree decides what selecting one does."""

    DEFAULT_CSS = "OutlineTree { background: $surface; }"

    def __init__(self, session: Session, *, label_width: int = 28, **kwargs: object) -> None:
        super().__init__("Outline", **kwargs)  # type: ignore[arg-type]
        self.session = session
        self.label_width = label_width  # the prompts' width until the tree knows its own (see on_resize)
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
            node = self.root.add(f"{esc(section.title)}  {s.section_progress(section)}", data=f"section:{section.id}",
                                 expand=eager or here, allow_expand=True)
            if eager or here:
                target = self._fill(node, section.id) or target
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)  # rows get their lines at the next refresh

    def _fill(self, node: TreeNode[str], section_id: str) -> TreeNode[str] | None:
        """Add a section's questions under its node; returns the current question's row, if there."""
        s = self.session
        section = s.bank.section(section_id)
        target = None
        for q in s.visible_in(section) if section else ():
            leaf = node.add_leaf(question_label(s, q, width=self.label_width), data=q.id)
            if q is s.current:
                target = leaf
        return target

    def on_resize(self, event: Resize) -> None:
        """Prompts as wide as the tree: it widens with the terminal (the sidebar, the outline dialog)."""
        # A question's row: two columns of guide, the state mark and a space, then the prompt; room
        # is kept for the scrollbar, which appears only once the rows are in (no resize then).
        width = max(self.content_region.width - self.styles.scrollbar_size_vertical - 5, 16)
        if width != self.label_width:
            self.label_width = width
            if self.root.children:
                self.refresh_outline()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        node = event.node
        if node.data and node.data.startswith("section:") and not node.children:
            self._fill(node, node.data.removeprefix("section:"))

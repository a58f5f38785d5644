"""What plain mode shows before the prompts: the welcome, each section's heading and guidance, each question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.plain.commands import COMMANDS_HELP

if TYPE_CHECKING:
    from wizard.bank import Question
    from wizard.plain.printer import Printer
    from wizard.session import Session

ANSWER_HELP = "Multi-line answers end with Esc then Enter. An empty answer leaves a question unanswered."


def show_welcome(session: Session, out: Printer) -> None:
    bank = session.bank
    out.line(bank.title_for(session.draft.title), "bold")
    out.note(f"Questions: {bank.title}, version {bank.version}. Draft: {session.path}", wrap=False)
    if session.bank_changed:
        version = ""
        if session.bank_version_changed and session.draft.bank_version:
            version = f" (it was version {session.draft.bank_version}, now {bank.version})"
        out.warn(f"The question bank changed since this draft was last saved{version}. All your answers are kept.")
    orphans = session.orphans()
    if orphans:
        from wizard.progress import describe_orphans

        out.warn(describe_orphans(orphans))
    if session.draft.answers or not session.at_start:
        total = len(session.visible_questions())
        out.line(f"Resuming at question {session.position()}/{total} ({session.progress().done} answered).")
    out.note(COMMANDS_HELP)
    out.note(ANSWER_HELP)


class SectionHeadings:
    """A section's heading when the questions enter it, and its guidance only the first time."""

    def __init__(self, session: Session, out: Printer) -> None:
        self.session = session
        self.out = out
        self._shown_guidance: set[str] = set()
        self._last_section: str | None = None

    def show_if_new(self, question: Question) -> None:
        if question.section_id == self._last_section:
            return
        self._last_section = question.section_id
        session = self.session
        section = session.section_of(question)
        sections = session.visible_sections()
        number = sections.index(section) + 1 if section in sections else 0
        self.out.heading(f"Section {number} of {len(sections)}: {section.title}")
        if section.guidance and section.id not in self._shown_guidance:
            self._shown_guidance.add(section.id)
            self.out.markdown(section.guidance)


def show_question(session: Session, out: Printer, question: Question) -> None:
    """Where the question stands, its text and help, and what its answer is now when that needs saying."""
    section = session.section_of(question)
    in_section = session.visible_in(section)
    place = in_section.index(question) + 1 if question in in_section else 0
    progress = f"{session.position()}/{len(session.visible_questions())}, {section.title} {place}/{len(in_section)}"
    if question.required:
        progress += ", required"
    out.blank()
    out.note(progress)
    out.line(question.prompt, "bold")
    if question.detail.strip():
        out.line(question.detail.strip())
    if question.guidance.strip():
        out.markdown(question.guidance, prefix="Guidance: ")
    if question.example.strip():
        out.line(f"Example: {question.example.strip()}", "italic")
    answer = session.answer(question.id)
    judged = session.verdict(question)
    if answer is not None and answer.status.is_mark:
        label = answer.status.label.lower()
        reason = f" ({answer.text.strip()})" if answer.text.strip() else ""
        keep = "Enter keeps it" if not question.type.is_list else "pick it again to keep it"
        out.line(f"Currently: {label}{reason}. {keep}; answer to replace it.", "cyan")
    elif judged.problem:
        out.line(f"Currently not a valid answer: {judged.problem}. It is kept as written until you answer.", "cyan")

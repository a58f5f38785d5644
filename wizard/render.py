"""Turn a session into the datasheet: Markdown (with every answer contained), standalone HTML, or JSON."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from wizard.answers import State, Status, verdict
from wizard.bank import QuestionType
from wizard.labels import mark_sentence

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from wizard.answers import Answer
    from wizard.bank import Question
    from wizard.session import Session

FORMATS = ("markdown", "html", "json")
NOT_ANSWERED = "*Not answered.*"

# Levels an answer's headings are pushed down by: the document uses H1 and H2, and a question's
# prompt stands at the third level, so an answer's own "# Heading" becomes H4.
HEADING_SHIFT = 3
_SENTINEL = "datasheet-wizard-end-of-answer-7f3a"
_ATX = re.compile(r"^((?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])?)*?[ \t]{0,3})(#{1,6})(?=[ \t]|$)")
_HTML_CLOSERS = (
    (re.compile(r"^<(script|pre|style|textarea)(?=[\s>]|$)", re.I), None),
    (re.compile(r"^<!--"), "-->"),
    (re.compile(r"^<\?"), "?>"),
    (re.compile(r"^<![A-Za-z]"), ">"),
    (re.compile(r"^<!\[CDATA\["), "]]>"),
)


@lru_cache(maxsize=2)
def _parser(preset: str = "commonmark") -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt(preset)


# --------------------------------------------------------------------------- containment


def contain(text: str) -> str:
    """Keep an answer's Markdown, but make sure it cannot change the document's outline.

    Headings are demoted below the question level, setext underlines (`---`, `===` under a
    line of text) are escaped so they stay text, and fenced code or HTML blocks left open are
    closed so the rest of the document is not swallowed. The checks use markdown-it's tokens;
    an answer is parsed once unless it needs mending.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return ""
    from wizard.untrusted import shown

    # Controls first: their visible form (`<U+202E>`) ends in ">", which could close an author's "<!x"
    # into a declaration if it were added after the HTML check.
    text = shown(text)
    if _HTML_START.search(text):
        text = _escape_raw_html(text)
    if not _MARKUP_RISK.search(text):
        return text  # plain prose: nothing in it can open a block or make a heading
    lines = text.split("\n")
    tokens = _block_tokens(text)
    # Escaping one underline can make the next one underline a longer paragraph: repeat until none.
    for _ in range(len(lines)):
        setext = [t for t in tokens if t.type == "heading_open" and t.markup[:1] in "-=" and t.map]
        if not setext:
            break
        for tok in setext:
            under = tok.map[1] - 1  # type: ignore[index]
            lines[under] = re.sub(r"([=-])", r"\\\1", lines[under], count=1)
        tokens = _block_tokens("\n".join(lines))
    for tok in tokens:
        if tok.type == "heading_open" and tok.map is not None and tok.map[0] < len(lines):
            lines[tok.map[0]] = _demote_atx(lines[tok.map[0]], int(tok.tag[1]))
    text = "\n".join(lines)
    for _ in range(4):
        closer = _closer_needed(text, tokens)
        if closer is None:
            return text
        text = f"{text}\n{closer}"
        tokens = _block_tokens(text)
    return _as_code(text)


# --------------------------------------------------------------------------- raw HTML as text

# Where raw HTML could start (CommonMark: an open or closing tag, a comment, a processing
# instruction, a declaration, CDATA). GitHub and the Hub render raw HTML, so an answer's `<h1>` or
# unclosed `<details>` would reshape the page: such a `<` gets a backslash and shows as written.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>"
)
_BACKTICKS = re.compile(r"`+")


def _escape_raw_html(text: str) -> str:
    """`text` with every `<` that would open raw HTML escaped, outside code; links `<https://…>` stay.

    Code blocks (fenced, indented) and code spans show `<` literally already and are left alone.
    The result is checked with markdown-it; should any raw HTML remain (a construct the scan did
    not foresee), every such `<` outside code blocks is escaped, and failing that the answer is
    shown as a code block.
    """
    if not _has_raw_html(text):
        return text
    lines = text.split("\n")
    code = _code_lines(text)
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.extend(_escape_outside_spans("\n".join(paragraph)).split("\n"))
            paragraph.clear()

    for number, line in enumerate(lines):
        if number in code or not line.strip():
            flush()
            out.append(line)
        else:
            paragraph.append(line)
    flush()
    escaped = "\n".join(out)
    if not _has_raw_html(escaped):
        return escaped
    blunt = "\n".join(line if i in code else _escape_tags(line) for i, line in enumerate(lines))
    return blunt if not _has_raw_html(blunt) else _as_code(text)


def _escape_tags(chunk: str) -> str:
    """Escape each `<` that could open HTML in `chunk` (no code spans in it), sparing autolinks."""
    parts: list[str] = []
    last = 0
    for match in _HTML_START.finditer(chunk):
        at = match.start()
        if at < last:
            continue
        backslashes = len(chunk[:at]) - len(chunk[:at].rstrip("\\"))
        link = _AUTOLINK.match(chunk, at)
        if link is not None:
            parts.append(chunk[last:link.end()])
            last = link.end()
            continue
        parts.append(chunk[last:at])
        parts.append("<" if backslashes % 2 else "\\<")
        last = at + 1
    parts.append(chunk[last:])
    return "".join(parts)


def _escape_outside_spans(chunk: str) -> str:
    """Escape HTML starts in one paragraph's text, leaving code spans (`like <this>`) as they are."""
    if "`" not in chunk:
        return _escape_tags(chunk)
    parts: list[str] = []
    pos = 0  # everything before pos is done
    scan = 0
    while True:
        opener = _BACKTICKS.search(chunk, scan)
        if opener is None:
            break
        escaped_tick = opener.start() > 0 and chunk[opener.start() - 1] == "\\"
        width = len(opener.group()) - (1 if escaped_tick else 0)
        closer = None
        if width:
            for candidate in _BACKTICKS.finditer(chunk, opener.end()):
                if len(candidate.group()) == width:
                    closer = candidate
                    break
        if closer is None:
            scan = opener.end()
            continue
        parts.append(_escape_tags(chunk[pos:opener.start()]))
        parts.append(chunk[opener.start():closer.end()])
        pos = scan = closer.end()
    parts.append(_escape_tags(chunk[pos:]))
    return "".join(parts)


def _code_lines(text: str) -> set[int]:
    """Numbers of the lines inside fenced or indented code blocks (at any depth)."""
    lines: set[int] = set()
    for tok in _block_parser().parse(text):
        if tok.type in ("fence", "code_block") and tok.map is not None:
            lines.update(range(tok.map[0], tok.map[1]))
    return lines


def _has_raw_html(text: str) -> bool:
    if not _HTML_START.search(text):
        return False
    for tok in _html_parser().parse(text):
        if tok.type == "html_block":
            return True
        if tok.type == "inline" and any(child.type == "html_inline" for child in tok.children or ()):
            return True
    return False


@lru_cache(maxsize=1)
def _html_parser() -> MarkdownIt:
    """CommonMark with only the inline rules that decide where raw HTML is (fast on long answers)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    keep = {"text", "escape", "backticks", "autolink", "html_inline", "newline"}
    parser.disable([rule for rule in parser.get_active_rules()["inline"] if rule not in keep])
    parser.disable([rule for rule in parser.get_active_rules().get("inline2", []) if rule not in keep])
    return parser


# What a line must start with (after indentation, quote and list markers) to open a heading, a
# fence or an HTML block, or to underline the line above: anything else is prose, lists, emphasis.
_MARKUP_RISK = re.compile(r"^[ \t>*+\-\d.)]*?(?:#|`{3}|~{3}|<|=+[ \t]*$|-+[ \t]*$)", re.M)


def _block_tokens(text: str) -> list[Token]:
    """Block tokens of `text` followed by a sentinel paragraph (inline parsing is not needed)."""
    return _block_parser().parse(f"{text}\n\n{_SENTINEL}\n")


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.disable("inline")
    return parser


def _demote_atx(line: str, level: int) -> str:
    new_level = min(6, level + HEADING_SHIFT)
    return _ATX.sub(lambda m: m.group(1) + "#" * new_level, line, count=1)


def _closer_needed(text: str, tokens: list[Token]) -> str | None:
    """The line that closes whatever block would run past the answer's end, or None if all is closed.

    `tokens` are `_block_tokens(text)`: the answer followed by a sentinel paragraph.
    """
    if _sentinel_is_free(tokens):
        return None
    swallower = next((t for t in reversed(tokens) if t.level == 0 and t.map is not None and t.nesting >= 0), None)
    if swallower is None:
        return ""
    if swallower.type == "fence":
        char = swallower.markup[0]
        return char * max(3, len(swallower.markup))
    if swallower.type == "html_block":
        head = swallower.content.lstrip()
        for pattern, closer in _HTML_CLOSERS:
            match = pattern.match(head)
            if match:
                return closer or f"</{match.group(1).lower()}>"
    return ""  # an unknown swallower: a blank line is the best we can add; the loop falls back to code


def _sentinel_is_free(tokens: list[Token]) -> bool:
    for i, tok in enumerate(tokens):
        if tok.type == "inline" and tok.content == _SENTINEL:
            return tok.level == 1 and i > 0 and tokens[i - 1].type == "paragraph_open" and tokens[i - 1].level == 0
    return False


def _as_code(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`{3,}|~{3,}", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")


def escape_inline(text: str) -> str:
    """Text that must stay literal inside a line of Markdown (a title, a prompt)."""
    from wizard.untrusted import shown

    text = shown(" ".join(text.split()))
    return _INLINE_SPECIAL.sub(r"\\\1", text)


# --------------------------------------------------------------------------- Markdown


def answer_markdown(question: Question, answer: Answer | None) -> str:
    """The rendered body under one question, as wizard.answers judges the answer."""
    state = verdict(question, answer).state
    if answer is None or state is State.UNANSWERED:
        note = contain(answer.text) if answer is not None and answer.status is Status.ANSWERED else ""
        return NOT_ANSWERED + (f"\n\n{note}" if note else "")  # an explanation alone is still shown
    note = contain(answer.text)
    if state in (State.NA, State.UNKNOWN):
        return mark_sentence(answer.status, note)
    if state is State.INVALID:
        return _verbatim(question, answer)
    if not question.type.is_list:
        return note or NOT_ANSWERED
    if question.type is QuestionType.MULTICHOICE:
        items = [f"- {escape_inline(v)}" for v in answer.chosen]
        if answer.other.strip():
            items.append(f"- Other: {escape_inline(answer.other)}")
        return "\n\n".join(p for p in ("\n".join(items), note) if p) or NOT_ANSWERED
    if question.type is QuestionType.YESNO:
        head = {"yes": "**Yes.**", "no": "**No.**"}[str(answer.value)]
    elif answer.value is not None:
        head = escape_inline(str(answer.value))
    else:
        head = escape_inline(answer.other)
    return head + (f"\n\n{note}" if note else "")


def _verbatim(question: Question, answer: Answer) -> str:
    """An invalid answer, shown as written (the CLI warns on stderr; see render_warnings)."""
    parts = [escape_inline(v) for v in answer.chosen]
    body = "\n".join(f"- {p}" for p in parts) if len(parts) > 1 else (parts[0] if parts else "")
    own = f"Other: {escape_inline(answer.other)}" if answer.other.strip() else ""
    return "\n\n".join(p for p in (body, own, contain(answer.text)) if p) or NOT_ANSWERED


def render_warnings(session: Session) -> list[str]:
    """What the document shows as written although it is not a valid answer: one line each."""
    return [f'question "{q.id}": {problem}. Rendered as written.' for q, problem in session.invalid()]


def render_markdown(session: Session, *, toc: bool = False) -> str:
    """The datasheet in Markdown; with `toc`, a list of links to its sections follows the header."""
    return "\n\n".join(_blocks(session, toc=toc).texts) + "\n"


class _Blocks:
    """The document's top-level blocks, in order, and which of them the HTML styles apart."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.kinds: dict[int, str] = {}  # index in texts -> "meta" | "detail" | "unanswered"
        self.has_toc = False

    def add(self, text: str, kind: str = "") -> None:
        if kind:
            self.kinds[len(self.texts)] = kind
        self.texts.append(text)


def _blocks(session: Session, *, toc: bool = False) -> _Blocks:
    bank, draft = session.bank, session.draft
    doc = _Blocks()
    doc.add(f"# {escape_inline(bank.title_for(draft.title))}")
    meta = f"*Questionnaire: {escape_inline(bank.title)}, version {escape_inline(bank.version)}. " \
        f"Last updated {draft.updated.date().isoformat()}.*"
    doc.add(meta, "meta")
    if bank.source:
        doc.add(f"*Questions from: {inline_with_links(bank.source)}*", "meta")
    header = len(doc.texts)
    visible = session.visible_questions()
    for section in session.visible_sections():
        doc.add(f"## {escape_inline(section.title)}")
        for question in (q for q in visible if q.section_id == section.id):
            answer = session.answer(question.id)
            if question.omit_if_empty and (answer is None or answer.is_empty):
                continue  # e.g. "Any other comments?": left out rather than "Not answered."
            doc.add(f"**{escape_inline(question.prompt)}**")
            if question.detail.strip():
                doc.add(_detail(question.detail), "detail")
            body = answer_markdown(question, answer)
            doc.add(body, "unanswered" if body == NOT_ANSWERED else "")
    if toc:
        contents = _toc("\n\n".join(doc.texts) + "\n")
        if contents:
            doc.has_toc = True
            doc.texts.insert(header, contents)
            doc.kinds = {(i + 1 if i >= header else i): kind for i, kind in doc.kinds.items()}
    return doc


def _detail(detail: str) -> str:
    one_line = " ".join(detail.split())
    if "\n\n" not in detail.strip() and not _INLINE_SPECIAL.search(one_line):
        return f"*{one_line}*"
    return contain(detail)


_URL = re.compile(r"https?://[^\s<>\"'`\\\x00-\x1f\x7f]+")


def inline_with_links(text: str) -> str:
    """`escape_inline`, except that web addresses become CommonMark autolinks (`<https://...>`)."""
    text = " ".join(text.split())
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        url = match.group(0)
        # Punctuation after an address ends the sentence, not the address (a ")" only when unbalanced).
        while url and (url[-1] in ".,;:!?" or (url[-1] == ")" and url.count("(") < url.count(")"))):
            url = url[:-1]
        if "://" not in url[:9] or len(url) <= len(url.split("://")[0]) + 3:
            continue
        parts.append(_INLINE_SPECIAL.sub(r"\\\1", text[last:match.start()]))
        parts.append(f"<{url}>")
        last = match.start() + len(url)
    parts.append(_INLINE_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(parts)


# --------------------------------------------------------------------------- table of contents


def _toc(markdown: str) -> str:
    """Links to every section heading (H2), with the anchors GitHub and the Hugging Face Hub give them."""
    items = [f"- [{escape_inline(text)}](#{slug})" for level, text, slug in heading_slugs(markdown) if level == 2]
    return "**Contents**\n\n" + "\n".join(items) if items else ""


def heading_slugs(markdown: str) -> list[tuple[int, str, str]]:
    """(level, text, anchor) of every heading in the document, in order, as GitHub computes the anchors."""
    slugger = GitHubSlugger()
    found: list[tuple[int, str, str]] = []
    tokens = _parser("js-default").parse(markdown)
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            text = _plain_text(tokens[i + 1])
            found.append((int(tok.tag[1]), text, slugger.slug(text)))
    return found


def _plain_text(inline: Token) -> str:
    """A heading's text as the browser shows it (what GitHub's anchors are made from)."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_plain_text(child))
    return "".join(parts)


class GitHubSlugger:
    """GitHub's heading anchors (github-slugger): lower case, punctuation and symbols removed, each
    space a "-"; a repeated anchor gets "-1", "-2", ... in document order."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    @staticmethod
    def base(text: str) -> str:
        import unicodedata

        kept = "".join(
            ch for ch in text.lower()
            if ch in " -_" or unicodedata.category(ch)[0] in "LNM"
        )
        return kept.replace(" ", "-")

    def slug(self, text: str) -> str:
        original = result = self.base(text)
        while result in self.occurrences:
            self.occurrences[original] += 1
            result = f"{original}-{self.occurrences[original]}"
        self.occurrences[result] = 0
        return result


# --------------------------------------------------------------------------- HTML

_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --rule: #d1d9e0;
  --accent: #0969da; --code: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117;
  --rule: #3d444d; --accent: #4493f8; --code: #151b23; } }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.6 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 4rem; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
p { margin: 0 0 1rem; }
p.meta { color: var(--muted); font-size: .9rem; margin-bottom: .25rem; }
p.meta em, p.detail em, p.unanswered em { font-style: normal; }
p.detail { color: var(--muted); font-size: .92rem; margin-top: -.6rem; }
p.unanswered { color: var(--muted); font-style: italic; }
nav.toc { margin: 1.5rem 0 0; }
nav.toc p { margin-bottom: .25rem; }
nav.toc ul { margin: 0; padding-left: 1.25rem; }
strong { font-weight: 600; }
a { color: var(--accent); }
a:not(:hover) { text-decoration: none; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em;
  background: var(--code); border-radius: 6px; }
code { padding: .1em .35em; }
pre { padding: 1rem; overflow: auto; }
pre code { padding: 0; background: none; }
blockquote { margin: 0 0 1rem; padding: 0 1rem; color: var(--muted); border-left: .25em solid var(--rule); }
table { border-collapse: collapse; margin: 0 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .75rem; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 1.5rem 0; }
@media print { main { max-width: none; } a { color: inherit; } }
""".strip()


def render_html(session: Session, *, toc: bool = False) -> str:
    """A complete page; raw HTML in answers and banks is shown as text, never passed through.

    It is the Markdown document rendered by markdown-it, with three additions the Markdown cannot
    carry: headings get the same anchors GitHub gives them (so the contents links work), and the
    paper's question details, the header lines and "Not answered." get classes of their own, so
    that an author's own italics do not look like the grey details.
    """
    doc = _blocks(session, toc=toc)
    markdown = "\n\n".join(doc.texts) + "\n"
    parser = _parser("js-default")
    tokens = parser.parse(markdown)
    # Where each block starts and ends, in lines (blocks are joined by one blank line).
    spans: list[tuple[int, int, str]] = []
    line = 0
    for index, text in enumerate(doc.texts):
        lines = text.count("\n") + 1
        if index in doc.kinds:
            spans.append((line, line + lines, doc.kinds[index]))
        line += lines + 1
    slugger = GitHubSlugger()
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            tok.attrSet("id", slugger.slug(_plain_text(tokens[i + 1])))
        elif tok.type == "paragraph_open" and tok.level == 0 and tok.map is not None:
            kind = next((k for start, end, k in spans if start <= tok.map[0] < end), "")
            if kind:
                tok.attrSet("class", kind)
    body = parser.renderer.render(tokens, parser.options, {})
    if doc.has_toc:
        body = _wrap_toc(body)
    title = html.escape(session.bank.title_for(session.draft.title))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"datasheet-wizard\">\n<title>{title}</title>\n"
        f"<style>\n{_CSS}\n</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _wrap_toc(body: str) -> str:
    """Put the contents (the first "Contents" paragraph and the list after it) in a <nav>."""
    start = body.find("<p><strong>Contents</strong></p>")
    end = body.find("</ul>", start)
    if start < 0 or end < 0:
        return body
    end += len("</ul>\n")
    return body[:start] + '<nav class="toc">\n' + body[start:end] + "</nav>\n" + body[end:]


# --------------------------------------------------------------------------- JSON


def _answer_json(question: Question | None, answer: Answer | None) -> dict[str, Any]:
    """status, answer, and (when there is one) note and other, as SPEC's JSON output names them."""
    if question is None:  # an orphan: as stored
        state = "unanswered" if answer is None or answer.is_empty else str(answer.status)
    else:
        state = verdict(question, answer).state.value
    if answer is None or state == State.UNANSWERED:
        entry: dict[str, Any] = {"status": "unanswered", "answer": None}
        if answer is not None and answer.text.strip():
            entry["note"] = answer.text
        return entry
    if answer.status.is_mark:
        entry = {"status": state, "answer": None}
    elif answer.value is None and (question is None or not question.type.is_list):
        entry = {"status": state, "answer": answer.text}
        answer = replace(answer, text="")  # the text was the answer, not a note
    elif question is not None and question.type is QuestionType.MULTICHOICE:
        entry = {"status": state, "answer": list(answer.chosen)}
    elif isinstance(answer.value, tuple):
        entry = {"status": state, "answer": list(answer.value)}
    else:
        entry = {"status": state, "answer": answer.value if answer.value is not None else answer.other or None}
    if answer.text:
        entry["note"] = answer.text
    if answer.other:
        entry["other"] = answer.other
    return entry


def render_data(session: Session) -> dict[str, Any]:
    visible = set(session.visible_questions())
    sections = []
    for section in session.bank.sections:
        questions = []
        for q in section.questions:
            entry: dict[str, Any] = {"id": q.id, "prompt": q.prompt, "visible": q in visible}
            entry.update(_answer_json(q, session.answer(q.id)))
            questions.append(entry)
        sections.append(
            {"id": section.id, "title": section.title, "visible": any(q in visible for q in section.questions), "questions": questions}
        )
    orphans = [{"id": orphan.id, **_answer_json(None, orphan.answer)} for orphan in session.orphans()]
    return {
        "title": session.draft.title,
        "document_title": session.bank.title_for(session.draft.title),
        "bank": {"id": session.bank.id, "version": session.bank.version, "title": session.bank.title},
        "updated": session.draft.updated.isoformat().replace("+00:00", "Z"),
        "sections": sections,
        "orphans": orphans,
    }


def render_json(session: Session) -> str:
    return json.dumps(render_data(session), ensure_ascii=False, indent=2) + "\n"


def render(session: Session, fmt: str = "markdown", *, toc: bool = False) -> str:
    """The document in `fmt`: the one way out for every writer (CLI, app, plain mode). `toc` adds a
    table of contents to Markdown and HTML (JSON has no use for one).

    Text from banks and drafts is untrusted (SPEC "Untrusted text"): no control character or bidi
    override leaves here raw. Markdown shows each escaped as text (`\\x1b`, `<U+202E>`, literal
    on GitHub); HTML the same, HTML-escaped; JSON as `\\u001b`-style escapes, so the parsed
    values are exactly the draft's.
    """
    from wizard.untrusted import shown

    if fmt == "html":
        return shown(render_html(session, toc=toc), "html")
    if fmt == "json":
        return shown(render_json(session), "json")
    return shown(render_markdown(session, toc=toc))

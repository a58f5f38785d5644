"""Markdown datasheets: find the questions (headings, bold or italic lines, list items) and slice
the answers that follow them verbatim from the source lines (markdown-it-py's `.map`)."""

from __future__ import annotations

import re

from wizard.bank import Question
from wizard.importer.matching import Matcher
from wizard.importer.pieces import Piece

_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![*_])(\s*[?:])?", re.S)
# The bullets as alternatives, not a class [•▪◦·]: a class with characters past U+00FF is compiled
# into a 65536-character table, several times the cost of the rest of the pattern at every start.
_LEAD = r"^\s*(?:(?:q(?:uestion)?\s*\d+|\d+(?:\.\d+)*)\s*[.:)\-]\s+|q\)\s+|•\s*|▪\s*|◦\s*|·\s*)"  # compiled on first use: see _lead_end
# A sentence: up to the first . ? or ! followed (after closing markup) by a space or the end, or to
# the text's end. Written as runs of other characters rather than a lazy `.*?`, which would try
# the ending at every character: the same matches, as a property test holds, a fraction of the work.
_SENTENCE = re.compile(r"\S[^.?!]*(?:[.?!](?![*_)\]]*(?:\s|\Z))[^.?!]*)*(?:[.?!][*_)\]]*(?=\s|\Z)|\Z)")
_MARKER = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
# _PLACEHOLDER, _FURNITURE and _TITLE_END are pattern texts, compiled (and kept by re's cache) on
# first use: the functions using them first make a cheap test that most documents' text fails.
_PLACEHOLDER = (
    r"^(?:\[more information needed\]|todo\.?|tbd\.?|tbc\.?|-|—|–|\.\.\.|…|_no response_|\(no answer\)|[*_]?not answered\.?[*_]?|"
    r"<!--.*?-->(?:\s*<!--.*?-->)*)$"
)
_PLACEHOLDER_LONGEST = len("[more information needed]")  # the longest alternative but the comments
# Running heads and page numbers pasted from a PDF: kept aside, and the answer around them goes on.
_FURNITURE = r"^(?:.{0,120}\S\s{4,}(?:page|p\.)?\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s+of\s+\d+)?|\d{1,4}|arxiv:\S+.*)$"
_COLUMN_NAMES = {"", "question", "questions", "answer", "answers", "q", "a", "response", "responses", "prompt", "#", "no.",
                 "section", "notes", "comment", "comments"}
_TITLE = re.compile(r"^(?:datasheet|dataset card|data card)s?\s*(?:for|of|:|-|—|–)\s*", re.I)
# The dashes as alternatives, not in the class: as in _LEAD, a class past U+00FF costs a 65536-character table.
_TITLE_END = r"\s*(?:[:\-]\s*|—\s*|–\s*)?(?:datasheet|dataset card|data card)$"


# Plain classes, not dataclasses: the three are private to one run, and a dataclass costs a
# millisecond of every start to build (an import's budget is 1.5x `import tomllib, markdown_it`).
class _Unit:
    """A top-level block of the document."""

    __slots__ = ("kind", "start", "end", "text", "level", "head_end", "indent", "rows")

    def __init__(self, kind: str, start: int, end: int, text: str = "", level: int = 0, head_end: int = 0,
                 indent: int = 0, rows: list[tuple[int, list[str]]] | None = None) -> None:
        self.kind = kind  # heading | para | item | block | hr
        self.start = start  # 0-based first line
        self.end = end  # 0-based line after the last
        self.text = text
        self.level = level
        self.head_end = head_end  # item: the line after its first paragraph
        self.indent = indent  # item: columns its content is indented by
        self.rows: list[tuple[int, list[str]]] = rows if rows is not None else []  # table: each row's line and cells


class _Open:
    """An answer (question set) or a stretch of unplaced text (question None) being collected."""

    __slots__ = ("question", "label", "opened_by", "score", "parts", "span", "repeat_of")

    def __init__(self, question: Question | None, label: str, opened_by: _Unit, score: float = 0.0,
                 *, repeat_of: str = "") -> None:
        self.question = question
        self.label = label
        self.opened_by = opened_by
        self.score = score
        self.parts: list[tuple[str, int, int]] = []  # text, first line, last line (0-based)
        self.span: tuple[int, int] | None = None  # top-level units taken verbatim, [start, end)
        self.repeat_of = repeat_of  # the question this one asks again (its answer is kept aside unless identical)


class MarkdownRead:
    """What a Markdown document held: answers, questions left blank, unplaced text, its title, counts."""

    def __init__(self) -> None:
        self.answers: list[tuple[Question, Piece, float]] = []
        self.empty: list[tuple[Question, Piece]] = []
        self.orphans: list[Piece] = []
        self.title = ""
        self.sections_seen = 0
        self.repeats = 0  # questions asked again with the same answer (e.g. a card section and its datasheet)
        self.template_text = 0  # the paper's section introductions, left out
        self.bare_headings = 0  # unmatched headings with nothing under them (structure)


# Block rules that can only open on certain characters, and those characters. markdown-it tries
# every rule on every line (and again as a terminator inside paragraphs and lists); a rule whose
# opening marks appear nowhere in the text can never match there, so leaving it out of that
# text's parse changes no token (tests/core/test_importer_fastpaths.py holds the two equal).
_RULE_MARKS = (
    ("table", ("|",)),  # a table's header line must hold a pipe
    ("fence", ("```", "~~~")),
    ("blockquote", (">",)),
    ("reference", ("[",)),
    ("html_block", ("<",)),
)


def _parser(text: str = ""):  # type: ignore[no-untyped-def]
    """A block-level commonmark (+ tables) parser, without the rules that cannot match in `text`."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.core.ruler.disable(["inline", "text_join"])  # block structure and each block's source text are all we read
    idle = [name for name, marks in _RULE_MARKS if not any(m in text for m in marks)]
    if text and idle:
        md.block.ruler.disable(idle)
    return md


def _units(text: str, lines: list[str]) -> list[_Unit]:
    tokens = _parser(text).parse(text)
    units: list[_Unit] = []
    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        if t.level != 0 or t.map is None or t.nesting == -1:
            i += 1
            continue
        start, end = t.map
        if t.type == "heading_open":
            units.append(_Unit("heading", start, end, tokens[i + 1].content, level=int(t.tag[1:])))
        elif t.type == "paragraph_open":
            units.append(_Unit("para", start, end, tokens[i + 1].content))
        elif t.type in ("bullet_list_open", "ordered_list_open"):
            j = i + 1
            while j < n and not (tokens[j].level == 0 and tokens[j].nesting == -1):
                item = tokens[j]
                if item.type == "list_item_open" and item.level == 1 and item.map is not None:
                    s, e = item.map
                    head_text, head_end = "", s + 1
                    if j + 2 < n and tokens[j + 1].type == "paragraph_open" and tokens[j + 1].map is not None:
                        head_text, head_end = tokens[j + 2].content, tokens[j + 1].map[1]
                    m = _MARKER.match(lines[s]) if s < len(lines) else None
                    indent = len(m.group(0).expandtabs(4)) if m else 2
                    units.append(_Unit("item", s, e, head_text, head_end=head_end, indent=indent))
                j += 1
            i = j
        elif t.type == "hr":
            units.append(_Unit("hr", start, end))
        elif t.type == "table_open":
            rows: list[tuple[int, list[str]]] = []
            j = i + 1
            while j < n and tokens[j].type != "table_close":
                if tokens[j].type == "tr_open" and tokens[j].map is not None:
                    line, cells = tokens[j].map[0], []
                    j += 1
                    while j < n and tokens[j].type != "tr_close":
                        if tokens[j].type == "inline":
                            cells.append(tokens[j].content)
                        j += 1
                    rows.append((line, cells))
                j += 1
            units.append(_Unit("block", start, end, rows=rows))
            i = j
        else:
            units.append(_Unit("block", start, end))
        i += 1
    return units


def _dedent(chunk: list[str], columns: int) -> list[str]:
    out = []
    for line in chunk:
        expanded = line.expandtabs(4) if line[:1] in (" ", "\t") else line
        lead = len(expanded) - len(expanded.lstrip(" "))
        out.append(expanded[min(lead, columns):] if lead else line)
    return out


def _unwrap_single_item(text: str) -> str:
    """'- answer' under a question list item (the common template shape) is the answer itself."""
    lines = text.split("\n")
    # a bullet, spaces or tabs, then the answer's first character (the pattern ^([-*+][ \t]+)(?=\S))
    content = lines[0][1:].lstrip(" \t")
    marker = lines[0][: len(lines[0]) - len(content)]
    if not (lines[0].startswith(("-", "*", "+")) and len(marker) > 1 and content and not content[0].isspace()):
        return text
    width = len(marker.expandtabs(4))
    rest = lines[1:]
    if any(line.strip() and len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) < width for line in rest):
        return text
    return "\n".join([content, *_dedent(rest, width)])


def _lead_end(text: str) -> int:
    """Where a leading question number or bullet (_LEAD, case-blind) ends; 0 without one."""
    rest = text.lstrip()  # \s* (\s is isspace(), \d isdecimal(), as in the regex engine)
    first, second = rest[:1], rest[1:2]
    word = rest[1:8]
    if not (first.isdecimal() or first in ("•", "▪", "◦", "·") or (first in ("q", "Q") and (
            second == ")" or second.isspace() or second.isdecimal() or word.lower() == "uestion" or not word.isascii()))):
        # every alternative opens with a digit, a bullet, or q (no other character matches q or ")"
        # case-blind) and then ")", a space, a digit or "uestion" (which ASCII text can only spell
        # as itself, in any case): most paragraphs open otherwise ("Quality ..."), and are let go
        # without compiling or running the pattern
        return 0
    m = re.match(_LEAD, text, re.I)
    return m.end() if m else 0


_ASCII_NONWORD = "".join(c for c in map(chr, range(128)) if not (c.isalnum() or c == "_"))  # \W among ASCII


def _stock_followup(text: str) -> bool:
    """Text opening as the paper's follow-up sentences do ("If so, please ...", "Please ...")."""
    head = text.lstrip(_ASCII_NONWORD)[:6]
    if head.isascii() and not head.lower().startswith(("if so", "if not", "please")):
        # \W* takes every character before the first letter, digit or _; when that one is ASCII,
        # the six characters from it must read "if so", "if not" or "please" in some case (an
        # ASCII character matches a letter case-blind only as itself): else the pattern cannot
        # match, and is neither compiled nor run ("If the dataset ...", "Are there ...")
        return False
    return re.match(r"^\W*(?:if (?:so|not)\b|please\b)", text, re.I) is not None


def _opens_block(para: str) -> bool:
    r"""A list item, table row, fence or HTML: ^(?:[-*+]\s|\||\d+[.)]\s|```|~~~|<) in str methods
    (\d is isdecimal(), \s isspace(), as in the regex engine), run for every paragraph after a question."""
    if para.startswith(("|", "```", "~~~", "<")) or (para.startswith(("-", "*", "+")) and para[1:2].isspace()):
        return True
    digits = 0
    while digits < len(para) and para[digits].isdecimal():
        digits += 1
    return digits > 0 and para[digits:digits + 1] in (".", ")") and para[digits + 1:digits + 2].isspace()


def _own_header(text: str) -> bool:
    r"""'*Questionnaire: ...*', the header this tool's rendered datasheets carry (stripped text:
    str methods for the pattern ^\*(?:Questionnaire|Questions from): .*\*$, re.S)."""
    return text.startswith(("*Questionnaire: ", "*Questions from: ")) and text.endswith("*")


def _is_label(m: re.Match[str] | None) -> bool:
    """'**Curated by:**' or '**Curated by**:' — a label, not a question."""
    return m is not None and (m.group(2).rstrip().endswith(":") or (m.group(3) or "").strip() == ":")


def _same_answer(question: Question, first: str, second: str) -> bool:
    """Whether two answers to one question say the same (a card section and its datasheet, laid out differently)."""
    from wizard.importer.values import read_answer

    def unfenced(t: str) -> str:
        m = re.fullmatch(r"\s*(`{3,}|~{3,})[^\n]*\n(.*?)\n\1\s*", t, re.S)
        return m.group(2) if m else t

    a, b = (read_answer(question, Piece(unfenced(t), 0, 0)) for t in (first, second))
    return (a.status, a.value, " ".join(a.text.split())) == (b.status, b.value, " ".join(b.text.split()))


def _intro(text: str) -> bool:
    from wizard.importer.wordings import SECTION_INTROS

    words = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    return any(words.startswith(intro) for intro in SECTION_INTROS)


def clean_title(heading: str) -> str:
    title = _TITLE.sub("", heading.strip().strip("*_ ").strip())
    # the pattern ends in "datasheet" or "card" at the end (or before a final newline), case-blind:
    # a last character, after any newline, other than t or d in either case (or non-ASCII) is no match
    last = title.rstrip("\n")[-1:]
    if last in ("t", "T", "d", "D") or not last.isascii():
        title = re.sub(_TITLE_END, "", title, flags=re.I)
    return title.strip(" :-—–") or heading.strip()


def is_placeholder(text: str) -> bool:
    stripped = text.strip()
    if len(stripped) > _PLACEHOLDER_LONGEST and not stripped.startswith("<!--"):
        return False  # longer than any placeholder but a run of comments: the pattern cannot match
    return not stripped or bool(re.match(_PLACEHOLDER, stripped, re.I | re.S))


def _furniture(line: str) -> bool:
    """A running head, page number or arXiv stamp (_FURNITURE), for a line with no newline."""
    head = line[:6]
    if not line[-1:].isdecimal() and head.isascii() and head.lower() != "arxiv:":
        # the pattern ends at the line's end ($), after a digit (\d is isdecimal()) in every
        # alternative but the one opening "arxiv:" (which ASCII text spells only as itself)
        return False
    return re.match(_FURNITURE, line, re.I) is not None


class _Reader:
    def __init__(self, text: str, matcher: Matcher, line_offset: int, structural: frozenset[str] = frozenset()) -> None:
        self.structural = structural
        self.text = text
        self.lines = text.split("\n")
        self.matcher = matcher
        self.offset = line_offset
        self.section = ""
        self.result = MarkdownRead()
        self.open: _Open | None = None
        self.taken: dict[str, float] = {}

    # -------------------------------------------------------------- classify

    def _question(self, text: str, *, whole: bool = False) -> tuple[Question, float, int] | None:
        """The question a paragraph or item starts with (a heading: is), its score, and where the question text ends."""
        base = _lead_end(text)
        body = text[base:]
        m = _EMPH.match(body)
        if whole:
            q_text, end = body, len(text)
        elif m:
            q_text, end = m.group(2) + (m.group(3) or ""), base + m.end()
        else:
            k = body.find("?")
            if k <= 0 or k > 700:
                return None
            q_text, end = body[: k + 1], base + k + 1
        if _stock_followup(q_text):
            return None  # the paper's follow-up text ("If so, please ..."), which several questions share
        match = self.matcher.match(q_text, section=self.section)
        if match is None or match.ambiguous:
            return None
        return match.question, match.score, end

    def _looks_like_question(self, text: str) -> bool:
        """An unmatched question ('**What support was needed?**'): a boundary, so its answer is kept
        aside instead of running on into the previous answer. A bold label ('**Team:** ...') is one
        too, except inside the answer to a question asked in a heading."""
        body = text[_lead_end(text):]
        m = _EMPH.match(body)
        if m:
            if "?" in m.group(0):
                return True
            under_heading = self.open is not None and self.open.question is not None and self.open.opened_by.kind == "heading"
            return _is_label(m) and len(m.group(2)) < 80 and not under_heading
        first = body.split("\n", 1)[0]
        return first.rstrip().endswith("?") and len(first) < 300

    def _followups(self, rest: str, question: Question) -> int:
        pos = 0
        stripped = rest.lstrip()
        if stripped.startswith("("):  # "(e.g. who funded ...? If there is a grant, ...)": the question's own aside
            depth = 0
            for k, c in enumerate(stripped):
                depth += (c == "(") - (c == ")")
                if depth == 0:
                    inner = stripped[1:k].lower()
                    if "?" in inner and ("please" in inner or inner.startswith(("e.g", "eg", "for example"))):
                        pos = len(rest) - len(stripped) + k + 1
                    break
            rest_after = rest[pos:]
            if pos:
                return pos + self._followups(rest_after, question) if rest_after.strip() else pos
        for m in _SENTENCE.finditer(rest):
            if not self.matcher.is_followup(m.group(), question):
                break
            pos = m.end()
        return pos

    # -------------------------------------------------------------- collect

    def _close(self) -> None:
        o, self.open = self.open, None
        if o is None:
            return
        parts = list(o.parts)
        if o.span is not None:
            s, e = o.span
            chunk = self.lines[s:e]
            while chunk and not chunk[-1].strip():
                chunk.pop()
                e -= 1
            if chunk:
                parts.append(("\n".join(chunk), s, e - 1))
        parts = [(t.strip("\n"), a, b) for t, a, b in parts if t.strip()]
        label_line = o.opened_by.start
        joined = "\n\n".join(p[0] for p in parts)
        blank = not parts or (is_placeholder(joined) and (o.question is not None or not joined.lstrip().startswith("<!--")))
        if blank and o.repeat_of:
            self.result.repeats += 1  # asked again with no answer: nothing to keep
            return
        if blank and o.question is not None and joined.lstrip().startswith("<!--"):
            inner = " ".join(re.findall(r"<!--(.*?)-->", joined, re.S))
            if inner.strip() and self._followups(inner.strip(), o.question) < len(inner.strip()):
                # a comment of the author's own under an unanswered question: kept aside, not taken for an answer
                self.result.orphans.append(Piece(joined, parts[0][1] + self.offset + 1, parts[-1][2] + self.offset + 1,
                                                 f"comment under {o.question.id}"))
                self.result.empty.append((o.question, Piece("", label_line + self.offset + 1, label_line + self.offset + 1, o.label)))
                return
        if blank:
            if o.question is not None:
                self.result.empty.append((o.question, Piece("", label_line + self.offset + 1, label_line + self.offset + 1, o.label)))
            elif o.label and o.opened_by.kind == "heading":
                self.result.bare_headings += 1  # a heading with nothing under it groups others: structure, not text
            elif o.label:
                self.result.orphans.append(Piece(self.lines[label_line], label_line + self.offset + 1,
                                                 label_line + self.offset + 1, ""))
            return
        text = joined
        first, last = parts[0][1], parts[-1][2]
        if o.repeat_of:
            index = next((k for k, (q, _, _) in enumerate(self.result.answers) if q.id == o.repeat_of), None)
            if index is not None:
                question, placed, score = self.result.answers[index]
                if _same_answer(question, placed.text, text):
                    self.result.repeats += 1
                    if text.count("\n") > placed.text.count("\n"):  # the copy that kept its paragraphs
                        first_line, last_line = parts[0][1], parts[-1][2]
                        self.result.answers[index] = (question, Piece(text, first_line + self.offset + 1,
                                                                      last_line + self.offset + 1, placed.label), score)
                    return
        if o.question is None:
            if o.label and o.opened_by.kind == "heading":
                first = o.opened_by.start
                text = self.lines[first] + "\n\n" + text
            self.result.orphans.append(Piece(text, first + self.offset + 1, last + self.offset + 1, o.label))
            return
        piece = Piece(text, first + self.offset + 1, last + self.offset + 1, o.label)
        self.result.answers.append((o.question, piece, o.score))

    def _asked(self) -> Question | None:
        """The question the open stretch answers (also when it is a question asked a second time)."""
        o = self.open
        if o is None:
            return None
        return o.question or (self.matcher.bank.question(o.repeat_of) if o.repeat_of else None)

    def _add_unit(self, u: _Unit, *, followups_asked: bool = False) -> None:
        """Add `u` to the open stretch. `followups_asked`: run has already asked whether `u` is the
        question's follow-up text, for this open stretch (and it was not), so it is not asked again."""
        o = self.open
        if o is not None and o.question is not None and o.opened_by.kind in ("item", "row") and o.parts:
            # the answer lived inside its list item: what follows the item is not part of it
            self._close()
        o = self.open
        asked = self._asked()
        if (not followups_asked and o is not None and asked is not None and o.span is None and not o.parts
                and u.kind in ("para", "block")
                and self._skip_followup_paragraph(self.lines[u.start:u.end], asked) >= u.end - u.start):
            return  # the paper's follow-up sentences under the question (plain, italic or quoted): not the answer
        if self.open is None:
            self.open = _Open(None, "", u)
        if self.open.span is None:
            self.open.span = (u.start, u.end)
        else:
            self.open.span = (self.open.span[0], u.end)

    def _skip_followup_paragraph(self, chunk: list[str], question: Question) -> int:
        """Lines at the start of `chunk` holding only the paper's follow-up text (often in italics)."""
        k = 0
        while k < len(chunk) and not chunk[k].strip():
            k += 1
        start = k
        while k < len(chunk) and chunk[k].strip():
            k += 1
        para = " ".join(line.strip().lstrip(">").strip() for line in chunk[start:k])
        if not para or _opens_block(para):
            return 0
        if self._followups(para, question) >= len(para.rstrip()):
            return k
        return 0

    def _start_question(self, u: _Unit, question: Question, score: float, end: int, text: str) -> None:
        self._close()
        if question.id in self.taken:
            # asked twice: the second copy is kept aside, never merged or guessed
            self.open = _Open(None, text.strip()[:80], u, repeat_of=question.id)
            if u.kind == "heading":
                return
            rest = text[end:]
            skip = self._followups(rest, question)
            if rest[skip:].strip():
                self.open.parts.append((rest[skip:].strip(), u.start, u.head_end - 1 if u.kind == "item" else u.end - 1))
            if u.kind == "item" and u.end > u.head_end:
                self.open.parts.append((_unwrap_single_item("\n".join(_dedent(self.lines[u.head_end:u.end], u.indent)).strip("\n")),
                                        u.head_end, u.end - 1))
            return
        self.taken[question.id] = score
        self.section = question.section_id
        o = _Open(question, " ".join(text[:end].split()).strip("*_ "), u, score)
        self.open = o
        rest = text[end:]
        skip = self._followups(rest, question)
        remainder = rest[skip:].strip()
        if remainder and u.kind != "heading":
            line = u.start + text[: end + skip + (len(rest[skip:]) - len(rest[skip:].lstrip()))].count("\n")
            o.parts.append((remainder, line, u.head_end - 1 if u.kind == "item" else u.end - 1))
        if u.kind == "item" and u.end > u.head_end:
            raw = self.lines[u.head_end:u.end]
            leads = [len(x.expandtabs(4)) - len(x.expandtabs(4).lstrip()) for x in raw if x.strip()]
            common = min(leads, default=u.indent)
            body = _dedent(raw, common if u.indent <= common <= u.indent + 3 else u.indent)
            skip_lines = 0 if o.parts else self._skip_followup_paragraph(body, question)
            body = body[skip_lines:]
            while body and not body[0].strip():
                body.pop(0)
                skip_lines += 1
            while body and not body[-1].strip():
                body.pop()
            if body:
                first = u.head_end + skip_lines
                o.parts.append((_unwrap_single_item("\n".join(body)), first, first + len(body) - 1))

    def _table_of_questions(self, u: _Unit) -> None:
        """A datasheet written as a table, a question in the first column and its answer beside it."""
        for line, cells in u.rows:
            if {c.strip().strip("*_").lower() for c in cells} <= _COLUMN_NAMES:
                continue  # "| Question | Answer |": the table's header, structure
            text = cells[0] + " " + " | ".join(c for c in cells[1:] if c.strip())
            row = _Unit("row", line, line + 1, text)
            found = self._question(cells[0], whole=True) if len(cells) >= 2 and "?" in cells[0] else None
            if found is not None:
                self._start_question(row, found[0], found[1], len(cells[0]), text)
            else:
                self._add_unit(row)
        # the delimiter row (|---|---|) is structure; the table's end closes what its rows opened
        self._close()

    def _section_lines(self, u: _Unit) -> tuple[str, int]:
        """Peel leading title lines ("3.2 Composition", "**Uses**") off a paragraph; the rest and its line shift."""
        text = u.text
        shift = 0
        while text:
            first, _, rest = text.partition("\n")
            section = self.matcher.section(first) if len(first) <= 70 and "?" not in first else None
            if section is None:
                break
            self._close()
            self.section = section.id
            self.result.sections_seen += 1
            text, shift = rest, shift + 1
        return text, shift

    def run(self) -> MarkdownRead:
        units = _units(self.text, self.lines)
        for index, u in enumerate(units):
            if u.kind == "heading":
                found = None
                section = None
                if "?" in u.text:
                    found = self._question(u.text, whole=True)
                if found is None:
                    section = self.matcher.section(u.text)
                if found is None and section is None:
                    found = self._question(u.text, whole=True)
                if section is not None:
                    self._close()
                    self.section = section.id
                    self.result.sections_seen += 1
                elif found is not None:
                    self._start_question(u, found[0], found[1], len(u.text), u.text)
                elif u.level == 1 and not self.result.title and not self.taken and self.result.sections_seen == 0:
                    self._close()
                    self.result.title = clean_title(u.text)
                elif (self.open is not None and self.open.question is not None and self.open.opened_by.kind == "heading"
                      and u.level > self.open.opened_by.level):
                    self._add_unit(u)
                else:
                    self._close()
                    self.open = _Open(None, u.text.strip(), u)
            elif u.kind == "hr":
                self._close()
            elif u.rows and any(len(c) >= 2 and "?" in c[0] and self._question(c[0], whole=True) for _, c in u.rows):
                self._table_of_questions(u)
            elif (u.kind == "para" and "\n" not in u.text.strip() and _furniture(u.text.strip())
                  and not (self._asked() is not None and self.open is not None and self.open.span is None
                           and not self.open.parts)):  # "1700" right under "How many instances ...?" is the answer
                line = u.start + self.offset + 1
                self.result.orphans.append(Piece(self.lines[u.start].strip(), line, line, "page furniture"))
                o = self.open
                if o is not None and o.span is not None:  # the answer goes on after the page break, without it
                    a, b = o.span
                    chunk = self.lines[a:b]
                    while chunk and not chunk[-1].strip():
                        chunk.pop()
                    if chunk:
                        o.parts.append(("\n".join(chunk), a, a + len(chunk) - 1))
                    o.span = None
            elif (u.kind == "para" and self.open is None and self.result.sections_seen and _EMPH.fullmatch(u.text.strip())
                  and _intro(u.text)):
                self.result.template_text += 1  # the paper's introduction to the section, as templates paste it
            elif (u.kind == "para" and self.open is not None and self._asked() is not None and self.open.span is None
                  and not self.open.parts
                  and self._skip_followup_paragraph(self.lines[u.start:u.end], self._asked()) >= u.end - u.start):
                continue  # the question's follow-up sentences (a rendered datasheet puts them in italics)
            elif u.kind == "para" and _own_header(u.text.strip()):
                self.result.template_text += 1  # the header this tool's rendered datasheets carry
            elif u.kind in ("para", "item"):
                text, shift = self._section_lines(u) if u.kind == "para" else (u.text, 0)
                if shift and not text.strip():
                    continue
                found = self._question(text) if text else None
                if found is not None:
                    if shift:
                        u = _Unit(u.kind, u.start + shift, u.end, text, u.level, u.head_end, u.indent)
                    self._start_question(u, found[0], found[1], found[2], text)
                else:
                    if shift:
                        u = _Unit(u.kind, u.start + shift, u.end, text, u.level, u.head_end, u.indent)
                    label = _EMPH.match(text)
                    if (_is_label(label) and is_placeholder(text[label.end():])
                            and (u.kind == "para" or not any(x.strip() for x in self.lines[u.head_end:u.end]))):
                        continue  # a template's "**Shared by:** [More Information Needed]": nothing to keep
                    if text and self._looks_like_question(text):
                        self._close()
                        self.open = _Open(None, " ".join(text.split("\n", 1)[0].split())[:80], u)
                    # a paragraph got here past the follow-up test above, made with the same open
                    # stretch unless it was closed since (no question asked then: no test to make)
                    self._add_unit(u, followups_asked=True)
            else:
                self._add_unit(u)
        self._close()
        if not self.result.title and self.result.orphans:
            # "Appendix C. Datasheet for NordNews-Sum" pasted from a PDF: the name, when no heading gives it
            first = self.result.orphans[0].text.split("\n", 1)[0]
            m = re.search(r"\b(?:datasheet|dataset card|data card)\s*(?:for|of|:|—|–|-)\s*(.{1,80}?)\s*$", first, re.I)
            if m and self.result.orphans[0].first <= 3 + self.offset:
                self.result.title = m.group(1).strip(" *_.:")
        return self.result


def read_markdown(text: str, matcher: Matcher, *, line_offset: int = 0,
                  structural: frozenset[str] = frozenset()) -> MarkdownRead:
    """Answers, empty questions, unplaced text and the title found in a Markdown datasheet.

    `structural`: headings (folded to lower-case words) that only group other headings; kept
    out of the orphans when nothing stands directly under them."""
    return _Reader(text, matcher, line_offset, structural).run()

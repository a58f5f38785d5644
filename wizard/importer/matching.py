"""Which bank question (or section) a piece of a document asks: normalised prompt text, scored.

Scoring is difflib's SequenceMatcher ratio (stdlib, no new dependency) over normalised text,
taken as the best of a few variants on each side (with and without the paper's parenthetical
examples, with and without its follow-up sentences). We chose it over token-set overlap because
it is order-sensitive: "Is there a label or target ...?" and "Is there an erratum?" share most
of their words but little of their shape, and a misplaced answer costs more than an orphan. The
threshold was measured on tests/import_corpus (see README, "Import and prefill").
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from wizard.bank import Bank, Question, Section

if TYPE_CHECKING:
    from difflib import SequenceMatcher

# A question candidate is taken when its best score reaches THRESHOLD and no question of a
# different wording scores within MARGIN of it (near ties are left as orphans).
THRESHOLD = 0.70
MARGIN = 0.05
# A question whose leading question word differs ("How ...?" against "Over what timeframe ...?")
# loses this much: the words around it are often shared, the question is not.
WH_PENALTY = 0.1
_SHORTLIST = 8  # questions compared character by character, after a content-word shortlist

_STOP = frozenset(
    "a an the of to in on for by and or is are was were be been it its this that these those what which who whom how "
    "when where why do does did any there if so with from as at into other their them they you your please provide "
    "description describe eg ie".split()
)
_WH = ("who", "whom", "what", "when", "where", "why", "how", "which")
SECTION_THRESHOLD = 0.84

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_NUMBERING = (
    r"^\s*(?:(?:q(?:uestion)?\s*\d*\s*[.:)\-]?)|(?:[a-z]?\d+(?:\.\d+)*\s*[.:)\-]?)|(?:[a-z](?:\.\d+)+\s*[.:)]?)|(?:[a-h]\s*[.)])|(?:[ivx]+\s*[.)])|[•▪◦·\-*+])\s+")
# normalise() strips numbering from lower-case text. For ASCII text (nearly all) neither IGNORECASE
# nor the non-ASCII bullets can change a match, and without them the pattern compiles in a fraction
# of the time (IGNORECASE makes [a-z] a 65536-character set: K is the Kelvin sign's, s the long s's
# lower case); the full pattern is compiled only when non-ASCII text comes. Both are compiled on
# first use (re's cache keeps them): most text fails _may_be_numbered first.
_NUMBERING_ASCII = _NUMBERING.replace("•▪◦·", "")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_PARENS = re.compile(r"\s*\([^()]*\)")
# Markup characters, each replaced by a space. ASCII text (nearly all) goes through bytes.translate,
# a table lookup per character, several times cheaper than a regex pass or str.translate.
_MARKUP = "*_`#>[]|~"
_MARKUP_STR = str.maketrans(dict.fromkeys(_MARKUP, " "))
_MARKUP_BYTES = bytes.maketrans(_MARKUP.encode(), b" " * len(_MARKUP))


_SPELLINGS = re.compile(
    r"\bfor example\b,?|\be\.\s?g\.?,?|\bthat is,|\bi\.\s?e\.?,?|\bthis data ?set\b|\bdata set\b|\bsub-?populations?\b")
# A literal each of _SPELLINGS' alternatives contains: text holding none of them has nothing to
# replace, and the `in` tests cost far less than the regex's attempt at every position (it starts
# with \b, so the regex engine has no first character to skip ahead by).
_SPELLING_HINTS = ("for example", "e.", "that is,", "i.", "this data", "data set", "sub")
_PUNCTUATION = re.compile(r"[^\w\s()]+")
# The same characters as _PUNCTUATION's class among ASCII (\w is isalnum() or "_", \s is
# isspace(), as in the regex engine), each made a space: a run of them becomes a run of spaces,
# which normalise's final split() folds into one, as the regex's single space.
_ASCII_PUNCTUATION = "".join(c for c in map(chr, range(128)) if not (c.isalnum() or c == "_" or c.isspace() or c in "()"))
_PUNCTUATION_BYTES = bytes.maketrans(_ASCII_PUNCTUATION.encode(), b" " * len(_ASCII_PUNCTUATION))


def _may_be_numbered(text: str) -> bool:
    """False only when _NUMBERING_ASCII cannot match lower-case ASCII `text`. After the spaces, each
    alternative starts with a digit, a bullet (- + *), or a letter followed by something other than
    a letter (a digit, ".", ")", ":", "-" or a space), or by more of i, v, x (a Roman numeral), or by
    "uestion" (after q), and then not a letter. Text starting otherwise ("quality", "is there",
    "(see above)") is let go."""
    rest = text.lstrip()
    first = rest[:1]
    if first in _LOWER:
        after = rest[1:]
        if first == "q" and after.startswith("uestion"):
            after = after[7:]
        elif first in "ivx":
            after = after.lstrip("ivx")
        return after[:1] not in _LOWER
    return first != "" and first in "0123456789-+*"


def _spelling(m: re.Match[str]) -> str:
    word = m.group()
    if word[0] == "f" or word[0] == "e":
        return " eg "
    if word[0] == "t":
        return " ie " if word.startswith("that") else "the dataset"
    if word[0] == "i":
        return " ie "
    if word[0] == "d":
        return "dataset"
    return "subpopulations"


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, one spelling of quotes, examples and 'dataset', no numbering, markup or punctuation."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower() if not text.isascii() else text.lower()
    t = t.encode().translate(_MARKUP_BYTES).decode() if t.isascii() else t.translate(_MARKUP_STR)
    for _ in range(2):  # "Q3. 1)" and the like (anchored at the start: a match, cut off)
        if t.isascii():
            m = re.match(_NUMBERING_ASCII, t) if _may_be_numbered(t) else None
        else:
            m = re.match(_NUMBERING, t, re.IGNORECASE)
        if not m:
            break  # the same text again would not match either
        t = t[m.end():]
    if any(hint in t for hint in _SPELLING_HINTS):
        t = _SPELLINGS.sub(_spelling, t)
    t = t.encode().translate(_PUNCTUATION_BYTES).decode() if t.isascii() else _PUNCTUATION.sub(" ", t)
    return " ".join(t.split())


def _strip_parens(normalised: str) -> str:
    if "(" in normalised:  # _PARENS needs one; without, its pass (a try at every position) changes nothing
        normalised = _PARENS.sub(" ", normalised).replace("(", " ")
    return " ".join(normalised.replace(")", " ").split())


def _plain(normalised: str) -> str:
    return normalised.replace("(", " ").replace(")", " ").replace("  ", " ").strip()


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def _words(normalised: str) -> frozenset[str]:
    return frozenset(map(_stem, set(normalised.replace("(", " ").replace(")", " ").split()) - _STOP))


def _wh(normalised: str) -> str:
    """The question word a prompt turns on ("why" counts as "what": "For what purpose ...?")."""
    for word in normalised.split()[:6]:
        if word in _WH:
            return "what" if word == "why" else word
    return ""


def _score(sm: SequenceMatcher, cand: tuple[frozenset[str], str], ref: tuple[frozenset[str], str]) -> float:
    """Half character similarity (light edits, typos, plural), half content-word overlap, mostly
    of the candidate's words (a heading often quotes only the start of a long prompt)."""
    ratio = sm.ratio()
    cw, rw = cand[0], ref[0]
    if cw and rw:
        shared = len(cw & rw)
        ratio = 0.5 * ratio + 0.5 * (0.75 * shared / len(cw) + 0.25 * shared / len(rw))
    if cand[1] and ref[1] and cand[1] != ref[1]:
        ratio -= WH_PENALTY
    return ratio


def _quick_ratio(a: str, b: str) -> float:
    """SequenceMatcher(None, a, b).quick_ratio(), an upper bound on ratio(): twice the characters the
    two share (counted with repeats) over their total length. Without difflib, which an import then
    loads only when a comparison gets past this bound."""
    length = len(a) + len(b)
    return 2.0 * sum((Counter(a) & Counter(b)).values()) / length if length else 1.0


def _may_be_stock(sentence: str) -> bool:
    """False only when `_plain(normalise(sentence))` cannot start with "if so", "if not", "please "
    or "you may skip", whose words "if", "please", "skip" would have to be in the sentence. For ASCII
    text normalise lower-cases, makes every other character than letters, digits and spaces a space,
    cuts a leading number and rewrites some spellings, each set off by \b or by the spaces it adds,
    so it stands as whole words ("eg", "ie", "the", "dataset", "subpopulations", none of the three).
    Every other word of the result is a run of the sentence's own letters, side by side. Non-ASCII
    text may change letters (NFKC) and is always let through."""
    if not sentence.isascii():
        return True
    lowered = sentence.lower()
    return "if" in lowered or "please" in lowered or "skip" in lowered


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]


Prepared = tuple[
    list[tuple[str, str, tuple[tuple[str, frozenset[str], str], ...]]],  # each question: id, prompt, variants
    list[tuple[str, tuple[str, ...]]],  # each section: id, its title's variants
    dict[str, list[tuple[str, frozenset[str]]]],  # each question's follow-up sentences and their words
]


def _prepare(bank: Bank) -> Prepared:
    """The bank's prompts, section titles and follow-up sentences, normalised for matching."""
    refs = []
    for q in bank.questions:
        prompt = normalise(q.prompt)
        variants = {_plain(prompt), _strip_parens(prompt)}
        if q.detail:
            detail = normalise(q.detail)
            variants |= {_plain(prompt + " " + detail), _strip_parens(prompt + " " + detail)}
        refs.append((q.id, _plain(prompt), tuple((r, _words(r), _wh(r)) for r in variants if r)))
    sections = []
    for s in bank.sections:
        title = _plain(normalise(s.title))
        variants = {title, title.replace(" and ", " "), re.sub(r"\b(process|and)\b", " ", title)}
        sections.append((s.id, tuple(" ".join(v.split()) for v in variants)))
    details = {}
    for q in bank.questions:
        plain = {v for s in sentences(q.detail) for v in (_plain(normalise(s)), _strip_parens(normalise(s)))}
        details[q.id] = [(p, _words(p)) for p in sorted(plain) if p]
    return refs, sections, details


def _prepared(bank: Bank) -> Prepared:
    """`_prepare(bank)`, kept in the cache folder: preparing costs several milliseconds of every
    import, reading it back a tenth of one. Named by the bank's digest and by this file's stamp,
    so neither an edited bank nor a changed normalisation is ever served stale."""
    if not bank.sha256:
        return _prepare(bank)
    from wizard.cache import cache_file, read_cached, write_cached

    try:
        stamp = os.stat(__file__)
        path = cache_file("matcher", f"{bank.sha256}-{stamp.st_mtime_ns:x}-{stamp.st_size:x}.marshal")
    except OSError:
        path = None
    data = read_cached(path)
    if _fits(data, bank):
        return data
    data = _prepare(bank)
    write_cached(path, data)
    return data


def _fits(data: Any, bank: Bank) -> bool:
    """Whether cached data has the shape `_prepare` gives, for this bank's questions and sections."""
    try:
        return (isinstance(data, tuple) and len(data) == 3 and isinstance(data[2], dict)
                and [qid for qid, _, _ in data[0]] == [q.id for q in bank.questions]
                and [sid for sid, _ in data[1]] == [s.id for s in bank.sections])
    except (TypeError, ValueError):
        return False


class Match(NamedTuple):  # a named tuple, not a dataclass: see wizard.importer.pieces
    """The question a text asks, its score, and the questions sharing its wording when ambiguous."""

    question: Question
    score: float
    ambiguous: tuple[Question, ...] = ()  # other questions with the same wording (e.g. "Any other comments?")


def _decided(scored: list[tuple[float, Question, str]], section: str, threshold: float) -> Match | None:
    """The match scores make (best first, as `Matcher.score_all` gives them): the best question when
    it reaches `threshold` and no question of another wording comes within MARGIN of it; among
    questions of the same wording, the one in `section`, else the match is marked ambiguous."""
    if not scored or scored[0][0] < threshold:
        return None
    best, question, prompt = scored[0]
    twins = [q for s, q, p in scored if p == prompt and s == best]
    rivals = [s for s, q, p in scored if p != prompt]
    if rivals and rivals[0] > best - MARGIN:
        return None
    if len(twins) > 1:
        in_section = [q for q in twins if q.section_id == section]
        if len(in_section) != 1:
            return Match(twins[0], best, tuple(twins))
        question = in_section[0]
    return Match(question, best)


class Matcher:
    """Scores candidate texts against every question and section title of a bank."""

    def __init__(self, bank: Bank, aliases: dict[str, Iterable[str]] | None = None) -> None:
        self.bank = bank
        # Exact names that stand for one question (a card's "Curated by", "Curation Rationale")
        self._aliases: dict[str, Question] = {}
        from wizard.importer.wordings import wordings

        named = {qid: list(names) for qid, names in wordings(bank.id).items()}
        for qid, names in (aliases or {}).items():
            named.setdefault(qid, []).extend(names)
        for qid, names in named.items():
            question = bank.question(qid)
            for name in names:
                if question is not None:
                    self._aliases[_strip_parens(normalise(name))] = question
        prepared = _prepared(bank)
        questions = {q.id: q for q in bank.questions}
        self._refs: list[tuple[Question, str, tuple[tuple[str, frozenset[str], str], ...]]] = [
            (questions[qid], prompt, refs) for qid, prompt, refs in prepared[0]]
        self._exact: dict[str, list[tuple[Question, str]]] = {}
        for q, prompt, refs in self._refs:
            for ref, _, _ in refs:
                self._exact.setdefault(ref, []).append((q, prompt))
        self._cache: dict[tuple[float, str], list[tuple[float, Question, str]]] = {}
        sections = {s.id: s for s in bank.sections}
        self._sections: list[tuple[Section, tuple[str, ...]]] = [(sections[sid], variants) for sid, variants in prepared[1]]
        self._detail_sentences: dict[str, list[tuple[str, frozenset[str]]]] = prepared[2]
        self._followups: dict[tuple[str, str], bool] = {}  # the reader asks again for a paragraph it places

    # ------------------------------------------------------------------ questions

    def score_all(self, text: str, floor: float = 0.0) -> list[tuple[float, Question, str]]:
        """Every question's best score for `text`, best first (for a wording as published, only the
        questions that have it: the others score 0). A question whose word overlap alone keeps its
        score below `floor` is not compared character by character and scores 0."""
        cand = normalise(text)
        if not cand:
            return []
        # (normalise makes every "?" a space: the text up to its first "?" is no other variant)
        variants = {_plain(cand), _strip_parens(cand)}
        variants.discard("")
        key = (floor, "\x00".join(sorted(variants)))
        if key in self._cache:
            return self._cache[key]
        exact = [hit for v in variants for hit in self._exact.get(v, ())]
        if exact:  # the paper's wording, as published: no need to measure
            scored = list({q.id: (1.0, q, prompt) for q, prompt in exact}.values())
            self._cache[key] = scored
            return scored
        infos = [(v, _words(v), _wh(v)) for v in variants]
        # Content-word overlap is cheap: it picks the few questions worth the character comparison,
        # which costs O(n*m) per pair and would dominate an import of a long document.
        rough: list[tuple[float, int]] = []
        for index, (q, prompt, refs) in enumerate(self._refs):
            best = 0.0
            for ref, words, wh in refs:
                for v, cw, cwh in infos:
                    if cw and words:
                        shared = len(cw & words)
                        r = 0.75 * shared / len(cw) + 0.25 * shared / len(words)
                        if r > best:
                            best = r
            rough.append((best, index))
        rough.sort(reverse=True)
        shortlist = {index for _, index in rough[:_SHORTLIST] if floor <= 0.0 or self._bound(index, infos) >= floor}
        scored = []
        matchers = []
        if shortlist:
            import difflib  # only now: a document in the published wording never needs it

            matchers = [(difflib.SequenceMatcher(None, v, autojunk=False), (cw, cwh)) for v, cw, cwh in infos]
        for index, (q, prompt, refs) in enumerate(self._refs):
            best = 0.0
            if index in shortlist:
                for ref, words, wh in refs:
                    for sm, info in matchers:
                        sm.set_seq2(ref)
                        r = _score(sm, info, (words, wh))
                        if r > best:
                            best = r
            scored.append((best, q, prompt))
        scored.sort(key=lambda t: -t[0])
        self._cache[key] = scored
        return scored

    def _bound(self, index: int, infos: list[tuple[str, frozenset[str], str]]) -> float:
        """The highest score question `index` can reach: _score with ratio() replaced by its upper
        bound real_quick_ratio(), which the two lengths give without comparing a character."""
        best = 0.0
        for ref, words, wh in self._refs[index][2]:
            for v, cw, cwh in infos:
                bound = 2.0 * min(len(v), len(ref)) / (len(v) + len(ref))
                if cw and words:
                    shared = len(cw & words)
                    bound = 0.5 * bound + 0.5 * (0.75 * shared / len(cw) + 0.25 * shared / len(words))
                if cwh and wh and cwh != wh:
                    bound -= WH_PENALTY
                best = max(best, bound)
        return best

    def match(self, text: str, *, section: str = "", threshold: float = THRESHOLD) -> Match | None:
        """The question `text` asks, or None when no question is close enough or two are too close.

        Questions with identical wording ("Any other comments?") are told apart by `section`, the
        section the document is in; without one, such a match is ambiguous and left unplaced.
        """
        alias = self._aliases.get(_strip_parens(normalise(text)))
        if alias is not None:
            return Match(alias, 1.0)
        # a question scoring below threshold - MARGIN can neither be placed nor stop another being
        # placed (a rival counts only within MARGIN of a best that reaches threshold): not measured
        return _decided(self.score_all(text, floor=threshold - MARGIN), section, threshold)

    def is_followup(self, sentence: str, question: Question) -> bool:
        """Whether a sentence after a question is the paper's follow-up text rather than an answer.

        Only what resembles the question's own follow-up sentences (its `detail`, in any version's
        wording) or the paper's stock instructions ("If so, please describe ...") counts: whatever
        is taken for follow-up text is left out of the answer, so a guess here would lose words.
        """
        known = self._followups.get((sentence, question.id))
        if known is None:
            known = self._followups[sentence, question.id] = self._is_followup(sentence, question)
        return known

    def _is_followup(self, sentence: str, question: Question) -> bool:
        s = sentence.strip().strip("*_ ").strip()
        if not s:
            return True
        refs = self._detail_sentences.get(question.id, ())
        if not refs and not _may_be_stock(s):
            return False  # nothing to resemble, and it cannot open as the stock instructions: not normalised
        n = _plain(normalise(s))
        if any(n == ref for ref, _ in refs):
            return True
        if refs and 1.3 * max(len(ref) for ref, _ in refs) < 0.7 * len(n):
            # longer than every follow-up sentence by so much that the length test below would turn
            # each away (2 * len(ref) < 0.7 * (len(n) + len(ref))): an answer, whose words are not counted
            refs = ()
        words = _words(n) if refs else frozenset()  # (only the comparisons below count them)
        for ref, ref_words in refs:
            # a cheap word check first: the character comparison is what a long document pays for
            if words and len(words & ref_words) < 0.5 * max(len(words), len(ref_words)):
                continue
            if 2 * min(len(n), len(ref)) < 0.7 * (len(n) + len(ref)):
                continue  # the ratio cannot reach 0.7 with lengths this far apart
            if _quick_ratio(n, ref) < 0.7:
                continue
            import difflib  # only now: most documents never need a character comparison

            sm = difflib.SequenceMatcher(None, n, ref, autojunk=False)
            if sm.real_quick_ratio() >= 0.7 and sm.ratio() >= 0.7:
                return True
        # the paper's stock instructions; the pattern can only match text starting with one of
        # these, so most sentences (answers) are let go without compiling or running it
        return n.startswith(("if so", "if not", "please ", "you may skip")) and bool(re.match(
            r"^(?:if (?:so|not)\b[^.]*?,?\s*)?(?:please (?:provide|describe|explain|reproduce|show|include)|you may skip)", n))

    # ------------------------------------------------------------------ sections

    def section(self, text: str) -> Section | None:
        """The bank section a title line names ("3.2 Composition", "**Uses**", "## Collection process")."""
        cand = _plain(normalise(text))
        if not cand or len(cand) > 60:
            return None
        # each pattern only where its words occur: most title lines have neither, and so skip compiling them
        if cand.startswith(("section", "part")):
            cand = re.sub(r"^(?:section|part)\s+\w+\s*", "", cand)
        # less the words "process" and "and" (the pattern \b(process|and)\b, made a space): normalise
        # leaves only word characters between the spaces, so \b falls at the spaces and ends
        cand = " ".join(word for word in cand.split() if word != "process" and word != "and") or cand
        best: tuple[float, Section | None] = (0.0, None)
        for s, variants in self._sections:
            if cand in variants:
                return s
        for s, variants in self._sections:
            for v in variants:
                if 2.0 * min(len(cand), len(v)) / (len(cand) + len(v)) < SECTION_THRESHOLD:
                    continue  # real_quick_ratio()'s bound, before building a SequenceMatcher for it
                if _quick_ratio(cand, v) < SECTION_THRESHOLD:
                    continue
                import difflib  # only now: most documents never need a character comparison

                r = difflib.SequenceMatcher(None, cand, v, autojunk=False).ratio()
                if r > best[0]:
                    best = (r, s)
        return best[1] if best[0] >= SECTION_THRESHOLD else None

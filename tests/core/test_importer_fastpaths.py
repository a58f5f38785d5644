"""The reader's cheap tests before its patterns: each answers as the pattern alone did."""

from __future__ import annotations

import random
import re

from wizard.importer.markdown import _stock_followup

BITS = ["if", "If", "IF", "iF", " so", " not", "please", "Please", "PLEASE", "pleaſe", "ıf", "İf", "ſo", " ", "\t", "\n",
        "*", "_", "(", "1.", ",", "?", "x", "f", "i", "p", "lease", "nota", "so", "é", "—"]


def _texts(seed: int, count: int = 20000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(BITS) for _ in range(rng.randint(0, 6))) for _ in range(count)]


def test_stock_followup_reads_as_its_pattern():
    for text in _texts(3):
        assert _stock_followup(text) == bool(re.match(r"^\W*(?:if (?:so|not)\b|please\b)", text, re.I)), text


def test_stock_instruction_check_reads_as_its_pattern():
    """Matcher._is_followup's last test: a prefix check, then the pattern."""
    from wizard.bank import find_bank
    from wizard.importer.matching import Matcher, _plain, normalise

    matcher = Matcher(find_bank("datasheets-for-datasets"))
    question = next(q for q in matcher.bank.questions if not q.detail)
    pattern = re.compile(r"^(?:if (?:so|not)\b[^.]*?,?\s*)?(?:please (?:provide|describe|explain|reproduce|show|include)|"
                         r"you may skip)")
    words = ["if so", "if not", "please provide", "please describe", "please show", "you may skip", "please", "if",
             "so", "not", ",", ".", " ", "a", "yes", "the details"]
    rng = random.Random(5)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        stripped = text.strip().strip("*_ ").strip()
        expected = not stripped or bool(pattern.match(_plain(normalise(stripped))))
        assert matcher._is_followup(text, question) == expected, text


def _section_as_it_was(matcher, text):  # type: ignore[no-untyped-def]
    from difflib import SequenceMatcher

    from wizard.importer.matching import SECTION_THRESHOLD, _plain, normalise

    cand = _plain(normalise(text))
    if not cand or len(cand) > 60:
        return None
    cand = re.sub(r"^(?:section|part)\s+\w+\s*", "", cand)
    cand = " ".join(re.sub(r"\b(process|and)\b", " ", cand).split()) or cand
    best = (0.0, None)
    for s, variants in matcher._sections:
        if cand in variants:
            return s
    for s, variants in matcher._sections:
        for v in variants:
            sm = SequenceMatcher(None, cand, v, autojunk=False)
            if sm.real_quick_ratio() < SECTION_THRESHOLD or sm.quick_ratio() < SECTION_THRESHOLD:
                continue
            r = sm.ratio()
            if r > best[0]:
                best = (r, s)
    return best[1] if best[0] >= SECTION_THRESHOLD else None


def test_section_reads_as_before_its_cheap_tests():
    from wizard.bank import find_bank
    from wizard.importer.matching import Matcher

    matcher = Matcher(find_bank("datasheets-for-datasets"))
    words = ["Section", "Part", "3", "C.2", "Collection", "process", "and", "Uses", "Use", "Distribution", "Maintenance",
             "Motivation", "Composition", "Preprocessing/cleaning/labeling", "  ", "(", ")", "**", "sand", "processes",
             "Composiiton", "Colection", "Process", "x", "Preprocessing", "cleaning", "labelling", "é", "andé", "_and",
             "process_", "-and-"]
    rng = random.Random(11)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        assert matcher.section(text) == _section_as_it_was(matcher, text), text


def test_block_opening_and_single_item_read_as_their_patterns():
    from wizard.importer.markdown import _opens_block, _unwrap_single_item

    def unwrap_as_it_was(text: str) -> str:
        from wizard.importer.markdown import _dedent

        lines = text.split("\n")
        m = re.match(r"^([-*+][ \t]+)(?=\S)", lines[0])
        if not m:
            return text
        width = len(m.group(1).expandtabs(4))
        rest = lines[1:]
        if any(line.strip() and len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) < width for line in rest):
            return text
        return "\n".join([lines[0][m.end():], *_dedent(rest, width)])

    bits = ["-", "*", "+", " ", "  ", "\t", "\n", "\r", "\x0b", "\u00a0", "|", "```", "~~", "~~~", "<", "1", "12", "٣",
            "²", ".", ")", "x", "answer", "a"]
    rng = random.Random(9)
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 7)))
        assert _opens_block(text) == bool(re.match(r"^(?:[-*+]\s|\||\d+[.)]\s|```|~~~|<)", text)), text
        assert _unwrap_single_item(text) == unwrap_as_it_was(text), text


def test_strip_parens_reads_as_its_pattern():
    from wizard.importer.matching import _PARENS, _strip_parens

    rng = random.Random(4)
    bits = ["(", ")", " ", "  ", "\t", "\n", "e g", "word", "a", "()", "(x)", ") (", "\u00a0"]
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 8)))
        expected = " ".join(_PARENS.sub(" ", text).replace("(", " ").replace(")", " ").split())
        assert _strip_parens(text) == expected, text


def test_sentence_pattern_finds_what_the_lazy_one_did():
    from wizard.importer.markdown import _SENTENCE

    lazy = re.compile(r"\S.*?(?:[.?!][*_)\]]*(?=\s|$)|\Z)", re.S)
    bits = [".", "?", "!", "*", "_", ")", "]", " ", "\n", "\t", "a", "word", "e.g.", "\u00a0", "x", "..", "\x1c", "?*)"]
    rng = random.Random(1)
    for _ in range(50000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 10)))
        assert [m.span() for m in _SENTENCE.finditer(text)] == [m.span() for m in lazy.finditer(text)], text


def test_match_reads_as_with_every_shortlisted_question_measured():
    """match() leaves unmeasured the questions whose word overlap keeps them below THRESHOLD - MARGIN;
    it answers as the full scoring (score_all with no floor) does."""
    from difflib import SequenceMatcher

    from tests.helpers.paths import IMPORT_CORPUS
    from wizard.bank import find_bank
    from wizard.importer.matching import THRESHOLD, Match, Matcher, _decided, _quick_ratio, _strip_parens, normalise

    matcher = Matcher(find_bank("datasheets-for-datasets"))

    def full(text: str, section: str):  # type: ignore[no-untyped-def]
        """match() as it was: every shortlisted question measured (score_all with no floor)."""
        alias = matcher._aliases.get(_strip_parens(normalise(text)))
        if alias is not None:
            return Match(alias, 1.0)
        return _decided(matcher.score_all(text), section, THRESHOLD)

    texts = [line for path in sorted(IMPORT_CORPUS.glob("*.md")) for line in path.read_text("utf-8").split("\n")
             if "?" in line or line.startswith(("#", "**", "- **"))]  # the lines that ask
    prompts = [q.prompt + " " + q.detail for q in matcher.bank.questions]
    rng = random.Random(2)
    for _ in range(300):
        words = [w for w in rng.choice(prompts).split() if rng.random() < 0.8] + rng.sample(rng.choice(prompts).split(), 2)
        texts.append(" ".join(words[: rng.randint(1, len(words))]))
    placed = 0
    for text in texts:
        section = rng.choice(["", "uses", "composition"])
        found = matcher.match(text, section=section)
        assert found == full(text, section), text
        placed += found is not None and found.score < 1.0
    assert placed > 50  # measured placements, not only exact wordings
    for _ in range(3000):
        a, b = ("".join(rng.choice("abc de") for _ in range(rng.randint(0, 9))) for _ in range(2))
        assert _quick_ratio(a, b) == SequenceMatcher(None, a, b, autojunk=False).quick_ratio(), (a, b)


def test_lead_pattern_reads_as_with_a_bullet_class():
    from wizard.importer.markdown import _LEAD, _lead_end

    with_class = re.compile(r"^\s*(?:(?:q(?:uestion)?\s*\d+|\d+(?:\.\d+)*)\s*[.:)\-]\s+|q\)\s+|[•▪◦·]\s*)", re.I)
    bits = ["•", "▪", "◦", "·", "‣", " ", "\t", "Q", "q", "uestion", "UESTION", "ueſtion", "1", "2.3", ".", ":", ")", "-",
            "x", "What", "uality", "uestions", "ueſtıon", "Uestion"]
    rng = random.Random(6)
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 6)))
        a, b = re.match(_LEAD, text, re.I), with_class.match(text)
        assert _lead_end(text) == (a.end() if a else 0), text
        assert (a and a.end()) == (b and b.end()), text
    for text in ("Queſtıon 1. x", "QUESTION 2: x", "Quality 1. x", "q) x", "Q 3) x", " 4. x", "· x"):
        a = re.match(_LEAD, text, re.I)
        assert _lead_end(text) == (a.end() if a else 0), text


def test_own_header_reads_as_its_pattern():
    from wizard.importer.markdown import _own_header

    bits = ["*", "Questionnaire", "Questions from", ":", " ", "\n", "x", "**", "questionnaire"]
    rng = random.Random(8)
    for _ in range(20000):
        text = rng.choice(["", "*Questionnaire: ", "*Questions from: "]) + "".join(rng.choice(bits) for _ in range(rng.randint(0, 4)))
        text = text.strip()
        assert _own_header(text) == bool(re.match(r"^\*(?:Questionnaire|Questions from): .*\*$", text, re.S)), text


def test_title_end_reads_as_with_a_dash_class():
    from wizard.importer.markdown import _TITLE_END

    with_class = re.compile(r"\s*(?:[:\-—–]\s*)?(?:datasheet|dataset card|data card)$", re.I)
    bits = [":", "-", "—", "–", "‒", " ", "\n", "Datasheet", "DATASET CARD", "data card", "x", "s"]
    rng = random.Random(12)
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 6)))
        assert re.sub(_TITLE_END, "", text, flags=re.I) == with_class.sub("", text), text


def test_may_be_stock_lets_through_every_text_normalised_to_a_stock_opening():
    """_may_be_stock(text) False means the normalised text cannot open as the stock instructions."""
    from wizard.importer.matching import _may_be_stock, _plain, normalise

    bits = ["if", "If", "i", "f", "please", "plea", "se", "skip", "sk", "ip", "you may ", "so", "not", " ", "*", "_", "(", ")",
            "1.", "Q2)", "iv.", ",", ".", "-", "e.g.", "i.e.", "that is,", "for example", "data set", "this dataset",
            "sub-population", "s", "x", "é", "ﬁ", "—"]
    rng = random.Random(11)
    openings = ("if so", "if not", "please ", "you may skip")
    seen = 0
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 7)))
        opens = _plain(normalise(text)).startswith(openings)
        seen += opens
        assert _may_be_stock(text) or not opens, text
    assert seen > 100  # the generator does reach the openings


def _is_followup_as_it_was(matcher, sentence, question):  # type: ignore[no-untyped-def]
    """Matcher._is_followup before its early answers (no follow-up sentences; too long for any)."""
    from difflib import SequenceMatcher

    from wizard.importer.matching import _plain, _words, normalise

    s = sentence.strip().strip("*_ ").strip()
    if not s:
        return True
    n = _plain(normalise(s))
    refs = matcher._detail_sentences.get(question.id, ())
    if any(n == ref for ref, _ in refs):
        return True
    words = _words(n)
    for ref, ref_words in refs:
        if words and len(words & ref_words) < 0.5 * max(len(words), len(ref_words)):
            continue
        sm = SequenceMatcher(None, n, ref, autojunk=False)
        if sm.ratio() >= 0.7:
            return True
    return bool(re.match(r"^(?:if (?:so|not)\b[^.]*?,?\s*)?(?:please (?:provide|describe|explain|reproduce|show|include)|"
                         r"you may skip)", n))


def test_is_followup_reads_as_before_its_early_answers():
    """Sentences built from the questions' own follow-up sentences, answers and stock openings, at
    every length around the bound: the same verdicts as the full comparison."""
    from wizard.bank import find_bank
    from wizard.importer.matching import Matcher, sentences

    matcher = Matcher(find_bank("datasheets-for-datasets"))
    pieces = [s for q in matcher.bank.questions for s in sentences(q.detail)]
    words = ["If so,", "please describe", "you may skip", "the data", "yes", "No.", "e.g.", "(see above)", "**", "1."]
    rng = random.Random(13)
    verdicts = set()
    for _ in range(1500):
        question = rng.choice(matcher.bank.questions)
        own = sentences(question.detail) or [""]
        text = " ".join(rng.choice([*own, *own, rng.choice(pieces), rng.choice(words), rng.choice(words)])
                        for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.3:
            text = text[: rng.randint(0, len(text))]
        expected = _is_followup_as_it_was(matcher, text, question)
        verdicts.add(expected)
        assert matcher._is_followup(text, question) == expected, (question.id, text)
    assert verdicts == {True, False}


def test_placeholder_furniture_and_title_read_as_their_patterns_alone():
    """is_placeholder, _furniture and clean_title test cheaply before compiling their patterns."""
    from wizard.importer.markdown import _FURNITURE, _PLACEHOLDER, _TITLE, _TITLE_END, _furniture, clean_title, is_placeholder

    bits = ["[more information needed]", "[MORE Information Needed]", "TODO", "tbd.", "-", "—", "...", "…", "_No response_",
            "(no answer)", "*not answered.*", "<!-- x -->", "<!--", "-->", " ", "\n", "page", "p.", "Page 12", "12", "of 3",
            "arXiv:2101.1", "ARXIV:", "arxıv:", "٣", "x", "Datasheet", "dataset card", "DATA CARD", "for", ":", "Birds",
            "\u212a", "ſ", "t", "D", "²"]
    rng = random.Random(21)
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 5)))
        assert is_placeholder(text) == (not text.strip() or bool(re.match(_PLACEHOLDER, text.strip(), re.I | re.S))), text
        line = text.replace("\n", " ")
        assert _furniture(line) == bool(re.match(_FURNITURE, line, re.I)), line
        title = _TITLE.sub("", text.strip().strip("*_ ").strip())
        assert clean_title(text) == (re.sub(_TITLE_END, "", title, flags=re.I).strip(" :-—–") or text.strip()), text


def test_may_be_numbered_lets_through_every_numbered_text():
    """normalise runs the numbering pattern only where _may_be_numbered says it could match."""
    from wizard.importer.matching import _NUMBERING_ASCII, _may_be_numbered

    bits = ["q", "question", "uestion", "quality", "i", "v", "x", "iv", "is", "a", "h", "z", "b", "1", "2.3", "12", ".", ")",
            ":", "-", "+", "*", "(", "'", " ", "\t", "\x1c", "\n", "s"]
    rng = random.Random(22)
    numbered = 0
    for _ in range(30000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 5)))
        match = re.match(_NUMBERING_ASCII, text)
        numbered += match is not None
        assert _may_be_numbered(text) or match is None, text
    assert numbered > 1000



def test_normalised_text_holds_no_question_mark():
    """score_all takes no variant of the text up to its first "?": normalise leaves none."""
    from wizard.importer.matching import normalise

    bits = ["?", "？", "﹖", "¿", "what", " ", "\n", "(", ")", "e.g.", "*", "é", "İ", "1.", "q", "data set", "\u00a0", "—"]
    rng = random.Random(31)
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 8)))
        assert "?" not in normalise(text), text

# Lines that open (or nearly open) every kind of block, with and without each rule's marks.
BLOCK_LINES = ["# Title", "## Composition", "**What is it?**", "- item", "  - nested", "1. first", "2) second", "", "",
               "plain text", "    indented code", "```", "```text", "~~~", "``", "> quoted", ">", "[ref]: https://x.org",
               "[not a ref]", "<div>", "<!-- c -->", "</p>", "a | b", "| a | b |", "--- | ---", "|---|", "---", "***",
               "===", "Setext", "text with > and < and [ and | inside", "  continuation", "\t- tab item", "| x |"]


def test_parser_without_the_rules_a_text_cannot_open_gives_the_full_parsers_tokens():
    """`_parser(text)` leaves out the block rules whose opening marks are not in the text: the
    tokens (types, nesting, line maps, source content) are those of the parser with every rule."""
    from pathlib import Path

    from wizard.importer.markdown import _parser

    full = _parser()
    rng = random.Random(11)
    texts = ["\n".join(rng.choice(BLOCK_LINES) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "import_corpus").glob("*.md"))]
    pruned_somewhere = 0
    for text in texts:
        fast = _parser(text)
        pruned_somewhere += len(fast.block.ruler.get_active_rules()) < len(full.block.ruler.get_active_rules())
        assert fast.parse(text) == full.parse(text), text
    assert pruned_somewhere > 500  # the comparison exercised the pruned parsers, not only the full one


def _pick_options_as_it_was(text, listed):  # type: ignore[no-untyped-def]
    from wizard.importer.values import _CONNECTORS, _bulleted, _by_key, _key, _unbulleted

    if not listed:
        return None
    lines = [_unbulleted(line).strip().strip("*_ ") for line in text.strip().split("\n") if line.strip()]
    if len(lines) > 1 or _bulleted(text.strip()):
        keys = [_key(line) for line in lines]
        if max(map(len, keys)) > 3 * max(map(len, listed)):
            return None
        by_key = _by_key(listed)
        picked = [by_key.get(key) for key in keys]
        return tuple(dict.fromkeys(p for p in picked if p)) if all(picked) else None
    remaining = f" {_key(text)} "
    found = []
    for option in sorted(listed, key=len, reverse=True):
        key = _key(option)
        if key and f" {key} " in remaining:
            found.append(option)
            remaining = remaining.replace(f" {key} ", " ", 1)
    if not found or set(remaining.split()) - _CONNECTORS:
        return None
    return tuple(o for o in listed if o in found)


def test_pick_options_reads_as_without_its_search_of_the_options():
    """pick_options gives up on a word no option holds before making a key for each option."""
    from wizard.importer.values import pick_options

    option_lists = [("English", "French", "en", "fr-CA", "Mandarin Chinese"), ("Web", "Sensors", "Other (specify)"),
                    ("en", "fra", "deu", "zho-Hans"), ("Ünïcode", "plain", "ΣΟΦΙΑ")]
    bits = ["English", "english", "French", "fr", "ca", "en", "and", "or", "both", ",", " ", "\n", "- ", "* ", "**",
            "_", "Web", "sensors", "Other", "(specify)", "mandarin", "chinese", "zho", "hans", "-", "Ünïcode", "σοφια",
            "plain", "words", "ΣΟΦΙΑ"]
    rng = random.Random(12)
    picked = 0
    for _ in range(20000):
        listed = rng.choice(option_lists)
        text = "".join(rng.choice(bits) + rng.choice(["", " ", ", ", " and ", "\n"]) for _ in range(rng.randint(1, 5)))
        expected = _pick_options_as_it_was(text, listed)
        picked += expected is not None
        assert pick_options(text, listed) == expected, (text, listed)
    assert picked > 500

"""What `datasheet-wizard import` loads (no front end), and that the faster option matching reads
as the pattern it replaced. Timings themselves are benchmarks/importer.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_python
from tests.helpers.paths import IMPORT_CORPUS, subprocess_env

CORPUS = IMPORT_CORPUS
NOT_NEEDED = ("textual", "questionary", "rich")  # an import never loads a front end


def _modules(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> set[str]:
    env = subprocess_env() | {"DATASHEET_WIZARD_STATE_DIR": str(tmp_path / "state")} | (env or {})
    code = ("import sys, io, contextlib\nfrom wizard.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    code = main(sys.argv[1:])\n"
            "print(code)\nprint(' '.join(sys.modules))")
    proc = run_python(code, *args, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, names = proc.stdout.strip().split("\n")[-2:]
    assert first == "0"
    return set(names.split())


@pytest.mark.parametrize("dry_run", [True, False])
def test_import_loads_no_module_it_does_not_need(tmp_path, dry_run):
    source = next(CORPUS.glob("01-*.md"))
    args = ["import", str(source), "--dry-run"] if dry_run else ["import", str(source), "--draft", str(tmp_path / "d.toml")]
    loaded = _modules(tmp_path, *args)
    assert "markdown_it" in loaded and "wizard.importer.markdown" in loaded
    assert not [m for m in NOT_NEEDED if m in loaded]


def test_an_import_with_a_warm_cache_loads_neither_hashlib_nor_json(tmp_path):
    """Every run after the first: the bank's digest comes from the cache (hashlib loads OpenSSL,
    11 M instructions), and the state folder's records are TOML (json's import is 5 M)."""
    source = next(CORPUS.glob("01-*.md"))
    env = {"DATASHEET_WIZARD_CACHE_DIR": str(tmp_path / "cache")}
    first = _modules(tmp_path, "import", str(source), "--draft", str(tmp_path / "first.toml"), env=env)
    assert "hashlib" in first  # a cold cache: the bank is hashed once (so this test sees the difference)
    for args in (["--draft", str(tmp_path / "second.toml")], ["--dry-run"]):
        loaded = _modules(tmp_path, "import", str(source), *args, env=env)
        assert not {"hashlib", "_hashlib", "json"} & loaded, args
    assert (tmp_path / "state" / "recent.toml").is_file()


def test_option_prefix_reads_as_the_pattern_did():
    """`_starts_with_option` (string ops for ASCII) answers as the per-option pattern it replaced."""
    import random
    import re

    from wizard.importer.values import _starts_with_option

    def pattern(text: str, option: str) -> bool:
        return re.match(re.escape(option) + r"[ \t]*(?:[.,;:(\u2013\u2014-]|$)", text, re.I) is not None

    rng = random.Random(14)
    options = ["CC-BY-4.0", "MIT", "Other", "a sample", "K", "s", "ı", "İ", "Straße", "x.y", "(a)", ""]
    bits = ["mit", "MIT", " ", "\t", ".", ",", "-", "–", "(", "license", "\n", "K", "\u212a", "\u017f", "S", "ß",
            "SS", "i", "İ", "ı", "I", "a sample", "A SAMPLE", "cc-by-4.0", "x.y", "xzy", "", "other", "(A)"]
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 5)))
        option = rng.choice([*options, text[: rng.randint(0, 6)]])
        assert _starts_with_option(text, option) == pattern(text, option), (text, option)


def _texts(rng, bits, n=20000, most=6):  # type: ignore[no-untyped-def]
    for _ in range(n):
        yield "".join(rng.choice(bits) for _ in range(rng.randint(0, most)))


# Pieces that make the patterns below match, nearly match, or meet Unicode's case rules.
_BITS = ["n/a", "N/A", "n.a.", "N.A", "not applicable", "NOT Relevant", "does not apply", "unknown", "Unknown",
         "not known", "we do not know", "We don't know", "we don’t know", "yes", "YES", "no", "No", "nO", "Noise",
         "a", "A", "answer", "Answer", "**", "__", "*", "_", ":", " ", "\t", "\n", "\n\n", ".", "!", ",", ";", "(", ")",
         "-", "–", "—", "x", "K", "\u212a", "\u017f", "ſ", "İ", "ı", "é", "\u00a0", "\x1c", "\x7f", "- ", "* ", "+ ",
         "1.", "CC-BY-4.0", "en", "zh-Hant", "Other", "Straße", "é", "\u0301"]


def test_marker_pretest_never_skips_a_match():
    """`_marker` tries a pattern only when the text may open with it: the answer is the pattern's."""
    import random
    import re

    from wizard.importer import values as v

    rng = random.Random(3)
    markers = [(v._NA, v._NA_OPENS), (v._UNKNOWN, v._UNKNOWN_OPENS), (v._ANSWER_LABEL, v._ANSWER_LABEL_OPENS),
               (v._YESNO, v._YESNO_OPENS)]
    assert max(len(o) for _, opens in markers for o in opens) <= v._HEAD
    for text in _texts(rng, _BITS):
        for pattern, opens in markers:
            got, want = v._marker(pattern, opens, text), re.match(pattern, text, re.I)
            assert (got and (got.group(), got.groups())) == (want and (want.group(), want.groups())), (pattern, text)


def test_key_reads_as_the_pattern_did():
    """`_key`'s byte table for ASCII (every character checked) gives what `[^\\w\\s]` gave."""
    import random
    import re

    from wizard.importer.values import _key

    def pattern(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())

    for c in range(128):
        assert _key(f"a{chr(c)}b") == pattern(f"a{chr(c)}b"), c
    rng = random.Random(5)
    for text in _texts(rng, [*_BITS, *map(chr, range(128))], most=10):
        assert _key(text) == pattern(text), text


def test_list_markers_read_as_the_patterns_did():
    import random
    import re

    from wizard.importer.values import _bulleted, _unbulleted

    rng = random.Random(8)
    for text in _texts(rng, [*_BITS, "\u2003", "\u3000", "\x0b", "-", "+"]):
        assert _bulleted(text) == bool(re.match(r"^[-*+]\s", text)), text
        assert _unbulleted(text) == re.sub(r"^[-*+]\s+", "", text), text


def test_a_choice_answer_takes_the_first_of_two_options_with_one_key():
    """Options keyed once (`_first_by_key`) read as the scans in order they replaced: the first wins."""
    from wizard.bank import Question, QuestionType
    from wizard.importer.pieces import Piece
    from wizard.importer.values import read_answer

    q = Question("licence", "Licence?", "s", type=QuestionType.CHOICE, choices=("Other", "CC BY", "cc-by", "CC-BY."))
    for text, value, kept in [("cc by", "CC BY", ""), ("**CC-BY**\n\nbecause", "CC BY", "because"),
                              ("CC  by!", "CC BY", ""), ("other", "Other", "")]:
        p = read_answer(q, Piece(text, 1, 1))
        assert (p.value, p.text) == (value, kept), text


def test_the_report_asks_verdict_only_what_it_could_find_wrong():
    """`report._problem` skips verdict for marks and for text where no value was read and no format
    applies: verdict finds none of them invalid, on any bundled bank's questions."""
    from wizard.answers import Answer, State, verdict
    from wizard.bank import bundled_bank_paths, find_bank
    from wizard.importer.pieces import Piece, Placement
    from wizard.importer.report import _problem

    texts = ["", " ", "\n\t", "x", "Some text.", "  spaced  ", "a\n\nb", "https://not a url", "12,000", "\x00"]
    piece = Piece("x", 1, 1)
    seen = 0
    for bank_id in bundled_bank_paths():
        for q in find_bank(bank_id).questions:
            for status in ("na", "unknown"):
                for value in (None, "x", ("x", "y")):
                    assert verdict(q, Answer(status, "t", value, "o")).state is not State.INVALID
                    assert _problem(q, Placement(q.id, piece, status, "t", value, "o")) == ""
            if q.type.is_list or q.format:
                continue
            for text in texts:
                for other in ("", "own"):
                    seen += 1
                    assert verdict(q, Answer("answered", text, None, other)).state is not State.INVALID, (q.id, text)
                    assert _problem(q, Placement(q.id, piece, "answered", text, None, other)) == ""
    assert seen > 100
    # and what verdict does find still shows: a value on a text question, a bad format
    text_q = next(q for q in find_bank("datasheets-for-datasets").questions if not q.type.is_list)
    assert _problem(text_q, Placement(text_q.id, piece, "answered", "", "a choice"))


def test_read_text_decodes_as_utf_8_sig_did(tmp_path):
    """`read_text` drops a BOM by hand: the same text, and the same line named for bytes that are not UTF-8."""
    import random

    from wizard.importer import SourceError, read_text

    def old(raw: bytes) -> str:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return "line " + str(raw[: exc.start].count(b"\n") + 1)
        return text.replace("\r\n", "\n").replace("\r", "\n")

    rng = random.Random(2)
    bits = [b"\xef\xbb\xbf", b"\xef", b"\xbb", b"\xbf", b"a", b"\n", b"\r\n", b"\xc3\xa9", b"\xff", b"\xe2\x80", b"x\n"]
    path = tmp_path / "doc.md"
    for _ in range(3000):
        raw = b"".join(rng.choice(bits) for _ in range(rng.randint(1, 8)))
        path.write_bytes(raw)
        want = old(raw)
        try:
            got = read_text(path)
        except SourceError as exc:
            if "not UTF-8" in str(exc):
                assert f"({want})" in str(exc), raw
            else:
                assert not want.strip(), raw  # empty once decoded
            continue
        assert got == want, raw

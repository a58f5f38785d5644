"""Bank format keys added with draft format 2: not_equals/not_in, omit_if_empty, format, export, vocabulary;
ids matched whole; validation that stays linear in the bank's size."""

from __future__ import annotations

import time

import pytest

from wizard.bank import Condition, QuestionType, build_bank


def _bank(*questions: str, extra_sections: str = "") -> str:
    body = "\n".join(f"[[sections.questions]]\n{q}" for q in questions)
    return f'format = 1\n[bank]\nid = "b"\ntitle = "B"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "S"\n{body}\n{extra_sections}'


def _build(text: str):
    import tomllib

    return build_bank(tomllib.loads(text))


GATE = 'id = "people"\nprompt = "People?"\ntype = "yesno"'


@pytest.mark.parametrize(
    ("rule", "value", "answered", "holds"),
    [
        ('not_equals = "no"', None, False, True),  # unanswered gate hides nothing
        ('not_equals = "no"', "yes", True, True),
        ('not_equals = "no"', "no", True, False),
        ('not_in = ["no"]', None, False, True),
        ('not_in = ["no"]', "no", True, False),
        ('equals = "yes"', None, False, False),
        ('equals = "yes"', "yes", True, True),
    ],
)
def test_not_equals_holds_unless_answered_with_the_value(rule: str, value, answered: bool, holds: bool) -> None:
    bank, problems = _build(_bank(GATE, f'id = "consent"\nprompt = "Consent?"\nwhen = {{ question = "people", {rule} }}'))
    assert problems == []
    cond = bank.question("consent").when
    assert isinstance(cond, Condition)
    assert cond.holds(value, answered) is holds


def test_not_in_on_a_multichoice_fails_when_any_chosen_option_matches() -> None:
    cond = Condition("tags", one_of=("faces",), negated=True)
    assert cond.holds(("names", "faces"), True) is False
    assert cond.holds(("names",), True) is True


def test_not_equals_value_must_be_an_option() -> None:
    _, problems = _build(_bank(GATE, 'id = "c"\nprompt = "C?"\nwhen = { question = "people", not_equals = "nope" }'))
    assert any('"nope" is not an answer' in p.message for p in problems)


def test_two_modes_in_one_when_are_refused() -> None:
    _, problems = _build(_bank(GATE, 'id = "c"\nprompt = "C?"\nwhen = { question = "people", equals = "yes", not_equals = "no" }'))
    assert any("exactly one of" in p.message for p in problems)


def test_new_question_keys() -> None:
    bank, problems = _build(_bank(
        'id = "home"\nprompt = "Homepage?"\ntype = "line"\nformat = "url"\nexport = { croissant = "url", hf = "homepage" }',
        'id = "more"\nprompt = "Anything else?"\nomit_if_empty = true',
    ))
    assert problems == []
    home = bank.question("home")
    assert home.type is QuestionType.LINE and home.type == "line"
    assert home.format == "url"
    assert dict(home.export) == {"croissant": "url", "hf": "homepage"}
    assert bank.question("more").omit_if_empty is True


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ('id = "q"\nprompt = "Q?"\nformat = "url"', '"format" only applies to line questions'),
        ('id = "q"\nprompt = "Q?"\ntype = "line"\nformat = "uri"', 'did you mean "url"'),
        ('id = "q"\nprompt = "Q?"\nexport = { croisant = "x" }', 'did you mean "croissant"'),
        ('id = "q"\nprompt = "Q?"\nexport = { hf = "" }', "non-empty string"),
        ('id = "q"\nprompt = "Q?"\nomit_if_empty = "yes"', "must be true or false"),
        ('id = "q"\nprompt = "Q?"\nvocabulary = "licenses"', '"vocabulary" only applies'),
        ('id = "q"\nprompt = "Q?"\ntype = "choice"', 'needs "choices"'),
    ],
)
def test_bad_new_keys_are_named(question: str, fragment: str) -> None:
    _, problems = _build(_bank(question))
    assert any(fragment in str(p) for p in problems), problems


def test_ids_are_matched_whole() -> None:
    """`re.match` with `$` accepts a trailing newline: "q1\\n" must not pass beside "q1"."""
    _, problems = _build(_bank('id = "q1"\nprompt = "A?"', 'id = "q1\\n"\nprompt = "B?"'))
    assert any("may hold only" in p.message for p in problems)
    _, problems = _build('format = 1\n[bank]\nid = "b\\n"\ntitle = "B"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "S"\n'
                         '[[sections.questions]]\nid = "q"\nprompt = "Q"\n')
    assert any(p.place == "bank.id" for p in problems)


def _chain(n: int, *, conditions: bool, unknown: bool = False) -> str:
    parts = ['format = 1\n[bank]\nid = "big"\ntitle = "Big"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "S"\n']
    for i in range(n):
        parts.append(f'[[sections.questions]]\nid = "q{i}"\nprompt = "Question {i}?"\n')
        if conditions and i:
            target = f"missing{i}" if unknown else f"q{i - 1}"
            parts.append(f'when = {{ question = "{target}", answered = true }}\n')
    return "".join(parts)


def _time_build(text: str) -> float:
    import tomllib

    data = tomllib.loads(text)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        build_bank(data)
        best = min(best, time.perf_counter() - start)
    return best


def test_validation_is_linear_with_conditions_and_unknown_ids() -> None:
    """The old validator was quadratic (a list lookup per condition, a difflib hint per unknown id).

    Compared in the same run: conditions may cost a constant factor, not a factor of n.
    """
    n = 20_000
    plain = _time_build(_chain(n, conditions=False))
    chained = _time_build(_chain(n, conditions=True))
    unknown = _time_build(_chain(2_000, conditions=True, unknown=True))
    assert chained < 3 * plain + 0.05, (chained, plain)
    # 2,000 unknown ids: each named, all at once, without 2,000 x 2,000 difflib comparisons.
    assert unknown < 2 * plain + 0.5, (unknown, plain)
    _, problems = _build(_chain(300, conditions=True, unknown=True))
    assert len([p for p in problems if "unknown question" in p.message]) == 299
    # each named at its own place, with the id it could not find
    assert str(problems[0]) == 'sections[0].questions[1] (id "q1").when: names unknown question "missing1"'
    assert str(problems[-1]) == 'sections[0].questions[299] (id "q299").when: names unknown question "missing299"'


def test_a_validated_bank_is_cached_by_its_digest_and_never_served_stale(tmp_path, monkeypatch) -> None:
    import tomllib

    from wizard import bank as bank_module

    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "b.toml"
    path.write_text(_bank('id = "q"\nprompt = "First?"'), encoding="utf-8")
    first = bank_module.load_bank(path)
    calls = []
    real = tomllib.loads
    monkeypatch.setattr(bank_module.tomllib, "loads", lambda text: calls.append(1) or real(text))
    again = bank_module.load_bank(path)
    assert calls == [] and again.question("q").prompt == first.question("q").prompt == "First?"  # from the cache
    path.write_text(_bank('id = "q"\nprompt = "Edited?"'), encoding="utf-8")
    assert bank_module.load_bank(path).question("q").prompt == "Edited?" and calls == [1]  # a new digest
    for cached in (tmp_path / "cache" / "banks").iterdir():
        cached.write_bytes(b"\x00garbage")  # a damaged cache is ignored
    assert bank_module.load_bank(path).question("q").prompt == "Edited?"
    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(path))  # a cache folder that cannot exist
    assert bank_module.load_bank(path).question("q").prompt == "Edited?"


def test_a_bank_from_the_cache_loads_neither_the_validator_nor_problems(tmp_path) -> None:
    """The validator (wizard.bank_rules) and wizard.problems load on a cache miss only: a second
    start reads the model from the cache, and neither module's bytecode is read."""
    from tests.helpers.cli import run_python
    from tests.helpers.paths import subprocess_env

    path = tmp_path / "b.toml"
    path.write_text(_bank('id = "q"\nprompt = "First?"'), encoding="utf-8")
    env = subprocess_env() | {"DATASHEET_WIZARD_CACHE_DIR": str(tmp_path / "cache")}
    code = ("import sys\nfrom wizard.bank import load_bank\nload_bank(sys.argv[1])\n"
            "print(' '.join(m for m in ('wizard.bank_rules', 'wizard.problems') if m in sys.modules))")
    first, second = (run_python(code, str(path), env=env) for _ in range(2))
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.split() == ["wizard.bank_rules", "wizard.problems"]  # a miss validates
    assert second.stdout.split() == []


def _shape(value):
    """Everything a loaded bank holds, field by field and with each value's type (an enum is not its word)."""
    import dataclasses
    from types import MappingProxyType

    if dataclasses.is_dataclass(value):
        return type(value), tuple((f.name, _shape(getattr(value, f.name))) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return tuple, tuple(_shape(v) for v in value)
    if isinstance(value, (dict, MappingProxyType)):
        return type(value), tuple((k, _shape(v)) for k, v in value.items())
    return type(value), value


EVERY_KEY = _bank(
    'id = "kind"\nprompt = "Kind?"\ntype = "choice"\nchoices = ["a", "b"]\nother = true\nrequired = true',
    'id = "tags"\nprompt = "Tags?"\ntype = "multichoice"\nvocabulary = "licenses"\nexport = { hf = "license" }',
    'id = "home"\nprompt = "Home?"\ntype = "line"\nformat = "url"\ndetail = "D"\nguidance = "G"\nexample = "E"\n'
    'omit_if_empty = true\nwhen = { question = "kind", not_in = ["b"] }',
    'id = "ok"\nprompt = "OK?"\ntype = "yesno"\nwhen = { question = "home", answered = false }',
    extra_sections='[[sections]]\nid = "t"\ntitle = "T"\nguidance = "TG"\nwhen = { question = "ok", equals = "yes" }\n'
                   '[[sections.questions]]\nid = "last"\nprompt = "Last?"\n',
)


def test_the_cached_form_of_a_bank_holds_everything_it_was_built_with() -> None:
    """A bank from the cache is the bank validation built: every field of every section, question
    and condition, each of the same type (a property of the plain form, for every bundled bank)."""
    from wizard import bank as bank_module
    from wizard.bank import bundled_bank_paths, parse_toml

    texts = [EVERY_KEY.encode()] + [p.read_bytes() for p in bundled_bank_paths().values()]
    for raw in texts:
        built, problems = build_bank(parse_toml(raw, "b.toml"))
        assert problems == [] and built is not None
        assert _shape(bank_module._from_plain(bank_module._to_plain(built))) == _shape(built)


def test_a_cached_bank_is_named_by_the_code_that_validated_it() -> None:
    """Editing the validator (bank.py) or the vocabulary names (vocabulary.py) retires every entry."""
    import os

    from wizard import bank as bank_module

    name = bank_module._cache_file("d").name
    for module in ("bank.py", "vocabulary.py"):
        st = os.stat(os.path.join(os.path.dirname(bank_module.__file__), module))
        assert f"{st.st_mtime_ns:x}-{st.st_size:x}" in name


def test_only_a_valid_bank_is_cached_and_a_cache_entry_of_another_shape_is_not_trusted(tmp_path, monkeypatch) -> None:
    import marshal

    from wizard import bank as bank_module
    from wizard.errors import BankError

    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(tmp_path / "cache"))
    broken = tmp_path / "broken.toml"
    broken.write_text(_bank('id = "q"\nprompt = "First?"\ntype = "nope"'), encoding="utf-8")
    for _ in range(2):  # reported in full every time
        with pytest.raises(BankError, match='type \'nope\' is not one of'):
            bank_module.load_bank(broken)
    assert not (tmp_path / "cache" / "banks").exists()
    path = tmp_path / "b.toml"
    path.write_text(EVERY_KEY, encoding="utf-8")
    fresh = bank_module.load_bank(path)
    (entry,) = (tmp_path / "cache" / "banks").iterdir()
    assert _shape(bank_module.load_bank(path)) == _shape(fresh)  # from the cache
    for wrong in ((1, 2), ("b",) * 7, [], None):
        entry.write_bytes(marshal.dumps(wrong))
        assert _shape(bank_module.load_bank(path)) == _shape(fresh)


def test_state_and_cache_folders_are_where_platformdirs_puts_them(monkeypatch) -> None:
    """Linux skips the platformdirs import (6 ms of every render); the folders must not move."""
    import sys

    from platformdirs import user_cache_dir, user_state_dir

    from wizard import bank as bank_module
    from wizard.folders import state_dir

    if not sys.platform.startswith("linux"):
        pytest.skip("the shortcut is for Linux only")
    monkeypatch.delenv("DATASHEET_WIZARD_STATE_DIR", raising=False)
    monkeypatch.delenv("DATASHEET_WIZARD_CACHE_DIR", raising=False)
    for xdg in ("", "/tmp/xdg-elsewhere"):
        monkeypatch.setenv("XDG_STATE_HOME", xdg)
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert str(state_dir()) == user_state_dir("datasheet-wizard", appauthor=False)
        assert str(bank_module._cache_file("d").parent.parent) == user_cache_dir("datasheet-wizard", appauthor=False)


def test_the_bank_digest_is_hashlibs_sha256() -> None:
    """files.sha256_hex takes CPython's own SHA-256 module (no OpenSSL to load): the same digest."""
    import hashlib

    from wizard.files import sha256_hex

    for data in (b"", b"abc", bytes(range(256)) * 300):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_a_bank_digest_is_remembered_only_while_the_file_is_provably_unchanged(tmp_path, monkeypatch) -> None:
    """cache.file_sha256 answers hashlib's digest of the bank's bytes: from the cache only when the
    file's device, inode, size, mtime and ctime are what they were when it was hashed."""
    import hashlib
    import marshal
    import os

    from wizard import bank as bank_module
    from wizard import cache, files

    monkeypatch.setenv("DATASHEET_WIZARD_CACHE_DIR", str(tmp_path / "cache"))
    hashed = []
    real = files.sha256_hex
    monkeypatch.setattr(files, "sha256_hex", lambda data: hashed.append(1) or real(data))
    path = tmp_path / "b.toml"
    path.write_text(_bank('id = "q"\nprompt = "First?"'), encoding="utf-8")

    def digest() -> str:
        return bank_module.load_bank(path).sha256

    assert digest() == digest() == hashlib.sha256(path.read_bytes()).hexdigest() and len(hashed) == 2
    assert not (tmp_path / "cache" / "digests").exists()  # written just now: a write in the same tick could go unseen
    monkeypatch.setattr(cache, "SETTLED_NS", -10**12)  # as if the file were old
    hashed.clear()
    assert digest() == digest() == hashlib.sha256(path.read_bytes()).hexdigest() and hashed == [1]
    (entry,) = (tmp_path / "cache" / "digests").iterdir()
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # a new mtime, same size and bytes
    assert digest() == hashlib.sha256(path.read_bytes()).hexdigest() and hashed == [1, 1]
    path.write_text(_bank('id = "q"\nprompt = "Edited!"'), encoding="utf-8")  # same size, new bytes
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # even with the mtime it had
    assert digest() == hashlib.sha256(path.read_bytes()).hexdigest() and len(hashed) == 3
    good = entry.read_bytes()
    stamp, known = marshal.loads(good)
    for hostile in (b"\x00garbage", marshal.dumps(None), marshal.dumps((stamp,)), marshal.dumps((stamp, "../" * 30)),
                    marshal.dumps((stamp, known.upper())), b"", marshal.dumps(((0, 0, 0), known))):
        entry.write_bytes(hostile)
        hashed.clear()
        assert digest() == hashlib.sha256(path.read_bytes()).hexdigest() and hashed == [1]
    entry.write_bytes(marshal.dumps((stamp, "0" * 64)))  # a well-formed entry for this very stamp is used as it is
    assert digest() == "0" * 64 and hashed == [1]

"""Reliability 4: bad drafts and banks get a clear message and exit 2, never a traceback, never a
changed file; a mutation fuzzer over the bundled banks gets a valid load or a BankError every time,
each within a time bound."""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers.cli import run_cli
from tests.helpers.paths import DEFAULT_BANK, MINI
from tests.helpers.report import count

GOOD_DRAFT = """format = 1

[draft]
title = "Bad"
bank = "mini"
bank_version = "2.0"
bank_path = "mini.toml"
created = 2026-11-29T01:00:00Z
updated = 2026-11-29T01:10:00Z
current = "purpose"

[answers.purpose]
status = "answered"
text = "hello"
"""

FIELDS = {
    "format": ["format = 1", ['format = "1"', "format = 3", "format = 0", "format = []", "format = 2.0"]],
    "title": ['title = "Bad"', ["title = 1", "title = []", "title = {a = 1}", "title = true", "title = 1979-05-27"]],
    "bank": ['bank = "mini"', ["bank = 1", 'bank = ""', "bank = []", "bank = false"]],
    "bank_version": ['bank_version = "2.0"', ["bank_version = 2.0", "bank_version = [1]"]],
    "bank_path": ['bank_path = "mini.toml"', ["bank_path = 3", "bank_path = {}", 'bank_path = "nowhere.toml"',
                                              'bank_path = "."', 'bank_path = "../../../../etc/passwd"']],
    "created": ["created = 2026-11-29T01:00:00Z", ['created = "yesterday"', "created = 5", "created = 10:00:00"]],
    "updated": ["updated = 2026-11-29T01:10:00Z", ['updated = "now"', "updated = []"]],
    "current": ['current = "purpose"', ["current = 7", "current = [1]"]],
    "status": ['status = "answered"', ['status = "done"', "status = 1", "status = []"]],
    "text": ['text = "hello"', ["text = 1", "text = [\"a\"]", "text = {x = 1}", "text = 1.5"]],
    "answers": ["[answers.purpose]", ['[answers]\npurpose = "string"']],
}


def _bad_drafts() -> list[tuple[str, bytes]]:
    good = GOOD_DRAFT.encode()
    cases: list[tuple[str, bytes]] = [
        ("empty", b""),
        ("truncated mid-string", good[: good.index(b"hello") + 2]),
        ("truncated mid-table", good[: good.index(b"[answers") + 5]),
        ("binary", bytes(range(256)) * 4),
        ("png header", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("utf-16", GOOD_DRAFT.encode("utf-16")),
        ("latin-1 byte", good.replace(b"hello", b"h\xe9llo")),
        ("nul in file", good.replace(b"hello", b"he\x00llo")),
        ("not toml", b"this is not a draft\n"),
        ("json", b'{"format": 1}'),
        ("deep nesting", b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n"),
        ("no draft table", b"format = 1\n"),
        ("draft not a table", b'format = 1\ndraft = "x"\n'),
        ("duplicate key", good + b'\n[answers.purpose]\nstatus = "na"\n'),
        ("answers not a table", b'format = 1\nanswers = 5\n[draft]\nbank = "mini"\nbank_path = "mini.toml"\n'),
    ]
    for name, (line, variants) in FIELDS.items():
        for v in variants:
            cases.append((f"{name}: {v!r}", good.replace(line.encode(), v.encode(), 1)))
    return cases


def _check_cli(case: str, done: subprocess.CompletedProcess[str], path: Path) -> None:
    out = done.stdout + done.stderr
    assert "Traceback" not in out, f"{case}: traceback\n{out}"
    assert done.returncode == 2, f"{case}: exit {done.returncode}\n{out}"
    message = done.stderr.strip()
    # names the draft, or (when the draft points at a missing bank) the bank file it looked for
    assert message and (path.name in message or "question bank" in message), f"{case}: names no file: {message!r}"
    assert "\n\n" not in message, f"{case}: more than one paragraph: {message!r}"


def _in_process_draft_check(case: str, path: Path) -> None:
    """Same rule, in-process (fast): Session.open raises a WizardError naming the file, or opens."""
    from wizard.errors import WizardError
    from wizard.session import Session

    try:
        Session.open(path, lock=False)
    except WizardError as exc:
        assert str(path.name) in str(exc) or "bank" in str(exc), f"{case}: {exc}"
        return
    raise AssertionError(f"{case}: a bad draft opened without complaint")


def test_bad_drafts_in_process(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.toml")
    cases = _bad_drafts()
    for i, (case, raw) in enumerate(cases):
        path = tmp_path / f"bad{i}.datasheet.toml"
        path.write_bytes(raw)
        _in_process_draft_check(case, path)
        assert path.read_bytes() == raw, f"{case}: the file was changed"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("bad")) == ["mini.toml"]
    count("4 bad drafts (in-process)", bad_inputs_tried=len(cases), tracebacks_seen=0)


def _cli_sample(cases, k: int) -> list:
    rng = random.Random(4)
    fixed = cases[:14]
    return fixed + rng.sample(cases[14:], min(k, len(cases) - 14))


@pytest.mark.parametrize("command", ["check", "render"])
def test_bad_drafts_through_the_cli(tmp_path, command):
    shutil.copy(MINI, tmp_path / "mini.toml")
    cases = _cli_sample(_bad_drafts(), 4)
    for i, (case, raw) in enumerate(cases):
        path = tmp_path / f"bad{i}.datasheet.toml"
        path.write_bytes(raw)
        _check_cli(case, run_cli(command, path.name, cwd=tmp_path), path)
        assert path.read_bytes() == raw, f"{case}: the file was changed"
    count("4 bad drafts (CLI)", bad_inputs_tried=len(cases), tracebacks_seen=0)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "render", "resume"])
def test_every_bad_draft_through_the_cli(tmp_path, command):
    shutil.copy(MINI, tmp_path / "mini.toml")
    cases = _bad_drafts()
    for i, (case, raw) in enumerate(cases):
        path = tmp_path / f"bad{i}.datasheet.toml"
        path.write_bytes(raw)
        _check_cli(case, run_cli(command, path.name, cwd=tmp_path), path)
        assert path.read_bytes() == raw
    count("4 bad drafts (CLI)", bad_inputs_tried=len(cases), tracebacks_seen=0)


@pytest.mark.parametrize("what", ["draft", "bank"])
def test_format_must_be_the_integer_one(tmp_path, what):
    from wizard.bank import load_bank
    from wizard.errors import WizardError
    from wizard.session import Session

    shutil.copy(MINI, tmp_path / "mini.toml")
    if what == "draft":
        path = tmp_path / "f.datasheet.toml"
        path.write_text(GOOD_DRAFT.replace("format = 1", "format = true"), encoding="utf-8")
        with pytest.raises(WizardError):
            Session.open(path, lock=False)
    else:
        path = tmp_path / "f.toml"
        path.write_text(MINI.read_text(encoding="utf-8").replace("format = 1", "format = true", 1), encoding="utf-8")
        with pytest.raises(WizardError):
            load_bank(path)


def test_moved_bank_changed_bank_and_orphans(tmp_path):
    from wizard.session import Session

    bank = tmp_path / "banks" / "ours.toml"
    bank.parent.mkdir()
    shutil.copy(MINI, bank)
    draft = tmp_path / "d.datasheet.toml"
    s = Session.create(__import__("wizard.bank", fromlist=["load_bank"]).load_bank(bank), "D", draft)
    s.write_text("purpose", "why")
    s.write_text("consent", "kept even if hidden")
    s.save()
    s.close()
    raw = draft.read_bytes()
    # the bank moved away: exit 2, the message names the missing bank, nothing changed
    bank.rename(tmp_path / "moved.toml")
    for command in ("check", "render"):
        done = run_cli(command, draft.name, cwd=tmp_path)
        _check_cli(f"moved bank ({command})", done, draft)
        assert "bank" in done.stderr and "ours.toml" in done.stderr
        assert draft.read_bytes() == raw
    (tmp_path / "moved.toml").rename(bank)
    # the bank changed: a question renamed, one removed; the answers are kept and shown as orphans
    text = bank.read_text(encoding="utf-8").replace('id = "purpose"', 'id = "reason"')
    bank.write_text(text, encoding="utf-8")
    done = run_cli("check", draft.name, cwd=tmp_path)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr + done.stdout
    assert "purpose" in done.stdout, done.stdout  # the orphan is named
    rendered = run_cli("render", draft.name, "--format", "json", cwd=tmp_path)
    assert rendered.returncode == 0 and '"purpose"' in rendered.stdout and "why" in rendered.stdout
    assert draft.read_bytes() == raw
    s = Session.open(draft)
    assert s.bank_changed and [o.id for o in s.orphans()] == ["purpose"]
    s.write_text("reason", "new")
    s.save()
    s.close()
    from tests.helpers.drafts import disk_answer

    assert disk_answer(draft, "purpose") == "why" and disk_answer(draft, "consent") == "kept even if hidden"
    count("4 bad banks (moved/changed)", bad_inputs_tried=3, tracebacks_seen=0)


# --------------------------------------------------------------------------- the bank mutation fuzzer

_SCALARS = ['1', '-7', '3.5', 'true', 'false', '""', '"x"', '[]', '[1, "a"]', '{}', '{ a = 1 }',
            '1979-05-27T07:32:00Z', '"UPPER Case!"', '"a" ', 'inf', 'nan']
_TYPOS = {"id": "idd", "prompt": "promt", "type": "tpye", "choices": "choises", "required": "requried",
          "when": "wen", "question": "quesiton", "equals": "equal", "title": "titel", "format": "fromat",
          "sections": "section", "questions": "question", "version": "verison", "other": "others"}


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    op = rng.randrange(12)
    key_lines = [i for i, line in enumerate(lines) if re.match(r"\s*[A-Za-z_]+\s*=", line)]
    if op == 0 and key_lines:  # delete a key line
        del lines[rng.choice(key_lines)]
    elif op == 1 and key_lines:  # change a value's type
        i = rng.choice(key_lines)
        key = lines[i].split("=", 1)[0]
        lines[i] = f"{key}= {rng.choice(_SCALARS)}"
    elif op == 2:  # duplicate a question block
        starts = [i for i, line in enumerate(lines) if line.strip() == "[[sections.questions]]"]
        if starts:
            a = rng.choice(starts)
            b = next((i for i in range(a + 1, len(lines)) if lines[i].startswith("[")), len(lines))
            at = rng.choice(starts + [len(lines)])
            lines[at:at] = lines[a:b]
    elif op == 3:  # truncate at a random byte
        raw = text.encode()
        return raw[: rng.randrange(len(raw) + 1)].decode("utf-8", "ignore")
    elif op == 4:  # insert random bytes (as text: random code points, including controls)
        pos = rng.randrange(len(text) + 1)
        junk = "".join(chr(rng.choice([rng.randrange(0, 32), rng.randrange(32, 0x3000), 0xFFFD, 0x7F]))
                       for _ in range(rng.randint(1, 12)))
        return text[:pos] + junk + text[pos:]
    elif op == 5:  # swap two ids (or make two the same)
        ids = [i for i, line in enumerate(lines) if re.match(r'\s*id\s*=', line)]
        if len(ids) >= 2:
            a, b = rng.sample(ids, 2)
            if rng.random() < 0.5:
                lines[a], lines[b] = lines[b], lines[a]
            else:
                lines[a] = lines[b]
    elif op == 6 and key_lines:  # rename a key with a typo
        i = rng.choice(key_lines)
        key = lines[i].split("=", 1)[0].strip()
        lines[i] = lines[i].replace(key, _TYPOS.get(key, key + "s"), 1)
    elif op == 7:  # break brackets or quotes
        i = rng.randrange(len(lines))
        for ch in rng.sample(['[', ']', '"', '{', '}', "'", '"""'], 1):
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + ch + lines[i][pos:]
    elif op == 8:  # a `when` naming something odd
        qs = [i for i, line in enumerate(lines) if line.strip() == "[[sections.questions]]"]
        if qs:
            target = rng.choice(["nothing", "purpose", "motivation", "", "1", "relates"])
            cond = rng.choice([f'when = {{ question = "{target}", equals = "yes" }}',
                               f'when = {{ question = "{target}", in = [] }}',
                               f'when = {{ question = "{target}", answered = "yes" }}',
                               f'when = {{ question = "{target}" }}', 'when = "yes"'])
            lines.insert(rng.choice(qs) + 1, cond)
    elif op == 9:  # a table header changed
        heads = [i for i, line in enumerate(lines) if line.startswith("[")]
        if heads:
            lines[rng.choice(heads)] = rng.choice(["[sections]", "[[sections]]", "[[bank]]", "[sections.questions]",
                                                   "[[questions]]", "[[sections.questions.choices]]", "[bank.extra]"])
    elif op == 10:  # type and choices out of step
        qs = [i for i, line in enumerate(lines) if line.strip() == "[[sections.questions]]"]
        if qs:
            lines.insert(rng.choice(qs) + 1, rng.choice(['type = "choice"', 'type = "multichoice"', 'type = "yesno"',
                                                         'type = "essay"', 'choices = []', 'choices = ["a", "a"]',
                                                         'other = "yes"', 'required = "no"']))
    else:  # delete a random line of any kind
        del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


class _Timeout(Exception):
    pass


def _alarm(_signum, _frame):  # type: ignore[no-untyped-def]
    raise _Timeout()


def fuzz_banks(tmp_path: Path, mutants: int, seed: int, bound: float = 2.0) -> dict[str, int]:
    from wizard.bank import Bank, load_bank
    from wizard.errors import BankError

    rng = random.Random(seed)
    sources = [DEFAULT_BANK.read_text(encoding="utf-8"), MINI.read_text(encoding="utf-8")]
    valid = invalid = 0
    slowest = 0.0
    old = signal.signal(signal.SIGALRM, _alarm)
    try:
        for i in range(mutants):
            text = sources[i % 2]
            for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):
                text = mutate(text, rng)
            path = tmp_path / f"mutant{i % 8}.toml"
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            raw = path.read_bytes()
            start = time.monotonic()
            signal.setitimer(signal.ITIMER_REAL, bound)
            try:
                bank = load_bank(path)
            except BankError as exc:
                assert exc.problems, f"mutant {i}: BankError with no problems"
                assert all(str(p).strip() for p in exc.problems), f"mutant {i}: an empty problem"
                assert str(path) in str(exc)
                invalid += 1
            except _Timeout:
                raise AssertionError(f"mutant {i}: load_bank took more than {bound} s\n{text[:2000]}") from None
            except Exception as exc:  # noqa: BLE001 - anything else is a crash: show the mutant
                raise AssertionError(f"mutant {i}: {type(exc).__name__}: {exc}\n--- mutant ---\n{text}") from exc
            else:
                assert isinstance(bank, Bank) and bank.questions
                valid += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            slowest = max(slowest, time.monotonic() - start)
            assert path.read_bytes() == raw
    finally:
        signal.signal(signal.SIGALRM, old)
    count("4 bank mutation fuzzer (load_bank)", bad_inputs_tried=mutants, tracebacks_seen=0,
          valid_loads=valid, clear_errors=invalid)
    return {"valid": valid, "invalid": invalid, "slowest_ms": int(slowest * 1000)}


def test_bank_mutation_fuzzer(tmp_path):
    result = fuzz_banks(tmp_path, 150, seed=11)
    assert result["invalid"] > 50  # the fuzzer really does break banks
    print("bank fuzzer:", result)


@pytest.mark.slow
def test_bank_mutation_fuzzer_many(tmp_path):
    result = fuzz_banks(tmp_path, 1500, seed=20261129)
    assert result["invalid"] > 500  # the fuzzer really does break banks (1,346 when measured)
    print("bank fuzzer:", result)


def _cli_mutants(tmp_path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    sources = [DEFAULT_BANK.read_text(encoding="utf-8"), MINI.read_text(encoding="utf-8")]
    exits = {0: 0, 2: 0}
    for i in range(n):
        text = mutate(sources[i % 2], rng)
        path = tmp_path / f"cli{i}.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        raw = path.read_bytes()
        done = run_cli("validate-bank", path.name, cwd=tmp_path)
        out = done.stdout + done.stderr
        assert "Traceback" not in out, out
        assert done.returncode in (0, 2), f"mutant {i}: exit {done.returncode}\n{out}"
        if done.returncode == 2:
            assert path.name in done.stderr, done.stderr
        exits[done.returncode] += 1
        assert path.read_bytes() == raw
    assert exits[2] > n // 3, f"the mutants hardly broke the banks: {exits}"  # 7 of 8, 78 of 100 when measured
    count("4 bank mutation fuzzer (validate-bank CLI)", bad_inputs_tried=n, tracebacks_seen=0)


def test_bank_mutants_through_validate_bank(tmp_path):
    _cli_mutants(tmp_path, 8, seed=12)


@pytest.mark.slow
def test_bank_mutants_through_validate_bank_many(tmp_path):
    _cli_mutants(tmp_path, 100, seed=13)

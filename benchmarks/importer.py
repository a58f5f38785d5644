"""Import speed: `datasheet-wizard import` of a 60-question, 40 KB Markdown datasheet, as a
subprocess, against `python -c "import tomllib, markdown_it"` in the same run (budget 1.5x).

    python benchmarks/importer.py [--quick] [--instructions]

Runs are interleaved (baseline, import, import --dry-run, in rotating order) and the median of
each is compared with the baseline's, in wall time (the budget) and in the child's CPU time (user
+ system, less disturbed by other processes on a busy machine). The document mixes the shapes the importer reads: headings,
bold paragraphs, list items with follow-ups, a table and a fenced block per few answers, with the
published wording of 60 of the default bank's 67 questions (evenly spread over its sections), in
40,000 bytes give or take one.

`--instructions` counts, instead, the instructions each command executes (valgrind's callgrind,
summed over the process; `apt-get install valgrind`): the same figure on every run, on a busy
machine too, so two versions of the code compare to a fraction of a percent where wall times
differ by several. The ratio of instructions runs a little above the ratio of wall times (the
baseline's share of process start-up costs time, not instructions).
"""

from __future__ import annotations

import argparse
import os
import resource
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

BUDGET = 1.5


def document(n_questions: int = 60, nbytes: int = 40_000, seed: int = 7) -> str:
    """A Markdown datasheet answering `n_questions` prompts in `nbytes` characters (within 2 %).

    The questions are `n_questions` of the default bank's, evenly spread over its sections (the
    bank has more), each in one of three shapes in turn. Answers share what the headings leave of
    `nbytes` and are cut at a word, so the document is the size the budget names.
    """
    from wizard.bank import find_bank

    bank = find_bank("datasheets-for-datasets")
    every = [q for s in bank.sections for q in s.questions]
    n = min(n_questions, len(every))
    keep = {every[round(k * (len(every) - 1) / max(n - 1, 1))].id for k in range(n)}
    count = 0
    parts: list[tuple[str, list[str], str]] = []  # (section heading, question lines, shape of answer)
    for section in bank.sections:
        questions = [q for q in section.questions if q.id in keep]
        if not questions:
            continue
        lines: list[str] = []
        for q in questions:
            count += 1
            shape = count % 3
            if shape == 0:
                lines.append(f"### {q.prompt}")
            elif shape == 1:
                lines.append(f"**{q.prompt}** {q.detail}".rstrip())
            else:
                lines.append(f"- **{q.prompt}** {q.detail}".rstrip())
        parts.append((f"## {section.title}", lines, ""))
    extras = [f"### Note {i + 1}" for i in range(n_questions - count)]
    head = "# Datasheet for Benchmark Birds\n\nWritten for the import benchmark.\n\n"
    skeleton = len(head) + sum(len(h) + 2 + sum(len(x) + 4 for x in lines) for h, lines, _ in parts)
    skeleton += sum(len(x) + 4 for x in extras)
    per_answer = max(200, (nbytes - skeleton) // n_questions)
    text = _assemble(head, parts, extras, random.Random(seed), per_answer)
    # Cutting at words and indenting list items move the total a little: correct once.
    per_answer += (nbytes - len(text.encode())) // n_questions
    return _assemble(head, parts, extras, random.Random(seed), per_answer)


def _assemble(head: str, parts: list[tuple[str, list[str], str]], extras: list[str],
              rng: random.Random, per_answer: int) -> str:
    out = [head.rstrip("\n"), ""]
    count = 0
    for heading, lines, _ in parts:
        out += [heading, ""]
        for line in lines:
            count += 1
            out += [line, ""]
            answer = _answer(rng, count, per_answer)
            if line.startswith("- "):
                answer = "\n".join(("  " + x) if x else "" for x in answer.split("\n"))
            out += [answer, ""]
    for line in extras:
        count += 1
        out += [line, "", _answer(rng, count, per_answer), ""]
    return "\n".join(out)


def _answer(rng: random.Random, count: int, size: int) -> str:
    """Paragraphs (and, every few answers, a table and a fenced block) of `size` characters."""
    from benchmarks.fixtures import paragraph

    extra = []
    if count % 5 == 0:
        extra.append("| field | value |\n| --- | --- |\n| clips | 48,210 |")
    if count % 7 == 0:
        extra.append("```text\ntrain 33,747\ntest   9,642\n```")
    room = size - sum(len(e) + 2 for e in extra)
    body: list[str] = []
    while room > 40:
        text = paragraph(rng, 40 if not body else 25)
        if len(text) > room:
            text = text[: text.rfind(" ", 0, room - 1)] + "."
        body.append(text)
        room -= len(text) + 2
    return "\n\n".join(body + extra)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="5 runs each instead of 15")
    parser.add_argument("--instructions", action="store_true",
                        help="count instructions under valgrind (deterministic) instead of timing")
    args = parser.parse_args(argv)
    # Measure the program as an installed copy runs it, with bytecode (as benchmarks/run.py does):
    # with PYTHONDONTWRITEBYTECODE=1 a source checkout would recompile every module on every start.
    import compileall

    import wizard

    compileall.compile_dir(Path(wizard.__file__).parent, quiet=1)
    work = Path(tempfile.mkdtemp(prefix="dw-import-bench-"))
    source = work / "benchmark-birds.md"
    source.write_text(document(), encoding="utf-8")
    script = Path(sys.executable).parent / "datasheet-wizard"
    wiz = [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]
    env = {**os.environ, "DATASHEET_WIZARD_STATE_DIR": str(work / "state")}
    if args.instructions:
        return count_instructions(wiz, source, work, env)
    n = 5 if args.quick else 15
    names = ["baseline", "import", "import --dry-run"]
    times: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    for i in range(n + 1):  # round 0 warms the page cache and is dropped
        order = names[i % 3:] + names[: i % 3]
        for name in order:
            if name == "baseline":
                cmd = [sys.executable, "-c", "import tomllib, markdown_it"]
            elif name == "import":
                cmd = [*wiz, "import", str(source), "--draft", str(work / f"run{i}.datasheet.toml")]
            else:
                cmd = [*wiz, "import", str(source), "--dry-run"]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                raise RuntimeError(f"{name} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
            if i:
                times[name].append(elapsed)
                cpu[name].append(used)
    print(f"import of {source.stat().st_size:,} bytes, 60 questions; median of {n} runs each, interleaved")
    over = False
    for label, table in (("wall", times), ("cpu", cpu)):
        base = statistics.median(table["baseline"])
        for name in names:
            m = statistics.median(table[name])
            ratio = m / base
            verdict = "baseline" if name == "baseline" else ("PASS" if ratio <= BUDGET else "OVER")
            if label == "wall":
                over |= verdict == "OVER"
            print(f"  {label:<4} {name:<18} {m * 1000:7.1f} ms  {ratio:5.2f}x  (budget {BUDGET}x)  {verdict}")
    return 1 if over else 0


def count_instructions(wiz: list[str], source: Path, work: Path, env: dict[str, str]) -> int:
    """Each command once to warm up, then once under callgrind; prints millions of instructions."""
    import shutil

    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    commands = {
        "baseline": lambda i: [sys.executable, "-c", "import tomllib, markdown_it"],
        "import": lambda i: [*wiz, "import", str(source), "--draft", str(work / f"ir{i}.datasheet.toml")],
        "import --dry-run": lambda i: [*wiz, "import", str(source), "--dry-run"],
    }
    counted: dict[str, float] = {}
    for name, command in commands.items():
        subprocess.run(command(0), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        out = work / f"callgrind.{name.replace(' ', '')}.out"
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command(1)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
        counted[name] = sum(int(n) for n in re.findall(r"Collected : (\d+)", proc.stderr)) / 1e6
    print(f"import of {source.stat().st_size:,} bytes, 60 questions; instructions executed (valgrind callgrind)")
    for name, m in counted.items():
        print(f"  {name:<18} {m:7.1f} M  {m / counted['baseline']:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Import speed: `datasheet-wizard import` of a 60-question, 40 KB Markdown datasheet, as a
subprocess, against `python -c "import tomllib, markdown_it"` in the same run (budget 1.5x).

    python benchmarks/importer.py [--quick] [--instructions]

Runs are interleaved (baseline, import, import --dry-run, in rotating order) and the median of
each is compared with the baseline's, in wall time (the budget) and in the child's CPU time (user
+ system, less disturbed by other processes on a busy machine). The document mixes the shapes the importer reads: headings,
bold paragraphs, list items with follow-ups, a table and a fenced block per few answers, with the
published wording of every question of the default bank and a few numbered extras to reach 60.

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
    """A Markdown datasheet answering `n_questions` prompts in about `nbytes` characters."""
    from benchmarks.fixtures import paragraph
    from wizard.bank import find_bank

    rng = random.Random(seed)
    bank = find_bank("datasheets-for-datasets")
    per_answer = max(200, nbytes // n_questions - 250)
    lines = ["# Datasheet for Benchmark Birds", "", "Written for the import benchmark.", ""]
    count = 0
    for section in bank.sections:
        lines += [f"## {section.title}", ""]
        for i, q in enumerate(section.questions):
            count += 1
            shape = count % 3
            body = []
            while sum(len(b) for b in body) < per_answer:
                body.append(paragraph(rng, 40 if not body else 25))
            if count % 5 == 0:
                body.append("| field | value |\n| --- | --- |\n| clips | 48,210 |")
            if count % 7 == 0:
                body.append("```text\ntrain 33,747\ntest   9,642\n```")
            answer = "\n\n".join(body)
            if shape == 0:
                lines += [f"### {q.prompt}", "", answer, ""]
            elif shape == 1:
                lines += [f"**{q.prompt}** {q.detail}".rstrip(), "", answer, ""]
            else:
                indented = "\n".join(("  " + x) if x else "" for x in answer.split("\n"))
                lines += [f"- **{q.prompt}** {q.detail}".rstrip(), "", indented, ""]
    extra = 0
    while count < n_questions:
        count += 1
        extra += 1
        lines += [f"### Note {extra}", "", paragraph(rng, 60), ""]
    return "\n".join(lines)


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
    print(f"import of {source.stat().st_size // 1024} KB, 60 questions; median of {n} runs each, interleaved")
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
    print(f"import of {source.stat().st_size // 1024} KB, 60 questions; instructions executed (valgrind callgrind)")
    for name, m in counted.items():
        print(f"  {name:<18} {m:7.1f} M  {m / counted['baseline']:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

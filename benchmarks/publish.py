#!/usr/bin/env python
"""Publishing exports' speed: `render --format croissant|hf` of a full draft against Python importing tomllib
and markdown_it, measured interleaved in the same run (budget: 1.5x the baseline).

    python benchmarks/publish.py [--quick] [--json OUT]

The draft answers every question of the default bank (a few paragraphs each, valid ids for the
vocabulary questions). Also confirms that mlcroissant, PyYAML and huggingface_hub are never imported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "question_banks" / "datasheets-for-datasets.toml"
BUDGET = 1.5
VALID = {"licenses": "cc-by-4.0", "languages": ["en", "fr"], "hf-tasks": ["image-classification"]}
FORMATS = {"url": "https://example.org/data", "date": "2024-05-01", "integer": "48000", "email": "a@example.org",
           "version": "1.0.0"}
WORDS = ("data collection label annotator image sample bias split license version release noise survey "
         "volunteer city recording consent review").split()


def _toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def full_draft(path: Path) -> Path:
    rng = random.Random(7)
    bank = tomllib.loads(BANK.read_text(encoding="utf-8"))

    def para(n: int = 60) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    lines = ["format = 1", "", "[draft]", 'title = "CityBirds"', 'bank = "datasheets-for-datasets"',
             'created = 2026-11-20T09:00:00Z', ""]
    for section in bank["sections"]:
        for q in section.get("questions", []):
            qtype = q.get("type", "text")
            lines += [f"[answers.{q['id']}]", 'status = "answered"']
            if qtype == "text":
                lines.append(f"text = {_toml(chr(10).join([para(), '', para(), '', para()]))}")
            elif qtype == "line":
                fmt = {"datePublished": "date", "version": "version"}.get(q.get("export", {}).get("croissant", ""),
                                                                        q.get("format", ""))
                lines.append(f"text = {_toml(FORMATS.get(fmt, para(8)))}")
            elif qtype == "yesno":
                lines += ['value = "yes"', f"text = {_toml(para(20))}"]
            else:
                value = VALID.get(q.get("vocabulary", "")) or (q["choices"][0] if qtype == "choice" else q["choices"][:2])
                if qtype == "choice" and isinstance(value, list):
                    value = value[0]
                if qtype == "multichoice" and isinstance(value, str):
                    value = [value]
                lines.append(f"value = {json.dumps(value, ensure_ascii=False)}")
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    # Installed packages run from compiled bytecode; a PYTHONDONTWRITEBYTECODE shell would make every
    # run compile the app's modules from source (round 0, dropped, writes the .pyc files).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        draft = full_draft(work / "full.datasheet.toml")
        size_kb = draft.stat().st_size // 1024
        env_check = subprocess.run(
            [sys.executable, "-c",
             "import sys\nfrom wizard.cli import main\n"
             f"assert main(['render', {str(draft)!r}, '--format', 'croissant', '-o', {str(work / 'c.json')!r}]) == 0\n"
             f"assert main(['render', {str(draft)!r}, '--format', 'hf', '-o', {str(work / 'README.md')!r}]) == 0\n"
             "print(','.join(m for m in ('mlcroissant', 'yaml', 'huggingface_hub') if m in sys.modules))"],
            capture_output=True, text=True, cwd=ROOT, env=env)
        if env_check.returncode:
            print(env_check.stderr, file=sys.stderr)
            return 2
        commands = {
            "baseline: python -c 'import tomllib, markdown_it'": [sys.executable, "-c", "import tomllib, markdown_it"],
            "render --format croissant FULL_DRAFT": [sys.executable, "-m", "wizard", "render", str(draft), "--format", "croissant"],
            "render --format hf FULL_DRAFT": [sys.executable, "-m", "wizard", "render", str(draft), "--format", "hf"],
            "render (markdown) FULL_DRAFT": [sys.executable, "-m", "wizard", "render", str(draft)],
        }
        n = 5 if args.quick else 15
        names = list(commands)
        times: dict[str, list[float]] = {k: [] for k in names}
        cpu: dict[str, list[float]] = {k: [] for k in names}  # user+sys of the child: steadier on a busy machine
        for i in range(n + 1):  # round 0 warms the page cache and is dropped
            order = names[i % len(names):] + names[: i % len(names)]
            for name in order:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                proc = subprocess.run(commands[name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
                elapsed = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if proc.returncode:
                    print(f"{name} failed: {proc.stderr.decode()[:400]}", file=sys.stderr)
                    return 2
                if i:
                    times[name].append(elapsed)
                    cpu[name].append(used)
    base = statistics.median(times[names[0]])
    base_min = min(times[names[0]])
    base_cpu = statistics.median(cpu[names[0]])
    results = {}
    over = False
    print(f"draft: every question of the default bank answered ({size_kb} KB); median of {n} interleaved runs")
    print(f"{'command':45} {'median':>9} {'ratio':>7} {'min':>9} {'ratio':>7} {'cpu':>9} {'ratio':>7}  budget")
    for name in names:
        m = statistics.median(times[name])
        ratio = m / base
        budget = None if name == names[0] or "markdown" in name else BUDGET
        over |= budget is not None and ratio > budget
        low = min(times[name])
        c = statistics.median(cpu[name])
        results[name] = {"median_s": m, "ratio": ratio, "min_s": low, "min_ratio": low / base_min,
                         "cpu_median_s": c, "cpu_ratio": c / base_cpu, "budget": budget, "runs_s": times[name]}
        print(f"{name:45} {m * 1000:8.1f}ms {ratio:6.2f}x {low * 1000:8.1f}ms {low / base_min:6.2f}x "
              f"{c * 1000:8.1f}ms {c / base_cpu:6.2f}x  {'' if budget is None else f'<= {budget}x (median)'}")
    heavy = env_check.stdout.strip()
    print(f"heavy modules imported by the exports: {heavy or 'none'}")
    if args.json:
        args.json.write_text(json.dumps({"publish": results, "heavy_imports": heavy}, indent=2), encoding="utf-8")
    return 1 if over or heavy else 0


if __name__ == "__main__":
    raise SystemExit(main())

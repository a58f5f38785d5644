"""Benchmark part "lists": long option lists and big conditional banks stay cheap.

- A choice question with 5,000 options (and one saved far down the list) is on screen, ready for
  keys, in at most 1.5x the time of a 3-option question (the first release took ~20 s).
- Searching it (four typed characters) costs at most 2x what the same keys cost on the short list.
- `validate-bank` of a 100,000-question bank whose every question has a `when` takes at most 2x
  the time of the same bank without conditions (SPEC "Untrusted text"; it was 147 s vs 3.6 s).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _choice_bank(folder: Path, n: int) -> Path:
    choices = ", ".join(f'"option {i}"' for i in range(n))
    path = folder / f"choices-{n}.toml"
    path.write_text(
        'format = 1\n[bank]\nid = "b"\ntitle = "B"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "S"\n'
        f'[[sections.questions]]\nid = "q"\nprompt = "Pick one"\ntype = "choice"\nchoices = [{choices}]\n',
        encoding="utf-8",
    )
    return path


async def _open_list(folder: Path, n: int, run: int) -> tuple[float, float]:
    from wizard.app.app import WizardApp
    from wizard.bank import load_bank
    from wizard.session import Session

    session = Session.create(load_bank(_choice_bank(folder, n)), "T", folder / f"t-{n}-{run}.datasheet.toml")
    session.choose("q", f"option {n * 6 // 7}")
    app = WizardApp(session, cursor_blink=False)
    started = time.perf_counter()
    async with app.run_test(size=(100, 32)) as pilot:
        while app.question_screen is None or not app.question_screen.editor_ready():
            await pilot.pause(0.002)
        await pilot.pause()
        ready = time.perf_counter() - started
        started = time.perf_counter()
        await pilot.press(*"4999")
        await pilot.pause()
        typed = time.perf_counter() - started
    session.close()
    return ready, typed


def _chain_bank(folder: Path, n: int, conditions: bool) -> Path:
    parts = ['format = 1\n[bank]\nid = "big"\ntitle = "Big"\nversion = "1"\n[[sections]]\nid = "s"\ntitle = "S"\n']
    for i in range(n):
        parts.append(f'[[sections.questions]]\nid = "q{i}"\nprompt = "Question {i}?"\n')
        if conditions and i:
            parts.append(f'when = {{ question = "q{i - 1}", answered = true }}\n')
    path = folder / f"chain-{n}-{conditions}.toml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _validate_seconds(path: Path) -> float:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "wizard", "validate-bank", str(path)], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return elapsed


def part_lists(rep: Any, work: Path, quick: bool) -> None:
    folder = work / "lists"
    folder.mkdir(parents=True, exist_ok=True)
    runs = 3 if quick else 7
    short: list[tuple[float, float]] = []
    long: list[tuple[float, float]] = []
    asyncio.run(_open_list(folder, 3, -1))  # warm imports
    for run in range(runs):
        short.append(asyncio.run(_open_list(folder, 3, run)))
        long.append(asyncio.run(_open_list(folder, 5000, run)))
    open_short, open_long = statistics.median(s[0] for s in short), statistics.median(s[0] for s in long)
    type_short, type_long = statistics.median(s[1] for s in short), statistics.median(s[1] for s in long)

    n = 20_000 if quick else 100_000
    plain = _validate_seconds(_chain_bank(folder, n, False))
    chained = _validate_seconds(_chain_bank(folder, n, True))

    rows = []
    for name, value, base, budget in (
        ("5,000-option question on screen", open_long, open_short, 1.5),
        ("search it (4 keys)", type_long, type_short, 2.0),
        (f"validate-bank, {n:,} questions each with `when`", chained, plain, 2.0),
    ):
        ratio = value / base
        rows.append([name, f"{value * 1000:.0f} ms", f"{base * 1000:.0f} ms", f"{ratio:.2f}x", f"≤ {budget}x",
                     rep.verdict("lists", name, ratio, budget)])
        rep.record("lists", name, {"value": value, "baseline": value / ratio, "ratio": ratio, "budget": budget})
    rep.table("lists", "lists: long option lists and big conditional banks (baselines: 3 options; no conditions)",
              ["measure", "value", "baseline", "ratio", "budget", "verdict"], rows,
              [f"median of {runs} alternating in-process runs (Textual headless) for the lists; one subprocess run "
               "each for validate-bank"])

"""Part "startup": headless commands against `python -c "import tomllib, markdown_it"` (1a, ≤ 1.5x), and the
full-screen app in a real terminal until its first question is on screen against a minimal Textual app
(1b, ≤ 1.3x)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import fixtures
from common import TERM_SIZE, Report, app_command, fresh_copy, median, minimal_command, ms, start_in_terminal, wizard_cmd


def part_startup(rep: Report, work: Path, quick: bool, tmux) -> None:  # type: ignore[no-untyped-def]
    draft = fixtures.full_default_draft(work / "full.datasheet.toml")
    bank_file = fixtures.find_bank(fixtures.DEFAULT_BANK).path
    state = work / "state"
    env = {**os.environ, "DATASHEET_WIZARD_STATE_DIR": str(state)}
    wiz = wizard_cmd()
    commands: dict[str, list[str]] = {
        "baseline: python -c 'import tomllib, markdown_it'": [sys.executable, "-c", "import tomllib, markdown_it"],
        "datasheet-wizard --version": [*wiz, "--version"],
        "datasheet-wizard render FULL_DRAFT": [*wiz, "render", str(draft)],
        "datasheet-wizard check FULL_DRAFT": [*wiz, "check", str(draft)],
        "datasheet-wizard validate-bank DEFAULT_BANK": [*wiz, "validate-bank", str(bank_file)],
        "python -m wizard render FULL_DRAFT": [sys.executable, "-m", "wizard", "render", str(draft)],
    }
    n = 5 if quick else 15
    times: dict[str, list[float]] = {k: [] for k in commands}
    names = list(commands)
    for i in range(n + 1):  # round 0 warms the page cache and is dropped
        order = names[i % len(names):] + names[: i % len(names)]  # rotate so no command always runs first
        for name in order:
            t = time.perf_counter()
            proc = subprocess.run(commands[name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            dt_ = time.perf_counter() - t
            if proc.returncode not in (0, 1):
                raise RuntimeError(f"{name} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
            if i:
                times[name].append(dt_)
    base_name = names[0]
    base = median(times[base_name])
    rows = []
    for name in names:
        m = median(times[name])
        is_base = name == base_name
        ratio = m / base
        verdict = "baseline" if is_base else rep.verdict("startup", name, ratio, 1.5)
        rows.append([name, ms(m), ms(base), f"{ratio:.2f}x", "" if is_base else "≤1.5x", verdict])
        rep.record("startup", name, {"median_s": m, "runs_s": times[name], "baseline_s": base, "ratio": ratio,
                                     "budget": None if is_base else 1.5})
    rep.table("startup", f"1a. Start-up of headless commands (median of {n} runs each, interleaved; "
              f"draft: every question of the default bank answered, {draft.stat().st_size // 1024} KB)",
              ["command", "median", "baseline", "ratio", "budget", "verdict"], rows)

    # ---- the full-screen app in a real terminal (tmux), alternating with the minimal Textual app
    k = 3 if quick else 11
    app_t, min_t, full_t = [], [], []
    for i in range(k + 1):  # first pair warms up and is dropped
        folder = fresh_copy(work, draft)
        a, full, _ = start_in_terminal(tmux, app_command(folder / draft.name, state), fixtures.FIRST_PROMPT,
                                       then=fixtures.FIRST_GUIDANCE)
        b, _, _ = start_in_terminal(tmux, minimal_command(), "READY-MARKER")
        if i:
            app_t.append(a)
            min_t.append(b)
            if full is not None:
                full_t.append(full)
    a, b = median(app_t), median(min_t)
    ratio = a / b
    verdict = rep.verdict("startup", "app time to first question", ratio, 1.3)
    rep.record("startup", "app_first_question", {"median_s": a, "runs_s": app_t, "baseline_s": b,
                                                 "baseline_runs_s": min_t, "ratio": ratio, "budget": 1.3,
                                                 "ratio_of_fastest": min(app_t) / min(min_t),
                                                 "guidance_drawn_median_s": median(full_t), "guidance_drawn_runs_s": full_t})
    rep.table("startup", f"1b. Full-screen app: time until the first question is on screen (tmux {TERM_SIZE[0]}x{TERM_SIZE[1]}, "
              f"median of {k}, alternating)",
              ["measurement", "median", "baseline", "ratio", "budget", "verdict"],
              [["datasheet-wizard resume FULL_DRAFT vs minimal Textual app (one TextArea)",
                ms(a), ms(b), f"{ratio:.2f}x", "≤1.3x", verdict]],
              [f"runs (app): {', '.join(ms(x) for x in app_t)}", f"runs (min): {', '.join(ms(x) for x in min_t)}",
               f"fastest run against fastest run: {min(app_t) / min(min_t):.2f}x (for information)",
               f"the whole screen, guidance panel included, is drawn {ms(median(full_t))} after the start "
               f"({median(full_t) / b:.2f}x the minimal app; the panel is filled a frame after the question)",
               "times include tmux starting the process and the 4 ms screen polling, equally for both."])

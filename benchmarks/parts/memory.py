"""Part "memory": peak RSS of the app in a real terminal on the default bank (full draft) and on the
5,000-question bank, against the minimal Textual app (≤ 1.5x on the default bank)."""

from __future__ import annotations

from pathlib import Path

import fixtures
from common import Report, app_command, fresh_copy, median, mib, minimal_command, ms, start_in_terminal


def part_memory(rep: Report, work: Path, quick: bool, tmux) -> None:  # type: ignore[no-untyped-def]
    full = work / "mem-full.datasheet.toml"
    if not full.exists():
        fixtures.full_default_draft(full)
    folder = work / "mem-5000"
    folder.mkdir(exist_ok=True)
    bank5k = fixtures.synthetic_bank(folder, 5000)
    draft5k = folder / "synthetic-5000.datasheet.toml"
    if not draft5k.exists():
        fixtures.synthetic_draft(folder, bank5k, 5000)
    state = work / "state"
    k = 1 if quick else 3
    m_min, m_def, m_5k, t_5k = [], [], [], []
    for _ in range(k):
        _, _, hw = start_in_terminal(tmux, minimal_command(), "READY-MARKER", read_memory=True)
        m_min.append(hw or 0)
        f = fresh_copy(work, full)
        _, _, hw = start_in_terminal(tmux, app_command(f / full.name, state), fixtures.FIRST_PROMPT, read_memory=True)
        m_def.append(hw or 0)
        f = fresh_copy(work, draft5k, bank5k)
        t, _, hw = start_in_terminal(tmux, app_command(f / draft5k.name, state), "Question 1: what about item 1",
                                     read_memory=True)
        m_5k.append(hw or 0)
        t_5k.append(t)
    base = median(m_min)
    rows = []
    for name, vals, budget in (
        ("minimal Textual app (one TextArea)", m_min, None),
        ("wizard, default bank, full draft", m_def, 1.5),
        (f"wizard, 5,000-question bank, {draft5k.stat().st_size / 1e6:.1f} MB draft", m_5k, None),
    ):
        m = median(vals)
        ratio = m / base
        verdict = "baseline" if vals is m_min else rep.verdict("memory", name, ratio, budget)
        rows.append([name, mib(m), mib(base), f"{ratio:.2f}x", f"≤{budget}x" if budget else "", verdict])
        rep.record("memory", name, {"peak_rss_kib": m, "runs_kib": vals, "baseline_kib": base, "ratio": ratio,
                                    "budget": budget})
    rep.record("memory", "app_5000_first_question_s", t_5k)
    rep.table("memory", f"4. Peak memory (VmHWM of the process in tmux, read 0.5 s after the first screen; median of {k})",
              ["process", "peak RSS", "baseline", "ratio", "budget", "verdict"], rows,
              [f"for information: the 5,000-question app took {ms(median(t_5k))} to show its first question in tmux."])

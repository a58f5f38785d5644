"""Part "scale": synthetic banks of 50 / 500 / 5,000 questions, every question answered: load, validate, open,
render, navigation, autosave and the app's time to its first question (the 5,000-question app opens in ≤ 3x
the 50-question time)."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any, Callable

import fixtures
from common import TERM_SIZE, Report, fresh_copy, median, ms, timed, wait_until


async def _app_first_question(session, size: tuple[int, int]) -> float:  # type: ignore[no-untyped-def]
    from textual.widgets import Static

    from wizard.app.app import WizardApp
    from wizard.app.screens.question import QuestionScreen
    from wizard.startup import pause_gc, resume_gc

    prompt = session.current.prompt
    pause_gc()  # as `datasheet-wizard resume` does (there it is paused before the draft is read)
    t0 = time.perf_counter()
    app = WizardApp(session, cursor_blink=False)

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, QuestionScreen):
            return False
        try:
            return prompt in str(screen.query_one("#question", Static).content)
        except Exception:  # noqa: BLE001
            return False

    try:
        async with app.run_test(size=size) as pilot:
            await wait_until(shown, timeout=120, step=0.001)
            await pilot.pause()
            elapsed = time.perf_counter() - t0
    finally:
        resume_gc()
    return elapsed


def _step_times(session, move: Callable[[], bool], start: str, steps: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds per call of `move` (next or previous) over `steps` steps, restarting at `start` at the end."""
    session.go(start)
    times: list[float] = []
    while len(times) < steps:
        t = time.perf_counter()
        moved = move()
        times.append(time.perf_counter() - t)
        if not moved:
            times.pop()
            session.go(start)
    return times


def part_scale(rep: Report, work: Path, quick: bool) -> None:
    from wizard.bank import load_bank, validate_bank_file
    from wizard.draft import atomic_write, load_draft
    from wizard.render import render
    from wizard.session import Session

    sizes = [50, 500, 5000]
    steps = 60 if quick else 200
    fig: dict[str, dict[int, float]] = {}
    extra: dict[int, dict[str, Any]] = {}

    def put(name: str, n: int, value: float) -> None:
        fig.setdefault(name, {})[n] = value

    for n in sizes:
        folder = work / f"scale-{n}"
        folder.mkdir()
        bank_path = fixtures.synthetic_bank(folder, n)
        t = time.perf_counter()
        draft_path = fixtures.synthetic_draft(folder, bank_path, n)
        gen = time.perf_counter() - t
        reps = (3 if quick else 7) if n < 5000 else (1 if quick else 3)
        put("load bank (load_bank)", n, timed(lambda: load_bank(bank_path), reps))
        put("validate bank (validate_bank_file)", n, timed(lambda: validate_bank_file(bank_path), reps))
        put("load draft (load_draft)", n, timed(lambda: load_draft(draft_path), reps))
        put("open (Session.open: draft + bank)", n, timed(lambda: Session.open(draft_path, lock=False), reps))
        session = Session.open(draft_path, lock=False)
        put("render markdown", n, timed(lambda: render(session, "markdown"), reps))

        # navigation, per step
        visible = session.visible_questions()
        t_next = _step_times(session, session.next, visible[0].id, steps)
        t_prev = _step_times(session, session.previous, visible[-1].id, steps)
        rng = random.Random(n)
        ids = [q.id for q in session.bank.questions]
        t_go = []
        for _ in range(steps):
            qid = rng.choice(ids)
            t = time.perf_counter()
            session.go(qid)
            t_go.append(time.perf_counter() - t)
        put("next question (per step)", n, median(t_next))
        put("previous question (per step)", n, median(t_prev))
        put("jump to a question (per step)", n, median(t_go))

        # autosave of one change: a session opened on the draft, one answer changed, save()
        save_folder = fresh_copy(work, draft_path, bank_path)
        s2 = Session.open(save_folder / draft_path.name, lock=False)
        target = next(q.id for q in s2.bank.questions if q.type == "text")
        base_text = s2.answer(target).text  # type: ignore[union-attr]
        s2.write_text(target, base_text + " cold")
        t = time.perf_counter()
        s2.save()
        cold = time.perf_counter() - t
        save_times = []
        for i in range(3 if quick else 7):
            s2.write_text(target, base_text + f" change {i}")
            t = time.perf_counter()
            s2.save()
            save_times.append(time.perf_counter() - t)
        data = (save_folder / draft_path.name).read_text(encoding="utf-8")
        scratch = save_folder / "scratch.toml"
        write_times = []
        for _ in range(3 if quick else 7):
            t = time.perf_counter()
            atomic_write(scratch, data)
            write_times.append(time.perf_counter() - t)
        put("autosave one change (save after open: first)", n, cold)
        put("autosave one change (later saves)", n, median(save_times))
        put("atomic_write of the same bytes", n, median(write_times))

        # the app: start until the first question is on screen (in-process, headless)
        app_reps = 1 if quick else 5
        narrow, wide = [], []
        for _ in range(app_reps):
            s3 = Session.open(draft_path, lock=False)
            narrow.append(asyncio.run(_app_first_question(s3, TERM_SIZE)))
            s4 = Session.open(draft_path, lock=False)
            wide.append(asyncio.run(_app_first_question(s4, (140, 40))))
        put(f"app: first question on screen ({TERM_SIZE[0]}x{TERM_SIZE[1]})", n, median(narrow))
        put("app: first question on screen (140x40, outline shown)", n, median(wide))
        t = time.perf_counter()
        Session.open(draft_path, lock=False)
        open_t = time.perf_counter() - t
        put(f"open + app first question ({TERM_SIZE[0]}x{TERM_SIZE[1]})", n, open_t + median(narrow))
        extra[n] = {"draft_bytes": draft_path.stat().st_size, "bank_bytes": bank_path.stat().st_size,
                    "visible_questions": len(visible), "fixture_seconds": gen}

    rows = []
    per_step = {"next question (per step)", "previous question (per step)", "jump to a question (per step)"}
    for name, vals in fig.items():
        g1 = (vals[500] / vals[50]) / 10
        g2 = (vals[5000] / vals[500]) / 10
        if name in per_step:
            # a sweep over all questions is n steps: its growth factor is the per-step ratio
            g1, g2 = vals[500] / vals[50], vals[5000] / vals[500]
        g_all = (vals[5000] / vals[50]) / (1 if name in per_step else 100)
        ok = "linear or better" if g_all <= 1.25 else "GROWS FASTER"
        rows.append([name, *(ms(vals[n]) for n in sizes), f"{g1:.2f}", f"{g2:.2f}", ok])
    rep.record("scale", "figures_s", {k: {str(n): v for n, v in vals.items()} for k, vals in fig.items()})
    rep.record("scale", "fixtures", {str(k): v for k, v in extra.items()})
    drafts_mb = ", ".join(f"{extra[n]['draft_bytes'] / 1e6:.1f} MB" for n in sizes)
    rep.table("scale", "3a. Scale: synthetic banks of 50 / 500 / 5,000 questions, every question answered "
              f"(drafts {drafts_mb})",
              ["operation", "50 q", "500 q", "5,000 q", "growth 50→500", "growth 500→5000", "verdict (50→5000)"], rows,
              ["growth = (time ratio) / (size ratio, 10x); ≤ 1 is linear or better. For per-step navigation the",
               "  figure is the growth of a sweep over all questions (n steps), i.e. the per-step time ratio.",
               "autosave: the session is opened on the full draft, one answer changed, save() timed (first and later saves)."])
    rows = []
    for n in sizes:
        s, w = fig["autosave one change (later saves)"][n], fig["atomic_write of the same bytes"][n]
        c = fig["autosave one change (save after open: first)"][n]
        rows.append([f"{n} questions, {extra[n]['draft_bytes'] / 1e6:.2f} MB", ms(c), ms(s), ms(w), f"{s / w:.2f}x",
                     f"{c / w:.2f}x"])
    rep.table("scale", "3b. Autosave of one change vs writing the same bytes (atomic_write: write, fsync, rename)",
              ["draft", "first save", "later saves", "atomic_write", "later/write", "first/write"], rows)
    rows = []
    for name in (f"app: first question on screen ({TERM_SIZE[0]}x{TERM_SIZE[1]})",
                 "app: first question on screen (140x40, outline shown)",
                 f"open + app first question ({TERM_SIZE[0]}x{TERM_SIZE[1]})",
                 "open (Session.open: draft + bank)"):
        a, b = fig[name][5000], fig[name][50]
        ratio = a / b
        budget = 3.0 if name.startswith("app: first question") else None
        verdict = rep.verdict("scale", f"5,000 vs 50 questions: {name}", ratio, budget)
        rows.append([name, ms(a), ms(b), f"{ratio:.2f}x", "≤3x" if budget else "", verdict])
        rep.record("scale", f"open_budget: {name}", {"q5000_s": a, "q50_s": b, "ratio": ratio, "budget": budget})
    rep.table("scale", "3c. Opening the 5,000-question bank vs the 50-question bank (in-process, Textual headless)",
              ["measurement", "5,000 q", "50 q", "ratio", "budget", "verdict"], rows,
              ["app: from creating WizardApp (session already open) until the first prompt is in #question and the app is idle.",
               "open + app: adds Session.open (parsing the 10 MB draft), which is linear in the draft's size by nature."])

#!/usr/bin/env python
"""Performance benchmarks for datasheet-wizard, each part measured side by side with a baseline.

    python benchmarks/run.py [--quick] [--only startup,typing,scale,memory,lists]

Absolute times depend on the machine; the ratios against a baseline measured moments apart in
the same run do not (much), so the budgets are ratios. Prints one table per part and writes
everything to benchmarks/results/latest.json. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import math
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import fixtures  # noqa: E402

PARTS = ("startup", "typing", "scale", "memory", "lists")
TERM_SIZE = (100, 32)


# =========================================================================== reporting


class Report:
    """Collects rows per part, prints aligned tables and keeps everything for the JSON file."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {"parts": {}}
        self.over: list[str] = []

    def table(self, part: str, title: str, headers: list[str], rows: list[list[str]], notes: list[str] = ()) -> None:
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
        line = "  ".join("-" * w for w in widths)
        print(f"\n== {title}")
        print("  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths))))
        print(line)
        for r in rows:
            print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        for n in notes:
            print(f"   {n}")
        sys.stdout.flush()

    def record(self, part: str, key: str, value: Any) -> None:
        self.data["parts"].setdefault(part, {})[key] = value

    def verdict(self, part: str, name: str, ratio: float, budget: float | None) -> str:
        if budget is None:
            return "info"
        if ratio <= budget:
            return "PASS"
        self.over.append(f"{part}: {name} ({ratio:.2f}x > {budget}x)")
        return "OVER"


def ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:.1f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.1f} µs"


def mib(kb: float) -> str:
    return f"{kb / 1024:.1f} MiB"


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def timed(fn: Callable[[], Any], reps: int) -> float:
    """Median (3+ reps) or best (fewer) wall time of fn()."""
    times = []
    for _ in range(max(1, reps)):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) if len(times) >= 3 else min(times)


def wizard_cmd() -> list[str]:
    script = Path(sys.executable).parent / "datasheet-wizard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]


# =========================================================================== tmux (a real terminal)


class Tmux:
    """A private tmux server (its own socket) in which each run gets a fresh 100x32 session."""

    def __init__(self) -> None:
        if not shutil.which("tmux"):
            raise RuntimeError("tmux is not installed; the real-terminal measurements need it")
        self.sock = f"dwbench-{os.getpid()}"
        self.n = 0
        self._tmux("new-session", "-d", "-s", "keep", "-x", "100", "-y", "32", "sleep 100000")

    def _tmux(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True, check=check).stdout

    def close(self) -> None:
        self._tmux("kill-server", check=False)

    @staticmethod
    def _gone(pid: int | None, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while pid is not None and time.perf_counter() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.01)
        return pid is None

    def run(self, command: str, marker: str, *, read_memory: bool = False, timeout: float = 60.0,
            then: str | None = None) -> tuple[float, int | None]:
        """Start `command` (exec'd, so the pane's pid is the program); seconds until `marker` is on
        screen, and the process's peak RSS (VmHWM, KiB) read once the screen has settled. With
        `then`, also the seconds until that text appears too (kept in `self.then_seconds`)."""
        self.n += 1
        name = f"run{self.n}"
        w, h = TERM_SIZE
        t0 = time.perf_counter()
        self._tmux("new-session", "-d", "-s", name, "-x", str(w), "-y", str(h), f"exec {command}")
        seen = None
        while time.perf_counter() - t0 < timeout:
            screen = self._tmux("capture-pane", "-p", "-t", name, check=False)
            if marker in screen:
                seen = time.perf_counter() - t0
                break
            time.sleep(0.004)
        self.then_seconds = None
        while then is not None and seen is not None and time.perf_counter() - t0 < timeout:
            if then in screen:
                self.then_seconds = time.perf_counter() - t0
                break
            time.sleep(0.004)
            screen = self._tmux("capture-pane", "-p", "-t", name, check=False)
        pid_text = self._tmux("list-panes", "-t", name, "-F", "#{pane_pid}", check=False).strip()
        pid = int(pid_text) if pid_text.isdigit() else None
        hwm = None
        if read_memory and pid is not None:
            time.sleep(0.5)  # let the first screen finish (timers, first autosave check)
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        hwm = int(line.split()[1])
            except OSError:
                pass
        # quit: ctrl+q; if the key is not taken, close the terminal (SIGHUP); never leave it running
        self._tmux("send-keys", "-t", name, "C-q", check=False)
        if not self._gone(pid, 1.5):
            self._tmux("kill-session", "-t", name, check=False)
            if not self._gone(pid, 3.0) and pid is not None:
                os.kill(pid, 9)
        self._tmux("kill-session", "-t", name, check=False)
        if seen is None:
            raise RuntimeError(f"{marker!r} never appeared on screen for: {command}\n{screen}")
        return seen, hwm


def fresh_copy(work: Path, *files: Path) -> Path:
    """A new folder holding copies of `files` (a draft open elsewhere would open read-only)."""
    folder = Path(tempfile.mkdtemp(dir=work, prefix="run-"))
    for f in files:
        shutil.copy2(f, folder / f.name)
    return folder


def app_command(draft: Path, state: Path) -> str:
    return f"env DATASHEET_WIZARD_STATE_DIR={shlex.quote(str(state))} " + " ".join(
        shlex.quote(a) for a in [*wizard_cmd(), "resume", str(draft)])


def minimal_command() -> str:
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'minimal_app.py'))}"


# =========================================================================== part 1: start-up


def part_startup(rep: Report, work: Path, quick: bool, tmux: Tmux) -> None:
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
        a, _ = tmux.run(app_command(folder / draft.name, state), fixtures.FIRST_PROMPT, then=fixtures.FIRST_GUIDANCE)
        full = tmux.then_seconds
        b, _ = tmux.run(minimal_command(), "READY-MARKER")
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


# =========================================================================== part 2: typing


TYPED_ALPHABET = "qzxjkvqzxw"


async def _wait_until(cond: Callable[[], bool], timeout: float = 30.0, step: float = 0.002) -> None:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(step)


async def _type_into(pilot, area, keys: list[str], warmup: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Press keys at the end of the TextArea; main-thread CPU and wall time per key; time the last key was sent."""
    area.focus()
    area.move_cursor(area.document.end)
    await pilot.pause()
    await pilot.press(*keys[:warmup])
    await pilot.pause()
    timed_keys = keys[warmup:]
    gc.collect()  # both apps start the timed keys with the collector in the same state
    cpu0, wall0 = time.thread_time(), time.perf_counter()
    await pilot.press(*timed_keys[:-1])
    t_last = time.perf_counter()
    await pilot.press(timed_keys[-1])
    cpu, wall = time.thread_time() - cpu0, time.perf_counter() - wall0
    return cpu / len(timed_keys), wall / len(timed_keys), t_last


async def _typing_wizard(draft: Path, keys: list[str], warmup: int) -> dict[str, float]:
    from textual.widgets import TextArea

    from wizard.app.app import WizardApp
    from wizard.app.screens.question import QuestionScreen
    from wizard.session import Session
    from wizard.startup import pause_gc, resume_gc

    errors: list[str] = []
    asyncio.get_running_loop().set_exception_handler(
        lambda _loop, ctx: errors.append(f"{ctx.get('message')}: {ctx.get('exception')!r}"))
    pause_gc()  # as `datasheet-wizard resume` does; the app resumes it once its first screen is up
    session = Session.open(draft)
    first = session.bank.questions[0].id
    app = WizardApp(session, cursor_blink=False)
    per_key_cpu = per_key_wall = float("nan")
    found = None
    try:
        async with app.run_test(size=TERM_SIZE) as pilot:
            await _wait_until(lambda: isinstance(app.screen, QuestionScreen)
                              and bool(app.screen.query(f"#editor-{first} #text")))
            await pilot.pause()
            area = app.screen.query_one(f"#editor-{first} #text", TextArea)
            per_key_cpu, per_key_wall, t_last = await _type_into(pilot, area, keys, warmup)
            tail = "".join(keys[-40:]).encode()
            found = None
            while time.perf_counter() - t_last < 5:
                try:
                    if tail in draft.read_bytes():
                        found = time.perf_counter() - t_last
                        break
                except OSError:
                    pass
                await asyncio.sleep(0.005)
            assert area.text.endswith("".join(keys)), "the keys did not all reach the editor"
    except Exception as exc:  # noqa: BLE001 - a crash of the app is a finding, not the end of the run
        errors.append(f"app raised {exc!r}")
    finally:
        session.close()
        resume_gc()
    return {"cpu_per_key_s": per_key_cpu, "wall_per_key_s": per_key_wall,
            "last_key_to_disk_s": found if found is not None else float("nan"), "errors": errors}


async def _typing_bare(text: str, keys: list[str], warmup: int) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class BareApp(App[None]):
        def compose(self) -> ComposeResult:
            area = TextArea(text, soft_wrap=True, show_line_numbers=False, tab_behavior="focus", id="text")
            area.cursor_blink = False
            yield area

    app = BareApp()
    async with app.run_test(size=TERM_SIZE) as pilot:
        await pilot.pause()
        area = app.query_one("#text", TextArea)
        per_key_cpu, per_key_wall, _ = await _type_into(pilot, area, keys, warmup)
        assert area.text.endswith("".join(keys))
    return {"cpu_per_key_s": per_key_cpu, "wall_per_key_s": per_key_wall}


def part_typing(rep: Report, work: Path, quick: bool) -> None:
    sizes = [0, 10_000, 100_000, 1_000_000]
    n_keys = 40 if quick else 150
    warmup = 10
    reps = 1 if quick else 4  # best of 4: CPU-time noise on a shared machine only ever adds
    rng = random.Random(5)
    rows, notes = [], []
    for size in sizes:
        text = fixtures.markdown_text(size, 3)
        wiz_runs, bare_runs = [], []
        for r in range(reps):
            keys = [rng.choice(TYPED_ALPHABET) for _ in range(n_keys + warmup)]
            folder = Path(tempfile.mkdtemp(dir=work, prefix="typing-"))
            draft = fixtures.typing_draft(folder / "typing.datasheet.toml", size)
            # alternate which one goes first
            if r % 2 == 0:
                bare_runs.append(asyncio.run(_typing_bare(text, keys, warmup)))
                wiz_runs.append(asyncio.run(_typing_wizard(draft, keys, warmup)))
            else:
                wiz_runs.append(asyncio.run(_typing_wizard(draft, keys, warmup)))
                bare_runs.append(asyncio.run(_typing_bare(text, keys, warmup)))
        w = min(x["cpu_per_key_s"] for x in wiz_runs)
        b = min(x["cpu_per_key_s"] for x in bare_runs)
        ww = min(x["wall_per_key_s"] for x in wiz_runs)
        bw = min(x["wall_per_key_s"] for x in bare_runs)
        disk = max(x["last_key_to_disk_s"] for x in wiz_runs)  # the worst run; nan when one never reached disk
        if any(math.isnan(x["last_key_to_disk_s"]) for x in wiz_runs):
            disk = float("nan")
        errs = [e for x in wiz_runs for e in x["errors"]]
        if errs:
            notes.append(f"{size // 1000} KB: the wizard app reported {len(errs)} error(s), e.g. {errs[0][:160]}")
            rep.over.append(f"typing: app errors with a {size // 1000} KB answer ({errs[0][:100]})")
        ratio = w / b
        label = f"{size // 1000} KB answer" if size else "empty answer"
        verdict = rep.verdict("typing", f"per-key cost, {label}", ratio, 1.2)
        disk_verdict = "" if math.isnan(disk) else rep.verdict("typing", f"last key to disk, {label}", disk, 1.0)
        rows.append([label, ms(w), ms(b), f"{ratio:.2f}x", "≤1.2x", verdict, f"{ms(ww)} / {ms(bw)}",
                     "not within 5 s" if math.isnan(disk) else ms(disk), "OVER" if math.isnan(disk) else disk_verdict])
        if math.isnan(disk):
            rep.over.append(f"typing: last key to disk, {label} (not within 5 s)")
        rep.record("typing", label, {"errors": errs, "answer_bytes": size, "keys": n_keys, "wizard": wiz_runs, "bare": bare_runs,
                                     "cpu_per_key_s": w, "baseline_cpu_per_key_s": b, "ratio": ratio, "budget": 1.2,
                                     "last_key_to_disk_s": disk})
    rep.table("typing", f"2. Typing in the question editor: cost per key ({n_keys} keys at the end of the answer, "
              f"best of {reps}) vs a bare TextArea app with the same text",
              ["answer size", "wizard/key", "bare/key", "ratio", "budget", "verdict", "wall/key wiz/bare",
               "last key→disk (worst)", "≤1 s"], rows,
              ["per-key cost = main-thread CPU time (time.thread_time) over Pilot key presses, divided by the number of keys;",
               "  it counts the key handling, the wizard's answer bookkeeping and the screen update, not the autosave thread.",
               "wall/key is dominated by Pilot waiting for idle (~40 ms a key) and is shown for information only.",
               "last key→disk: from sending the last key until the draft file on disk contains the typed text.", *notes])


# =========================================================================== part 3: scale


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
            await _wait_until(shown, timeout=120, step=0.001)
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


# =========================================================================== part 4: memory


def part_memory(rep: Report, work: Path, quick: bool, tmux: Tmux) -> None:
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
        _, hw = tmux.run(minimal_command(), "READY-MARKER", read_memory=True)
        m_min.append(hw or 0)
        f = fresh_copy(work, full)
        _, hw = tmux.run(app_command(f / full.name, state), fixtures.FIRST_PROMPT, read_memory=True)
        m_def.append(hw or 0)
        f = fresh_copy(work, draft5k, bank5k)
        t, hw = tmux.run(app_command(f / draft5k.name, state), "Question 1: what about item 1", read_memory=True)
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


# =========================================================================== main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a fast sanity run")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts (default: {','.join(PARTS)})")
    parser.add_argument("--json", type=Path, default=HERE / "results" / "latest.json", help="where to write results")
    args = parser.parse_args(argv)
    only = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in only if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")

    import textual

    import wizard
    from wizard import __version__

    # Measure the program as an installed copy runs: pip compiles bytecode at install time (and the
    # baseline's stdlib and site-packages have theirs), but a source checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile every wizard module on every start.
    import compileall

    compileall.compile_dir(Path(wizard.__file__).parent, quiet=1)

    rep = Report()
    started = time.perf_counter()
    machine = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "textual": textual.__version__,
        "datasheet_wizard": __version__,
        "quick": args.quick,
        "parts": only,
    }
    rep.data["machine"] = machine
    print(f"datasheet-wizard {__version__} benchmarks — {machine['date']}")
    print(f"machine: {machine['nproc']} CPUs, {machine['platform']}; Python {machine['python']}; "
          f"Textual {machine['textual']}; {'quick' if args.quick else 'full'} run; parts: {', '.join(only)}")
    sys.stdout.flush()

    work = Path(tempfile.mkdtemp(prefix="dw-bench-"))
    os.environ["DATASHEET_WIZARD_STATE_DIR"] = str(work / "state")
    tmux = Tmux() if ("startup" in only or "memory" in only) else None
    try:
        if "startup" in only:
            part_startup(rep, work, args.quick, tmux)  # type: ignore[arg-type]
        if "typing" in only:
            part_typing(rep, work, args.quick)
        if "scale" in only:
            part_scale(rep, work, args.quick)
        if "memory" in only:
            part_memory(rep, work, args.quick, tmux)  # type: ignore[arg-type]
        if "lists" in only:
            from lists import part_lists

            part_lists(rep, work, args.quick)
    finally:
        if tmux is not None:
            tmux.close()
        shutil.rmtree(work, ignore_errors=True)

    total = time.perf_counter() - started
    rep.data["over_budget"] = rep.over
    rep.data["seconds"] = total
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rep.data, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\n{'All budgets met.' if not rep.over else 'OVER budget: ' + '; '.join(rep.over)}")
    print(f"(total {total:.0f} s; results in {args.json})")
    return 1 if rep.over else 0  # a budget over is a failure a script can see


if __name__ == "__main__":
    sys.exit(main())

"""Part "screens": preview, outline, review and help each draw their first screenful in at most half
the app's own time to its first question, measured in the same process, moments apart.

The draft answers every question of the default bank (67, yes to every gate) with real-looking
Markdown: the example datasheet's answers where it has them, a few sentences elsewhere (a 21 KB
draft, a 30 KB rendered datasheet; `fixtures.answered_default_draft`).

How it is measured, and what "drawn" means here
------------------------------------------------
Each measurement runs in a fresh Python process (`child`), started the way `datasheet-wizard
resume DRAFT` starts: the collector paused, the draft opened, `WizardApp` run (Textual's
headless driver, `App.run_test`, 100x32). Nothing is imported before the clock starts, so the
first opening of a screen pays what it pays for a user: importing its module, loading its styles.

Textual draws a frame when a screen's compositor has an update: `Screen._compositor_refresh`
hands a `LayoutUpdate` or `ChopsUpdate` to `App._display`, which (with a real terminal) renders
it to escape sequences and writes them. The headless driver skips that last step, so the child
wraps `App._display` and does it itself: it renders the update to the bytes a terminal would get
(`render_segments`, the same cost) and applies the update's text to a virtual screen (cells, as
a terminal holds them). Every frame is kept with its time and the virtual screen's text.

- **Time to first question** (the yardstick): from just before the child process is started
  until the first frame whose screen shows the first question's prompt. It includes Python
  starting, the imports, opening the draft and the first layout, as a user waits for it.
- **A screen's first screenful**: the author presses the real key (Pilot: ctrl+r preview,
  ctrl+o outline, f1 help, ctrl+f review) on the settled question screen; the time from the key
  until the first frame at which the virtual screen shows what it shows once the screen has
  settled (no frame for a second). So a frame with an empty document, a half-built table of
  contents or a title still missing does not count; only the screen as the author will read it.
  Scrollbar glyphs are ignored (a document still being appended below the fold moves the thumb).
- Also shown, for information: the time until the new screen's first frame (anything at all),
  and a second opening of the same screen (warm: the module and styles are loaded).

One child measures one screen, opened first after the question (once the question screen has
settled: no frame for a second; the app imports the screens' modules in the background half a
second after its first question is drawn, see wizard/app/preload.py), so each figure includes
the first-use costs a user pays (styles, widgets never mounted before); the four screens rotate through the runs and the figure is the
median over runs of the ratio (screen's first screenful / the same process's time to first
question). Budget: ≤ 0.5x. `BENCH_FRAMES=1` prints every frame to stderr.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent  # benchmarks/

SCREENS = {  # name: (key the author presses, the screen's class name)
    "preview": ("ctrl+r", "PreviewScreen"),
    "outline": ("ctrl+o", "OutlineScreen"),
    "review": ("ctrl+f", "ReviewScreen"),
    "help": ("f1", "HelpScreen"),
}
BUDGET = 0.5
SIZE = (100, 32)
SETTLE = 1.0  # seconds without a frame: the screen has settled
SCROLLBAR_GLYPHS = str.maketrans({c: " " for c in "▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▔▕"})


def without_scrollbars(text: str) -> str:
    """The screen's text with the glyphs a scrollbar's thumb is drawn with blanked out."""
    return "\n".join(line.translate(SCROLLBAR_GLYPHS).rstrip() for line in text.split("\n"))


# =========================================================================== the child process


class VirtualScreen:
    """The text a terminal would hold after the app's updates (cells; styles are not kept)."""

    def __init__(self, width: int, height: int) -> None:
        self.rows = [[" "] * width for _ in range(height)]

    def _put(self, x: int, y: int, text: str) -> None:
        from rich.cells import get_character_cell_size

        if not 0 <= y < len(self.rows):
            return
        row = self.rows[y]
        for ch in text:
            w = get_character_cell_size(ch)
            if w == 0:
                continue
            if 0 <= x < len(row):
                row[x] = ch
            if w == 2 and 0 <= x + 1 < len(row):
                row[x + 1] = ""
            x += w

    def apply(self, update: Any) -> None:
        from textual._compositor import ChopsUpdate, LayoutUpdate

        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    self._put(x, y, strip.text)
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:  # as ChopsUpdate.render_segments writes them
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    self._put(x, y, strip.crop(0, min(end, x2) - x).text)

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.rows)


async def _measure(draft: Path, launched: float, name: str) -> dict[str, Any]:
    from textual._compositor import CompositorUpdate

    from wizard.startup import pause_gc

    pause_gc()  # as `datasheet-wizard resume` does, before the draft is read
    from wizard.app.app import WizardApp
    from wizard.session import Session

    session = Session.open(draft)
    prompt = session.current.prompt
    app = WizardApp(session, cursor_blink=False)
    frames: list[tuple[float, str, str]] = []  # (time, screen class, screen text)
    screen = VirtualScreen(*SIZE)
    display = app._display

    def drawn(target, update) -> None:  # type: ignore[no-untyped-def]
        display(target, update)
        if update is None or app._batch_count or not isinstance(update, CompositorUpdate):
            return
        update.render_segments(app.console)  # what App._display does for a real terminal
        screen.apply(update)
        frames.append((time.perf_counter(), type(target).__name__, screen.text()))
        if os.environ.get("BENCH_FRAMES"):
            print(f"--- frame {frames[-1][0]:.3f} {frames[-1][1]} {type(update).__name__}", file=sys.stderr)
            print(frames[-1][2], file=sys.stderr)

    app._display = drawn  # type: ignore[method-assign]

    async def settled(after: float, timeout: float = 60.0) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
            last = frames[-1][0] if frames else 0.0
            if last > after and time.perf_counter() - last >= SETTLE:
                return
        raise TimeoutError(f"the screen did not settle within {timeout} s")

    def first_screenful(after: float) -> tuple[float, float, str]:
        """(first frame of the screen on top, first frame showing the settled screen, settled text)."""
        shown = [f for f in frames if f[0] > after]
        final = without_scrollbars(shown[-1][2])
        top = shown[-1][1]
        first = next(t for t, kind, _ in shown if kind == top)
        full = next(t for t, _, text in shown if without_scrollbars(text) == final)
        return first - after, full - after, final

    key, kind = SCREENS[name]
    out: dict[str, Any] = {"screen": name}
    async with app.run_test(size=SIZE) as pilot:
        await settled(0.0)
        at = next(t for t, kind_, text in frames if kind_ == "QuestionScreen" and prompt in text)
        out["first_question_s"] = at - launched
        out["question_settled_s"] = frames[-1][0] - launched
        for attempt in ("cold", "warm"):
            t_key = time.perf_counter()
            await pilot.press(key)
            await settled(t_key)
            first, full, text = first_screenful(t_key)
            if frames[-1][1] != kind:
                raise RuntimeError(f"{key} did not open the {kind}; on screen:\n{text}")
            out[f"{attempt}_first_frame_s"] = first
            out[f"{attempt}_screenful_s"] = full
            out[f"{attempt}_text"] = text
            t_close = time.perf_counter()
            await pilot.press("escape")
            await settled(t_close)
            if frames[-1][1] != "QuestionScreen":
                raise RuntimeError(f"escape did not close the {kind}")
    session.close()
    return out


def child(argv: list[str]) -> None:
    """`python -c ... DRAFT LAUNCHED SCREEN`: one measurement; prints one JSON line."""
    draft, launched, name = Path(argv[0]), float(argv[1]), argv[2]
    print(json.dumps(asyncio.run(_measure(draft, launched, name))), flush=True)


CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from parts.screens import child; child(sys.argv[2:])"


def measure_once(work: Path, draft: Path, name: str) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(dir=work, prefix=f"screens-{name}-"))
    copy = folder / draft.name
    shutil.copy2(draft, copy)
    env = {**os.environ, "DATASHEET_WIZARD_STATE_DIR": str(folder / "state")}
    launched = time.perf_counter()  # CLOCK_MONOTONIC: comparable across processes
    proc = subprocess.run([sys.executable, "-c", CHILD, str(HERE), str(copy), repr(launched), name],
                          capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"measuring the {name} screen failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# =========================================================================== the part


def part_screens(rep: Any, work: Path, quick: bool) -> None:
    import fixtures

    from common import ms

    draft = fixtures.answered_default_draft(work / "answered.datasheet.toml")
    runs = 3 if quick else 7
    names = list(SCREENS)
    results: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    measure_once(work, draft, names[0])  # warms the page cache; dropped
    for i in range(runs):
        for name in names[i % len(names):] + names[: i % len(names)]:
            results[name].append(measure_once(work, draft, name))

    from wizard.render import render
    from wizard.session import Session

    rendered = len(render(Session.open(draft, lock=False), "markdown").encode())
    rows = []
    first_q = [r["first_question_s"] for rs in results.values() for r in rs]
    for name in names:
        rs = results[name]
        ratios = [r["cold_screenful_s"] / r["first_question_s"] for r in rs]
        ratio = statistics.median(ratios)
        verdict = rep.verdict("screens", f"{name}: first screenful vs time to first question", ratio, BUDGET)
        rows.append([f"{SCREENS[name][0]} {name}", ms(statistics.median(r["cold_screenful_s"] for r in rs)),
                     ms(statistics.median(r["first_question_s"] for r in rs)), f"{ratio:.2f}x", f"≤{BUDGET}x",
                     verdict, ms(statistics.median(r["cold_first_frame_s"] for r in rs)),
                     ms(statistics.median(r["warm_screenful_s"] for r in rs))])
        rep.record("screens", name, {
            "ratio": ratio, "budget": BUDGET, "ratios": ratios,
            "screenful_s": [r["cold_screenful_s"] for r in rs], "first_question_s": [r["first_question_s"] for r in rs],
            "first_frame_s": [r["cold_first_frame_s"] for r in rs], "warm_screenful_s": [r["warm_screenful_s"] for r in rs],
            "screen_text": rs[-1]["cold_text"]})
    rep.table("screens", f"screens: key press until the first screenful is drawn, vs the app's time to its first "
              f"question in the same process (median of {runs}; draft {draft.stat().st_size // 1024} KB, "
              f"datasheet {rendered // 1024} KB, every question answered)",
              ["screen", "screenful", "1st question", "ratio", "budget", "verdict", "first frame", "again (warm)"], rows,
              [f"time to first question over all runs: median {ms(statistics.median(first_q))} (from starting Python "
               "until the prompt is drawn)",
               "screenful: first frame showing what the screen shows once settled; first frame: the screen's first frame "
               "of any kind; again: the same key a second time (module and styles loaded). See parts/screens.py."])

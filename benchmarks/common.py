"""What every benchmark part shares: the report (tables, verdicts, the JSON record) and small timing helpers."""

from __future__ import annotations

import asyncio
import importlib.util
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent  # benchmarks/
ROOT = HERE.parent
TERM_SIZE = (100, 32)



def _terminal_driver() -> Any:
    """The tests' terminal driver, tests/helpers/terminal.py of this checkout, loaded from its file: the
    checkout is not put on the path (`wizard` stays the installed copy the benchmarks measure), and
    whatever `tests` package the path holds does not matter. It imports only the standard library."""
    name = "datasheet_wizard_terminal_driver"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "helpers" / "terminal.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


Tmux = _terminal_driver().Tmux


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


async def wait_until(cond: Callable[[], bool], timeout: float = 30.0, step: float = 0.002) -> None:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(step)


def wizard_cmd() -> list[str]:
    script = Path(sys.executable).parent / "datasheet-wizard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "wizard"]


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


def terminal() -> Tmux:
    """A private tmux server for timing programs' start: a kept idle session, so no run pays for
    starting the server, and exited panes close (their process is gone, not a zombie)."""
    return Tmux("dwbench", keep_exited=False, keep_server=True)


def _gone(pid: int | None, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while pid is not None and time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.01)
    return pid is None


def start_in_terminal(tmux: Tmux, command: str, marker: str, *, read_memory: bool = False, timeout: float = 60.0,
                      then: str | None = None) -> tuple[float, float | None, int | None]:
    """Start `command` (exec'd, so the pane's pid is the program) in a fresh TERM_SIZE session: seconds
    until `marker` is on screen (the screen polled every 4 ms), seconds until `then` is too (None
    without it), and the process's peak RSS (VmHWM, KiB) read 0.5 s later with `read_memory`.
    The program is then asked to quit (ctrl+q), and closed if it does not."""
    t0 = tmux.start(command, size=TERM_SIZE)
    seen = then_seen = None
    screen = ""
    try:
        screen = tmux.wait_for(marker, timeout, poll=0.004)
        seen = time.perf_counter() - t0
        if then is not None:
            screen = tmux.wait_for(then, max(timeout - seen, 1.0), poll=0.004)
            then_seen = time.perf_counter() - t0
    except AssertionError:
        pass
    pid = tmux.pid()
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
    try:
        tmux.keys("C-q")
    except AssertionError:  # the pane is gone already
        pass
    if not _gone(pid, 1.5):
        tmux.kill()
        if not _gone(pid, 3.0) and pid is not None:
            os.kill(pid, 9)
    tmux.kill()
    if seen is None:
        raise RuntimeError(f"{marker!r} never appeared on screen for: {command}\n{screen or tmux.screen()}")
    return seen, then_seen, hwm

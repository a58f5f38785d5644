"""What every benchmark part shares: the report (tables, verdicts, the JSON record) and small timing helpers."""

from __future__ import annotations

import asyncio
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

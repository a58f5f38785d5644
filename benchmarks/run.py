#!/usr/bin/env python
"""Performance benchmarks for datasheet-wizard, each part measured side by side with a baseline.

    python benchmarks/run.py [--quick] [--only startup,typing,scale,memory,lists,screens,publish,importer]

Absolute times depend on the machine; the ratios against a baseline measured moments apart in
the same run do not (much), so the budgets are ratios. Each part lives in its own module under
benchmarks/parts/ (publish and importer are the standalone scripts benchmarks/publish.py and
benchmarks/importer.py); this runner sets up the shared things (a scratch folder, a private state
folder, the real-terminal driver), runs the parts asked for, prints one table per part, writes
everything to benchmarks/results/latest.json and exits 1 when any budget is over. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Report, terminal  # noqa: E402

IN_TERMINAL = {"startup", "memory"}  # parts that start the app in tmux


def _script(name: str) -> Callable[[Report, Path, bool], None]:
    """publish.py and importer.py are scripts of their own (they print their own tables): run their
    `main` and count a non-zero exit as a budget over."""

    def run(rep: Report, work: Path, quick: bool) -> None:
        print(f"\n== {name} (benchmarks/{name}.py)")
        sys.stdout.flush()
        code = importlib.import_module(name).main(["--quick"] if quick else [])
        rep.record(name, "exit_code", code)
        if code:
            rep.over.append(f"{name}: a budget is over (benchmarks/{name}.py exited {code})")

    return run


def _part(module: str, function: str) -> Callable[..., None]:
    def run(*args: Any) -> None:
        getattr(importlib.import_module(module), function)(*args)

    return run


PARTS: dict[str, Callable[..., None]] = {
    "startup": _part("parts.startup", "part_startup"),
    "typing": _part("parts.typing", "part_typing"),
    "scale": _part("parts.scale", "part_scale"),
    "memory": _part("parts.memory", "part_memory"),
    "lists": _part("parts.lists", "part_lists"),
    "screens": _part("parts.screens", "part_screens"),
    "publish": _script("publish"),
    "importer": _script("importer"),
}
DEFAULT = ("startup", "typing", "scale", "memory", "lists", "screens")  # publish and importer: ask for them


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a fast sanity run")
    parser.add_argument("--only", default=",".join(DEFAULT),
                        help=f"comma-separated parts of {','.join(PARTS)} (default: {','.join(DEFAULT)})")
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
    tmux = terminal() if IN_TERMINAL & set(only) else None
    try:
        for name in only:
            if name in IN_TERMINAL:
                PARTS[name](rep, work, args.quick, tmux)
            else:
                PARTS[name](rep, work, args.quick)
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

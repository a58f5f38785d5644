"""Counts for the reliability suite's closing table.

When the environment variable RELIABILITY_REPORT names a JSON file, every `count(...)` call adds
its figures to that file (created on first use), so one run of the suite leaves a table behind:

    RELIABILITY_REPORT=/tmp/rel.json pytest -m slow tests/*/test_reliability_*.py
    python -m tests.helpers.report /tmp/rel.json
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from pathlib import Path

FIELDS = (
    "rounds_run",
    "crashes_survived",
    "bytes_lost",
    "bad_inputs_tried",
    "tracebacks_seen",
)


def count(area: str, **figures: int) -> None:
    """Add `figures` (e.g. rounds_run=5, bytes_lost=0) under `area` in $RELIABILITY_REPORT."""
    target = os.environ.get("RELIABILITY_REPORT")
    if not target:
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        fh.seek(0)
        raw = fh.read()
        data = json.loads(raw) if raw.strip() else {}
        entry = data.setdefault(area, {})
        for key, value in figures.items():
            entry[key] = entry.get(key, 0) + int(value)
        fh.seek(0)
        fh.truncate()
        json.dump(data, fh, indent=2, sort_keys=True)


def table(data: dict[str, dict[str, int]]) -> str:
    keys = list(FIELDS) + sorted({k for e in data.values() for k in e} - set(FIELDS))
    lines = ["| area | " + " | ".join(keys) + " |", "| --- |" + " --- |" * len(keys)]
    totals = dict.fromkeys(keys, 0)
    for area in sorted(data):
        row = [str(data[area].get(k, 0)) for k in keys]
        for k in keys:
            totals[k] += data[area].get(k, 0)
        lines.append(f"| {area} | " + " | ".join(row) + " |")
    lines.append("| **total** | " + " | ".join(str(totals[k]) for k in keys) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a reporting aid
    print(table(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))))

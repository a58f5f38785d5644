"""What `datasheet-wizard import` loads (no front end), and that the faster option matching reads
as the pattern it replaced. Timings themselves are benchmarks/importer.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import run_python
from tests.helpers.paths import IMPORT_CORPUS, subprocess_env

CORPUS = IMPORT_CORPUS
NOT_NEEDED = ("textual", "questionary", "rich")  # an import never loads a front end


def _modules(tmp_path: Path, *args: str) -> set[str]:
    env = subprocess_env() | {"DATASHEET_WIZARD_STATE_DIR": str(tmp_path / "state")}
    code = ("import sys, io, contextlib\nfrom wizard.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    code = main(sys.argv[1:])\n"
            "print(code)\nprint(' '.join(sys.modules))")
    proc = run_python(code, *args, env=env, cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, names = proc.stdout.strip().split("\n")[-2:]
    assert first == "0"
    return set(names.split())


@pytest.mark.parametrize("dry_run", [True, False])
def test_import_loads_no_module_it_does_not_need(tmp_path, dry_run):
    source = next(CORPUS.glob("01-*.md"))
    args = ["import", str(source), "--dry-run"] if dry_run else ["import", str(source), "--draft", str(tmp_path / "d.toml")]
    loaded = _modules(tmp_path, *args)
    assert "markdown_it" in loaded and "wizard.importer.markdown" in loaded
    assert not [m for m in NOT_NEEDED if m in loaded]


def test_option_prefix_reads_as_the_pattern_did():
    """`_starts_with_option` (string ops for ASCII) answers as the per-option pattern it replaced."""
    import random
    import re

    from wizard.importer.values import _starts_with_option

    def pattern(text: str, option: str) -> bool:
        return re.match(re.escape(option) + r"[ \t]*(?:[.,;:(\u2013\u2014-]|$)", text, re.I) is not None

    rng = random.Random(14)
    options = ["CC-BY-4.0", "MIT", "Other", "a sample", "K", "s", "ı", "İ", "Straße", "x.y", "(a)", ""]
    bits = ["mit", "MIT", " ", "\t", ".", ",", "-", "–", "(", "license", "\n", "K", "\u212a", "\u017f", "S", "ß",
            "SS", "i", "İ", "ı", "I", "a sample", "A SAMPLE", "cc-by-4.0", "x.y", "xzy", "", "other", "(A)"]
    for _ in range(20000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(0, 5)))
        option = rng.choice([*options, text[: rng.randint(0, 6)]])
        assert _starts_with_option(text, option) == pattern(text, option), (text, option)

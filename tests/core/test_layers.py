"""The import rules in pyproject.toml ([tool.importlinter]) hold, checked by import-linter itself.

The contracts: the core imports no user interface; the app and plain mode do not know each other;
and the layers, from the command line down to the errors, only import downwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import ROOT


def lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter is one of the test extras: pip install -e '.[test]'"
    return subprocess.run([exe, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_every_contract_is_kept() -> None:
    done = lint_imports()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 3 kept, 0 broken." in done.stdout


def test_a_broken_layer_is_reported(tmp_path: Path) -> None:
    """The checker sees our imports: a made-up rule that the session sits above the draft fails, naming the import."""
    config = tmp_path / "upside-down.toml"
    config.write_text("""
[tool.importlinter]
root_package = "wizard"
exclude_type_checking_imports = true

[[tool.importlinter.contracts]]
name = "upside down"
type = "layers"
layers = ["wizard.draft", "wizard.session"]
""", encoding="utf-8")
    done = lint_imports("--config", str(config))
    assert done.returncode != 0
    assert "upside down BROKEN" in done.stdout and "wizard.session -> wizard.draft" in done.stdout

"""The core must work with no UI library importable: front ends are thin layers over it."""

from __future__ import annotations

from tests.helpers.cli import run_python

CODE = r"""
import sys, tempfile, pathlib
import wizard.bank, wizard.draft, wizard.session, wizard.render, wizard.cli, wizard.recent
from wizard.bank import find_bank
from wizard.session import Session
from wizard.render import render
folder = pathlib.Path(tempfile.mkdtemp())
s = Session.create(find_bank('datasheets-for-datasets'), 'Blocked', folder / 'b.datasheet.toml')
s.write_text('purpose', 'Works without a UI.')
s.next(); s.save(); s.close()
for fmt in ('markdown', 'html', 'json'):
    assert 'Works without a UI.' in render(Session.open(folder / 'b.datasheet.toml', lock=False), fmt)
print('core ok')
"""


def test_core_imports_and_works_with_ui_libraries_blocked():
    out = run_python(CODE, block_ui=True)
    assert out.stdout.strip() == "core ok", out.stderr


def test_the_blocker_really_blocks_every_ui_library():
    """Were a UI library let through, the tests that block them would pass with the core importing it."""
    out = run_python("import importlib, sys\n"
                     "for name in sys.argv[1:]:\n"
                     "    try:\n"
                     "        importlib.import_module(name)\n"
                     "    except ImportError as exc:\n"
                     "        print(exc)\n", "textual", "questionary", "prompt_toolkit.input", "rich.console", block_ui=True)
    assert out.stdout.splitlines() == ["blocked UI module: textual", "blocked UI module: questionary",
                                       "blocked UI module: prompt_toolkit", "blocked UI module: rich"], out.stderr

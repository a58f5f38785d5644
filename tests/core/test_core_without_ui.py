"""The core must work with no UI library importable: front ends are thin layers over it."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import subprocess_env

CODE = r"""
import sys, tempfile, pathlib
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('textual', 'questionary', 'prompt_toolkit', 'rich'):
            raise ImportError('blocked UI module: ' + name)
sys.meta_path.insert(0, Block())
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
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=subprocess_env(), timeout=60)
    assert out.stdout.strip() == "core ok", out.stderr

"""Plain mode driven through real questionary prompts: the keys a terminal sends, typed ahead into a pipe."""

from __future__ import annotations

import io

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from wizard.plain import Printer, run_plain
from wizard.session import Session

# Keys as a terminal sends them.
ENTER = "\r"
SUBMIT = "\x1b\r"  # Esc then Enter: finishes a multi-line answer
DOWN = "\x1b[B"
UP = "\x1b[A"  # lists wrap around: UP from the top reaches the last entry
SPACE = " "  # ticks a checkbox entry
CTRL_C = "\x03"
CTRL_D = "\x04"
CTRL_U = "\x15"  # deletes the line before the cursor (clears a one-line default)
BACKSPACE = "\x7f"

# The command entries that end every choice list, counted from the bottom (UP wraps to the last one).
QUIT_ENTRY = UP + ENTER
JUMP_ENTRY = UP * 2 + ENTER
UNKNOWN_ENTRY = UP * 3 + ENTER
NA_ENTRY = UP * 4 + ENTER
SKIP_ENTRY = UP * 5 + ENTER
BACK_ENTRY = UP * 6 + ENTER


def text(answer: str) -> str:
    """A multi-line answer, finished with Esc then Enter."""
    return answer + SUBMIT


def line(answer: str) -> str:
    return answer + ENTER


def pick(index: int) -> str:
    """The entry `index` places below the highlighted one."""
    return DOWN * index + ENTER


def drive(session: Session, keys: str, *, styled: bool = False) -> tuple[int, str]:
    """Run plain mode with `keys` typed ahead. The pipe is closed after them: running out of keys acts as Ctrl+D
    instead of hanging the test."""
    out = io.StringIO()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        code = run_plain(session, printer=Printer(out, styled=styled))
    return code, out.getvalue()

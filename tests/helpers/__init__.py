"""What the tests share, one module per kind of thing (none of them needs pytest to import).

paths     where the repository, the test banks and the data folders are; the environment for a child process
drafts    what a draft on disk holds: the whole file, its answers, one answer's text, where the author stood;
          `Holder`, another process with the draft open
cli       the program in a child process: `run_cli` (datasheet-wizard ARGS), `run_python` (optionally with
          every UI library blocked)
plain     plain mode driven through a prompt_toolkit pipe: the keys a terminal sends and `drive`
pilot     the app driven in-process with Pilot: typing, waiting, what the editor and the bottom bar show
terminal  the real program in a real terminal: `PtyApp` (a pseudo-terminal) and `Tmux` (a private tmux server);
          no pytest and nothing from the wizard, so benchmarks/common.py uses it too
report    counts for the reliability suite's closing table (`python -m tests.helpers.report FILE`)
hostile   banks and drafts with control sequences and bidi overrides everywhere
publish   the example draft for the publishing tests, edited copies of it, and the CLI in-process
"""

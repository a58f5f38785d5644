"""What an import produces: answers placed on questions, and the text it kept aside.

Named tuples and a plain class rather than dataclasses: each dataclass costs most of a
millisecond of every start to build, and an import has a budget (1.5x `import tomllib, markdown_it`).
"""

# No `from __future__ import annotations` here: a NamedTuple checks each field's annotation when
# its class is made, and a string annotation becomes a typing.ForwardRef, compiled on the spot
# (0.5 M instructions of every start for these two). Every name annotated with below is defined
# or imported by the time it is used.
from pathlib import Path
from typing import NamedTuple


class Piece(NamedTuple):
    """A stretch of the source: its text (the author's Markdown) and its 1-based line range."""

    text: str
    first: int
    last: int
    label: str = ""  # the heading or question it stood under, when there was one

    @property
    def lines(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"


class Placement(NamedTuple):
    """One answer for one question. `status` is answered / na / unknown; `value` as in drafts."""

    question_id: str
    piece: Piece
    status: str = "answered"
    text: str = ""
    value: str | tuple[str, ...] | None = None
    other: str = ""
    score: float = 1.0
    note: str = ""  # how the text was read (e.g. 'read "No." as the answer "no"')


class ImportResult:
    """Everything an import found: placements, questions left blank, orphans, and notes for the report."""

    def __init__(self, source: Path, kind: str, bank_id: str, title: str = "") -> None:
        self.source = source
        self.kind = kind  # markdown | hf | croissant
        self.bank_id = bank_id
        self.title = title
        self.placements: list[Placement] = []
        self.orphans: list[Piece] = []
        self.empty: dict[str, Piece] = {}  # questions the document asks but leaves blank
        self.notes: list[str] = []

    def __repr__(self) -> str:
        return (f"ImportResult({self.source!r}, {self.kind!r}, {self.bank_id!r}, title={self.title!r}, "
                f"{len(self.placements)} placed, {len(self.orphans)} orphans, {len(self.empty)} empty)")

    def placed(self, question_id: str) -> Placement | None:
        return next((p for p in self.placements if p.question_id == question_id), None)

"""What an import produces: answers placed on questions, and the text it kept aside."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Piece:
    """A stretch of the source: its text (the author's Markdown) and its 1-based line range."""

    text: str
    first: int
    last: int
    label: str = ""  # the heading or question it stood under, when there was one

    @property
    def lines(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"


@dataclass(frozen=True)
class Placement:
    """One answer for one question. `status` is answered / na / unknown; `value` as in drafts."""

    question_id: str
    piece: Piece
    status: str = "answered"
    text: str = ""
    value: str | tuple[str, ...] | None = None
    other: str = ""
    score: float = 1.0
    note: str = ""  # how the text was read (e.g. 'read "No." as the answer "no"')


@dataclass
class ImportResult:
    """Everything an import found: placements, questions left blank, orphans, and notes for the report."""

    source: Path
    kind: str  # markdown | hf | croissant
    bank_id: str
    title: str = ""
    placements: list[Placement] = field(default_factory=list)
    orphans: list[Piece] = field(default_factory=list)
    empty: dict[str, Piece] = field(default_factory=dict)  # questions the document asks but leaves blank
    notes: list[str] = field(default_factory=list)

    def placed(self, question_id: str) -> Placement | None:
        return next((p for p in self.placements if p.question_id == question_id), None)

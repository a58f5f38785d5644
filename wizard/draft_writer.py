"""Writing a draft as TOML: one table per bank question, in bank order.

A table whose answer did not change is written back exactly as it was read; a new table is
written directly, byte for byte as tomlkit writes it; tomlkit renders only what the author wrote
by hand (comments, numbers, tables of their own)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from wizard.answers import Answer
from wizard.draft import _KNOWN_ANSWER_KEYS, _LEGACY_DRAFT_KEYS, FORMAT, DiskStamp, Draft, atomic_write, clean_text
from wizard.errors import DraftChangedOnDisk
from wizard.untrusted import UNSAFE, has_unsafe


# A line that opens one question's table. Splitting the file at these lines is checked against
# the parsed file before it is trusted (a multi-line answer may contain such a line). Compiled
# when a draft read from disk is first saved (re keeps it), not by commands that only write one.
_ANSWER_HEADER = r"^[ \t]*\[[ \t]*answers[ \t]*\."


def split_chunks(text: str) -> tuple[str, dict[str, str]] | None:
    """The file's text before the answers, and each answer table's text (comments included).

    None when the file does not split cleanly (a table inside another, a key after the answers,
    a line inside a multi-line string that looks like a table header): then nothing is reused.
    """
    starts = [m.start() for m in re.finditer(_ANSWER_HEADER, text, re.M)]
    head = text[: starts[0]] if starts else text
    try:
        whole = tomllib.loads(text)
        if "answers" in tomllib.loads(head):
            return None
        chunks: dict[str, str] = {}
        for begin, end in zip(starts, [*starts[1:], len(text)]):
            chunk = text[begin:end]
            parsed = tomllib.loads(chunk)
            answers = parsed.get("answers")
            if set(parsed) != {"answers"} or not isinstance(answers, dict) or len(answers) != 1:
                return None
            (qid, table), = answers.items()
            if qid in chunks or whole.get("answers", {}).get(qid) != table:
                return None
            chunks[qid] = chunk
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    if set(chunks) != set(whole.get("answers", {})):
        return None
    return head, chunks


class DraftWriter:
    """Serialises drafts with tomlkit, one table per bank question in bank order.

    Every question has its table from the start, so two authors answering neighbouring questions
    on two git branches edit lines that stay apart. A table whose answer did not change is
    written back exactly as it was read (hand-written comments included); a changed one is
    updated in place with tomlkit, keeping its comments. Each table's text is cached, so one
    change costs one table.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Answer | None, str]] = {}
        self._head: tuple[tuple[Any, ...], str] | None = None
        self._source_head = ""
        self._adopted: str | None = None

    def adopt(self, draft: Draft) -> None:
        """Take the file's own text for each table, so unchanged ones are written back untouched."""
        if self._adopted is draft.source_text or not draft.source_text:
            return
        self._adopted = draft.source_text
        split = split_chunks(draft.source_text)
        if split is None:
            return
        self._source_head, chunks = split
        for qid, chunk in chunks.items():
            self._cache[qid] = (draft.source_answers.get(qid), _tidy_chunk(chunk))

    def dumps(self, draft: Draft, order: list[str] | tuple[str, ...] = ()) -> str:
        self.adopt(draft)
        parts = [self._head_text(draft)]
        known = set(order)
        for qid in order:
            parts.append(self._answer_chunk(qid, draft.answers.get(qid)))
        for qid, answer in draft.answers.items():
            if qid not in known:
                parts.append(self._answer_chunk(qid, answer))
        return "\n".join(parts)

    def _head_text(self, draft: Draft) -> str:
        key = (draft.title, draft.bank_id, draft.bank_version, draft.bank_path, draft.bank_sha256, draft.created,
               tuple(draft.extra_draft.items()), tuple(draft.extra_top.items()))
        if self._head is not None and self._head[0] == key:
            return self._head[1]
        values: dict[str, Any] = {
            "title": clean_text(draft.title),
            "bank": draft.bank_id,
            "bank_version": draft.bank_version,
            "bank_path": draft.bank_path or None,
            "bank_sha256": draft.bank_sha256 or None,
            "created": draft.created,
        }
        text = None
        if not self._source_head and not draft.extra_draft and not draft.extra_top:
            plain = {k: v for k, v in values.items() if v is not None}
            text = _plain_table("draft", plain, head=f"format = {FORMAT}\n\n")
        if text is None:
            text = self._tomlkit_head(draft, values)
        self._head = (key, text)
        return text

    def _tomlkit_head(self, draft: Draft, values: dict[str, Any]) -> str:
        """The head through tomlkit, which keeps what the author wrote there (comments, keys of their own)."""
        import tomlkit

        doc = tomlkit.parse(self._source_head) if "#" in self._source_head else None
        if doc is None or not isinstance(doc.get("draft"), dict):
            doc = tomlkit.document()
            doc.add("format", FORMAT)
            doc.add(tomlkit.nl())
            doc.add("draft", tomlkit.table())
        doc["format"] = FORMAT
        head = doc["draft"]
        for stale in _LEGACY_DRAFT_KEYS:
            if stale in head:
                del head[stale]
        for name, value in _tomlkit_values(values).items():
            if value is None:
                if name in head:
                    del head[name]
            elif name not in head or head[name] != value or name == "title":
                head[name] = value
        for name, value in draft.extra_draft.items():
            if name not in head:
                head[name] = value
        for name, value in draft.extra_top.items():
            if name not in doc:
                doc[name] = value
        return tomlkit.dumps(doc).rstrip("\n") + "\n"

    def _answer_chunk(self, qid: str, answer: Answer | None) -> str:
        cached = self._cache.get(qid)
        if cached is not None and cached[0] is answer:
            return cached[1]
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        if answer is not None:
            fields["status"] = answer.status.value
            if answer.value is not None:
                fields["value"] = list(answer.value) if isinstance(answer.value, tuple) else answer.value
            if answer.other:
                fields["other"] = clean_text(answer.other)
            if answer.text:
                fields["text"] = clean_text(answer.text)
            extra = {k: v for k, v in answer.extra.items() if k not in fields}
        chunk = None
        if cached is None or "#" not in cached[1]:  # no hand-written comments to keep: a new table
            chunk = _plain_table(f"answers.{qid}", fields | extra) if _is_bare_key(qid) else None
            if chunk is None:
                chunk = _tomlkit_table(qid, fields, extra)
        if chunk is None:
            chunk = _tomlkit_update(qid, fields, extra, cached[1] if cached is not None else "")
        self._cache[qid] = (answer, chunk)
        return chunk


def _tomlkit_values(values: dict[str, Any]) -> dict[str, Any]:
    """Strings as our own String items (see toml_string); other values as they are, for tomlkit."""
    return {k: toml_string(v) if isinstance(v, str) else v for k, v in values.items()}


def _tomlkit_table(qid: str, fields: dict[str, Any], extra: dict[str, Any]) -> str | None:
    """A new answer table rendered by tomlkit, for what `_plain_table` does not write (a number, a
    date, a quoted key): the table alone under `[answers.ID]`, not the document and `answers`
    super-table around it, which would cost most of the time a new draft takes to write.

    None when a key holds a table of its own (an unknown key of a hand-edited draft), whose header
    needs the path from the document: `_tomlkit_update` renders the whole document then.
    """
    import tomlkit
    from tomlkit.items import AoT, SingleKey, Table

    table = tomlkit.table()
    for key, value in _tomlkit_values(fields | extra).items():
        table.add(key, value)
    if any(isinstance(item, (Table, AoT)) for _, item in table.value.body):
        return None
    return _tidy_chunk(f"[answers.{SingleKey(qid).as_string()}]\n{table.as_string()}")


def _tomlkit_update(qid: str, fields: dict[str, Any], extra: dict[str, Any], chunk: str) -> str:
    """The answer table updated in place with tomlkit: hand-written comments stay where they were."""
    import tomlkit

    doc = None
    if "#" in chunk:
        try:
            doc = tomlkit.parse(chunk)
        except Exception:  # noqa: BLE001 - tomlkit's own errors; fall back to a fresh table
            doc = None
    if doc is None:
        doc = tomlkit.document()
        answers = tomlkit.table(is_super_table=True)
        answers.add(qid, tomlkit.table())
        doc.add("answers", answers)
    table = doc["answers"][qid]
    values = _tomlkit_values(fields)
    for key in _KNOWN_ANSWER_KEYS:
        if key in values:
            if key not in table or table[key] != values[key]:
                table[key] = values[key]
        elif key in table:
            del table[key]
    for key, value in extra.items():
        if key not in table:
            table[key] = value
    return _tidy_chunk(tomlkit.dumps(doc))


def _tidy_chunk(chunk: str) -> str:
    """One table's text ends with one newline; tables are joined with a blank line between them."""
    return chunk.rstrip("\n") + "\n"


# Written as \uXXXX escapes: what a terminal must not be sent (wizard.untrusted: control characters
# but newline and tab, bidirectional overrides), so that `cat` or `git diff` of a draft never passes
# one to a terminal. The value is unchanged.
_NAMED = {"\b": "\\b", "\t": "\\t", "\f": "\\f", "\r": "\\r"}


def _is_bare_key(key: str) -> bool:
    """Whether `key` is written without quotes: TOML's bare keys are A-Za-z0-9_- (the pattern
    [A-Za-z0-9_-]+, as str tests; tests/core/test_draft.py holds them to it)."""
    rest = key.replace("-", "").replace("_", "")
    return bool(key) and key.isascii() and (not rest or rest.isalnum())


def _escape_controls(text: str) -> str:
    if not has_unsafe(text):
        return text
    return re.sub(UNSAFE, _escape_control, text)


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\u{ord(char):04x}"


def _string_form(text: str) -> tuple[str, str]:
    """How `text` is written as a TOML string: its quotes, and what goes between them.

    We escape it ourselves: tomlkit's escape_string copies the rest of the string at every
    character, which takes minutes on a megabyte answer. Multi-line text starts on the line after
    its quotes; TOML drops a newline right after the opening quotes, so the value is unchanged.
    """
    if "\n" in text and "'''" not in text and not text.endswith("'") and not has_unsafe(text):
        # A multi-line literal string ('''...'''): nothing to escape, and Python's tomllib reads
        # it three times faster than a basic string, which it scans a character at a time.
        return "'''", "\n" + text
    raw = _escape_controls(text.replace("\\", "\\\\"))
    if "\n" not in text:
        return '"', raw.replace('"', '\\"')
    raw = re.sub(r'"(?="|$)', r'\\"', raw)  # no run of quotes can close the string early
    return '"""', "\n" + raw


def basic_string(text: str) -> str:
    """`text` as a one-line basic string, as an array holds it (tomlkit's escapes, and ours for the rest).
    The state folder's records (wizard/statefiles.py) write their strings with it too."""
    raw = _escape_controls(text.replace("\\", "\\\\")).replace("\t", "\\t").replace("\n", "\\n")
    return '"' + raw.replace('"', '\\"') + '"'


def toml_string(text: str):  # type: ignore[no-untyped-def]
    """A tomlkit String item for `text`, in the form `_string_form` chooses."""
    from tomlkit.items import String, StringType, Trivia

    quotes, raw = _string_form(text)
    kind = {"'''": StringType.MLL, '"': StringType.SLB, '"""': StringType.MLB}[quotes]
    return String(kind, text, raw, Trivia())


def _plain_value(value: Any) -> str | None:
    """The TOML text of a value that a draft's own keys hold (a string, a list of strings, a UTC
    time), as tomlkit writes it; None for anything else, which tomlkit writes."""
    if isinstance(value, str):
        quotes, raw = _string_form(value)
        return f"{quotes}{raw}{quotes}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(map(basic_string, value)) + "]"
    if isinstance(value, dt.datetime) and value.utcoffset() == dt.timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return None


def _plain_table(name: str, values: dict[str, Any], *, head: str = "") -> str | None:
    """A table of plain values (see `_plain_value`) written directly, byte for byte as tomlkit
    writes it (tests/core/test_draft.py holds the two side by side); None when a key or a value
    is not plain. Every table of a new draft is: writing them without loading tomlkit is most of
    what keeps an import of a long document within its budget."""
    lines = [f"{head}[{name}]"]
    for key, value in values.items():
        text = _plain_value(value) if _is_bare_key(key) else None
        if text is None:
            return None
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def dumps_draft(draft: Draft, order: list[str] | tuple[str, ...] = ()) -> str:
    return DraftWriter().dumps(draft, order)


def save_draft(
    draft: Draft,
    path: Path,
    order: list[str] | tuple[str, ...] = (),
    *,
    writer: DraftWriter | None = None,
    expect: DiskStamp | None = None,
) -> DiskStamp:
    """Write the draft atomically. With `expect`, refuse if the file changed since that stamp.
    Returns the stamp of the file written."""
    if expect is not None:
        seen = DiskStamp.of(path)
        if seen is not None and seen != expect:
            raise DraftChangedOnDisk(f"The draft {path} was changed by another program since it was opened.")
    text = (writer or DraftWriter()).dumps(draft, order)
    return DiskStamp.of_status(atomic_write(path, text))  # the file we wrote, not whatever is there by now

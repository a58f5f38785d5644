"""--merge-into: read an existing croissant.json or README.md, refuse anything we cannot read whole."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from wizard.errors import WizardError

MAX_BYTES = 64 * 1024 * 1024
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_TOP_KEY = re.compile(r"^([^\s#:\-?][^:]*?|\"[^\"]*\"|'[^']*'):(?:[ \t]|$)")


def read_text(path: Path, what: str) -> str:
    try:
        if not path.is_file():
            raise WizardError(f"--merge-into {path}: not a regular file; give the {what} to merge into.")
        raw = path.read_bytes()
    except OSError as exc:
        raise WizardError(f"--merge-into {path}: cannot read it ({exc.strerror or exc}).") from None
    if len(raw) > MAX_BYTES:
        raise WizardError(f"--merge-into {path}: larger than {MAX_BYTES // (1024 * 1024)} MiB; not a {what}.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WizardError(f"--merge-into {path}: not UTF-8 text (byte {exc.start}); it was left unchanged.") from None


def read_croissant(path: Path) -> dict[str, Any]:
    text = read_text(path, "croissant.json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WizardError(f"--merge-into {path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg}); fix or replace it. It was left unchanged.") from None
    if not isinstance(data, dict):
        raise WizardError(f"--merge-into {path}: a Croissant file is one JSON object, this is a "
                          f"{type(data).__name__}; it was left unchanged.")
    return data


def split_readme(path: Path) -> tuple[list[tuple[str, str]], str, dict[str, Any]]:
    """(top-level front matter blocks as (key, exact text), the Markdown after it, the parsed mapping).

    The blocks keep the existing YAML byte for byte (comments, layout, `configs`, `dataset_info`);
    PyYAML (imported only here) confirms the front matter is valid and that we found every key.
    """
    text = read_text(path, "README.md").replace("\r\n", "\n")  # written back with \n line endings
    match = _FRONT.match(text)
    if match is None:
        if text.lstrip().startswith("---"):
            raise WizardError(f"--merge-into {path}: the front matter opened with --- is never closed; "
                              "add the closing --- line. It was left unchanged.")
        return [], text, {}
    yaml_text, rest = match.group(1), text[match.end():]
    try:
        import yaml
    except ImportError:  # pragma: no cover - a dependency
        raise WizardError("--merge-into README.md needs PyYAML to read the existing front matter; "
                          "install it with `pip install pyyaml`.") from None
    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise WizardError(f"--merge-into {path}: its front matter is not valid YAML{where}: "
                          f"{getattr(exc, 'problem', None) or exc}. It was left unchanged.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WizardError(f"--merge-into {path}: its front matter must be a mapping of keys, not a "
                          f"{type(data).__name__}. It was left unchanged.")
    blocks: list[tuple[str, str]] = []
    lead: list[str] = []
    for line in yaml_text.split("\n"):
        key = _TOP_KEY.match(line)
        if key:
            blocks.append((key.group(1).strip().strip("\"'"), line))
        elif blocks:
            blocks[-1] = (blocks[-1][0], f"{blocks[-1][1]}\n{line}")
        else:
            lead.append(line)  # comments before the first key
    if lead:
        blocks.insert(0, ("", "\n".join(lead)))
    found = [k for k, _ in blocks if k]
    if sorted(found) != sorted(str(k) for k in data):
        raise WizardError(f"--merge-into {path}: its front matter is laid out in a way we cannot merge "
                          "key by key (flow mappings or complex keys at the top level); it was left "
                          "unchanged. Write the front matter with one `key:` per line.")
    return blocks, rest, data


def merge_front_matter(blocks: list[tuple[str, str]], ours: list[tuple[str, str]]) -> str:
    """The existing blocks with ours replacing same-named keys in place (their trailing comments
    kept) and our other keys appended; every other block is kept exactly as it was."""
    mine = dict(ours)
    out: list[str] = []
    done: set[str] = set()
    for key, text in blocks:
        if key and key in mine:
            lines = text.split("\n")
            tail: list[str] = []
            while len(lines) > 1 and (not lines[-1].strip() or lines[-1].startswith("#")):
                tail.insert(0, lines.pop())
            out.append(mine[key].rstrip("\n") + ("\n" + "\n".join(tail) if tail else ""))
            done.add(key)
        else:
            out.append(text)
    out.extend(text.rstrip("\n") for key, text in ours if key not in done)
    return "\n".join(out).rstrip("\n") + "\n"

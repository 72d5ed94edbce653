"""Reading a JSON data file against a JSON Schema, reporting problems as ``file:line``.

Offices edit the catalog and calendar files by hand, so an error must point at the
line to fix. ``json`` gives the line of a syntax error; for a schema error we map the
failing value's path (``documents/2/count``) back to where that value starts in the
text. No library keeps source positions for parsed JSON, hence the small walker.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

JsonPath = tuple[str | int, ...]

_WS = " \t\r\n"
_decoder = json.JSONDecoder()


class JsonFileError(ValueError):
    """A data file that cannot be used; ``str()`` is ``<file>:<line>: <problem>``."""

    def __init__(self, file: str, line: int, problem: str) -> None:
        super().__init__(f"{file}:{line}: {problem}")
        self.file, self.line, self.problem = file, line, problem


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _walk(text: str, i: int, path: JsonPath, out: dict[JsonPath, int]) -> int:
    """Record where each value starts; returns the index after the value."""
    i = _skip_ws(text, i)
    out[path] = i
    ch = text[i]
    if ch == "{":
        i = _skip_ws(text, i + 1)
        if text[i] == "}":
            return i + 1
        while True:
            key, i = json.decoder.scanstring(text, _skip_ws(text, i) + 1)  # type: ignore[attr-defined]
            i = _skip_ws(text, i) + 1  # the colon
            i = _skip_ws(text, _walk(text, i, (*path, key), out))
            if text[i] == "}":
                return i + 1
            i += 1  # the comma
    if ch == "[":
        i = _skip_ws(text, i + 1)
        if text[i] == "]":
            return i + 1
        index = 0
        while True:
            i = _skip_ws(text, _walk(text, i, (*path, index), out))
            index += 1
            if text[i] == "]":
                return i + 1
            i += 1
    _value, end = _decoder.raw_decode(text, i)
    return int(end)


def value_positions(text: str) -> dict[JsonPath, int]:
    """Character offset of every value in well-formed JSON text, keyed by its path."""
    out: dict[JsonPath, int] = {}
    _walk(text, 0, (), out)
    return out


def line_of(text: str, path: Sequence[str | int]) -> int:
    """1-based line where the value at ``path`` (or its nearest parent) starts."""
    positions = value_positions(text)
    p = tuple(path)
    while p not in positions and p:
        p = p[:-1]
    return text.count("\n", 0, positions.get(p, 0)) + 1


def load_validated(path: Path, validator: Draft202012Validator) -> Any:
    """Parse ``path`` and check it against the schema; ``JsonFileError`` otherwise."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise JsonFileError(name, 1, f"not UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise JsonFileError(name, 1, f"cannot read ({type(exc).__name__})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFileError(name, exc.lineno, exc.msg) from exc
    error = best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise JsonFileError(
            name, line_of(text, list(error.absolute_path)), f"{where}: {error.message}"
        )
    return data


def validator_for(schema_file: Path) -> Draft202012Validator:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def install_folder(files: list[Path], target: Path) -> None:
    """Make ``target`` hold exactly ``files``, swapped in by rename (never half-copied)."""
    import shutil
    import tempfile

    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=parent))
    for f in files:
        shutil.copy2(f, fresh / f.name)
    old = parent / f".{target.name}-old-{fresh.name[-8:]}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)

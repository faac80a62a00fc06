"""The shipped rule data (``data/*.toml``) read into compiled patterns. Pure Python.

Each family module says what its file holds and how a match is used; this module only
reads the files and writes their shorthand out: ``{name}`` in a pattern stands for the
entry ``name`` of the file's ``[parts]``, a list of alternatives or a string.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_PART = re.compile(r"(?<!\\)\{([a-z_]+)\}")


@functools.cache
def load(name: str) -> dict:
    """The parsed ``data/<name>.toml``, read once per process. Callers must not change it."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def alternatives(words: list[str]) -> str:
    """``["a", "b"]`` -> ``(?:a|b)``: one group, whatever the words hold."""
    return "(?:" + "|".join(words) + ")"


def expand(pattern: str, parts: dict) -> str:
    """The pattern with every ``{name}`` replaced by its part."""

    def part(match: re.Match) -> str:
        name = match.group(1)
        if name not in parts:
            raise ValueError(f"Unknown part {{{name}}} in pattern {pattern!r}")
        value = parts[name]
        return alternatives(value) if isinstance(value, list) else value

    return _PART.sub(part, pattern)


def compile_entry(entry: str | list[str], parts: dict, flags: int = 0) -> re.Pattern:
    """One pattern; a list is one pattern whose alternatives compete (leftmost match wins)."""
    if isinstance(entry, list):
        return re.compile("|".join(expand(item, parts) for item in entry), flags)
    return re.compile(expand(entry, parts), flags)

"""Reading raw copy for ``clean_text`` and ``import_story``: a file path or ``-`` for stdin.

Every failure is a one-line ``CommandError`` with exit code 2.
"""

import sys
from pathlib import Path

from django.core.management.base import CommandError

from articles.cleaning.inputs import DEFAULT_MAX_BYTES, too_large

UNREADABLE = 2


def refuse(message: str) -> CommandError:
    return CommandError(" ".join(message.split()), returncode=UNREADABLE)


def read_source(path: str, stdin=None) -> tuple[bytes, str]:
    """The bytes at ``path`` (``-``: standard input) and a file name to record with them."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin
        stream = getattr(stream, "buffer", stream)
        data = stream.read(DEFAULT_MAX_BYTES + 1)
        if isinstance(data, str):
            data = data.encode()
        if len(data) > DEFAULT_MAX_BYTES:
            raise refuse(str(too_large(None)))
        return data, ""
    file = Path(path)
    try:
        if file.is_dir():
            raise refuse(f"{path} is a directory, not a file.")
        size = file.stat().st_size
        if size > DEFAULT_MAX_BYTES:
            raise refuse(str(too_large(size)))
        with file.open("rb") as handle:
            data = handle.read(DEFAULT_MAX_BYTES + 1)
    except FileNotFoundError:
        raise refuse(f"No such file: {path}") from None
    except OSError as exc:
        raise refuse(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > DEFAULT_MAX_BYTES:
        raise refuse(str(too_large(None)))
    return data, file.name

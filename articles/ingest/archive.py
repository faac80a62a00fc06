"""A ZIP or a folder of copy, opened into members: text, HTML and ninjs files, in name order.

Pure Python. Nothing is written to disk: a member's name is only a label, so ``../`` in
it can do no harm. The limits stop a zip bomb before it is inflated: the number of
files, each file's size and the total are checked against what the archive declares,
and again against what actually comes out, since a hostile archive can lie in its
headers; a member that inflates more than ``MAX_RATIO`` times is refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

TEXT = {".txt", ".text", ".md"}
HTML = {".html", ".htm", ".xhtml"}
NINJS = {".json"}
MAX_RATIO = 100
BOMB_FLOOR = 1024 * 1024  # below this, a high ratio is only a repetitive small file
_SKIPPED_PARTS = {"__MACOSX"}


class ArchiveRefused(ValueError):
    """The whole archive or folder is refused; the message says why, in one line."""


@dataclass(frozen=True)
class Limits:
    max_files: int = 20_000
    max_file_bytes: int = 5 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One file: its bytes and kind (``text``, ``html``, ``ninjs``), or why it cannot be used."""

    name: str
    kind: str = ""
    data: bytes = b""
    error: str = ""


def member_kind(name: str) -> str:
    """``text``, ``html`` or ``ninjs`` by the file's extension; empty when unknown."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in TEXT:
        return "text"
    if suffix in HTML:
        return "html"
    if suffix in NINJS:
        return "ninjs"
    return ""


def unknown_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix or "no extension"
    return f"{name}: not a text, HTML or ninjs file ({suffix}); use .txt, .html or .json (ninjs)."


def _skipped(parts: tuple[str, ...]) -> bool:
    return any(part.startswith(".") or part in _SKIPPED_PARTS for part in parts)


def zip_members(data: bytes, *, limits: Limits) -> Iterator[Member]:
    """The usable members of a ZIP, each read within the limits; raises ``ArchiveRefused``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ArchiveRefused(f"Not a readable ZIP file ({error}).") from None
    infos = [info for info in infos if not _skipped(PurePosixPath(info.filename).parts)]
    if len(infos) > limits.max_files:
        raise ArchiveRefused(
            f"The ZIP holds {len(infos):,} files; at most {limits.max_files:,} are taken at once."
        )
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise ArchiveRefused(_total_too_large(declared, limits))
    total = 0
    for info in sorted(infos, key=lambda i: i.filename):
        member = _zip_member(archive, info, limits)
        total += len(member.data)
        if total > limits.max_total_bytes:
            raise ArchiveRefused(_total_too_large(None, limits))
        yield member


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Member:
    name = info.filename[:300]
    kind = member_kind(name)
    if not kind:
        return Member(name=name, error=unknown_type(name))
    if _inflates(info.file_size, info.compress_size):
        return Member(name=name, kind=kind, error=_bomb(name, info.file_size, info.compress_size))
    if info.file_size > limits.max_file_bytes:
        return Member(name=name, kind=kind, error=_file_too_large(name, info.file_size, limits))
    try:
        with archive.open(info) as stream:
            data = stream.read(limits.max_file_bytes + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        return Member(name=name, kind=kind, error=f"{name}: cannot be read from the ZIP ({error}).")
    if len(data) > limits.max_file_bytes:
        return Member(name=name, kind=kind, error=_file_too_large(name, None, limits))
    if _inflates(len(data), info.compress_size):
        return Member(name=name, kind=kind, error=_bomb(name, len(data), info.compress_size))
    return Member(name=name, kind=kind, data=data)


def _inflates(size: int, packed: int) -> bool:
    """A member large once inflated and far larger than packed: small files may compress well."""
    return size > BOMB_FLOOR and size > MAX_RATIO * max(packed, 1)


def folder_members(folder: Path, *, limits: Limits) -> Iterator[Member]:
    """The usable files under ``folder`` (symbolic links and hidden files left out)."""
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_symlink() or _skipped(relative.parts) or not path.is_file():
            continue
        files.append((path, relative.as_posix()))
        if len(files) > limits.max_files:
            raise ArchiveRefused(
                f"The folder holds more than {limits.max_files:,} files; "
                "split it, or raise INGEST_ARCHIVE_MAX_FILES."
            )
    total = 0
    for path, name in files:
        member = file_member(path, name=name, limits=limits)
        total += len(member.data)
        if total > limits.max_total_bytes:
            raise ArchiveRefused(_total_too_large(None, limits))
        yield member


def file_member(path: Path, *, name: str, limits: Limits) -> Member:
    kind = member_kind(name)
    if not kind:
        return Member(name=name, error=unknown_type(name))
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            return Member(name=name, kind=kind, error=_file_too_large(name, size, limits))
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except OSError as error:
        return Member(name=name, kind=kind, error=f"{name}: cannot be read ({error.strerror}).")
    if len(data) > limits.max_file_bytes:
        return Member(name=name, kind=kind, error=_file_too_large(name, None, limits))
    return Member(name=name, kind=kind, data=data)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _file_too_large(name: str, size: int | None, limits: Limits) -> str:
    given = _mb(size) if size is not None else f"more than {_mb(limits.max_file_bytes)}"
    return f"{name}: too large ({given}); the limit for one file is {_mb(limits.max_file_bytes)}."


def _total_too_large(size: int | None, limits: Limits) -> str:
    given = _mb(size) if size is not None else f"more than {_mb(limits.max_total_bytes)}"
    return (
        f"The files come to {given} uncompressed; the limit is {_mb(limits.max_total_bytes)} "
        "(INGEST_ARCHIVE_MAX_BYTES)."
    )


def _bomb(name: str, size: int, packed: int) -> str:
    return (
        f"{name}: refused as a zip bomb: {_mb(size)} packed into {packed:,} bytes "
        f"(more than {MAX_RATIO} times)."
    )

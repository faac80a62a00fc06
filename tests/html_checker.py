"""The Nu HTML Checker (vnu.jar, from the npm package ``vnu-jar``) run over pages on disk.

``make test`` installs it with ``npm ci --prefix tests/e2e``; it runs on the
machine's Java (17 or later). All pages go through one JVM: a start costs
more than checking a page.
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

VNU_JAR = Path(__file__).resolve().parent / "e2e" / "node_modules" / "vnu-jar" / "build" / "dist"
VNU_JAR = VNU_JAR / "vnu.jar"
INSTALL_HINT = (
    "The Nu HTML Checker needs Java 17+ (apt-get install openjdk-17-jre-headless) and "
    "the npm package vnu-jar (npm ci --prefix tests/e2e)"
)


@dataclass(frozen=True)
class Message:
    page: str
    kind: str  # "error", "info" (a warning when subtype is "warning"), "non-document-error"
    subtype: str
    line: int
    text: str
    extract: str

    @property
    def is_error(self) -> bool:
        return self.kind in ("error", "non-document-error") or self.subtype == "fatal"

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.text}\n    {self.extract.strip()}"


def java_and_checker() -> str:
    """The ``java`` command, once both it and vnu.jar are there; skips (fails in CI) otherwise."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        missing = "java" if java is None else str(VNU_JAR)
        hint = f"{INSTALL_HINT}; missing: {missing}"
        if os.environ.get("CI"):
            pytest.fail(hint)
        pytest.skip(hint)
    return java


def html_check(pages: dict[str, bytes], folder: Path) -> list[Message]:
    """Every message the checker gives on ``pages`` (a name and the page's bytes each)."""
    java = java_and_checker()
    files = {}
    for index, (name, content) in enumerate(pages.items()):
        path = folder / f"{index:02d}.html"
        path.write_bytes(content)
        files[path.name] = name
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            *(str(folder / f) for f in files),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    report = json.loads(run.stdout or b"{}")
    if "messages" not in report:
        raise AssertionError(f"The HTML checker gave no report: {run.stderr.decode()[-2000:]}")
    return [
        Message(
            page=files.get(found.get("url", "").rpartition("/")[2], found.get("url", "")),
            kind=found["type"],
            subtype=found.get("subType", ""),
            line=found.get("lastLine", 0),
            text=found["message"],
            extract=found.get("extract", ""),
        )
        for found in report["messages"]
    ]

"""clean_text and import_story: the JSON contract, the readable report, and exit code 2 for bad input."""

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Author, Finding, RawCopy, Source

ROOT = Path(__file__).resolve().parents[1]

STORY = """Gull Point lighthouse to reopen to visitors after storm repairs

By Jory Colenso

The lighthouse at Gull Point will reopen to visitors on 1 May after repairs to the lantern room \
damaged by Storm Brannock, the harbour trust said in a statement.

Tickets will cost \u00a35 for adults, the trust's keeper, Elowen Rowse, told the Saltmere Gazette.

Certainly! Here is the rewritten article about the lighthouse reopening.

The keeper said the view from the gallery was worth the climb. "On a clear day you can see Carrow," \
she said.

Reference Article

Leave a Reply
"""

JSON_KEYS = {"headline", "byline", "paragraphs", "sources", "related_links", "body"}


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    """Every kind of unreadable input, written into ``tmp_path``."""
    files = {
        "empty": b"",
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16,
        "invalid UTF-8": b"The caf\xe9 on Quay Street reopened on Monday.\n",
        "20 MB": b"Saltmere harbour news. " * (20 * 1024 * 1024 // 23 + 1),
        "HTML with no body": b"<!DOCTYPE html><html><head><title>Saltmere Gazette</title></head></html>",
    }
    paths = {}
    for name, data in files.items():
        path = tmp_path / f"{name.replace(' ', '_')}.in"
        path.write_bytes(data)
        paths[name] = path
    paths["missing file"] = tmp_path / "not-there.txt"
    paths["directory"] = tmp_path
    return paths


BAD = [
    "empty",
    "binary",
    "invalid UTF-8",
    "20 MB",
    "HTML with no body",
    "missing file",
    "directory",
]


def _run(*args: str, env: dict | None = None, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        env={**os.environ, "SECRET_KEY": "x", **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture
def story_file(tmp_path) -> Path:
    path = tmp_path / "lighthouse.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_clean_text_json_has_exactly_the_documented_shape(story_file):
    """--json prints one object with the DESIGN.md keys; every paragraph in order with its action."""
    out = io.StringIO()
    call_command("clean_text", str(story_file), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == JSON_KEYS
    assert data["headline"] == "Gull Point lighthouse to reopen to visitors after storm repairs"
    assert data["byline"] == ["Jory Colenso"]
    assert [p["text"] for p in data["paragraphs"]] == STORY.strip().split("\n\n")
    for paragraph in data["paragraphs"]:
        assert set(paragraph) == {"text", "action", "findings"}
        assert paragraph["action"] in {"keep", "remove", "review"}
        for finding in paragraph["findings"]:
            assert set(finding) == {"rule", "message"}
    actions = {p["text"][:20]: p["action"] for p in data["paragraphs"]}
    assert actions["Certainly! Here is t"] == "remove"
    assert actions["Leave a Reply"] == "remove"
    assert actions["Tickets will cost \u00a35"] == "keep"
    for source in data["sources"]:
        assert set(source) == {"name", "kind", "evidence"}
    assert "The Saltmere Gazette" in [s["name"] for s in data["sources"]]
    assert {"title": "Reference Article", "url": None} in data["related_links"]
    assert data["body"] == "\n\n".join(
        p["text"] for p in data["paragraphs"] if p["action"] != "remove"
    )


def test_clean_text_json_keeps_non_ascii_characters(story_file):
    """The JSON is UTF-8 text, not \\u escapes: a pound sign stays a pound sign."""
    out = io.StringIO()
    call_command("clean_text", str(story_file), "--json", stdout=out)
    assert "\u00a35" in out.getvalue()


def test_clean_text_report_numbers_paragraphs_with_actions_and_findings(story_file):
    """Without --json, each paragraph is numbered with its action and findings, then the metadata."""
    out = io.StringIO()
    call_command("clean_text", str(story_file), stdout=out)
    report = out.getvalue()
    assert "  1. [remove] Gull Point lighthouse" in report
    assert "[remove] Certainly! Here is the rewritten article" in report
    assert "chatbot." in report
    assert "[keep] Tickets will cost" in report
    assert "Headline: Gull Point lighthouse to reopen" in report
    assert "Byline: Jory Colenso (person)" in report
    assert "The Saltmere Gazette (outlet)" in report
    assert "Reference Article: (no URL)" in report
    assert report.index("Headline:") > report.index("Leave a Reply")


def test_clean_text_reads_standard_input():
    """'-' reads the copy from standard input."""
    out = io.StringIO()
    call_command("clean_text", "-", "--json", stdin=io.BytesIO(STORY.encode()), stdout=out)
    assert json.loads(out.getvalue())["byline"] == ["Jory Colenso"]


def test_clean_text_format_option_forces_text(tmp_path):
    """--format text treats markup as words: the tags stay in the paragraph."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>The quay market returns on Saturday.</p></body></html>")
    out = io.StringIO()
    call_command("clean_text", str(page), "--format", "text", "--json", stdout=out)
    assert "<p>" in json.loads(out.getvalue())["paragraphs"][0]["text"]


def test_clean_text_from_a_real_process_and_stdin():
    """The command runs as a process, reads stdin and exits 0 with one JSON object."""
    done = _run("clean_text", "-", "--json", stdin=STORY.encode())
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) == JSON_KEYS


@pytest.mark.parametrize("kind", BAD)
def test_clean_text_bad_input_exits_2_with_one_line(tmp_path, kind):
    """Unreadable input: one line on stderr, nothing on stdout, exit code 2."""
    path = _bad_inputs(tmp_path)[kind]
    done = _run("clean_text", str(path), "--json")
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in lines[0]


def test_clean_text_empty_stdin_exits_2():
    """Nothing on standard input is refused like an empty file."""
    done = _run("clean_text", "-", stdin=b"")
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "CommandError: The input is empty."


@pytest.mark.django_db
def test_import_story_creates_a_draft_and_prints_its_admin_url(story_file, editor):
    """import_story prints the new draft's id and its admin address, and records who brought it."""
    out = io.StringIO()
    call_command("import_story", str(story_file), "--user", editor.username, stdout=out)
    article = Article.objects.get()
    assert out.getvalue().strip() == (
        f"Imported draft {article.pk}: /admin/articles/article/{article.pk}/change/"
    )
    assert article.status == Article.Status.DRAFT
    assert article.raw_copy.filename == "lighthouse.txt"
    assert article.raw_copy.received_via == "import_story"
    assert article.raw_copy.received_by == editor
    assert bytes(article.raw_copy.data) == STORY.encode()
    assert article.findings.filter(rule__startswith="chatbot.").exists()


@pytest.mark.django_db
def test_import_story_twice_says_already_imported(story_file):
    """The same file again points to the first draft."""
    call_command("import_story", str(story_file), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_story", str(story_file), stdout=out)
    article = Article.objects.get()
    assert out.getvalue().startswith(f"Already imported as article {article.pk} (Draft)")


@pytest.mark.django_db
def test_import_story_reads_standard_input():
    """'-' imports from standard input, with no file name."""
    call_command("import_story", "-", stdin=io.BytesIO(STORY.encode()), stdout=io.StringIO())
    assert Article.objects.get().raw_copy.filename == ""


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD)
def test_import_story_bad_input_writes_nothing(tmp_path, kind):
    """Unreadable input fails with exit code 2 and one line, and the database stays empty."""
    path = _bad_inputs(tmp_path)[kind]
    with pytest.raises(CommandError) as caught:
        call_command("import_story", str(path), stdout=io.StringIO())
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)
    for model in (RawCopy, Article, Finding, Author, Source):
        assert not model.objects.exists()


@pytest.mark.django_db
def test_import_story_unknown_user_is_refused(story_file):
    """--user must name an existing account; nothing is imported otherwise."""
    with pytest.raises(CommandError, match="No user named nobody") as caught:
        call_command("import_story", str(story_file), "--user", "nobody")
    assert caught.value.returncode == 2
    assert not RawCopy.objects.exists()


@pytest.fixture(scope="module")
def process_db(tmp_path_factory) -> str:
    """A migrated SQLite file for commands run as separate processes."""
    path = tmp_path_factory.mktemp("db") / "import.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{path}"}
    done = _run("migrate", "--noinput", env=env)
    assert done.returncode == 0, done.stderr
    return str(path)


def _rows(path: str) -> int:
    with sqlite3.connect(path) as db:
        return sum(
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("articles_rawcopy", "articles_article", "articles_finding")
        )


@pytest.mark.parametrize("kind", ["empty", "binary", "HTML with no body", "missing file"])
def test_import_story_process_exits_2_and_writes_nothing(tmp_path, process_db, kind):
    """As a real process: exit code 2, one line on stderr, no row in the database."""
    path = _bad_inputs(tmp_path)[kind]
    before = _rows(process_db)
    done = _run("import_story", str(path), env={"DATABASE_URL": f"sqlite:///{process_db}"})
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1, done.stderr
    assert _rows(process_db) == before


def test_import_story_process_imports_once(process_db):
    """As a real process from stdin: a draft the first time, 'already imported' the second."""
    env = {"DATABASE_URL": f"sqlite:///{process_db}"}
    first = _run("import_story", "-", env=env, stdin=STORY.encode())
    second = _run("import_story", "-", env=env, stdin=STORY.encode())
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout.decode().startswith("Imported draft ")
    assert second.stdout.decode().startswith("Already imported as article ")
    article_id = int(first.stdout.split(b":")[0].split()[-1])
    assert f"article {article_id} (Draft)" in second.stdout.decode()

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, env):
    # Only the variables the test names, as on a server (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for their own process), and no developer's .env.
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    base["ENV_FILE"] = str(ROOT / "no-such-env-file")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    """With DEBUG off and no SECRET_KEY, Django does not start and says why."""
    result = run_manage("check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_debug_runs_without_any_configuration():
    """A newcomer's DEBUG=1 needs no other variable."""
    result = run_manage("check", env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_values():
    """check --deploy has nothing to warn about with production settings."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-key-" + "x7Gq2LmZ9pRt4vWb" * 3,
            "ALLOWED_HOSTS": "news.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bucket_name_switches_media_to_s3_compatible_storage():
    """AWS_STORAGE_BUCKET_NAME puts uploads in the bucket, with plain public URLs; none means files."""
    show = (
        "from django.conf import settings; d = settings.STORAGES['default'];"
        "print(d['BACKEND'], sorted((d.get('OPTIONS') or {}).items()))"
    )
    files = run_manage("shell", "-c", show, env={"DEBUG": "1"})
    assert "django.core.files.storage.FileSystemStorage" in files.stdout, files.stderr
    bucket = run_manage(
        "shell",
        "-c",
        show,
        env={
            "DEBUG": "1",
            "AWS_STORAGE_BUCKET_NAME": "courier-media",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
            "AWS_S3_CUSTOM_DOMAIN": "media.courier.example",
        },
    )
    assert "storages.backends.s3.S3Storage" in bucket.stdout, bucket.stderr
    for option in (
        "('bucket_name', 'courier-media')",
        "('endpoint_url', 'https://objects.example.net')",
        "('custom_domain', 'media.courier.example')",
        "('querystring_auth', False)",
    ):
        assert option in bucket.stdout


def test_first_make_run_writes_a_local_env_that_every_command_reads(tmp_path):
    """`make .env` (the first step of `make run`) writes DEBUG=1 and a fresh key; commands then work."""
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), ".env"]
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    written = (tmp_path / ".env").read_text()
    lines = dict(line.split("=", 1) for line in written.splitlines() if "=" in line)
    assert lines["DEBUG"] == "1"
    assert len(lines["SECRET_KEY"]) >= 50
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    assert (tmp_path / ".env").read_text() == written, "a second run keeps the first key"
    story = tmp_path / "story.txt"
    story.write_text("Harbour wall repair approved\n\nThe council approved it on Tuesday.\n")
    result = run_manage(
        "clean_text", str(story), "--json", env={"ENV_FILE": str(tmp_path / ".env")}
    )
    assert result.returncode == 0, result.stderr
    assert '"headline": "Harbour wall repair approved"' in result.stdout
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_fragments_are_cached_in_production_and_off_while_developing():
    """With DEBUG on, an edited template shows on the next reload: fragments are not cached;
    with it off they are kept an hour, each process in its own memory."""
    show = (
        "from django.conf import settings; "
        "print(settings.NEWSROOM['FRAGMENT_CACHE_SECONDS'], "
        "settings.CACHES['template_fragments']['BACKEND'])"
    )
    developing = run_manage("shell", "-c", show, env={"DEBUG": "1"})
    serving = run_manage("shell", "-c", show, env={"DEBUG": "0", "SECRET_KEY": "x" * 50})
    assert developing.stdout.splitlines()[-1].split()[0] == "0", developing.stderr
    assert serving.stdout.splitlines()[-1].split() == [
        "3600",
        "django.core.cache.backends.locmem.LocMemCache",
    ]

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_manage(*args, env):
    # Only the variables the test names, as on a server (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for their own process).
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
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

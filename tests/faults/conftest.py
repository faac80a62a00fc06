"""The fault suite's servers: started once for the session, stopped at its end.

In CI a missing binary fails the suite; on a developer's machine without
redis-server or PostgreSQL's server binaries it is skipped with the package
to install, like the browser tests.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.faults.stack import Stack, StackUnavailable


@pytest.fixture(scope="session")
def stack():
    from django.conf import settings

    folder = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    try:
        servers = Stack(folder, secret_key=settings.SECRET_KEY)
    except StackUnavailable as missing:
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("CI"):
            pytest.fail(f"The fault tests need their servers in CI: {missing}")
        pytest.skip(str(missing))
    try:
        servers.start()
        yield servers
    finally:
        servers.stop()
        shutil.rmtree(folder, ignore_errors=True)

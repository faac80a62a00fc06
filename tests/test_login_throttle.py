"""Sign-in throttling (django-axes): per username and per client address, saying nothing of
whether an account exists."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"  # the factory's


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 5


def _sign_in(username: str, password: str, ip: str):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def _page(response) -> str:
    return re.sub(r'value="[^"]*"', 'value=""', response.content.decode())


def test_the_right_password_is_refused_after_too_many_wrong_ones():
    """The fifth wrong password for a username locks it: the next try, right or not, is refused."""
    UserFactory(username="edna", groups=["Editors"])
    for n in range(4):
        assert _sign_in("edna", f"guess {n}", "198.51.100.1").status_code == 200
    assert _sign_in("edna", "guess 4", "198.51.100.1").status_code == 429
    refused = _sign_in("edna", PASSWORD, "198.51.100.1")
    assert refused.status_code == 429
    assert "Sign-in is paused" in refused.content.decode()


def test_the_username_is_locked_whatever_address_the_guesses_come_from():
    """Guesses spread over many addresses still lock the username."""
    UserFactory(username="edna", groups=["Editors"])
    for n in range(5):
        _sign_in("edna", f"guess {n}", f"198.51.100.{n + 1}")
    assert _sign_in("edna", PASSWORD, "203.0.113.50").status_code == 429


def test_an_address_is_locked_whatever_usernames_it_tries():
    """One address guessing many usernames is locked out for every account; others are not."""
    UserFactory(username="edna", groups=["Editors"])
    for n in range(5):
        _sign_in(f"user{n}", "guess", "198.51.100.9")
    assert _sign_in("edna", PASSWORD, "198.51.100.9").status_code == 429
    signed_in = _sign_in("edna", PASSWORD, "203.0.113.7")
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/admin/"


def test_the_answers_do_not_say_whether_the_account_exists():
    """Wrong passwords and the lockout read the same for a real and an unknown username."""
    UserFactory(username="edna", groups=["Editors"])
    for n in range(4):
        real = _sign_in("edna", f"guess {n}", f"198.51.100.{n + 1}")
        unknown = _sign_in("ednaa", f"guess {n}", f"203.0.113.{n + 1}")
        assert real.status_code == unknown.status_code == 200
        assert _page(real).replace("edna", "NAME") == _page(unknown).replace("ednaa", "NAME")
    _sign_in("edna", "guess 4", "198.51.100.5")
    _sign_in("ednaa", "guess 4", "203.0.113.5")
    locked_real = _sign_in("edna", PASSWORD, "192.0.2.1")
    locked_unknown = _sign_in("ednaa", PASSWORD, "192.0.2.2")
    assert locked_real.status_code == locked_unknown.status_code == 429
    assert _page(locked_real) == _page(locked_unknown)


def test_a_successful_sign_in_clears_the_count():
    """Four wrong passwords, then the right one: the next mistakes start from zero."""
    UserFactory(username="edna", groups=["Editors"])
    for n in range(4):
        _sign_in("edna", f"guess {n}", "198.51.100.1")
    assert _sign_in("edna", PASSWORD, "198.51.100.1").status_code == 302
    for n in range(4):
        _sign_in("edna", f"guess {n}", "198.51.100.1")
    assert _sign_in("edna", PASSWORD, "198.51.100.1").status_code == 302

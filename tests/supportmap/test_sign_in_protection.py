"""Sign-in protection: a lockout per email address and network address, and a rate limit per
network address that refuses a flood of guesses before any password is hashed.

Every test goes through the real sign-in pages with the Django test client. The password hasher
is the tests' MD5 one, counting its checks, so a test can tell whether a password was checked.
"""

import re
import socket
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.cache import cache
from django.utils import timezone

from tests.supportmap.processes import manage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
PASSWORD = "a long enough password"
HOME = "192.0.2.10"  # the tests' network address: a documentation range
ELSEWHERE = "192.0.2.20"
PROXY = "10.0.0.2"
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


class CountingMD5PasswordHasher(MD5PasswordHasher):
    """The tests' MD5 hasher, counting how many passwords it has checked."""

    checks = 0

    def verify(self, password, encoded):
        type(self).checks += 1
        return super().verify(password, encoded)


@pytest.fixture(autouse=True)
def _counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingMD5PasswordHasher"]
    CountingMD5PasswordHasher.checks = 0


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts(settings):
    # The tests' own in-memory cache, emptied before each test so counts from one never reach the
    # next. Only ever this one: clear() on a Redis cache would empty the whole Redis database, so
    # the tests that point the cache at Redis remove just their own keys.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sign-in-protection-tests",
        }
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _site_wide_limit_out_of_the_way(settings):
    # The site-wide limit has tests of its own, which set it; the others post faster than it allows.
    settings.LOGIN_SITE_RATE_LIMIT = "1000/m"


@pytest.fixture
def lockout_only(settings):
    """The lockout on its own: the rate limit is raised out of the way."""
    settings.LOGIN_RATE_LIMIT = "1000/m"


@pytest.fixture
def rate_limit_only(settings):
    """The rate limit on its own, at 5 a minute: the lockout is raised out of the way."""
    settings.LOGIN_RATE_LIMIT = "5/m"
    settings.AXES_FAILURE_LIMIT = 1000
    return 5


@pytest.fixture
def staff():
    # Staff, so that the right password signs in on the admin's page too.
    return get_user_model().objects.create_user(email="gp@example.org", password=PASSWORD, is_staff=True)


@pytest.fixture
def colleague():
    return get_user_model().objects.create_user(
        email="link.worker@example.org", password=PASSWORD, is_staff=True
    )


def sign_in(client, page, email, password, ip=HOME, **headers):
    return client.post(page, {"username": email, "password": password}, REMOTE_ADDR=ip, **headers)


def fail_until_locked_out(client, page, email, ip=HOME, **headers):
    """Wrong passwords up to the limit: all but the last show the form again; the last locks out."""
    from django.conf import settings

    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, page, email, f"wrong {attempt}", ip, **headers)
        assert response.status_code == 200, f"attempt {attempt + 1} was refused early"
    response = sign_in(client, page, email, "wrong again", ip, **headers)
    assert response.status_code == 429
    return response


def assert_branded_page_without_inline_code(response):
    html = response.content.decode()
    assert "Skip to main content" in html  # base.html's layout
    assert "– SupportMap</title>" in html
    assert "<style" not in html and " style=" not in html
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


# The lockout (django-axes) ---------------------------------------------------------------------


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_wrong_passwords_lock_out_until_the_cool_off_has_passed(client, settings, staff, lockout_only, page):
    with time_machine.travel(NOON, tick=False) as traveller:
        response = fail_until_locked_out(client, page, "gp@example.org")
        checked = CountingMD5PasswordHasher.checks

        # Now even the right password is refused, without being checked.
        response = sign_in(client, page, "gp@example.org", PASSWORD)
        assert response.status_code == 429
        assert CountingMD5PasswordHasher.checks == checked

        traveller.shift(timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES, seconds=1))
        response = sign_in(client, page, "gp@example.org", PASSWORD)
        assert response.status_code == 302


def test_a_try_while_locked_out_starts_the_wait_again(client, settings, staff, lockout_only):
    cool_off = timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES)
    with time_machine.travel(NOON, tick=False) as traveller:
        fail_until_locked_out(client, "/accounts/login/", "gp@example.org")
        traveller.shift(cool_off - timedelta(seconds=1))
        assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD).status_code == 429

        # The first wait is over, but the try a second before it started a new one.
        traveller.shift(timedelta(seconds=2))
        assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD).status_code == 429

        traveller.shift(cool_off + timedelta(seconds=1))
        assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD).status_code == 302


def test_lockout_page_says_in_plain_english_when_to_try_again(client, settings, staff, lockout_only):
    settings.LOGIN_COOLOFF_MINUTES = 15
    with time_machine.travel(NOON, tick=False):
        response = fail_until_locked_out(client, "/accounts/login/", "gp@example.org")
    html = " ".join(response.content.decode().split())
    retry_at = timezone.localtime(NOON + timedelta(minutes=15)).strftime("%H:%M")
    assert response["Retry-After"] == "900"
    assert "Signing in is paused for 15 minutes" in html
    assert f"You can try again in 15 minutes, after <strong>{retry_at}</strong> (UK time)." in html
    assert "If you try before then, the wait starts again." in html
    assert_branded_page_without_inline_code(response)


def test_lockout_is_logged_as_a_warning_naming_the_email_and_address(client, staff, lockout_only, caplog):
    fail_until_locked_out(client, "/accounts/login/", "GP@example.org")
    lockouts = [
        record
        for record in caplog.records
        if record.name.startswith("axes") and "locking out" in record.getMessage().lower()
    ]
    assert len(lockouts) == 1
    assert lockouts[0].levelname == "WARNING"
    assert "gp@example.org" in lockouts[0].getMessage()
    assert HOME in lockouts[0].getMessage()


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_a_colleague_at_the_same_address_can_still_sign_in(client, staff, colleague, lockout_only, page):
    fail_until_locked_out(client, page, "gp@example.org", ip=HOME)
    response = sign_in(client, page, "link.worker@example.org", PASSWORD, ip=HOME)
    assert response.status_code == 302


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_the_same_person_at_another_address_can_still_sign_in(client, staff, lockout_only, page):
    fail_until_locked_out(client, page, "gp@example.org", ip=HOME)
    assert sign_in(client, page, "gp@example.org", PASSWORD, ip=HOME).status_code == 429
    response = sign_in(client, page, "gp@example.org", PASSWORD, ip=ELSEWHERE)
    assert response.status_code == 302


def test_changing_the_case_of_the_email_does_not_buy_more_guesses(client, settings, staff, lockout_only):
    spellings = ["gp@example.org", "GP@example.org", "Gp@Example.org ", " gp@EXAMPLE.ORG"]
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        email = spellings[attempt % len(spellings)]
        assert sign_in(client, "/accounts/login/", email, "wrong").status_code == 200
    assert sign_in(client, "/accounts/login/", "gP@example.org", "wrong").status_code == 429


# The rate limit --------------------------------------------------------------------------------


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_rate_limit_answers_429_without_checking_the_password(client, staff, rate_limit_only, page):
    with time_machine.travel(NOON, tick=False):
        for attempt in range(rate_limit_only):
            assert sign_in(client, page, "gp@example.org", f"wrong {attempt}").status_code == 200
        assert CountingMD5PasswordHasher.checks == rate_limit_only

        refused = [sign_in(client, page, "gp@example.org", password) for password in ("wrong", PASSWORD)]

    assert [response.status_code for response in refused] == [429, 429]
    assert CountingMD5PasswordHasher.checks == rate_limit_only
    response = refused[-1]
    assert 1 <= int(response["Retry-After"]) <= 60
    html = " ".join(response.content.decode().split())
    assert "Too many attempts to sign in" in html
    assert re.search(r"Please wait, then try again in \d+ seconds?\.", html)
    assert_branded_page_without_inline_code(response)


def test_both_sign_in_pages_share_one_allowance(client, staff, rate_limit_only):
    with time_machine.travel(NOON, tick=False):
        for attempt in range(rate_limit_only):
            page = LOGIN_PAGES[attempt % 2]
            assert sign_in(client, page, "gp@example.org", "wrong").status_code == 200
        assert sign_in(client, LOGIN_PAGES[0], "gp@example.org", PASSWORD).status_code == 429
        assert sign_in(client, LOGIN_PAGES[1], "gp@example.org", PASSWORD).status_code == 429
        # Reading the pages is not limited.
        assert client.get(LOGIN_PAGES[0], REMOTE_ADDR=HOME).status_code == 200


def test_rate_limit_counts_one_address_at_a_time(client, staff, rate_limit_only):
    with time_machine.travel(NOON, tick=False):
        for _ in range(rate_limit_only + 1):
            sign_in(client, "/accounts/login/", "gp@example.org", "wrong", ip=HOME)
        assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD, ip=HOME).status_code == 429
        response = sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD, ip=ELSEWHERE)
    assert response.status_code == 302


def test_rate_limit_allows_attempts_again_in_the_next_minute(client, staff, rate_limit_only):
    with time_machine.travel(NOON, tick=False) as traveller:
        for _ in range(rate_limit_only + 1):
            sign_in(client, "/accounts/login/", "gp@example.org", "wrong")
        response = sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD)
        assert response.status_code == 429
        traveller.shift(timedelta(seconds=int(response["Retry-After"]) + 1))
        assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD).status_code == 302


# Behind a proxy --------------------------------------------------------------------------------


def test_behind_the_proxy_each_forwarded_client_has_its_own_allowance(
    client, settings, staff, rate_limit_only
):
    settings.TRUST_X_FORWARDED_FOR = True
    with time_machine.travel(NOON, tick=False):
        for _ in range(rate_limit_only):
            response = sign_in(
                client, "/accounts/login/", "gp@example.org", "wrong", ip=PROXY, HTTP_X_FORWARDED_FOR=HOME
            )
            assert response.status_code == 200
        # What the client wrote before the proxy's own entry changes nothing.
        forged = f"203.0.113.{uuid.uuid4().int % 250}, {HOME}"
        response = sign_in(
            client, "/accounts/login/", "gp@example.org", PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR=forged
        )
        assert response.status_code == 429
        response = sign_in(
            client, "/accounts/login/", "gp@example.org", PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE
        )
        assert response.status_code == 302


def test_behind_the_proxy_the_lockout_follows_the_forwarded_address(client, settings, staff, lockout_only):
    settings.TRUST_X_FORWARDED_FOR = True
    fail_until_locked_out(client, "/accounts/login/", "gp@example.org", ip=PROXY, HTTP_X_FORWARDED_FOR=HOME)
    response = sign_in(
        client, "/accounts/login/", "gp@example.org", PASSWORD, ip=PROXY, HTTP_X_FORWARDED_FOR=ELSEWHERE
    )
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_does_not_escape_the_limit(
    client, settings, staff, rate_limit_only
):
    settings.TRUST_X_FORWARDED_FOR = False
    with time_machine.travel(NOON, tick=False):
        statuses = [
            sign_in(
                client, "/accounts/login/", "gp@example.org", "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
            ).status_code
            for n in range(rate_limit_only + 3)
        ]
    assert statuses == [200] * rate_limit_only + [429] * 3


# The shared cache ------------------------------------------------------------------------------


SHOW_SETTINGS = (
    "from django.conf import settings; from django.core.cache import caches; "
    "print('SETTINGS', type(caches['default']).__name__, settings.AXES_FAILURE_LIMIT, settings.LOGIN_COOLOFF_MINUTES, "
    "settings.LOGIN_RATE_LIMIT, settings.TRUST_X_FORWARDED_FOR, settings.LOGIN_SITE_RATE_LIMIT)"
)


def shown(result):
    # The settings line, among the start-up log lines on the same stdout.
    lines = [line.split()[1:] for line in result.stdout.splitlines() if line.startswith("SETTINGS ")]
    assert len(lines) == 1, result.stdout + result.stderr
    return lines[0]


def test_sign_in_protection_defaults_and_environment_variables():
    result = manage("shell", "-c", SHOW_SETTINGS)
    assert shown(result) == ["LocMemCache", "10", "15", "20/m", "False", "5/5s"], result.stderr
    result = manage(
        "shell",
        "-c",
        SHOW_SETTINGS,
        REDIS_URL="redis://127.0.0.1:6379/0",
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_COOLOFF_MINUTES="30",
        LOGIN_RATE_LIMIT="100/h",
        BEHIND_TLS_PROXY="1",
        LOGIN_SITE_RATE_LIMIT="600/h",
    )
    assert shown(result) == ["RedisCache", "5", "30", "100/h", "True", "600/h"], result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"LOGIN_RATE_LIMIT": "twenty a minute"},
            "LOGIN_RATE_LIMIT='twenty a minute' must be attempts per period",
        ),
        ({"LOGIN_RATE_LIMIT": "20/0m"}, "LOGIN_RATE_LIMIT='20/0m'"),
        ({"LOGIN_SITE_RATE_LIMIT": "lots"}, "LOGIN_SITE_RATE_LIMIT='lots' must be attempts per period"),
        ({"LOGIN_FAILURE_LIMIT": "0"}, "LOGIN_FAILURE_LIMIT=0 must be at least 1"),
        ({"LOGIN_COOLOFF_MINUTES": "soon"}, "LOGIN_COOLOFF_MINUTES='soon' is not a whole number"),
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL='127.0.0.1:6379' must be a Redis URL"),
    ],
)
def test_refuses_to_start_with_bad_sign_in_settings(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def redis_answers(host="127.0.0.1", port=6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def test_rate_limit_counts_in_redis_when_redis_is_configured(client, settings, staff, rate_limit_only):
    if not redis_answers():
        pytest.skip("No Redis answers on 127.0.0.1:6379: the round trip through Redis was not tried.")
    import redis

    # A prefix of this run's own, so nothing else in that Redis is read or removed.
    prefix = f"supportmap-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    server = redis.Redis(host="127.0.0.1", port=6379, db=0)
    try:
        with time_machine.travel(NOON, tick=False):
            statuses = [
                sign_in(client, "/accounts/login/", "gp@example.org", "wrong").status_code
                for _ in range(rate_limit_only + 1)
            ]
        assert statuses == [200] * rate_limit_only + [429]
        # Two counts in Redis: the address's (every attempt) and the site's (those it let through).
        counts = sorted(int(server.get(key)) for key in server.scan_iter(match=f"{prefix}:*"))
        assert counts == [rate_limit_only, rate_limit_only + 1]
    finally:
        for key in server.scan_iter(match=f"{prefix}:*"):
            server.delete(key)
        server.close()


def test_sign_in_still_works_when_redis_is_down(client, settings, staff, caplog):
    # Nothing listens on port 1: the connection is refused at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    assert sign_in(client, "/accounts/login/", "gp@example.org", "wrong").status_code == 200
    assert sign_in(client, "/accounts/login/", "gp@example.org", PASSWORD).status_code == 302
    assert any(
        record.levelname == "ERROR" and "rate limit skipped" in record.getMessage()
        for record in caplog.records
    )


def test_a_flood_from_many_addresses_meets_the_site_wide_limit_before_any_hashing(client, staff, settings):
    settings.LOGIN_RATE_LIMIT = "5/m"
    settings.LOGIN_SITE_RATE_LIMIT = "8/m"
    settings.AXES_FAILURE_LIMIT = 1000
    addresses = [f"198.51.100.{n}" for n in range(1, 11)]
    with time_machine.travel(NOON, tick=False):
        statuses = [sign_in(client, LOGIN_PAGES[0], "gp@example.org", "wrong", ip) for ip in addresses]
        # Each address is well under its own limit; together they reach the site's.
        assert [response.status_code for response in statuses] == [200] * 8 + [429] * 2
        assert CountingMD5PasswordHasher.checks == 8
        refused = sign_in(client, LOGIN_PAGES[1], "gp@example.org", PASSWORD, "203.0.113.5")
    assert refused.status_code == 429
    assert CountingMD5PasswordHasher.checks == 8
    html = " ".join(refused.content.decode().split())
    assert "Very many people have tried to sign in" in html
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert_branded_page_without_inline_code(refused)
    with time_machine.travel(NOON + timedelta(minutes=1, seconds=5), tick=False):
        assert sign_in(client, LOGIN_PAGES[0], "gp@example.org", PASSWORD, "203.0.113.5").status_code == 302


def test_one_address_over_its_own_limit_does_not_spend_the_sites_allowance(client, staff, settings):
    settings.LOGIN_RATE_LIMIT = "3/m"
    settings.LOGIN_SITE_RATE_LIMIT = "5/m"
    settings.AXES_FAILURE_LIMIT = 1000
    with time_machine.travel(NOON, tick=False):
        flood = [sign_in(client, LOGIN_PAGES[0], "x@example.org", "wrong", HOME) for _ in range(20)]
        assert [response.status_code for response in flood].count(429) == 17
        assert "from your network" in flood[-1].content.decode()
        # Everyone else still has the site's other two attempts.
        assert sign_in(client, LOGIN_PAGES[0], "gp@example.org", PASSWORD, ELSEWHERE).status_code == 302

"""Sessions end after SESSION_IDLE_MINUTES idle or SESSION_ABSOLUTE_HOURS in all; cookies are
HttpOnly and SameSite=Lax, and Secure in production."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import sign_in
from tests.supportmap.processes import manage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def signed_in_at_nine(client, user):
    with time_machine.travel(NINE, tick=False):
        response = client.post(
            "/accounts/login/", {"username": user.email, "password": "correct horse battery"}
        )
        assert response.status_code == 302
    return client


def at(minutes, client, path="/accounts/"):
    with time_machine.travel(NINE + timedelta(minutes=minutes), tick=False):
        return client.get(path)


def test_a_session_idle_for_30_minutes_ends_with_a_message(client, public_user):
    signed_in_at_nine(client, public_user)
    assert at(29, client).status_code == 200
    response = at(29 + 30, client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Faccounts%2F"
    with time_machine.travel(NINE + timedelta(minutes=60), tick=False):
        page = client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()
    assert at(61, client)["Location"].startswith("/accounts/login/"), "signed out for good"


def test_activity_keeps_a_session_going_until_the_absolute_limit(client, public_user, settings):
    settings.SESSION_ABSOLUTE_HOURS = 12
    signed_in_at_nine(client, public_user)
    for minute in range(20, 12 * 60, 20):
        assert at(minute, client).status_code == 200, f"at {minute} minutes"
    response = at(12 * 60, client)
    assert response["Location"] == "/accounts/login/?next=%2Faccounts%2F"
    page = client.get(response["Location"])
    assert "signed in more than 12 hours ago" in page.content.decode()


def test_the_limits_come_from_settings(client, public_user, settings):
    settings.SESSION_IDLE_MINUTES = 5
    signed_in_at_nine(client, public_user)
    assert at(4, client).status_code == 200
    assert at(10, client).status_code == 302


def test_an_expired_session_on_a_public_page_signs_out_too(client, public_user):
    signed_in_at_nine(client, public_user)
    response = at(45, client, "/services/")
    assert response.status_code == 302
    assert at(46, client, "/services/").status_code == 200
    assert at(46, client, "/services/").context["user"].is_anonymous


def test_a_session_without_timestamps_starts_its_clock_at_the_next_request(client, public_user):
    sign_in(client, public_user, verified=False)
    session = client.session
    session.pop("signed_in_at", None)
    session.pop("last_seen_at", None)
    session.save()
    with time_machine.travel(NINE, tick=False):
        assert client.get("/accounts/").status_code == 200
    assert at(20, client).status_code == 200
    assert at(20 + 31, client).status_code == 302


def test_session_and_csrf_cookies_are_http_only_and_same_site_lax(client, public_user, settings):
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax" and settings.CSRF_COOKIE_SAMESITE == "Lax"
    assert settings.SESSION_COOKIE_AGE == 12 * 3600, "no longer 14 days"
    response = client.post(
        "/accounts/login/", {"username": public_user.email, "password": "correct horse battery"}
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    csrf = client.get("/accounts/login/").cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"


def test_production_sends_secure_cookies():
    # A production-like process (DEBUG off) renders the sign-in page and prints its Set-Cookie.
    script = (
        "from django.test import Client, override_settings;"
        # Plain static storage: this process has not run collectstatic (the smoke test does).
        "o = override_settings(STORAGES={'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}); o.enable();"
        "r = Client(HTTP_HOST='supportmap.example.org').get('/accounts/login/', secure=True);"
        "print(r.status_code); print(r.cookies['csrftoken'].output());"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SESSION_COOKIE_AGE,"
        " s.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DEBUG="0",
        SECRET_KEY="a production secret key for the tests, long and random enough: 8f3Kq!",
        ALLOWED_HOSTS="supportmap.example.org",
    )
    assert result.returncode == 0, result.stderr
    status, set_cookie, session_settings = result.stdout.strip().splitlines()[-3:]
    assert status == "200"
    assert "; Secure" in set_cookie and "; HttpOnly" in set_cookie and "SameSite=Lax" in set_cookie
    assert session_settings == "True True Lax 43200 True"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
        ({"SESSION_ABSOLUTE_HOURS": "half a day"}, "SESSION_ABSOLUTE_HOURS"),
        ({"SESSION_IDLE_MINUTES": "120", "SESSION_ABSOLUTE_HOURS": "1"}, "must not be longer than"),
    ],
)
def test_bad_session_settings_stop_the_start(env, message):
    result = manage("check", **env)
    assert result.returncode != 0 and message in result.stderr

"""Production, tested like development: collectstatic with DEBUG off, gunicorn, real pages.

In a temporary folder: `collectstatic` with the manifest storage, then gunicorn on a free loopback
port with production settings, against the test database holding the demo data. Every public
page answers, carries the security headers, and names only static files that answer with hashed
names. Then the app's database connection is ended under it, and the next request still works.

PostgreSQL only (the CI's PostgreSQL pass): gunicorn is another process and needs a database it
can share with the test, which pytest-django's in-memory SQLite database is not.
"""

import html
import http.cookies
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.supportmap.processes import database_url

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "supportmap-production-smoke-test"
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")
STATIC_URL = re.compile(r"""(?:src|href)="(/static/[^"]+)\"""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)""")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the production smoke test runs in the PostgreSQL pass (gunicorn needs a shared database)",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(static_root: Path) -> dict:
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT"}
    environ = {key: value for key, value in os.environ.items() if key not in dropped}
    environ.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATIC_ROOT=str(static_root),
        DATABASE_URL=database_url(),
        CONN_MAX_AGE="60",
        BEHIND_TLS_PROXY="1",
        PYTHONUNBUFFERED="1",
        # libpq names the app's connections, so the tests can find them (and only them).
        PGAPPNAME=APP_NAME,
        # The tests sign three people in, each with a password and a second factor, within a few
        # seconds: more than the site-wide default allows (5 every 5 s, tested on its own in
        # test_sign_in_protection). The per-address limit stays at its default.
        LOGIN_SITE_RATE_LIMIT="60/m",
    )
    return environ


class Server:
    def __init__(self, port: int, log: Path):
        self.base = f"http://127.0.0.1:{port}"
        self.log = log

    def get(self, path: str, *, https: bool = True, method: str = "GET", data: bytes | None = None):
        """(status, headers, body) without following redirects."""
        headers = {"X-Forwarded-Proto": "https"} if https else {}
        request = urllib.request.Request(self.base + path, headers=headers, method=method, data=data)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode(errors="replace")

    def log_lines(self) -> list[dict]:
        lines = []
        for line in self.log.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = production_env(tmp / "static")
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
        collected = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--no-input"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert collected.returncode == 0, collected.stderr[-3000:]
        assert (tmp / "static" / "staticfiles.json").is_file()
        port = free_port()
        log = tmp / "gunicorn.log"
        with open(log, "w") as out:
            process = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "supportmap.wsgi",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--access-logfile",
                    "-",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_for(port, process, log)
            yield Server(port, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            # A worker that outlived its master must not keep the test database open.
            end_app_connections()
            call_command("flush", "--no-input", verbosity=0)
            # While Playwright's event loop is open (the browser tests' session), this connection
            # is a context-local one that nothing else closes, and it would keep the test
            # database from being dropped at the end of the run.
            connection.close()


def end_app_connections() -> int:
    """End gunicorn's own database connections, as PostgreSQL does on a restart or failover."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [APP_NAME],
        )
        return cursor.fetchone()[0]


def wait_for(port: int, process, log: Path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not listen on port {port} within 60 s:\n{log.read_text()[-3000:]}")


def public_pages() -> dict[str, int]:
    from directory.models import Organisation, Service

    service = Service.objects.published().order_by("name").first()
    organisation = Organisation.objects.filter(services__in=Service.objects.published()).first()
    self_referral = (
        Service.objects.published()
        .filter(self_referral=True, accepts_supportmap_referrals=True)
        .order_by("name")
        .first()
    )
    return {
        "/": 200,
        "/services/": 200,
        "/services/?q=lonely&postcode=DD4+7AA": 200,
        service.get_absolute_url(): 200,
        organisation.get_absolute_url(): 200,
        "/organisations/": 200,
        "/guide/": 200,
        "/accounts/login/": 200,
        "/accounts/signup/": 200,
        "/accounts/password_reset/": 200,
        "/accounts/two-factor/recovery/": 200,
        "/list-your-service/": 200,
        f"/services/{service.slug}/report/": 200,
        "/shortlist/": 200,
        f"/services/{self_referral.slug}/self-refer/": 200,
        f"/services/{self_referral.slug}/self-refer/sent/": 200,
        "/no/such/page/": 404,
    }


@pytest.mark.django_db(transaction=True)
def test_every_public_page_is_served_with_security_headers_and_hashed_static_files(server):
    static_urls = set()
    for path, status in public_pages().items():
        code, headers, body = server.get(path)
        assert code == status, (path, body[:500])
        assert "<h1" in body, path  # a real page, not a bare "Internal Server Error"
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp, path
        assert headers["Strict-Transport-Security"].startswith("max-age="), path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        assert "camera=()" in headers["Permissions-Policy"], path
        static_urls |= set(STATIC_URL.findall(body))
    assert static_urls, "the pages name no static files"
    for url in sorted(static_urls):
        assert HASHED.search(url), f"{url} is not a hashed name"
        code, headers, body = server.get(url)
        assert code == 200, url
        if url.endswith(".css"):
            # Images a stylesheet names (Leaflet's icons) answer too.
            for ref in CSS_URL.findall(body):
                if not ref.startswith(("data:", "#")):
                    target = urllib.parse.urljoin(url, ref)
                    assert server.get(target)[0] == 200, target


@pytest.mark.django_db(transaction=True)
def test_plain_http_is_redirected_to_https(server):
    code, headers, _ = server.get("/guide/", https=False)
    assert code == 301
    assert headers["Location"].startswith("https://")


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_does_not_fail_the_next_request(server):
    assert server.get("/services/?q=lonely")[0] == 200  # the worker now holds a connection
    assert end_app_connections() >= 1, "the app held no connection to end"
    code, _, body = server.get("/services/?q=lonely")
    assert code == 200, body[:500]


@pytest.mark.django_db(transaction=True)
def test_requests_are_logged_to_stdout_as_json_with_path_and_status(server):
    server.get("/guide/")
    server.get("/no/such/page/")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [line for line in server.log_lines() if line.get("logger") == "supportmap.requests"]
        seen = {(line.get("path"), line.get("status")) for line in lines}
        if {("/guide/", 200), ("/no/such/page/", 404)} <= seen:
            break
        time.sleep(0.2)
    assert ("/guide/", 200) in seen
    assert ("/no/such/page/", 404) in seen
    assert all({"time", "level", "method", "duration_ms"} <= set(line) for line in lines)


@pytest.mark.django_db(transaction=True)
def test_a_form_sent_without_its_security_token_gets_the_branded_page(server):
    code, headers, body = server.get("/accounts/login/", method="POST", data=b"username=a&password=b")
    assert code == 403
    assert "Your form could not be sent" in body
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "<style" not in body and " style=" not in body


class Browser:
    """A visitor with cookies, over the production server (as if through its TLS proxy)."""

    def __init__(self, server: Server):
        self.server = server
        self.cookies: dict[str, str] = {}

    def request(self, path: str, form: dict | None = None):
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://{self.server.base[7:]}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.server.base + path, headers=headers, data=data)
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
                status, reply, body = response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            status, reply, body = error.code, error.headers, error.read().decode()
        for header in reply.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return status, reply, body

    def submit(self, path: str, fields: dict):
        """GET the page, then POST its form with its CSRF token and these fields."""
        _, _, page = self.request(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(path, {"csrfmiddlewaretoken": token, **fields})


def sign_in_with_second_factor(server: Server, email: str) -> Browser:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    browser = Browser(server)
    status, headers, _ = browser.submit(
        "/accounts/login/", {"username": email, "password": "correct horse battery"}
    )
    assert status == 302, headers
    # The password alone reaches no private page: the second factor is asked for first.
    status, headers, _ = browser.request("/my-organisation/")
    assert status == 302 and "/accounts/two-factor/verify/" in headers["Location"]
    device = TOTPDevice.objects.get(user__email=email)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"
    status, _, body = browser.submit("/accounts/two-factor/verify/?next=/accounts/signed-in/", {"code": code})
    assert status == 302, body[:2000]
    return browser


@pytest.mark.django_db(transaction=True)
def test_provider_editor_and_referrer_pages_work_signed_in_with_a_second_factor(server, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import (
        MembershipFactory,
        OrganisationFactory,
        ServiceFactory,
        UserFactory,
        make_referral,
    )

    # Passwords hashed as production checks them (the other tests use a fast hasher).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    # Each test of this module starts from an empty database (the demo data went with the first).
    service = ServiceFactory(name="Smoke Test Befriending", accepts_supportmap_referrals=True)
    provider = UserFactory(email="provider.smoke@example.org")
    MembershipFactory(user=provider, organisation=service.organisation, role="manager")
    editor = UserFactory(email="editor.smoke@example.org", site_role="editor")
    link_workers = OrganisationFactory(name="Smoke Link Workers", is_referrer=True, is_provider=False)
    link_worker = UserFactory(email="link.worker.smoke@example.org")
    MembershipFactory(user=link_worker, organisation=link_workers, role="manager")
    for user in (provider, editor, link_worker):
        TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    referral = make_referral(service=service, referrer=link_worker, referrer_organisation=link_workers)

    browser = sign_in_with_second_factor(server, provider.email)
    pages = {
        "/my-organisation/": service.organisation.name,
        f"/my-organisation/services/{service.slug}/edit/": service.name,
        f"/my-organisation/{service.organisation.slug}/members/": provider.email,
        "/accounts/": provider.email,
        "/referrals/inbox/": referral.reference,
        f"/referrals/{referral.uuid}/": referral.person.name,
    }
    for path, text in pages.items():
        status, headers, body = browser.request(path)
        assert status == 200, (path, status, body[:500])
        assert text in html.unescape(body), path
        assert "unsafe-inline" not in headers["Content-Security-Policy"]

    browser = sign_in_with_second_factor(server, editor.email)
    for path in (
        "/review/",
        "/review/problems/",
        "/review/claims/",
        f"/review/services/{service.slug}/history/",
    ):
        status, _, body = browser.request(path)
        assert status == 200, (path, status, body[:500])

    # The referrer's side: My referrals, the referral, the person's record, the referral form.
    browser = sign_in_with_second_factor(server, link_worker.email)
    for path, text in {
        "/referrals/": referral.reference,
        f"/referrals/{referral.uuid}/": referral.person.name,
        f"/people/{referral.person.uuid}/": referral.person.name,
        f"/services/{service.slug}/refer/": "not for crises",
        "/referrals/signposting/": "Signposting",
    }.items():
        status, headers, body = browser.request(path)
        assert status == 200, (path, status, body[:500])
        assert text in html.unescape(body), path
        assert "no-store" in headers["Cache-Control"] or "no-cache" in headers["Cache-Control"], path

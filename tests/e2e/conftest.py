"""Real Chromium (Debian's package) driven by Playwright, against pytest-django's live server.

Playwright cannot download its own browser here, so we point it at the system's Chromium. Where
none is found the browser tests skip with a clear message, except under CI, where they fail.
"""

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        message = "No Chromium found: install Debian's chromium package or set CHROMIUM_PATH."
        if os.environ.get("CI"):
            pytest.fail(message + " Browser tests must run in CI.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own database access is
    # still synchronous and safe, so Django's async guard is lifted while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# A phone's screen, in CSS pixels (an iPhone 12 to 15).
PHONE = {"width": 390, "height": 844}


def _pages(browser, **options):
    """A page in a fresh browser context with these options, closed after the test."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def page(browser):
    yield from _pages(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def page_without_js(browser):
    yield from _pages(browser, java_script_enabled=False)


@pytest.fixture
def phone(browser):
    yield from _pages(browser, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def phone_without_js(browser):
    yield from _pages(browser, viewport=PHONE, is_mobile=True, java_script_enabled=False)


@pytest.fixture
def demo_site(live_server, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    return live_server


def sign_in_browser(page, live_server, user, *, verified: bool = True):
    """Give the browser a signed-in session for `user` (verified: with the second factor given)."""
    from django.conf import settings
    from django.test import Client

    from tests.factories import sign_in

    client = sign_in(Client(), user, verified=verified)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page

"""axe-core in real Chromium: no serious or critical WCAG 2.2 AA violations on the public pages."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from directory.models import Organisation, Service

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def serious_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_public_pages_have_no_serious_accessibility_violations(demo_site, page):
    service = Service.objects.published().filter(peer_led=True).first()
    organisation = Organisation.objects.with_published_services().first()
    paths = [
        "/",
        "/services/",
        "/services/?element=friendship&structure=informal&peer_led=1",
        "/services/?element=nonsense",
        "/services/?element=meaning&structure=close&mode=text_chat&q=zzzz",
        "/services/?q=berevement+group&postcode=DD4+7AA",
        "/services/?q=lonley",
        "/services/?postcode=ZZ9&radius=5000",
        "/services/?postcode=DD4&audience=carers&day=monday&sort=distance",
        "/services/?page=99",
        f"/services/{service.slug}/",
        f"/organisations/{organisation.slug}/",
        "/organisations/",
        "/guide/",
        "/accounts/login/",
        "/no-such-page/",
    ]
    problems = {}
    for path in paths:
        page.goto(demo_site.url + path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_pages_raise_no_content_security_policy_violations(demo_site, page):
    reports = []
    page.on(
        "console",
        lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None,
    )
    service = Service.objects.published().first()
    for path in ["/", "/services/", f"/services/{service.slug}/", "/guide/"]:
        page.goto(demo_site.url + path)
        page.wait_for_load_state("networkidle")
    assert reports == []


def test_a_search_that_matches_more_than_it_shows_is_accessible(demo_site, page, settings):
    settings.SEARCH_RESULT_CAP = 20  # the demo data has 91 services; most searches now say "more than"
    page.goto(demo_site.url + "/services/?q=support&page=1")
    assert "of more than 20 services" in page.locator(".results-count").inner_text()
    assert page.locator(".results-capped").is_visible()
    assert "+" in page.locator(".facet-count").first.inner_text()
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "capped.png"), full_page=True)
    assert serious_violations(page) == []
    page.goto(demo_site.url + "/services/?q=support&page=2")
    assert "add words, a postcode or a filter" in page.content()
    assert serious_violations(page) == []


def sign_in_by_keyboard(page, url, email, password):
    page.goto(url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()


def test_sign_in_refusals_are_accessible_pages(demo_site, page, settings):
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_RATE_LIMIT = "2/m"
    login = demo_site.url + "/accounts/login/"
    for attempt in range(2):
        sign_in_by_keyboard(page, login, "someone@example.org", f"wrong {attempt}")
        assert page.locator("h1").inner_text() != "Too many attempts to sign in"
    sign_in_by_keyboard(page, login, "someone@example.org", "wrong again")
    assert page.locator("h1").inner_text() == "Too many attempts to sign in"
    assert serious_violations(page) == []

    # A form whose security cookie has gone (an old tab, blocked cookies) gets the branded page.
    cache.clear()
    page.goto(login)
    page.context.clear_cookies()
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password").fill("anything at all")
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your form could not be sent"
    assert serious_violations(page) == []
    cache.clear()

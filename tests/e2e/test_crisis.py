"""In real Chromium, with and without JavaScript: a search that suggests a risk opens with the
crisis lines, above the results, and an htmx update (ticking a filter) keeps them there."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WORDS = "I don’t want to be here anymore"


def checkbox(page, label):
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \("))


def assert_crisis_lines_come_first(page):
    box = page.get_by_role("region", name="If you need help now")
    expect(box).to_be_visible()
    expect(box.get_by_role("link", name="116 123")).to_have_attribute("href", "tel:116123")
    expect(box.get_by_role("link", name="0800 83 85 87")).to_have_attribute("href", "tel:0800838587")
    expect(box).to_contain_text("Childline")
    top = box.bounding_box()["y"]
    assert top < page.locator(".results-count").bounding_box()["y"]
    cards = page.locator("article.service-card")
    if cards.count():
        assert top < cards.first.bounding_box()["y"]
    # First in reading order after the search box: before the filters' first checkbox.
    assert page.evaluate(
        "document.querySelector('#crisis-help').compareDocumentPosition("
        "document.querySelector('.filters input')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


def test_crisis_words_bring_the_crisis_lines_first_and_a_filter_update_keeps_them(demo_site, page):
    page.goto(demo_site.url + "/services/")
    expect(page.locator("#crisis-help")).to_have_count(0)
    page.evaluate("window.notReloaded = true")
    page.get_by_label("What are you looking for?").fill(WORDS)
    page.get_by_label("What are you looking for?").press("Enter")
    expect(page).to_have_url(re.compile(r"q=I"))
    assert_crisis_lines_come_first(page)
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["SCREENSHOT_DIR"], "crisis.png"), full_page=True)
    assert serious_violations(page) == []

    page.evaluate("document.getElementById('service-search').dataset.old = 'yes'")
    checkbox(page, "Emotional support").check()
    expect(page).to_have_url(re.compile(r"element=emotional"))
    expect(page.locator("#service-search[data-old]")).to_have_count(0)  # the server's new form
    assert page.evaluate("window.notReloaded === true"), "the page reloaded"
    assert_crisis_lines_come_first(page)

    page.get_by_label("What are you looking for?").fill("walking group")
    page.get_by_label("What are you looking for?").press("Enter")
    expect(page).to_have_url(re.compile(r"q=walking"))
    expect(page.locator("#crisis-help")).to_have_count(0)


def test_the_crisis_lines_come_first_without_javascript(demo_site, page_without_js):
    page = page_without_js
    page.goto(demo_site.url + "/services/")
    page.get_by_label("What are you looking for?").fill("self-harm")
    page.get_by_role("button", name="Search", exact=True).click()
    assert_crisis_lines_come_first(page)
    checkbox(page, "Emotional support").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"element=emotional"))
    assert_crisis_lines_come_first(page)

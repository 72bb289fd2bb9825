"""A person finds support in real Chromium: by element, by text and postcode, by keyboard, and
with JavaScript off. With JavaScript on, filters update the results without reloading the page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def checkbox(page, label):
    # Labels end with the option's count, e.g. "Informal (12 services)".
    return page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \("))


def mark_page(page):
    """Set a flag on this document: it survives htmx swaps, and is gone after a full reload."""
    page.evaluate("window.notReloaded = true")


def assert_not_reloaded(page):
    assert page.evaluate("window.notReloaded === true"), "the page reloaded"


def test_home_to_list_to_filter_by_element_to_service_page(demo_site, page):
    page.goto(demo_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find social support near you")
    page.get_by_role("link", name="Find support").click()
    expect(page).to_have_url(re.compile(r"/services/$"))
    everything = page.locator(".results-count").inner_text()
    mark_page(page)

    checkbox(page, "Friendship and peer support").check()
    expect(page).to_have_url(re.compile(r"element=friendship"))
    checkbox(page, "Peer-led (run by people with lived experience)").check()
    expect(page).to_have_url(re.compile(r"peer_led=1"))
    assert_not_reloaded(page)
    expect(checkbox(page, "Friendship and peer support")).to_be_checked()
    expect(page.locator(".results-count")).not_to_have_text(everything)
    cards = page.locator("article.service-card")
    assert cards.count() >= 1
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("Friendship and peer support")
        expect(cards.nth(index)).to_contain_text("Peer-led")

    first = cards.first.get_by_role("link")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("heading", name="Safeguards")).to_be_visible()


def test_text_and_postcode_search_then_a_filter_updates_without_reload(demo_site, page):
    page.goto(demo_site.url + "/services/")
    mark_page(page)
    page.get_by_label("What are you looking for?").fill("berevement group")
    page.get_by_label("Near postcode").fill("DD4 7AA")
    page.get_by_label("Near postcode").press("Enter")

    expect(page.locator(".did-you-mean")).to_contain_text("Showing results for “bereavement group”")
    expect(page).to_have_url(re.compile(r"q=berevement(\+|%20)group.*postcode=DD4(\+|%20)7AA"))
    expect(page.locator("article.service-card").first).to_contain_text("0.5 miles (0.7 km) away")
    before = page.locator(".results-count").inner_text()
    page.evaluate("document.getElementById('service-search').dataset.old = 'yes'")

    peer_led = "Peer-led (run by people with lived experience)"
    checkbox(page, peer_led).check()
    expect(page).to_have_url(re.compile(r"peer_led=1"))
    expect(page.locator("#service-search[data-old]")).to_have_count(0)  # the server's new results
    expect(checkbox(page, peer_led)).to_be_checked()
    for card in page.locator("article.service-card").all():
        expect(card).to_contain_text("Peer-led")
    assert_not_reloaded(page)
    expect(page.locator("#results-map")).to_be_visible()

    page.go_back()
    expect(page).not_to_have_url(re.compile(r"peer_led"))
    expect(checkbox(page, peer_led)).not_to_be_checked()
    expect(page.locator(".results-count")).to_have_text(before)


def test_the_same_search_works_without_javascript(demo_site, page_without_js):
    page = page_without_js
    page.goto(demo_site.url + "/services/")
    page.get_by_label("What are you looking for?").fill("berevement group")
    page.get_by_label("Near postcode").fill("DD4 7AA")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".did-you-mean")).to_contain_text("Showing results for “bereavement group”")
    checkbox(page, "Peer-led (run by people with lived experience)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"peer_led=1"))
    expect(checkbox(page, "Peer-led (run by people with lived experience)")).to_be_checked()
    for card in page.locator("article.service-card").all():
        expect(card).to_contain_text("Peer-led")
    expect(page.locator("#results-map")).to_be_hidden()
    page.locator("article.service-card a").first.click()
    expect(page.get_by_role("heading", name="Safeguards")).to_be_visible()


def test_filtering_works_by_keyboard_alone(demo_site, page):
    page.goto(demo_site.url + "/services/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")

    box = checkbox(page, "Emotional support")
    box.focus()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"element=emotional"))
    expect(checkbox(page, "Emotional support")).to_be_checked()
    expect(checkbox(page, "Emotional support")).to_be_focused()

    link = page.locator("article.service-card a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="The kind of support it offers")).to_be_visible()
    expect(page.locator(".service-detail")).to_contain_text("Emotional support")

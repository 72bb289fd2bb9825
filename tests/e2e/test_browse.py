"""A person finds a peer-led group by element and reads its safeguards, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_to_list_to_filter_by_element_to_service_page(demo_site, page):
    page.goto(demo_site.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find social support near you")

    page.get_by_role("link", name="Find support").click()
    expect(page).to_have_url(re.compile(r"/services/$"))
    everything = page.locator(".results-count").inner_text()

    page.get_by_role("checkbox", name="Friendship and peer support").check()
    page.get_by_role("checkbox", name=re.compile("Peer-led only")).check()
    page.get_by_role("button", name="Show services").click()

    expect(page).to_have_url(re.compile(r"element=friendship"))
    expect(page).to_have_url(re.compile(r"peer_led=1"))
    expect(page.get_by_role("checkbox", name="Friendship and peer support")).to_be_checked()
    narrowed = page.locator(".results-count").inner_text()
    assert narrowed != everything
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
    expect(page.get_by_text("Peer-led", exact=True)).to_be_visible()


def test_filtering_works_by_keyboard_alone(demo_site, page):
    page.goto(demo_site.url + "/services/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")

    checkbox = page.get_by_role("checkbox", name="Emotional support")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Show services").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"element=emotional"))

    link = page.locator("article.service-card a").first
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="The kind of support it offers")).to_be_visible()
    expect(page.locator(".service-detail")).to_contain_text("Emotional support")


def test_the_same_journey_works_without_javascript(demo_site, page_without_js):
    page = page_without_js
    page.goto(demo_site.url + "/")
    page.get_by_role("link", name="Constructing meaning").click()
    expect(page).to_have_url(re.compile(r"element=meaning"))
    expect(page.get_by_role("checkbox", name="Constructing meaning")).to_be_checked()
    page.get_by_role("checkbox", name="Informal").check()
    page.get_by_role("button", name="Show services").click()
    expect(page).to_have_url(re.compile(r"structure=informal"))
    page.locator("article.service-card a").first.click()
    expect(page.get_by_role("heading", name="Safeguards")).to_be_visible()

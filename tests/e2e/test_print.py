"""Printing a results page, in real Chromium with print media emulated: the date, the search in
plain words, and each service with how to get it and whom to contact; no form, filters, sort,
map, pagination, hints or navigation; the crisis lines kept."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Enough services for a second page, so that pagination is there to be hidden.
MANY = "/services/?postcode=DD4+7AA&radius=25&element=friendship&element=emotional&sort=distance"


def screenshot(page, name):
    """The whole page, and its top and bottom at full size, to look at by eye."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    page.screenshot(path=os.path.join(folder, name), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    for part, top in (("top", 0), ("bottom", max(height - 900, 0))):
        page.screenshot(
            path=os.path.join(folder, name.replace(".png", f"-{part}.png")),
            full_page=True,
            clip={"x": 0, "y": top, "width": 1280, "height": min(900, height)},
        )


def test_a_printed_results_page_keeps_the_results_and_leaves_out_the_controls(demo_site, page):
    page.goto(demo_site.url + MANY)
    controls = [
        page.get_by_role("link", name="Skip to main content"),
        page.get_by_role("navigation", name="Main"),
        page.get_by_label("What are you looking for?"),
        page.get_by_label("Near postcode"),
        page.get_by_role("button", name="Search", exact=True),
        page.get_by_role("heading", name="Narrow your results"),
        page.get_by_role("button", name="Apply filters"),
        page.get_by_label("Sort by"),
        page.locator("#results-map"),
        page.get_by_role("navigation", name="Pages of results"),
    ]
    expect(page.locator("#results-map")).to_be_visible()  # drawn by the script on screen
    for control in controls[2:]:
        expect(control).to_be_visible()
    expect(page.locator(".print-summary")).to_be_hidden()
    expect(page.locator(".service-print-details").first).to_be_hidden()

    page.emulate_media(media="print")
    screenshot(page, "print.png")
    for control in controls:
        expect(control).to_be_hidden()
    expect(page.locator(".site-footer .site-about")).to_be_hidden()

    summary = page.locator(".print-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(re.compile(r"This list was made on \d{1,2} [A-Z][a-z]+ \d{4}\."))
    expect(summary).to_contain_text("Within 15.5 miles (25 km) of DD4 7AA, or covering it")
    expect(summary).to_contain_text("Kind of support: Friendship and peer support, Emotional support")
    expect(summary).to_contain_text("Order: Nearest first")
    expect(page.locator(".results-count")).to_be_visible()

    cards = page.locator("article.service-card")
    assert cards.count() == 20
    for index in range(cards.count()):
        card = cards.nth(index)
        expect(card.locator(".card-title")).to_be_visible()
        expect(card.locator(".card-text")).to_be_visible()
        expect(card.locator(".place")).to_have_text(
            re.compile(r"miles? \(\d+(\.\d)? km\) away|Covers your area|National")
        )
        details = card.locator(".service-print-details")
        expect(details).to_be_visible()
        expect(details).to_contain_text("How to get this support:")
        expect(details).to_contain_text(re.compile(r"Contact: \S"))
    expect(page.locator(".site-footer .crisis-lines")).to_be_visible()
    expect(page.locator(".site-footer .crisis-lines")).to_contain_text("116 123")
    assert serious_violations(page) == []


def test_a_printed_corrected_search_says_what_was_typed_and_leaves_out_the_hint(demo_site, page):
    page.goto(demo_site.url + "/services/?q=berevement+group&postcode=DD4+7AA")
    expect(page.locator(".did-you-mean")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".did-you-mean")).to_be_hidden()
    expect(page.locator(".print-summary")).to_contain_text(
        "“bereavement group” (you typed “berevement group”, which matched nothing)"
    )


def test_a_printed_crisis_search_keeps_the_crisis_lines_first(demo_site, page):
    page.goto(demo_site.url + "/services/?q=self-harm")
    page.emulate_media(media="print")
    box = page.get_by_role("region", name="If you need help now")
    expect(box).to_be_visible()
    expect(box).to_contain_text("Samaritans on 116 123")
    assert box.bounding_box()["y"] < page.locator(".results-count").bounding_box()["y"]
    screenshot(page, "print-crisis.png")
    assert serious_violations(page) == []

"""On a phone (390 × 844 in real Chromium): the results come before the filters, which open from a
"Filters (n)" disclosure that works with JavaScript on and off; a service page says how to get the
support and whom to contact straight after its summary. Map pins open a popup by keyboard too.
Each new state is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from directory.models import Service
from tests.e2e.conftest import PHONE
from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEARCH = "/services/?q=group&postcode=DD4+7AA"


def top_of(page, selector: str) -> float:
    """Where an element starts, in CSS pixels from the top of the page (not of the viewport)."""
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def filters_toggle(page):
    return page.locator("#filters-toggle")


def a_filter(page):
    return page.get_by_role(
        "checkbox", name=re.compile(r"^Peer-led \(run by people with lived experience\) \(")
    )


def test_the_first_result_is_on_the_first_screen_of_a_phone(demo_site, phone):
    phone.goto(demo_site.url + SEARCH)
    first = phone.locator("article.service-card").first
    top = top_of(phone, "article.service-card")
    print(f"first result's top at 390 x 844: {top:.0f} px")
    # Its name, at least, can be read without scrolling: the filters are folded away above it.
    name_bottom = first.locator(".card-title").evaluate(
        "e => e.getBoundingClientRect().bottom + window.scrollY"
    )
    assert name_bottom <= PHONE["height"]
    expect(a_filter(phone)).to_be_hidden()
    expect(filters_toggle(phone)).to_be_visible()
    expect(filters_toggle(phone)).to_have_text(re.compile(r"^\s*Filters \(0\)"))


def test_the_filters_button_counts_the_filters_applied(demo_site, phone):
    phone.goto(
        demo_site.url
        + "/services/?q=group&element=friendship&element=emotional&peer_led=1&audience=carers&free=1&day=monday"
    )
    expect(filters_toggle(phone)).to_have_text(re.compile(r"^\s*Filters \(6\)"))
    # Words, place, distance and order are the search itself, not filters.
    phone.goto(
        demo_site.url + "/services/?q=group&postcode=DD4+7AA&radius=25&sort=distance&structure=informal"
    )
    expect(filters_toggle(phone)).to_have_text(re.compile(r"^\s*Filters \(1\)"))


def test_the_filters_open_and_apply_without_javascript_on_a_phone(demo_site, phone_without_js):
    page = phone_without_js
    page.goto(demo_site.url + SEARCH)
    expect(a_filter(page)).to_be_hidden()
    filters_toggle(page).click()
    expect(a_filter(page)).to_be_visible()
    a_filter(page).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"peer_led=1"))
    expect(filters_toggle(page)).to_have_text(re.compile(r"^\s*Filters \(1\)"))
    for card in page.locator("article.service-card").all():
        expect(card).to_contain_text("Peer-led")
    assert top_of(page, "article.service-card") < PHONE["height"]


def test_the_filters_open_by_keyboard_and_stay_open_while_filtering(demo_site, phone):
    phone.goto(demo_site.url + SEARCH)
    # Focus order: the search button, then the filters button, then (when open) the filters.
    phone.get_by_role("button", name="Search", exact=True).focus()
    phone.keyboard.press("Tab")
    expect(filters_toggle(phone)).to_be_focused()
    phone.keyboard.press("Enter")
    expect(a_filter(phone)).to_be_visible()
    phone.keyboard.press("Space")
    expect(a_filter(phone)).to_be_hidden()
    phone.keyboard.press("Space")
    expect(a_filter(phone)).to_be_visible()
    phone.keyboard.press("Tab")
    expect(phone.locator(".filters input[type=checkbox]").first).to_be_focused()

    a_filter(phone).focus()
    phone.keyboard.press("Space")  # htmx swaps the whole form for the server's new one
    expect(phone).to_have_url(re.compile(r"peer_led=1"))
    expect(filters_toggle(phone)).to_have_text(re.compile(r"^\s*Filters \(1\)"))
    expect(a_filter(phone)).to_be_visible()
    expect(a_filter(phone)).to_be_checked()
    expect(a_filter(phone)).to_be_focused()
    assert serious_violations(phone) == []


def test_on_a_wide_screen_the_filters_stay_beside_the_results(demo_site, page):
    page.goto(demo_site.url + SEARCH)
    expect(a_filter(page)).to_be_visible()
    expect(filters_toggle(page)).to_be_hidden()
    filters = page.locator(".filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]


def test_the_filters_stay_beside_the_results_on_a_wide_screen_without_javascript(demo_site, page_without_js):
    page_without_js.set_viewport_size({"width": 1280, "height": 900})
    page_without_js.goto(demo_site.url + SEARCH)
    expect(a_filter(page_without_js)).to_be_visible()


def test_a_service_page_on_a_phone_says_how_to_get_the_support_after_its_summary(demo_site, phone):
    service = Service.objects.published().exclude(phone="").first()
    phone.goto(demo_site.url + service.get_absolute_url())
    summary = top_of(phone, ".service-detail .lead")
    access = top_of(phone, "#access-heading")
    contact = top_of(phone, "#contact-heading")
    about = top_of(phone, "#about-heading")
    print(
        f"service page at 390 x 844: summary {summary:.0f}, access {access:.0f}, contact {contact:.0f}, about {about:.0f} px"
    )
    assert summary < access < contact < about
    # Nothing of the listing's longer text comes between the summary and how to get the support.
    between = phone.locator(".service-detail .lead ~ * h2").first
    expect(between).to_have_attribute("id", "access-heading")
    expect(phone.locator("#access-details")).to_contain_text("Cost")
    expect(phone.get_by_role("link", name=service.phone)).to_be_visible()
    assert contact < 2 * PHONE["height"]
    assert serious_violations(phone) == []


def test_a_map_pin_opens_a_popup_by_keyboard_with_a_link_to_the_service(demo_site, page):
    page.goto(demo_site.url + SEARCH)
    expect(page.locator("#results-map")).to_be_visible()
    pin = page.locator("#results-map img.leaflet-marker-icon").first  # a pin of one service
    name = pin.get_attribute("alt")
    pin.focus()
    expect(pin).to_be_focused()
    page.keyboard.press("Enter")
    popup = page.locator("#results-map .leaflet-popup")
    expect(popup).to_be_visible()
    link = popup.get_by_role("link", name=name, exact=True)
    expect(link).to_be_focused()  # straight into the popup, rather than through every other pin
    # Once it has faded in: halfway through, its text is paler than it will be.
    expect(popup).to_have_css("opacity", "1")
    assert serious_violations(page) == []

    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(pin).to_be_focused()

    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def open_popup_links(page, pin) -> list[str]:
    pin.focus()
    page.keyboard.press("Enter")
    links = page.locator("#results-map .leaflet-popup-content a")
    expect(links.first).to_be_focused()
    names = links.all_inner_texts()
    assert all(href.startswith("/services/") for href in [a.get_attribute("href") for a in links.all()])
    page.keyboard.press("Escape")
    return names


def test_the_pins_show_every_mapped_service_once_and_none_overlaps(demo_site, page):
    """Services close together share a pin listing them all: each pin is a target of its own."""
    page.goto(demo_site.url + SEARCH)
    expect(page.locator("#results-map")).to_be_visible()
    pins = page.locator("#results-map .leaflet-marker-icon")
    mapped = page.locator("article.service-card[data-lat]").evaluate_all(
        "cards => cards.map(c => c.dataset.name)"
    )
    assert page.locator("article.service-card").count() >= len(mapped) > 1
    shown = []
    for pin in pins.all():
        shown += open_popup_links(page, pin)
    assert sorted(shown) == sorted(mapped)
    assert page.locator("#results-map .map-pin-group").count() >= 1  # the demo data has neighbours
    boxes = [pin.bounding_box() for pin in pins.all()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, f"pins overlap: {a} {b}"
    pins.first.click()
    expect(page.locator("#results-map .leaflet-popup a").first).to_be_visible()


def test_distances_are_shown_in_miles_with_kilometres_beside_them(demo_site, phone):
    phone.goto(demo_site.url + "/services/?q=berevement+group&postcode=DD4+7AA")
    expect(phone.locator("article.service-card .place").first).to_have_text(
        re.compile(r"^\d+(\.\d)? miles? \(\d+(\.\d)? km\) away$")
    )
    expect(phone.locator(".results-count")).to_contain_text("6.2 miles (10 km)")

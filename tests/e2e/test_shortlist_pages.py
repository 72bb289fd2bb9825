"""The shortlist and signposting pages in real Chromium: axe-core clean (empty and full, the form
with its errors, the list), adding from search results by keyboard with and without JavaScript,
and the shortlist printed on A4 with print media emulated."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import LocationFactory, OpeningTimeFactory, OrganisationFactory, ServiceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def walks(db):
    organisation = OrganisationFactory(name="Hilltown Walkers", phone="01382 111222")
    services = []
    for number, name in enumerate(["Hilltown Health Walks", "Riverside Walking Group", "Law Hill Walkers"]):
        service = ServiceFactory(
            organisation=organisation,
            name=name,
            summary="Gentle walks with a cuppa after.",
            phone=f"01382 33344{number}",
            website=f"https://walkers.example.org/{number}",
            self_referral=True,
            accepts_supportmap_referrals=number == 0,
            locations=[LocationFactory(organisation=organisation)],
        )
        OpeningTimeFactory(service=service)
        services.append(service)
    return services


def screenshot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_the_empty_shortlist_is_accessible(live_server, page, db):
    page.goto(live_server.url + "/shortlist/")
    expect(page.get_by_text("Your shortlist is empty.")).to_be_visible()
    assert serious_violations(page) == []


def test_a_service_is_added_from_search_results_by_keyboard(live_server, page, walks):
    # Bootstrap fades a button's colours over 0.15 s; on a busy machine axe can sample them half
    # way (a contrast no one reads). Without motion, the colours axe checks are the final ones.
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/services/?q=walk")
    button = page.get_by_role("button", name="Add Riverside Walking Group to shortlist")
    button.focus()
    page.keyboard.press("Enter")
    remove = page.get_by_role("button", name="Remove Riverside Walking Group from shortlist")
    expect(remove).to_be_focused()
    expect(page.locator(f"#shortlist-status-{walks[1].pk}")).to_contain_text(
        "Riverside Walking Group is on your shortlist."
    )
    assert page.url.endswith("/services/?q=walk")  # the address bar still shows the search
    # The other cards' buttons still work: the search form was not broken by a form inside it.
    page.get_by_role("button", name="Add Law Hill Walkers to shortlist").press("Enter")
    expect(page.get_by_role("button", name="Remove Law Hill Walkers from shortlist")).to_be_focused()
    # The navigation's count follows, without a reload.
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Shortlist 2 services on it")
    ).to_be_visible()
    page.get_by_role("button", name="Remove Law Hill Walkers from shortlist").press("Enter")
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Shortlist 1 service on it")
    ).to_be_visible()
    assert serious_violations(page) == []

    page.goto(live_server.url + "/shortlist/")
    expect(page.get_by_role("heading", name="Riverside Walking Group")).to_be_visible()


def test_without_javascript_adding_comes_back_to_the_same_result(live_server, page_without_js, walks):
    page = page_without_js
    page.goto(live_server.url + "/services/?q=walk")
    page.get_by_role("button", name="Add Law Hill Walkers to shortlist").press("Enter")
    page.wait_for_url(re.compile(r"/services/\?q=walk"))
    expect(
        page.get_by_role("status").filter(has_text="Law Hill Walkers is on your shortlist.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Remove Law Hill Walkers from shortlist")).to_be_visible()


def test_the_full_shortlist_is_accessible_and_prints_cleanly(live_server, page, walks, link_worker):
    sign_in_browser(page, live_server, link_worker)
    for service in walks:
        page.goto(live_server.url + service.get_absolute_url())
        page.get_by_role("button", name="Add to shortlist").click()
        expect(page.get_by_role("button", name=re.compile("Remove"))).to_be_visible()
    page.goto(live_server.url + "/shortlist/")
    expect(page.get_by_role("link", name="Refer to these services")).to_be_visible()
    expect(page.get_by_role("button", name="Print the shortlist")).to_be_visible()  # shown by the script
    expect(page.get_by_role("button", name="Copy the text")).to_be_visible()  # shown by copy.js
    assert serious_violations(page) == []

    # The email form with an error: summary at the top, the message by the field, the input kept.
    page.get_by_label("Email address").fill("pat at example")
    page.get_by_role("button", name="Send the shortlist").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Email address")).to_have_value("pat at example")
    assert serious_violations(page) == []

    page.emulate_media(media="print")
    screenshot(page, "shortlist-print.png")
    for hidden in [
        page.get_by_role("navigation", name="Main"),
        page.get_by_role("button", name=re.compile("Remove")).first,
        page.get_by_role("button", name="Clear the shortlist"),
        page.get_by_role("link", name="Refer to these services"),
        page.locator("#shortlist-sms"),
        page.locator(".shortlist-email"),
    ]:
        expect(hidden).to_be_hidden()
    expect(page.get_by_text(re.compile(r"Printed from .* on \d{1,2} [A-Z][a-z]+ \d{4}\."))).to_be_visible()
    cards = page.locator(".shortlist-service")
    assert cards.count() == 3
    for index in range(3):
        card = cards.nth(index)
        expect(card.locator("h2")).to_be_visible()
        expect(card).to_contain_text("Phone")
        expect(card.locator(".shortlist-service-link")).to_contain_text(live_server.url + "/services/")
        assert card.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    website = cards.first.locator("a[href^='https://walkers.example.org']")
    assert website.evaluate("el => getComputedStyle(el, '::after').content") == "none"
    expect(page.locator(".site-footer .crisis-lines")).to_be_visible()


def test_the_signposting_form_and_list_are_accessible(live_server, page, walks, link_worker):
    sign_in_browser(page, live_server, link_worker)
    page.goto(live_server.url + f"/referrals/signposting/new/?services={walks[0].slug},{walks[1].slug}")
    expect(page.get_by_role("group", name="Services you told the person about")).to_be_visible()
    assert serious_violations(page) == []

    for name in ["Friendship and peer support"]:
        page.get_by_role("checkbox", name=name).uncheck()
    page.get_by_role("button", name="Record signposting").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert serious_violations(page) == []

    page.get_by_role("checkbox", name="Practical advice").check()
    page.get_by_label("Note (optional)").fill("Told them at the clinic.")
    page.get_by_role("button", name="Record signposting").click()
    page.wait_for_url(re.compile(r"/referrals/signposting/\?organisation="))
    expect(page.get_by_text("Told them at the clinic.")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(live_server.url + "/referrals/signposting/new/")
    expect(page.get_by_text("Choose the services first.")).to_be_visible()
    assert serious_violations(page) == []

"""axe-core in real Chromium on every page of the provider area, including its form-error states."""

import pytest

from directory import listings
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def listed(provider_a, manager_a, staff_a):
    hall = LocationFactory(organisation=provider_a, name="Church Hall")
    service = ServiceFactory(
        organisation=provider_a, name="Walk and Talk", slug="walk-and-talk", locations=[hall]
    )
    OpeningTimeFactory(service=service, location=hall)
    ServiceFactory(
        organisation=provider_a,
        name="New Group",
        status="draft",
        last_reviewed=None,
        review_note="Add a phone number.",
    )
    listings.service_start_edit(service=service, by=manager_a)
    listings.invitation_send(organisation=provider_a, by=manager_a, email="new@example.org", role="member")
    return service


def check(page, url, problems):
    page.goto(url)
    found = serious_violations(page)
    if found:
        problems[url] = found


def test_the_provider_area_has_no_serious_accessibility_violations(live_server, page, listed, manager_a):
    sign_in_browser(page, live_server, manager_a)
    base = live_server.url + "/my-organisation/"
    problems = {}
    for path in [
        "",
        "charity-a/",
        "charity-a/services/new/",
        "services/walk-and-talk/edit/",
        "charity-a/members/",
        "charity-a/members/invite/",
    ]:
        check(page, base + path, problems)

    # The listing form with errors: summary at the top, messages beside fields, in rows too.
    page.goto(base + "charity-a/services/new/")
    page.click("text=Add another opening time")
    page.select_option("#id_opening-1-frequency", "fortnightly")
    page.fill("#id_age_min", "40")
    page.fill("#id_age_max", "20")
    page.click("button[name=save]")
    assert page.locator(".error-summary").is_visible()
    assert "Give a date it meets" in page.content()
    problems_here = serious_violations(page)
    if problems_here:
        problems["service form with errors"] = problems_here

    # The invitation form with an error, and a refused action (the last manager stepping down).
    page.goto(base + "charity-a/members/invite/")
    page.fill("#id_email", "not an address")
    page.click("text=Send the invitation")
    assert page.locator(".error-summary").is_visible()
    if found := serious_violations(page):
        problems["invite with errors"] = found
    page.goto(base + "charity-a/members/")
    page.locator(".member-row", has_text=manager_a.email).locator("select").select_option("member")
    page.locator(".member-row", has_text=manager_a.email).get_by_role("button", name="Change role").click()
    assert "needs at least one manager" in page.content()
    if found := serious_violations(page):
        problems["last manager refused"] = found
    assert problems == {}


def test_a_referrer_only_organisation_page_is_accessible(live_server, page, link_worker):
    sign_in_browser(page, live_server, link_worker)
    page.goto(live_server.url + "/my-organisation/")
    assert "My referrals" in page.content()
    assert serious_violations(page) == []

"""The listing form on a phone (390 px wide) and without JavaScript."""

import pytest

from directory.models import Service
from tests.e2e.conftest import sign_in_browser
from tests.factories import LocationFactory, ServiceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIELDS = "input:not([type=hidden]), select, textarea, button"


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    fields = page.locator(FIELDS)
    assert fields.count() > 20
    for index in range(fields.count()):
        field = fields.nth(index)
        if not field.is_visible():
            continue
        field.scroll_into_view_if_needed()
        box = field.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, field.evaluate("e => e.outerHTML")[
            :200
        ]


def test_the_listing_form_fits_a_phone_with_and_without_errors(live_server, phone, manager_a, provider_a):
    LocationFactory(organisation=provider_a, name="A place with a rather long name for a small screen")
    ServiceFactory(organisation=provider_a, name="Walk and Talk", slug="walk-and-talk")
    sign_in_browser(phone, live_server, manager_a)
    phone.goto(live_server.url + "/my-organisation/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(live_server.url + "/my-organisation/charity-a/services/new/")
    assert_fits_the_phone(phone)
    phone.fill("#id_age_min", "50")
    phone.fill("#id_age_max", "10")
    phone.click("button[name=save]")
    assert phone.locator(".error-summary").is_visible()
    assert_fits_the_phone(phone)
    phone.goto(live_server.url + "/my-organisation/charity-a/members/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_rows_are_added_and_removed_without_javascript(live_server, phone_without_js, manager_a, provider_a):
    page = phone_without_js
    sign_in_browser(page, live_server, manager_a)
    page.goto(live_server.url + "/my-organisation/charity-a/services/new/")
    page.fill("#id_name", "Tuesday Tea and Talk")
    page.fill("#id_summary", "A weekly drop-in for people who feel lonely.")
    page.fill("#id_description", "Tea, a chat and company.")
    page.check("#id_offers_friendship")
    page.check("#id_structure_2")
    page.check("#id_mode_in_person")
    page.select_option("#id_opening-0-weekday", "1")
    page.fill("#id_opening-0-opens", "10:00")
    page.fill("#id_opening-0-closes", "12:00")
    page.click("text=Add another opening time")
    # Everything typed is still there, with a second, empty row.
    assert page.input_value("#id_name") == "Tuesday Tea and Talk"
    assert page.input_value("#id_opening-0-opens") == "10:00"
    page.select_option("#id_opening-1-weekday", "3")
    page.fill("#id_opening-1-opens", "14:00")
    page.fill("#id_opening-1-closes", "15:00")
    page.click("text=Add another opening time")
    page.select_option("#id_opening-2-weekday", "4")
    page.fill("#id_opening-2-opens", "09:00")
    page.fill("#id_opening-2-closes", "10:00")
    page.check("#id_opening-1-DELETE")  # changed our mind about Thursdays
    page.fill("#id_place-0-name", "Hilltown Hall")
    page.fill("#id_place-0-town", "Dundee")
    page.fill("#id_place-0-postcode", "DD3 7AB")
    page.click("button[name=save]")
    assert "is saved as a draft" in page.content()
    service = Service.objects.get(name="Tuesday Tea and Talk")
    assert sorted(t.weekday for t in service.opening_times.all()) == [1, 4]
    assert [location.name for location in service.locations.all()] == ["Hilltown Hall"]

"""Adding a service: a sectioned form, places and opening times on the same page, saved as a draft."""

import pytest
from django.urls import reverse

from directory.choices import Frequency, ServiceStatus
from directory.models import Location, Service
from tests.directory.manage_support import listing_post, opening_row, place_row
from tests.factories import LocationFactory, sign_in

pytestmark = pytest.mark.django_db


def create_url(organisation):
    return reverse("manage:service_create", args=[organisation.slug])


def test_the_form_shows_each_section_with_the_domain_explanations(client, manager_a, provider_a):
    sign_in(client, manager_a)
    response = client.get(create_url(provider_a))
    assert response.status_code == 200
    html = response.content.decode()
    for legend in [
        "Basics",
        "Elements and structure",
        "Who it is for",
        "How to get to it",
        "Locations",
        "Opening times",
        "Safeguards",
        "Capacity",
    ]:
        assert f"<legend>{legend}" in html or f">{legend}</legend>" in html, legend
    assert "Peer support sits here" in html  # the friendship element's explanation
    assert "A volunteer-led group with some organisation" in html  # the semi-formal structure's
    assert "Run by people with lived or shared experience" in html  # peer-led
    assert "Members support each other" in html  # mutual
    assert "Unclear boundaries" in html and "Confidentiality" in html


def test_a_good_listing_is_saved_as_a_draft_with_its_places_and_times(client, manager_a, provider_a):
    hall = LocationFactory(organisation=provider_a, name="Church Hall")
    sign_in(client, manager_a)
    data = listing_post(
        locations=[str(hall.pk)],
        **{"place-TOTAL_FORMS": "1", "opening-TOTAL_FORMS": "2"},
        **place_row(0),
        **opening_row(0, location=str(hall.pk)),
        **opening_row(1, frequency="monthly", weekday="0", week_of_month="1", opens="18:00", closes="20:00"),
    )
    response = client.post(create_url(provider_a), data)
    assert response.status_code == 302
    service = Service.objects.get(name="Tuesday Tea and Talk")
    assert service.status == ServiceStatus.DRAFT
    assert service.organisation == provider_a
    assert service.draft_of is None
    new_place = Location.objects.get(name="Hilltown Hall")
    assert new_place.organisation == provider_a
    assert new_place.postcode == "DD3 7AB"
    assert set(service.locations.all()) == {hall, new_place}
    times = sorted(service.opening_times.all(), key=lambda t: t.weekday)
    assert [t.describe() for t in times] == ["First Monday of the month 18:00–20:00", "Tuesday 10:00–12:00"]
    assert times[1].location == hall
    assert not Service.objects.published().filter(pk=service.pk).exists()


def test_bad_input_is_shown_next_to_the_field_with_a_summary_and_nothing_is_lost(
    client, manager_a, provider_a
):
    sign_in(client, manager_a)
    data = listing_post(
        offers_friendship=None,  # no element: Service.clean()
        age_min="30",
        age_max="20",  # Service.clean(): youngest above oldest
        **{"opening-TOTAL_FORMS": "2", "place-TOTAL_FORMS": "1"},
        **opening_row(0, frequency="fortnightly", note="Not in school holidays"),  # no first date
        **opening_row(1, opens="14:00", closes="13:00"),
        **place_row(0, postcode="not a postcode", name="Our Garden"),
    )
    response = client.post(create_url(provider_a), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose at least one element of support." in html
    assert "The youngest age cannot be above the oldest age." in html
    assert "Give a date it meets, to count the weeks from." in html
    assert "Opening time must be before closing time." in html
    assert "Opening time 1, first date" in html  # the summary says which row
    assert 'href="#id_opening-0-starts_on"' in html
    # What was typed is still there, in the service form and in every row.
    assert 'value="Tuesday Tea and Talk"' in html
    assert 'value="Not in school holidays"' in html
    assert 'value="Our Garden"' in html
    assert 'value="not a postcode"' in html
    assert not Service.objects.exists()
    assert not Location.objects.exists()


def test_add_another_opening_time_returns_the_form_with_one_more_empty_row_and_keeps_the_rows(
    client, manager_a, provider_a
):
    sign_in(client, manager_a)
    data = listing_post(
        name="",
        add_opening_time="1",
        **{"opening-TOTAL_FORMS": "1"},
        **opening_row(0, note="Upstairs room"),
    )
    response = client.post(create_url(provider_a), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="opening-TOTAL_FORMS" value="2"' in html
    assert 'name="opening-1-frequency"' in html
    assert 'value="Upstairs room"' in html
    assert "There is a problem" not in html  # not sent yet, so no errors shown
    assert "This field is required" not in html
    assert not Service.objects.exists()


def test_add_another_location_returns_the_form_with_one_more_place_row(client, manager_a, provider_a):
    sign_in(client, manager_a)
    response = client.post(create_url(provider_a), listing_post(add_place="1", **{"place-TOTAL_FORMS": "0"}))
    assert response.status_code == 200
    assert 'name="place-0-postcode"' in response.content.decode()


def test_removed_and_empty_rows_are_not_saved(client, manager_a, provider_a):
    sign_in(client, manager_a)
    data = listing_post(
        **{"opening-TOTAL_FORMS": "3", "place-TOTAL_FORMS": "2"},
        **opening_row(0),
        **opening_row(1, weekday="3", **{"DELETE": "on"}),
        **{"opening-2-frequency": "weekly"},  # an empty row, as rendered
        **place_row(0, **{"DELETE": "on"}),
        **{"place-1-name": ""},
    )
    response = client.post(create_url(provider_a), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get()
    assert [t.weekday for t in service.opening_times.all()] == [1]
    assert not service.locations.exists()
    assert not Location.objects.exists()


def test_a_by_appointment_time_needs_no_day_or_times(client, manager_a, provider_a):
    sign_in(client, manager_a)
    data = listing_post(
        **{"opening-TOTAL_FORMS": "1"},
        **{"opening-0-frequency": "by_appointment", "opening-0-note": "Ring to book"},
    )
    assert client.post(create_url(provider_a), data).status_code == 302
    assert Service.objects.get().opening_times.get().frequency == Frequency.BY_APPOINTMENT


def test_a_tampered_formset_is_refused_with_400_not_500(client, manager_a, provider_a):
    sign_in(client, manager_a)
    data = listing_post(**{"opening-TOTAL_FORMS": "many"})
    assert client.post(create_url(provider_a), data).status_code == 400


def test_a_location_of_another_organisation_cannot_be_chosen(client, manager_a, provider_a, provider_b):
    theirs = LocationFactory(organisation=provider_b)
    sign_in(client, manager_a)
    response = client.post(create_url(provider_a), listing_post(locations=[str(theirs.pk)]))
    assert response.status_code == 400
    assert not Service.objects.exists()

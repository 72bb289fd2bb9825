"""The admin shows the new vocabulary: the in-person mode on a service, and an opening time's
frequency with what each frequency needs."""

import re

import pytest

from directory.choices import Frequency, Weekday, WeekOfMonth
from tests.factories import OpeningTimeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_service_page_in_the_admin_has_in_person_and_each_openings_frequency(admin_client):
    service = ServiceFactory(mode_in_person=True)
    OpeningTimeFactory(
        service=service, weekday=Weekday.MONDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIRST
    )
    html = admin_client.get(f"/admin/directory/service/{service.pk}/change/").content.decode()
    assert re.search(r'<input type="checkbox" name="mode_in_person"[^>]*checked', html)
    for field in (
        "frequency",
        "weekday",
        "opens",
        "closes",
        "starts_on",
        "week_of_month",
        "location",
        "note",
    ):
        assert f'name="opening_times-0-{field}"' in html
    assert '<option value="monthly" selected>' in html


def test_services_can_be_listed_by_in_person_in_the_admin(admin_client):
    ServiceFactory(name="Larder", mode_group=False, mode_in_person=True)
    ServiceFactory(name="Walking group")
    html = admin_client.get("/admin/directory/service/", {"mode_in_person__exact": "1"}).content.decode()
    assert "Larder" in html and "Walking group" not in html
    assert '<details data-filter-title="in person"' in html  # offered beside the other filters


def test_the_admin_list_of_opening_times_says_each_in_plain_words(admin_client):
    OpeningTimeFactory(weekday=Weekday.FRIDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST)
    html = admin_client.get("/admin/directory/openingtime/", {"frequency__exact": "monthly"}).content.decode()
    assert '<td class="field-__str__">Last Friday of the month 10:00–12:00</td>' in html
    assert '<td class="field-frequency">Once a month</td>' in html

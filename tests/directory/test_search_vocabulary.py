"""The search with the vocabulary providers need (issue 8): in person, openings that are not
weekly, and a cost that is not stated. These run on whichever database the suite runs on, so
PostgreSQL's indexed search and SQLite's portable one are each held to the same answers."""

import datetime
from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from directory.choices import Cost, Frequency, Weekday, WeekOfMonth
from directory.search import search_services
from tests.factories import OpeningTimeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def names(query: str) -> list[str]:
    return sorted(service.name for service in search_services(QueryDict(query)).services)


@pytest.fixture
def week():
    """One service for each kind of opening, all on a Tuesday (the by-appointment ones too)."""
    weekly = ServiceFactory(name="Weekly cafe")
    OpeningTimeFactory(service=weekly, weekday=Weekday.TUESDAY)
    fortnightly = ServiceFactory(name="Fortnightly circle")
    OpeningTimeFactory(
        service=fortnightly,
        weekday=Weekday.TUESDAY,
        frequency=Frequency.FORTNIGHTLY,
        starts_on=datetime.date(2026, 1, 6),
    )
    monthly = ServiceFactory(name="Monthly memory cafe")
    OpeningTimeFactory(
        service=monthly,
        weekday=Weekday.TUESDAY,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.SECOND,
    )
    last_friday = ServiceFactory(name="Last Friday social")
    OpeningTimeFactory(
        service=last_friday,
        weekday=Weekday.FRIDAY,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.LAST,
    )
    usual_day = ServiceFactory(name="Advice by appointment, usually Tuesdays")
    OpeningTimeFactory(service=usual_day, weekday=Weekday.TUESDAY, frequency=Frequency.BY_APPOINTMENT)
    any_day = ServiceFactory(name="Advice by appointment")
    OpeningTimeFactory(
        service=any_day, weekday=None, opens=None, closes=None, frequency=Frequency.BY_APPOINTMENT
    )


def test_the_day_filter_finds_weekly_fortnightly_and_monthly_openings_on_that_day(week):
    assert names("day=tuesday") == ["Fortnightly circle", "Monthly memory cafe", "Weekly cafe"]
    assert names("day=friday") == ["Last Friday social"]


def test_by_appointment_claims_no_day_even_when_it_names_one(week):
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        assert not [name for name in names(f"day={day}") if "appointment" in name]


def test_the_day_filter_finds_a_service_once_however_many_openings_match(week):
    twice = ServiceFactory(name="Twice on Tuesdays too")
    OpeningTimeFactory(service=twice, weekday=Weekday.TUESDAY)
    OpeningTimeFactory(
        service=twice, weekday=Weekday.TUESDAY, frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIRST
    )
    assert names("day=tuesday").count("Twice on Tuesdays too") == 1


@pytest.fixture
def ways():
    ServiceFactory(name="Community larder", mode_group=False, mode_in_person=True, offers_material=True)
    ServiceFactory(name="Car scheme", mode_group=False, mode_in_person=True, mode_phone=True)
    ServiceFactory(name="Walking group")
    ServiceFactory(name="Listening line", mode_group=False, mode_phone=True)


def test_in_person_is_a_way_of_delivery_to_filter_by(ways):
    assert names("mode=in_person") == ["Car scheme", "Community larder"]
    assert names("mode=in_person&mode=group") == ["Car scheme", "Community larder", "Walking group"]


def test_the_delivery_facet_offers_in_person_with_its_count(ways):
    result = search_services(QueryDict("mode=phone"))
    in_person = next(option for option in result.facets["mode"] if option.key == "in_person")
    assert (in_person.label, in_person.count, in_person.selected) == ("In person", 2, False)
    assert result.facets["mode"][0].key == "in_person"


@pytest.mark.parametrize("words", ["in person", "in-person", "face to face", "face-to-face"])
def test_searching_for_in_person_words_finds_in_person_services(ways, words):
    assert names(urlencode({"q": words})) == [
        "Car scheme",
        "Community larder",
    ]


def test_the_free_filter_leaves_out_a_cost_that_is_not_stated():
    ServiceFactory(name="Free group", cost=Cost.FREE)
    ServiceFactory(name="Cost unknown", cost=Cost.NOT_STATED)
    ServiceFactory(name="Low cost lunch", cost=Cost.LOW_COST)
    assert names("free=1") == ["Free group"]
    assert names("") == ["Cost unknown", "Free group", "Low cost lunch"]

"""Opening times with a frequency: each rule is refused by the database and explained by clean(),
each kind of opening is described in plain words, and each becomes an Open Referral schedule."""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.choices import Frequency, Weekday, WeekOfMonth
from directory.models import OpeningTime
from tests.factories import OpeningTimeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

TEN, NOON, TWO, FOUR = (datetime.time(h) for h in (10, 12, 14, 16))
TUESDAY_6_JAN = datetime.date(2026, 1, 6)


def opening(**fields) -> OpeningTime:
    values = {"weekday": Weekday.TUESDAY, "opens": TEN, "closes": NOON, **fields}
    return OpeningTime(service=ServiceFactory(), **values)


def messages(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def refused_by(instance) -> str:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        instance.save()
    return str(caught.value)


# --- the rules, one by one -----------------------------------------------------------------------


def test_a_weekly_opening_needs_a_day():
    no_day = opening(weekday=None)
    assert messages(no_day) == {"weekday": ["Choose the day."]}
    assert "opening_time_scheduled_has_day_and_times" in refused_by(no_day)


def test_a_weekly_opening_needs_its_times():
    no_times = opening(opens=None, closes=None)
    assert messages(no_times) == {"opens": ["Give the opening and closing times."]}
    assert "opening_time_scheduled_has_day_and_times" in refused_by(no_times)


def test_an_opening_gives_both_times_or_neither():
    only_opens = opening(frequency=Frequency.BY_APPOINTMENT, closes=None)
    assert messages(only_opens) == {"closes": ["Give both the opening and the closing time, or neither."]}
    assert "opening_time_times_together" in refused_by(only_opens)


def test_an_opening_opens_before_it_closes():
    backwards = opening(opens=FOUR, closes=TWO)
    assert messages(backwards) == {"closes": ["Opening time must be before closing time."]}
    assert "opening_time_opens_before_closes" in refused_by(backwards)


def test_a_fortnightly_opening_needs_a_date_to_count_the_weeks_from():
    no_start = opening(frequency=Frequency.FORTNIGHTLY)
    assert messages(no_start) == {"starts_on": ["Give a date it meets, to count the weeks from."]}
    assert "opening_time_fortnightly_has_first_date" in refused_by(no_start)


def test_a_fortnightly_opening_starts_on_its_own_day():
    wrong_day = opening(frequency=Frequency.FORTNIGHTLY, starts_on=TUESDAY_6_JAN + datetime.timedelta(days=1))
    assert messages(wrong_day) == {"starts_on": ["This date is not on the day chosen."]}


def test_a_monthly_opening_says_which_week():
    no_week = opening(frequency=Frequency.MONTHLY)
    assert messages(no_week) == {"week_of_month": ["Say which week of the month, such as the first."]}
    assert "opening_time_week_of_month_only_monthly" in refused_by(no_week)


def test_only_a_monthly_opening_has_a_week_of_the_month():
    weekly = opening(week_of_month=WeekOfMonth.FIRST)
    assert "opening_time_week_of_month_only_monthly" in refused_by(weekly)
    # clean() tidies it away instead, so a form that changed the frequency does not fail.
    weekly.full_clean()
    assert weekly.week_of_month is None


def test_the_frequency_is_one_we_know():
    assert "frequency" in messages(opening(frequency="yearly"))
    assert "opening_time_frequency_valid" in refused_by(opening(frequency="yearly"))


def test_by_appointment_needs_neither_day_nor_times():
    anytime = opening(frequency=Frequency.BY_APPOINTMENT, weekday=None, opens=None, closes=None)
    anytime.full_clean()
    anytime.save()
    assert OpeningTime.objects.get().describe() == "By appointment"


def test_each_frequency_with_what_it_needs_is_accepted():
    for fields in (
        {},
        {"frequency": Frequency.FORTNIGHTLY, "starts_on": TUESDAY_6_JAN},
        {"frequency": Frequency.MONTHLY, "week_of_month": WeekOfMonth.LAST},
        {"frequency": Frequency.BY_APPOINTMENT},
    ):
        instance = opening(**fields)
        instance.full_clean()
        instance.save()
    assert OpeningTime.objects.count() == 4


def test_by_appointment_comes_after_the_days_of_the_week():
    service = ServiceFactory()
    OpeningTimeFactory(
        service=service, frequency=Frequency.BY_APPOINTMENT, weekday=None, opens=None, closes=None
    )
    OpeningTimeFactory(service=service, weekday=Weekday.FRIDAY)
    OpeningTimeFactory(service=service, weekday=Weekday.MONDAY)
    assert [str(time) for time in service.opening_times.all()] == [
        "Monday 10:00–12:00",
        "Friday 10:00–12:00",
        "By appointment",
    ]


# --- in plain words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({}, "Tuesday 10:00–12:00"),
        (
            {"frequency": Frequency.FORTNIGHTLY, "starts_on": TUESDAY_6_JAN},
            "Every other Tuesday 10:00–12:00 (from 6 Jan 2026)",
        ),
        (
            {
                "frequency": Frequency.MONTHLY,
                "week_of_month": WeekOfMonth.FIRST,
                "weekday": Weekday.MONDAY,
                "opens": TWO,
                "closes": FOUR,
            },
            "First Monday of the month 14:00–16:00",
        ),
        (
            {"frequency": Frequency.MONTHLY, "week_of_month": WeekOfMonth.LAST, "weekday": Weekday.FRIDAY},
            "Last Friday of the month 10:00–12:00",
        ),
        (
            {"frequency": Frequency.BY_APPOINTMENT, "weekday": None, "opens": None, "closes": None},
            "By appointment",
        ),
        ({"frequency": Frequency.BY_APPOINTMENT}, "By appointment, Tuesday 10:00–12:00"),
    ],
)
def test_each_kind_of_opening_is_described_in_plain_words(fields, words):
    assert opening(**fields).describe() == words


# --- Open Referral UK 3.0 schedules ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "schedule"),
    [
        ({}, {"freq": "WEEKLY", "interval": 1, "byday": "TU", "opens_at": "10:00", "closes_at": "12:00"}),
        (
            {"frequency": Frequency.FORTNIGHTLY, "starts_on": TUESDAY_6_JAN},
            {
                "freq": "WEEKLY",
                "interval": 2,
                "byday": "TU",
                "dtstart": "2026-01-06",
                "opens_at": "10:00",
                "closes_at": "12:00",
            },
        ),
        (
            {"frequency": Frequency.MONTHLY, "week_of_month": WeekOfMonth.FIRST, "weekday": Weekday.MONDAY},
            {"freq": "MONTHLY", "interval": 1, "byday": "1MO", "opens_at": "10:00", "closes_at": "12:00"},
        ),
        (
            {
                "frequency": Frequency.MONTHLY,
                "week_of_month": WeekOfMonth.LAST,
                "weekday": Weekday.FRIDAY,
                "note": "Not in August",
            },
            {
                "freq": "MONTHLY",
                "interval": 1,
                "byday": "-1FR",
                "opens_at": "10:00",
                "closes_at": "12:00",
                "notes": "Not in August",
            },
        ),
        (
            {"frequency": Frequency.BY_APPOINTMENT, "weekday": None, "opens": None, "closes": None},
            {"description": "By appointment"},
        ),
        (
            {"weekday": Weekday.SUNDAY},
            {"freq": "WEEKLY", "interval": 1, "byday": "SU", "opens_at": "10:00", "closes_at": "12:00"},
        ),
    ],
)
def test_each_kind_of_opening_becomes_an_open_referral_schedule(fields, schedule):
    assert opening(**fields).schedule() == schedule


SERVICE_SCHEMA = (
    Path(__file__).resolve().parents[2].parent / "shared/openreferral/uk-3.0/schema/compiled/service.json"
)


@pytest.fixture
def openreferral_schedule() -> dict:
    """The schedule object of Open Referral UK 3.0's service schema (../shared/openreferral/)."""
    if not SERVICE_SCHEMA.exists():
        message = f"the Open Referral UK schemas are not at {SERVICE_SCHEMA} (../shared/openreferral/)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must have them beside the checkout")
        pytest.skip(message)
    return json.loads(SERVICE_SCHEMA.read_text())["properties"]["schedules"]["items"]


def test_schedules_use_only_open_referral_field_names_and_values(openreferral_schedule):
    allowed = set(openreferral_schedule["properties"])
    frequencies = set(openreferral_schedule["properties"]["freq"]["enum"])
    for fields in (
        {},
        {"frequency": Frequency.FORTNIGHTLY, "starts_on": TUESDAY_6_JAN, "note": "Term time"},
        {"frequency": Frequency.MONTHLY, "week_of_month": WeekOfMonth.SECOND},
        {"frequency": Frequency.BY_APPOINTMENT},
    ):
        schedule = opening(**fields).schedule()
        assert set(schedule) <= allowed
        assert schedule.get("freq", "WEEKLY") in frequencies

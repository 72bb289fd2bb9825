"""The "Open now" and "Time of day" filters (issue 10, point 7), on both databases.

"Now" is fixed with time-machine, in Europe/London. Tuesday 3 February 2026 is the first Tuesday
of its month; Tuesday 31 March 2026 is the last (and fifth) of its month; 20 January 2026 is
a Tuesday two weeks before 3 February.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import QueryDict

from directory.choices import Frequency, WeekOfMonth
from directory.opening_hours import weeks_of_month
from directory.search import search_services
from tests.factories import LocationFactory, OpeningTimeFactory, PostcodeFactory, ServiceFactory

pytestmark = pytest.mark.django_db
URL = "/services/"
LONDON = ZoneInfo("Europe/London")
T = datetime.time


def at(year, month, day, hour, minute=0):
    return time_machine.travel(datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON), tick=False)


def names(query: str, portable: bool | None = None) -> list[str]:
    return sorted(service.name for service in search_services(QueryDict(query), portable=portable).services)


def opening(name, **fields):
    service = ServiceFactory(name=name)
    OpeningTimeFactory(service=service, **fields)
    return service


@pytest.fixture
def week():
    """Openings on Tuesdays (weekday 1) of every kind, 10:00-12:00 unless said."""
    opening("Weekly Tuesday morning", weekday=1, opens=T(10), closes=T(12))
    opening("Weekly Wednesday morning", weekday=2, opens=T(10), closes=T(12))
    opening("Weekly Tuesday evening", weekday=1, opens=T(18), closes=T(20))
    opening("Fortnightly this week", frequency=Frequency.FORTNIGHTLY, starts_on=datetime.date(2026, 1, 20))
    opening("Fortnightly other week", frequency=Frequency.FORTNIGHTLY, starts_on=datetime.date(2026, 1, 27))
    opening("Fortnightly not started", frequency=Frequency.FORTNIGHTLY, starts_on=datetime.date(2026, 2, 17))
    opening("First Tuesday", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FIRST)
    opening("Second Tuesday", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.SECOND)
    opening("Last Tuesday", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.LAST)
    opening("Fourth Tuesday", frequency=Frequency.MONTHLY, week_of_month=WeekOfMonth.FOURTH)
    opening("By appointment Tuesday", frequency=Frequency.BY_APPOINTMENT)
    opening(
        "By appointment any time", frequency=Frequency.BY_APPOINTMENT, weekday=None, opens=None, closes=None
    )
    ServiceFactory(name="No times given")


def test_open_now_on_the_first_tuesday_of_the_month(week, portable):
    with at(2026, 2, 3, 10, 30):
        assert names("open_now=1", portable) == [
            "First Tuesday",
            "Fortnightly this week",
            "Weekly Tuesday morning",
        ]


def test_open_now_on_the_last_tuesday_of_the_month(week, portable):
    # 31 March 2026 is the fifth Tuesday: the last, not the fourth. The fortnights from 20 January
    # fall on 17 and 31 March; those from 27 January on 24 March.
    with at(2026, 3, 31, 10, 30):
        assert names("open_now=1", portable) == [
            "Fortnightly not started",
            "Fortnightly this week",
            "Last Tuesday",
            "Weekly Tuesday morning",
        ]


def test_open_now_in_the_other_fortnight(week, portable):
    with at(2026, 2, 10, 11, 0):  # the second Tuesday
        assert names("open_now=1", portable) == [
            "Fortnightly other week",
            "Second Tuesday",
            "Weekly Tuesday morning",
        ]


def test_open_now_is_inside_the_hours_only(week, portable):
    with at(2026, 2, 3, 10, 0):  # opening time counts
        assert "Weekly Tuesday morning" in names("open_now=1", portable)
    with at(2026, 2, 3, 9, 59):
        assert names("open_now=1", portable) == []
    with at(2026, 2, 3, 12, 0):  # closing time does not
        assert names("open_now=1", portable) == []
    with at(2026, 2, 3, 19, 0):
        assert names("open_now=1", portable) == ["Weekly Tuesday evening"]
    with at(2026, 2, 4, 10, 30):  # Wednesday
        assert names("open_now=1", portable) == ["Weekly Wednesday morning"]


def test_open_now_uses_uk_time_in_summer(portable):
    opening("Morning group", weekday=1, opens=T(9), closes=T(10))
    # 09:30 in London on 7 July 2026 is 08:30 UTC: open by the UK clock.
    with time_machine.travel(datetime.datetime(2026, 7, 7, 8, 30, tzinfo=datetime.UTC), tick=False):
        assert names("open_now=1", portable) == ["Morning group"]
    with time_machine.travel(datetime.datetime(2026, 7, 7, 9, 30, tzinfo=datetime.UTC), tick=False):
        assert names("open_now=1", portable) == []


def test_open_now_unticked_filters_nothing(week):
    with at(2026, 2, 3, 3, 0):
        assert len(names("open_now=0")) == 13
        assert len(names("open_now=")) == 13


@pytest.mark.parametrize(
    ("opens", "closes", "parts"),
    [
        (T(9), T(12), ["morning"]),
        (T(9), T(12, 1), ["morning", "afternoon"]),
        (T(12), T(17), ["afternoon"]),
        (T(11, 59), T(12), ["morning"]),
        (T(16, 59), T(17, 30), ["afternoon", "evening"]),
        (T(17), T(19), ["evening"]),
        (T(8), T(20), ["morning", "afternoon", "evening"]),
    ],
)
def test_time_of_day_overlaps_at_the_boundaries(portable, opens, closes, parts):
    opening("The group", weekday=4, opens=opens, closes=closes)
    found = [part for part in ("morning", "afternoon", "evening") if names(f"time={part}", portable)]
    assert found == parts


def test_time_of_day_counts_every_frequency_but_by_appointment(portable):
    opening("Monthly evening", frequency=Frequency.MONTHLY, week_of_month=1, opens=T(18), closes=T(20))
    opening(
        "Fortnightly evening",
        frequency=Frequency.FORTNIGHTLY,
        starts_on=datetime.date(2026, 1, 20),
        opens=T(18),
        closes=T(20),
    )
    opening("Appointments in the evening", frequency=Frequency.BY_APPOINTMENT, opens=T(18), closes=T(20))
    assert names("time=evening", portable) == ["Fortnightly evening", "Monthly evening"]


def test_time_of_day_with_a_day_means_that_days_opening(portable):
    service = opening("Tuesday morning, Thursday evening", weekday=1, opens=T(10), closes=T(12))
    OpeningTimeFactory(service=service, weekday=3, opens=T(18), closes=T(20))
    assert names("time=evening", portable) == ["Tuesday morning, Thursday evening"]
    assert names("day=thursday&time=evening", portable) == ["Tuesday morning, Thursday evening"]
    assert names("day=tuesday&time=evening", portable) == []


def test_the_filters_combine_with_words_and_a_postcode(portable):
    PostcodeFactory()  # DD4 7AA
    near = opening("Walking group Dundee", weekday=1, opens=T(18), closes=T(20))
    near.locations.add(
        LocationFactory(organisation=near.organisation, latitude="56.470000", longitude="-2.930000")
    )
    far = opening("Walking group Glasgow", weekday=1, opens=T(18), closes=T(20))
    far.locations.add(
        LocationFactory(organisation=far.organisation, latitude="55.860000", longitude="-4.250000")
    )
    morning = opening("Walking group mornings", weekday=1, opens=T(9), closes=T(11))
    morning.locations.add(
        LocationFactory(organisation=morning.organisation, latitude="56.471000", longitude="-2.931000")
    )
    opening("Knitting circle", weekday=1, opens=T(18), closes=T(20))
    with at(2026, 2, 3, 19, 0):
        assert names("q=walking&postcode=DD4+7AA&open_now=1", portable) == ["Walking group Dundee"]
        assert names("q=walking&postcode=DD4+7AA&time=evening", portable) == ["Walking group Dundee"]
        assert names("q=walking&time=morning", portable) == ["Walking group mornings"]


def test_weeks_of_the_month():
    assert weeks_of_month(datetime.date(2026, 2, 3)) == [1]
    assert weeks_of_month(datetime.date(2026, 2, 24)) == [4, -1]  # February 2026 has 28 days
    assert weeks_of_month(datetime.date(2026, 3, 24)) == [4]
    assert weeks_of_month(datetime.date(2026, 3, 31)) == [-1]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"time": "midnight"}, "“midnight” is not a time of day we know. Choose from the list."),
        ({"open_now": "maybe"}, "“maybe” is not a yes or no. Tick the box, or leave it empty."),
    ],
)
def test_bad_values_get_a_clear_message_and_a_400(client, query, message):
    ServiceFactory(name="Still listed")
    response = client.get(URL, {"q": "still", **query})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert message in html
    assert "Still listed" in html  # the rest of the search still works
    assert 'value="still"' in html  # what was typed is kept


def test_the_page_shows_the_filters_and_keeps_them(client, week):
    with at(2026, 2, 3, 10, 30):
        html = client.get(URL, {"open_now": "1", "time": "evening"}).content.decode()
    assert 'name="open_now" value="1" id="id_open_now" checked' in html
    assert '<option value="evening" selected>' in html
    assert 'Filters (<span class="filters-count">2</span>)' in html


def test_the_query_count_stays_bounded(client, week, django_assert_max_num_queries):
    PostcodeFactory()
    with at(2026, 2, 3, 10, 30):
        for query in [
            {"open_now": "1", "time": "morning"},
            {"q": "tuesday", "postcode": "DD4 7AA", "open_now": "1", "element": "friendship"},
        ]:
            with django_assert_max_num_queries(6):
                response = client.get(URL, query)
            assert response.status_code == 200


def test_the_printed_summary_says_when_now_was(client, week):
    with at(2026, 2, 3, 10, 30):
        html = client.get(URL, {"open_now": "1", "time": "morning"}).content.decode()
    assert "<dt>Time of day:</dt> <dd>Morning (before 12 noon)</dd>" in html
    assert "<dt>Open now:</dt> <dd>Open at 10:30, when this list was made</dd>" in html

"""Opening times and costs as people read them: the template tags, and the pages that use them."""

import datetime

import pytest

from directory.choices import Cost, Frequency, Weekday, WeekOfMonth
from directory.templatetags.directory_tags import cost_text, no_place_text, opening_summary, opening_text
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NINE, FIVE = datetime.time(9), datetime.time(17)


def weekly(service, day, opens=NINE, closes=FIVE):
    return OpeningTimeFactory(service=service, weekday=day, opens=opens, closes=closes)


def fortnightly(service):
    return OpeningTimeFactory(
        service=service,
        weekday=Weekday.TUESDAY,
        frequency=Frequency.FORTNIGHTLY,
        starts_on=datetime.date(2026, 1, 6),
    )


def first_monday(service):
    return OpeningTimeFactory(
        service=service,
        weekday=Weekday.MONDAY,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.FIRST,
        opens=datetime.time(14),
        closes=datetime.time(16),
    )


def by_appointment(service):
    return OpeningTimeFactory(
        service=service, frequency=Frequency.BY_APPOINTMENT, weekday=None, opens=None, closes=None
    )


def test_an_opening_reads_with_its_note_and_place():
    service = ServiceFactory()
    hall = LocationFactory(organisation=service.organisation, name="St Aidan's Hall")
    opening = fortnightly(service)
    assert opening_text(opening) == "Every other Tuesday 10:00–12:00 (from 6 Jan 2026)"
    opening.note, opening.location = "Term time only", hall
    assert (
        opening_text(opening)
        == "Every other Tuesday 10:00–12:00 (from 6 Jan 2026). Term time only. At St Aidan's Hall"
    )
    assert opening_text(first_monday(service)) == "First Monday of the month 14:00–16:00"
    assert opening_text(by_appointment(service)) == "By appointment"


def test_a_card_joins_weekdays_with_the_same_hours():
    service = ServiceFactory()
    for day in (Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY):
        weekly(service, day)
    weekly(service, Weekday.SATURDAY, datetime.time(10), datetime.time(12))
    assert opening_summary(service) == "Monday to Friday 09:00–17:00; Saturday 10:00–12:00"


def test_a_card_names_days_apart_one_by_one():
    service = ServiceFactory()
    weekly(service, Weekday.TUESDAY)
    weekly(service, Weekday.THURSDAY)
    assert opening_summary(service) == "Tuesday and Thursday 09:00–17:00"
    weekly(service, Weekday.SATURDAY)
    assert opening_summary(service) == "Tuesday, Thursday and Saturday 09:00–17:00"


def test_a_card_describes_each_kind_of_opening_and_says_how_many_more():
    service = ServiceFactory()
    first_monday(service)
    fortnightly(service)
    by_appointment(service)
    assert opening_summary(service) == (
        "First Monday of the month 14:00–16:00; Every other Tuesday 10:00–12:00 (from 6 Jan 2026); By appointment"
    )
    weekly(service, Weekday.SUNDAY)
    weekly(service, Weekday.FRIDAY, NINE, datetime.time(12))
    assert opening_summary(service) == (
        "First Monday of the month 14:00–16:00; Every other Tuesday 10:00–12:00 (from 6 Jan 2026); "
        "Friday 09:00–12:00; and 2 more times"
    )


def test_a_card_says_nothing_of_times_a_listing_does_not_give():
    assert opening_summary(ServiceFactory()) == ""


def test_a_cost_that_is_not_stated_says_so_plainly():
    assert cost_text(ServiceFactory.build(cost=Cost.NOT_STATED)) == "Not stated. Ask the service."
    assert cost_text(ServiceFactory.build(cost=Cost.NOT_STATED, cost_note="Donations welcome")) == (
        "Not stated: Donations welcome"
    )


def test_the_service_page_shows_each_opening_in_plain_words_and_an_unstated_cost(client):
    service = ServiceFactory(cost=Cost.NOT_STATED)
    weekly(service, Weekday.WEDNESDAY)
    fortnightly(service)
    first_monday(service)
    by_appointment(service)
    html = client.get(service.get_absolute_url()).content.decode()
    for words in (
        "<li>First Monday of the month 14:00–16:00</li>",
        "<li>Every other Tuesday 10:00–12:00 (from 6 Jan 2026)</li>",
        "<li>Wednesday 09:00–17:00</li>",
        "<li>By appointment</li>",
    ):
        assert words in html
    assert html.index("First Monday") < html.index("Every other Tuesday") < html.index("By appointment")
    assert "Not stated. Ask the service." in html


def test_result_cards_say_when_a_service_meets(client):
    service = ServiceFactory(name="Memory cafe")
    first_monday(service)
    ServiceFactory(name="Phone line with no times", mode_group=False, mode_phone=True)
    html = client.get("/services/").content.decode()
    assert "<strong>When:</strong> First Monday of the month 14:00–16:00" in html
    assert html.count("<strong>When:</strong>") == 1
    organisation_page = client.get(service.organisation.get_absolute_url()).content.decode()
    assert "<strong>When:</strong> First Monday of the month 14:00–16:00" in organisation_page


def test_a_listing_without_a_place_says_how_it_works_or_to_ask_where():
    line = ServiceFactory.build(mode_group=False, mode_phone=True, mode_online=True)
    assert no_place_text(line) == "No fixed place: this service works by phone, online."
    car_scheme = ServiceFactory.build(mode_group=False, mode_in_person=True, mode_phone=True)
    assert no_place_text(car_scheme) == "No address given: contact the service to find out where it meets."

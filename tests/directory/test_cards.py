"""directory.search.cards: a page of result cards' services, locations and opening times in one query,
exactly as prefetch_related would give them, on both databases."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from directory.choices import Frequency
from directory.models import Location, Service
from directory.search.cards import CARD_LOCATION_FIELDS, card_services
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _prefetched(ids):
    """What the cards read, as prefetch_related reads it (the reference)."""
    services = Service.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("locations", queryset=Location.objects.only(*CARD_LOCATION_FIELDS)), "opening_times"
    )
    return {service.pk: service for service in services}


def _location(location):
    return [getattr(location, name) for name in CARD_LOCATION_FIELDS]


def _opening(opening):
    return (
        opening.pk,
        opening.location_id,
        opening.frequency,
        opening.weekday,
        opening.opens,
        opening.closes,
        opening.starts_on,
        opening.week_of_month,
        opening.note,
        opening.describe(),
    )


@pytest.fixture
def services():
    first = ServiceFactory(
        locations=[
            LocationFactory(town="Perth", name="B hall", latitude="56.395812", longitude="-3.437114"),
            LocationFactory(town="Dundee", name="Z hall", hide_exact_address=True),
            LocationFactory(town="Dundee", name="A hall", latitude=None, longitude=None),
        ]
    )
    OpeningTimeFactory(service=first, weekday=4, opens=datetime.time(18, 30), closes=datetime.time(20, 0))
    OpeningTimeFactory(service=first, weekday=1, opens=datetime.time(14, 0), closes=datetime.time(16, 0))
    OpeningTimeFactory(service=first, weekday=1, opens=datetime.time(9, 15), closes=datetime.time(11, 0))
    OpeningTimeFactory(
        service=first,
        frequency=Frequency.FORTNIGHTLY,
        weekday=2,
        starts_on=datetime.date(2026, 1, 6),
        note="Not in school holidays",
    )
    OpeningTimeFactory(
        service=first,
        frequency=Frequency.MONTHLY,
        weekday=0,
        week_of_month=-1,
        location=first.locations.first(),
    )
    OpeningTimeFactory(
        service=first, frequency=Frequency.BY_APPOINTMENT, weekday=None, opens=None, closes=None
    )
    bare = ServiceFactory()  # no location, no opening times
    one = ServiceFactory(locations=[LocationFactory()])
    return [one, first, bare]


def test_cards_read_what_a_prefetch_reads_in_the_same_order(services):
    ids = [service.pk for service in services]
    expected = _prefetched(ids)

    cards = card_services(ids)

    assert [service.pk for service in cards] == ids
    for service in cards:
        reference = expected[service.pk]
        assert [_location(location) for location in service.locations.all()] == [
            _location(location) for location in reference.locations.all()
        ]
        assert [_opening(opening) for opening in service.opening_times.all()] == [
            _opening(opening) for opening in reference.opening_times.all()
        ]
        assert service.organisation.name == reference.organisation.name
    first = cards[1]
    assert [location.name for location in first.locations.all()] == ["A hall", "Z hall", "B hall"]
    assert first.locations.all()[2].latitude == Decimal("56.395812")
    assert [opening.weekday for opening in first.opening_times.all()] == [0, 1, 1, 2, 4, None]
    assert first.locations.all()[1].hide_exact_address is True
    assert cards[0].locations.all()[0].hide_exact_address is False
    assert list(cards[0].opening_times.all()) == []
    assert list(cards[2].locations.all()) == list(cards[2].opening_times.all()) == []


def test_cards_cost_one_query_whatever_they_read(services):
    ids = [service.pk for service in services]
    card_services(ids)  # the database's first JSON query may check its JSON support once

    with CaptureQueriesContext(connection) as queries:
        cards = card_services(ids)
        for service in cards:
            [_location(location) for location in service.locations.all()]
            [_opening(opening) for opening in service.opening_times.all()]
            str(service.organisation)

    assert len(queries) == 1


def test_cards_skip_ids_that_are_gone_and_read_nothing_for_none(services):
    gone = services[0].pk
    Service.objects.filter(pk=gone).delete()

    assert [service.pk for service in card_services([gone, services[1].pk])] == [services[1].pk]
    with CaptureQueriesContext(connection) as queries:
        assert card_services([]) == []
    assert len(queries) == 0

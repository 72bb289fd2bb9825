"""The portable search (plain ORM over every match: places, filters, facets, order, and a word
match for the text) must find what PostgreSQL's finds (DESIGN.md). PostgreSQL runs its own from
indexed columns, and can run the portable one too. These tests run both on the same rows in
PostgreSQL and compare what a person would see: the services, their order, how far away, the
totals and the facet counts. (SQLite runs the same portable search with its FTS5 index for the
text: tests/directory/test_search_fts.py and test_search_parity.py.)
"""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict

from directory.choices import (
    AreaKind,
    Capacity,
    Cost,
    Frequency,
    ServiceStatus,
    Structure,
    Weekday,
    WeekOfMonth,
)
from directory.models import Audience, Topic
from directory.search import search_services
from tests.directory.test_search import ORIGIN
from tests.factories import (
    LocationFactory,
    OpeningTimeFactory,
    PostcodeFactory,
    ServiceAreaFactory,
    ServiceFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="compares the portable search with PostgreSQL's on the same rows: only PostgreSQL "
        "can run both (SQLite's own text search is compared in test_search_parity.py)",
    ),
]


def described(name, summary, description, **fields):
    return ServiceFactory(name=name, summary=summary, description=description, **fields)


def at(service, lat, lng):
    service.locations.add(
        LocationFactory(organisation=service.organisation, latitude=f"{lat:.6f}", longitude=f"{lng:.6f}")
    )
    return service


def covers(service, kind, code="", name="Somewhere"):
    ServiceAreaFactory(service=service, kind=kind, code=code, name=name)
    return service


@pytest.fixture
def directory():
    """A small directory with every kind of place, tag and text the search reads. The words are
    chosen so that a substring match (SQLite) and an English stem match (PostgreSQL) agree:
    no listing says "walks" or "dancing"."""
    PostcodeFactory()
    PostcodeFactory(postcode="DD4 0AA", latitude="56.484500", longitude="-2.937000")
    PostcodeFactory(postcode="G1 1AA", latitude="55.860000", longitude="-4.250000", council_code="S12000049")
    lat, lng = ORIGIN
    walking = at(
        described(
            "Riverside walking group",
            "Gentle walking by the Tay.",
            "Meet at the boathouse.",
            peer_led=True,
            cost=Cost.FREE,
        ),
        lat + 0.006,
        lng,
    )
    walking.audiences.add(Audience.objects.get(slug="carers"))
    walking.topics.add(Topic.objects.get(slug="physical_activity"))
    OpeningTimeFactory(service=walking, weekday=Weekday.MONDAY)
    knitting = at(
        described(
            "Knitting circle",
            "Bring wool and needles.",
            "Tea dance after, some weeks.",
            cost=Cost.PAID,
            offers_emotional=True,
            last_reviewed="2025-01-10",
        ),
        lat + 0.018,
        lng,
    )
    OpeningTimeFactory(service=knitting, weekday=Weekday.FRIDAY)
    tea_dance = at(
        described(
            "Tea dance", "Music from the fifties.", "Every Friday afternoon.", structure=Structure.INFORMAL
        ),
        lat + 0.036,
        lng,
    )
    tea_dance.audiences.add(Audience.objects.get(slug="older_people"))
    tea_dance.topics.add(Topic.objects.get(slug="loneliness"))
    at(
        at(described("Dance class", "With tea after.", "Every Monday evening."), lat, lng + 0.09),
        57.1497,
        -2.0943,
    )
    covers(
        described(
            "Bereavement phone line",
            "Talk to someone after a death.",
            "Trained volunteers listen.",
            mode_group=False,
            mode_phone=True,
            offers_emotional=True,
            structure=Structure.FORMAL,
        ),
        AreaKind.COUNCIL,
        "S12000042",
    )
    covers(
        described(
            "Tayside online course",
            "Learn to manage worry.",
            "Six weekly sessions.",
            mode_group=False,
            mode_online=True,
            accepts_supportmap_referrals=True,
        ),
        AreaKind.HEALTH_BOARD,
        "S08000030",
    )
    covers(
        described(
            "Scotland listening line",
            "For anyone feeling isolated.",
            "Open every night.",
            mode_group=False,
            mode_phone=True,
        ),
        AreaKind.SCOTLAND,
    )
    covers(
        described(
            "UK text line",
            "Message us any time.",
            "Trained volunteers reply.",
            mode_group=False,
            mode_text_chat=True,
        ),
        AreaKind.UK,
    )
    covers(
        at(
            described("Glasgow walking netball", "Walking netball for all ages.", "Indoor hall."),
            55.8642,
            -4.2518,
        ),
        AreaKind.COUNCIL,
        "S12000049",
    )
    at(
        described(
            "Loneliness lunch club",
            "Company and soup.",
            "Transport can be arranged.",
            capacity=Capacity.FULL,
            offers_material=True,
        ),
        lat + 0.075,
        lng,
    )
    at(
        described(
            "Peer recovery cafe",
            "Recovery café run by people in recovery.",
            "Every Saturday.",
            peer_led=True,
            mutual=True,
            structure=Structure.CLOSE,
            accepts_supportmap_referrals=True,
        ),
        lat + 0.027,
        lng,
    )
    # The vocabulary of issue 8: in person, openings that are not weekly, cost not stated.
    larder = at(
        described(
            "Community larder",
            "Choose your own food.",
            "No referral needed.",
            mode_group=False,
            mode_in_person=True,
            offers_material=True,
            cost=Cost.NOT_STATED,
        ),
        lat + 0.012,
        lng,
    )
    OpeningTimeFactory(
        service=larder,
        weekday=Weekday.TUESDAY,
        frequency=Frequency.FORTNIGHTLY,
        starts_on=datetime.date(2026, 1, 6),
    )
    car_scheme = described(
        "Volunteer car scheme",
        "Lifts to appointments.",
        "Book a day ahead.",
        mode_group=False,
        mode_in_person=True,
        mode_phone=True,
    )
    OpeningTimeFactory(
        service=car_scheme, weekday=None, opens=None, closes=None, frequency=Frequency.BY_APPOINTMENT
    )
    OpeningTimeFactory(service=car_scheme, weekday=Weekday.THURSDAY, frequency=Frequency.BY_APPOINTMENT)
    memory_cafe = at(
        described("Memory cafe", "Music and a welcome.", "Meets monthly."), lat + 0.03, lng + 0.01
    )
    OpeningTimeFactory(
        service=memory_cafe,
        weekday=Weekday.WEDNESDAY,
        frequency=Frequency.MONTHLY,
        week_of_month=WeekOfMonth.LAST,
    )
    at(
        described(
            "Draft walking group",
            "Not yet checked.",
            "Walking.",
            status=ServiceStatus.DRAFT,
            last_reviewed=None,
        ),
        lat,
        lng,
    )


def seen(result) -> dict:
    """What the page shows: the services (in order, unless the order is relevance, which the two
    rank differently), where each is, the totals, the facet counts and any correction."""
    services = [(service.name, getattr(service, "place_rank", None)) for service in result.services]
    distances = {
        service.name: round(getattr(service, "distance_km", None) or 0.0, 1) for service in result.services
    }
    return {
        "services": sorted(services) if result.sort == "relevance" else services,
        "distances": distances,
        "total": (result.total, result.total_capped),
        "facets": {
            dimension: [(option.key, option.count, option.at_least) for option in options]
            for dimension, options in result.facets.items()
        },
        "corrected_from": result.corrected_from,
        "status": result.status,
    }


QUERIES = [
    "",
    "sort=checked",
    "postcode=DD4+7AA",
    "postcode=DD4+7AA&radius=2",
    "postcode=DD4&radius=25&sort=name",
    "postcode=G1+1AA&radius=5",
    "q=walking",
    "q=walking&postcode=DD4+7AA",
    "q=walking+-netball",
    "q=walking+-netball&postcode=DD4+7AA&sort=distance",
    'q="tea+dance"',
    "q=tea+dance",
    "q=dance+or+knitting&sort=name",
    "q=phone",
    "q=lonely",
    "q=carers",
    "q=older+people",
    "q=peer",
    "q=lived+experience",
    "q=mutual+support",
    "q=home+visit",
    "q=telephone",
    "q=chat",
    "q=groups",
    # Words of three letters or fewer are whole words in the portable search too (issue 10: "bi"
    # is not inside "bike"), so "one" is no longer found inside "phone" and "someone".
    "q=one-to-one",
    "q=physical+activity",
    "q=recovery+cafe",
    "q=volunteers&postcode=DD4+7AA&sort=distance",
    "audience=carers",
    "topic=loneliness&postcode=DD4+7AA",
    "day=monday",
    "day=friday&postcode=DD4+7AA&radius=10",
    "free=1&postcode=DD4+7AA",
    "accepts_referrals=1",
    "hide_full=1&postcode=DD4+7AA&radius=25",
    "element=emotional&structure=formal&structure=semi_formal",
    "peer_led=1&mode=group&postcode=DD4+7AA",
    "mode=phone&mode=online&postcode=DD4+7AA",
    "mode=in_person",
    "mode=in_person&mode=phone&postcode=DD4+7AA",
    "q=in+person",
    "q=face+to+face",
    "q=person&postcode=DD4+7AA",
    "day=tuesday",
    "day=tuesday&postcode=DD4+7AA",
    "day=wednesday",
    "day=thursday",
    "free=1",
    "q=walkng",
    "q=zzzzzz&postcode=DD4+7AA",
    "page=2",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_portable_search_finds_what_postgresql_finds(directory, query):
    params = QueryDict(query)
    assert seen(search_services(params, portable=True)) == seen(search_services(params))


@pytest.mark.parametrize(
    "query", ["", "sort=checked", "postcode=DD4+7AA&radius=25", "q=walking+or+dance&sort=name"]
)
def test_both_cut_a_capped_search_at_the_same_services(directory, settings, query):
    settings.SEARCH_RESULT_CAP = 3
    params = QueryDict(query)
    assert seen(search_services(params, portable=True)) == seen(search_services(params))

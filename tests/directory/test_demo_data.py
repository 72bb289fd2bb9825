"""The demo data command: what it loads, that it is idempotent, and that the data is plausible."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from directory.choices import AreaKind, Capacity, Element, Structure
from directory.models import (
    Location,
    OpeningTime,
    Organisation,
    Postcode,
    Service,
    ServiceArea,
    ServiceAtLocation,
    element_field,
)

NATIONAL = [AreaKind.SCOTLAND, AreaKind.UK]
# Ofcom's drama ranges used by the demo data.
DRAMA_PHONE = re.compile(r"^(0131 496 0\d{3}|0113 496 0\d{3}|07700 900\d{3}|0808 157 0\d{3})$")
EXAMPLE_DOMAIN = re.compile(r"@example\.(org|com|net)$")
EXAMPLE_WEBSITE = re.compile(r"^https://example\.(org|com|net)/")


def load(*args) -> str:
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict:
    models = [Organisation, Service, Location, Postcode, ServiceAtLocation, ServiceArea, OpeningTime]
    return {model.__name__: model.objects.count() for model in models}


def last_updated() -> dict:
    """Every timestamped row's `updated` time: a save that changes nothing still moves it."""
    return {
        model.__name__: dict(model.objects.values_list("pk", "updated"))
        for model in (Organisation, Location, Service)
    }


@pytest.mark.django_db
def test_loads_organisations_and_published_services():
    output = load()

    assert 24 <= Organisation.objects.count() <= 27
    assert Service.objects.published().count() >= 80
    assert Service.objects.count() == Service.objects.published().count()
    assert "organisations" in output and "postcodes" in output


@pytest.mark.django_db
def test_running_twice_changes_nothing():
    load()
    counts = row_counts()
    service_uuids = set(Service.objects.values_list("slug", "uuid"))
    link_uuids = set(ServiceAtLocation.objects.values_list("uuid", flat=True))
    updated = last_updated()

    load()

    assert row_counts() == counts
    assert last_updated() == updated  # no row was saved again
    assert set(Service.objects.values_list("slug", "uuid")) == service_uuids
    assert set(ServiceAtLocation.objects.values_list("uuid", flat=True)) == link_uuids


@pytest.mark.django_db
def test_every_element_and_structure_cell_has_at_least_two_services():
    load()
    published = Service.objects.published()

    for element in Element.values:
        for structure in Structure.values:
            count = published.filter(structure=structure, **{element_field(element): True}).count()
            assert count >= 2, f"{element} × {structure} has {count} services"


@pytest.mark.django_db
def test_includes_the_kinds_of_support_people_look_for():
    load()
    published = Service.objects.published()

    peer_led_in_dundee = published.filter(peer_led=True, locations__town="Dundee").distinct()
    assert peer_led_in_dundee.count() >= 3
    assert published.filter(peer_led=True, mutual=True).count() >= 5
    assert published.filter(audiences__slug="carers").count() >= 3
    assert published.filter(topics__slug="bereavement", peer_led=True).count() >= 2

    waiting = published.filter(capacity=Capacity.WAITING_LIST)
    assert waiting.count() >= 5
    assert all(2 <= weeks <= 12 for weeks in waiting.values_list("waiting_weeks", flat=True))
    assert published.filter(capacity=Capacity.FULL).exists()
    assert published.filter(capacity=Capacity.TEMPORARILY_CLOSED).exists()

    national_lines = published.filter(areas__kind__in=NATIONAL, mode_phone=True).distinct()
    assert national_lines.count() >= 3
    national = published.filter(areas__kind__in=NATIONAL).distinct()
    assert national.filter(mode_phone=True).count() + national.filter(mode_text_chat=True).count() >= 4
    assert not national.filter(locations__isnull=False).exists()

    assert published.filter(accepts_supportmap_referrals=True).count() >= 20


@pytest.mark.django_db
def test_locations_are_in_tayside_with_known_postcodes():
    load()
    known = set(Postcode.objects.values_list("postcode", flat=True))

    for location in Location.objects.all():
        assert location.postcode in known, location
        assert 56.1 <= location.latitude <= 56.95, location
        assert -4.1 <= location.longitude <= -2.3, location
    assert {"DD4 7AA", "DD1 4HN", "PH1 5AA"} <= known
    assert Location.objects.filter(hide_exact_address=True).exists()


@pytest.mark.django_db
def test_contact_details_are_fictional():
    load()

    for organisation in Organisation.objects.all():
        assert DRAMA_PHONE.match(organisation.phone), organisation.phone
        assert EXAMPLE_DOMAIN.search(organisation.email), organisation.email
        assert EXAMPLE_WEBSITE.match(organisation.website), organisation.website
        assert organisation.charity_number == "" or organisation.charity_number.startswith("SC999")
    charity_numbers = [n for n in Organisation.objects.values_list("charity_number", flat=True) if n]
    assert len(charity_numbers) == len(set(charity_numbers))
    for service in Service.objects.all():
        assert DRAMA_PHONE.match(service.phone), service.phone
        assert EXAMPLE_DOMAIN.search(service.email), service.email


@pytest.mark.django_db
def test_if_empty_does_nothing_when_the_directory_has_organisations():
    Organisation.objects.create(name="Existing group", slug="existing-group", kind="community_group")

    output = load("--if-empty")

    assert "not loaded" in output
    assert Organisation.objects.count() == 1
    assert not Service.objects.exists()


@pytest.mark.django_db
def test_if_empty_loads_into_an_empty_directory():
    load("--if-empty")

    assert Service.objects.published().count() >= 80


@pytest.mark.django_db
def test_descriptions_are_not_templated():
    load()
    openings = Counter(d[:40] for d in Service.objects.values_list("description", flat=True))

    repeated = [opening for opening, count in openings.items() if count > 1]
    assert not repeated
    for summary in Service.objects.values_list("summary", flat=True):
        assert len(summary) <= 200


@pytest.mark.django_db
def test_some_listings_are_stale_but_most_are_recent():
    load()
    services = list(Service.objects.published())

    stale = [service for service in services if service.is_stale]
    assert 5 <= len(stale) <= len(services) // 5

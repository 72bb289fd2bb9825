"""The public service page at /services/<slug>/."""

import datetime

import pytest

from directory.choices import AreaKind, Capacity, Freshness, ServiceStatus
from directory.models import Audience, Topic
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceAreaFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    service = ServiceFactory(
        name="Tay Bereavement Circle",
        summary="A peer-led group for people grieving a partner.",
        description="We meet in a quiet room with tea.\n\nNew people are welcome.",
        offers_meaning=True,
        peer_led=True,
        mutual=True,
        age_min=18,
        capacity=Capacity.WAITING_LIST,
        waiting_weeks=3,
        has_confidentiality_policy=True,
        pvg_checked_volunteers=True,
        refers_on_to="Your GP, or Cruse Scotland's helpline for one-to-one support.",
        phone="0131 496 0123",
        accepts_supportmap_referrals=True,
    )
    service.locations.add(LocationFactory(organisation=service.organisation, name="St Mary's Hall"))
    service.audiences.set(Audience.objects.filter(slug="carers"))
    service.topics.set(Topic.objects.filter(slug="bereavement"))
    OpeningTimeFactory(service=service, weekday=2, note="First Wednesday of the month")
    ServiceAreaFactory(service=service)
    return service


def test_shows_everything_a_person_needs_to_decide(client, service):
    response = client.get(f"/services/{service.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Tay Bereavement Circle",
        service.organisation.name,
        "A peer-led group for people grieving a partner.",
        "New people are welcome.",
        "Friendship and peer support",
        "Constructing meaning",
        "Structure: Semi-formal.",
        "It is run by people with lived experience.",
        "Members support each other.",
        "Ages 18 and over",
        "Carers",
        "Bereavement",
        "Waiting list: about 3 weeks",
        "St Mary&#x27;s Hall",
        "Wednesday",
        "First Wednesday of the month",
        "Dundee City",
        "0131 496 0123",
        "Accepts referrals through SupportMap.",
        "Last checked by the provider:",
    ]:
        assert text in html, text


def test_shows_the_safeguards_plainly(client, service):
    html = client.get(f"/services/{service.slug}/").content.decode()
    assert "A confidentiality policy: <strong>Yes</strong>" in html
    assert "Volunteers checked under the PVG scheme: <strong>Yes</strong>" in html
    assert "Trained volunteers: <strong>Not stated</strong>" in html
    assert "Your GP, or Cruse Scotland&#x27;s helpline for one-to-one support." in html


def test_warns_when_the_listing_is_overdue_or_lapsed(client):
    current = ServiceFactory()
    due = ServiceFactory(freshness=Freshness.DUE)
    overdue = ServiceFactory(freshness=Freshness.OVERDUE, last_reviewed=datetime.date(2026, 3, 2))
    lapsed = ServiceFactory(freshness=Freshness.LAPSED)

    def page(service):
        return client.get(f"/services/{service.slug}/").content.decode()

    assert "may be out of date" not in page(current)
    assert "may be out of date" not in page(due)
    assert "This listing may be out of date" in page(overdue)
    assert 'Last checked <time datetime="2026-03-02">2 March 2026</time>' in page(overdue)
    assert "not confirmed it for over a year" not in page(overdue)
    # A lapsed listing's page stays, marked.
    assert "This listing may be out of date" in page(lapsed)
    assert f"{lapsed.organisation.name} has not confirmed it for over a year" in page(lapsed)


def test_hidden_address_is_not_shown(client):
    service = ServiceFactory()
    service.locations.add(
        LocationFactory(
            organisation=service.organisation,
            address_1="12 Secret Gardens",
            postcode="DD4 7AA",
            hide_exact_address=True,
        )
    )
    html = client.get(f"/services/{service.slug}/").content.decode()
    assert "12 Secret Gardens" not in html
    assert "DD4 7AA" not in html
    assert "DD4" in html
    assert "contact them for the address" in html


def test_national_line_without_locations_says_how_it_works(client):
    service = ServiceFactory(mode_group=False, mode_phone=True)
    ServiceAreaFactory(service=service, kind=AreaKind.SCOTLAND, code="", name="All of Scotland")
    html = client.get(f"/services/{service.slug}/").content.decode()
    assert "No fixed place: this service works by phone." in html
    assert "All of Scotland" in html


def test_unknown_slug_gives_a_helpful_404(client):
    response = client.get("/services/no-such-service/")
    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content
    assert b"Search all services" in response.content


@pytest.mark.parametrize(
    "status", [ServiceStatus.DRAFT, ServiceStatus.PENDING_REVIEW, ServiceStatus.ARCHIVED]
)
def test_unpublished_services_are_not_shown(client, status):
    service = ServiceFactory(status=status)
    assert client.get(f"/services/{service.slug}/").status_code == 404


def test_service_page_query_count_is_bounded(client, service, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert client.get(f"/services/{service.slug}/").status_code == 200

"""The seeded search vocabulary's everyday wording (issue 10, point 8): the abbreviations link
workers, GPs and the public type (CAB, DV, MH, NA, CLW, YP) and sentence forms ("my brother
killed himself", "mum doesn't recognise me", "no bus to the doctor") find the services they mean,
on whichever database the suite runs on and, on PostgreSQL, the portable way too.

These use the vocabulary the migrations loaded from directory/data/thesaurus.csv, and listings the
tests make, each next to one that must not be found."""

import pytest
from django.http import QueryDict

from directory.models import Topic
from directory.search import search_services
from tests.factories import ServiceFactory

pytestmark = pytest.mark.usefixtures("fresh_vocabulary")


def listing(topics=(), **fields):
    service = ServiceFactory(**fields)
    service.topics.set(Topic.objects.filter(slug__in=topics))
    return service


def names(query: str, portable=None) -> list[str]:
    return [service.name for service in search_services(QueryDict(query), portable=portable).services]


@pytest.fixture
def directory(db):
    listing(name="Money matters", summary="Citizens advice on benefits and debt.", description="Drop in.")
    listing(name="Cabaret night", summary="Songs and comedy on a Saturday.", description="All welcome.")
    listing(
        name="Safe together",
        summary="Support for anyone in an abusive relationship.",
        description="Confidential.",
        topics=["domestic_abuse"],
    )
    listing(name="Minds together", summary="A peer support group for mental health.", description="Weekly.")
    listing(name="Peer cycling", summary="Peer support for new cyclists.", description="Bring a bike.")
    listing(name="Clean and serene", summary="Narcotics Anonymous meetings.", description="Recovery.")
    listing(name="Nature walks", summary="Walks in the glen.", description="Boots needed.")
    listing(
        name="After a suicide",
        summary="A group for people bereaved by suicide.",
        description="Monthly.",
        topics=["bereavement"],
    )
    listing(name="Memory cafe", summary="A cafe for people with dementia and their families.")
    listing(name="Volunteer drivers", summary="Lifts to appointments by community transport.")
    listing(name="Chess club", summary="Weekly games.", description="In the library.")


@pytest.mark.parametrize(
    ("query", "wanted", "unwanted"),
    [
        ("CAB", "Money matters", "Cabaret night"),
        ("DV support", "Safe together", "Chess club"),
        ("MH peer support", "Minds together", "Chess club"),
        ("NA meetings", "Clean and serene", "Nature walks"),
        ("my brother killed himself", "After a suicide", "Chess club"),
        ("my mum doesn't recognise me any more", "Memory cafe", "Chess club"),
        ("no bus to the doctor", "Volunteer drivers", "Chess club"),
    ],
)
def test_everyday_wording_finds_the_service_it_means(directory, portable, query, wanted, unwanted):
    found = names(f"q={query.replace(' ', '+')}", portable)
    assert found and found[0] == wanted, found
    assert unwanted not in found


def test_grief_after_a_suicide_is_not_treated_as_crisis_language(db):
    from directory.models import SearchTerm

    for phrase in ("killed himself", "took her own life", "died by suicide"):
        term = SearchTerm.objects.get(phrase=phrase)
        assert [topic.slug for topic in term.topics.all()] == ["bereavement"]

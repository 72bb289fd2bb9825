"""tests/relevance/queries.csv is well formed: enough queries, every kind, no duplicates, and every
service, postcode and radius it names exists in the demo data and is accepted by the search form.
The figures themselves are `make eval`'s business, not this test's."""

from collections import Counter

import pytest

from directory.filters import ServiceFilter
from directory.models import Postcode, Service
from directory.postcodes import normalise_postcode
from directory.taxonomy import AUDIENCES, TOPICS
from tests.relevance.evaluate import KINDS, QUERIES_FILE, load_queries, problems_in, run_query

QUERIES = load_queries(QUERIES_FILE)


def test_there_are_at_least_200_queries():
    assert len(QUERIES) >= 200


def test_every_kind_is_present_and_no_other():
    kinds = Counter(query.kind for query in QUERIES)
    assert set(kinds) == set(KINDS), kinds
    # A kind with a handful of queries says little: each has at least 20.
    assert min(kinds.values()) >= 20, kinds


def test_no_problems_without_the_database():
    # Kinds, radii, duplicates (the same words, postcode and radius), empty or repeated answers.
    assert problems_in(QUERIES) == []


def test_some_queries_have_a_postcode_and_some_a_radius():
    assert sum(1 for query in QUERIES if query.postcode) >= 40
    assert any(query.radius for query in QUERIES)


@pytest.mark.django_db
def test_every_acceptable_service_exists_in_the_demo_data(demo_directory):
    slugs = set(Service.objects.published().values_list("slug", flat=True))
    assert problems_in(QUERIES, slugs) == []


@pytest.mark.django_db
def test_every_demo_service_is_an_acceptable_answer_somewhere(demo_directory):
    named = {slug for query in QUERIES for slug in query.acceptable}
    missing = set(Service.objects.published().values_list("slug", flat=True)) - named
    assert not missing, f"no query accepts {sorted(missing)}"


@pytest.mark.django_db
def test_every_topic_and_audience_is_covered(demo_directory):
    """A fair spread: for each topic and audience, some query accepts a service tagged with it."""
    named = {slug for query in QUERIES for slug in query.acceptable}
    services = Service.objects.published().filter(slug__in=named).prefetch_related("topics", "audiences")
    topics = {topic.slug for service in services for topic in service.topics.all()}
    audiences = {audience.slug for service in services for audience in service.audiences.all()}
    used_topics = set(Service.topics.through.objects.values_list("topic__slug", flat=True))
    assert {slug for slug, _ in TOPICS} & used_topics <= topics
    assert {slug for slug, _ in AUDIENCES} <= audiences


@pytest.mark.django_db
def test_every_postcode_is_known_and_every_query_is_a_valid_search(demo_directory):
    known = set(Postcode.objects.values_list("postcode", flat=True))
    for query in QUERIES:
        if query.postcode:
            assert normalise_postcode(query.postcode) in known, query.label()
        form = ServiceFilter(query.params()).form
        assert form.is_valid(), (query.label(), form.errors)


@pytest.mark.django_db
def test_a_query_runs_through_the_real_search(demo_directory):
    from directory.search import search_services

    query = next(q for q in QUERIES if q.text == "debt advice" and not q.postcode)
    outcome = run_query(query, search_services)
    assert outcome.ranking, "the search found nothing for “debt advice”"
    assert all(isinstance(slug, str) for slug in outcome.ranking)
    assert outcome.hit, outcome.ranking[:3]

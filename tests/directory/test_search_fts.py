"""SQLite's FTS5 search index (directory.search.sqlite): kept up to date with the listings, porter
stemming, weights by column. SQLite only: PostgreSQL searches its own tsvector (test_search.py)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from directory.models import Service, Topic
from directory.search import search_services
from tests.directory.review_fixtures import *  # noqa: F403
from tests.factories import ServiceFactory, sign_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite",
        reason="the FTS5 index exists on SQLite only (PostgreSQL has its tsvector)",
    ),
]


def found(query: str) -> list[str]:
    return [service.slug for service in search_services(QueryDict(query)).services]


def indexed(service) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, summary, description FROM directory_service_fts WHERE rowid = %s", [service.pk]
        )
        return cursor.fetchone()


def test_an_edited_summary_is_found_by_its_new_words_and_not_its_old_ones():
    service = ServiceFactory(slug="tea", summary="A weekly gathering over porridge.")
    assert found("q=porridge") == ["tea"]
    service.summary = "A weekly gathering over pancakes."
    service.save()
    assert found("q=pancakes") == ["tea"]
    assert found("q=porridge") == []


def test_topics_added_renamed_and_removed_follow_into_the_index():
    service = ServiceFactory(slug="tea", summary="Tea.", description="Tea.")
    topic = Topic.objects.create(name="Xylophone practice", slug="xylophone")
    assert found("q=xylophone") == []
    service.topics.add(topic)
    assert found("q=xylophone") == ["tea"]
    topic.name = "Zither practice"
    topic.save()
    assert found("q=zither") == ["tea"] and found("q=xylophone") == []
    service.topics.remove(topic)
    assert found("q=zither") == []
    service.topics.add(topic)
    service.topics.clear()
    assert found("q=zither") == []


def test_a_deleted_service_leaves_the_index():
    service = ServiceFactory(slug="tea")
    pk = service.pk
    service.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM directory_service_fts WHERE rowid = %s", [pk])
        assert cursor.fetchone()[0] == 0


def test_rebuild_search_index_catches_up_with_a_bulk_update():
    ServiceFactory(slug="tea", summary="Porridge.")
    Service.objects.update(summary="Pancakes.")  # no signals
    assert found("q=pancakes") == []
    call_command("rebuild_search_index", stdout=None)
    assert found("q=pancakes") == ["tea"]


def test_an_approved_working_copy_is_searched_by_its_new_name(client, editor, published, working_copy):
    assert "Thursday" not in indexed(published)[0]
    sign_in(client, editor)
    response = client.post(reverse("review:service_approve", args=[working_copy.slug]))
    assert response.status_code == 302
    assert indexed(published)[0] == "Tuesday and Thursday Tea Group"
    assert published.slug in found("q=thursday")


def test_porter_stemming_finds_other_forms_of_a_word():
    ServiceFactory(slug="walks", name="Hill walking", summary="Out on the hills.", description="Boots.")
    assert found("q=walks") == ["walks"]
    assert found("q=walked") == ["walks"]


def test_a_name_match_ranks_above_a_description_match():
    ServiceFactory(slug="described", name="Tuesday club", summary="Tea.", description="We do pottery.")
    ServiceFactory(slug="named", name="Pottery club", summary="Tea.", description="We meet weekly.")
    assert found("q=pottery&sort=relevance") == ["named", "described"]


def test_an_excluded_word_excludes_and_a_short_word_is_a_whole_word():
    ServiceFactory(slug="bike", name="Bike repair", summary="Fix your bike.", description="Tools.")
    ServiceFactory(slug="bi", name="Bi social", summary="For bi people.", description="Chat.")
    assert found("q=bi") == ["bi"]
    assert found("q=repair+-bike") == []
    assert found("q=social+-bike") == ["bi"]


def test_a_phrase_is_matched_as_a_phrase():
    ServiceFactory(slug="phrase", name="A", summary="For anyone with low mood.", description="Chat.")
    ServiceFactory(slug="apart", name="B", summary="Mood music, low prices.", description="Chat.")
    assert found('q="low+mood"') == ["phrase"]


def test_a_widened_search_ranks_by_how_many_words_each_listing_matches():
    ServiceFactory(slug="both", name="Knitting and origami", summary="Crafts.", description="Tea.")
    ServiceFactory(slug="one", name="Knitting", summary="Crafts.", description="Tea.")
    result = search_services(QueryDict("q=knitting+origami+tuba&sort=relevance"))
    assert result.widened
    assert [service.slug for service in result.services] == ["both", "one"]

"""Widening a search that finds too little (issue 10, point 2): when all the groups together find
fewer than HANDFUL services, the search keeps the services matching most of them, then any of
them, ranked by how many they match, and says so. Filters, the place and excluded words hold.

The words here are in no vocabulary entry (the tests empty it), so each word is one group."""

import pytest
from django.db import connection
from django.http import QueryDict

from directory.models import Topic
from directory.search import (
    HANDFUL,
    WIDENED_ANY,
    WIDENED_MOST,
    most_groups,
    parse_terms,
    search_services,
)
from tests.directory.test_search import ORIGIN, located
from tests.factories import PostcodeFactory, ServiceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_vocabulary")]
URL = "/services/"


def search(query: str, portable=None):
    return search_services(QueryDict(query), portable=portable)


def names(query: str, portable=None) -> list[str]:
    return [service.name for service in search(query, portable).services]


def club(name: str, **fields):
    return ServiceFactory(
        name=name, summary=fields.pop("summary", "Weekly."), description="Come along.", **fields
    )


def test_most_of_the_words_means_two_thirds_rounded_up_and_at_least_two():
    assert HANDFUL == 3
    assert [most_groups(n) for n in (2, 3, 4, 5, 6, 9, 10)] == [2, 2, 3, 4, 4, 6, 7]


def test_a_search_that_finds_a_handful_is_not_widened(portable):
    for name in ("Pottery and chess one", "Pottery and chess two", "Pottery and chess three"):
        club(name)
    club("Chess only")
    result = search("q=pottery+chess", portable)
    assert sorted(service.name for service in result.services) == [
        "Pottery and chess one",
        "Pottery and chess three",
        "Pottery and chess two",
    ]
    assert result.widened == ""


def test_first_it_widens_to_most_of_the_words(portable):
    club("Pottery and chess club")
    club("Chess and netball night")
    club("Netball and pottery fair")
    club("Chess only")
    result = search("q=pottery+chess+netball", portable)
    assert sorted(service.name for service in result.services) == [
        "Chess and netball night",
        "Netball and pottery fair",
        "Pottery and chess club",
    ]
    assert result.widened == WIDENED_MOST == "No service matched all your words; these match most of them."


def test_then_to_any_word_ranked_by_how_much_of_the_search_each_covers(portable):
    club("Chess")  # the word in its name: the best text rank, but one word of three
    club("Tuesday club", summary="Pottery and netball.")
    club("Library games", summary="Netball talk.")
    club("Knitting circle")  # matches nothing
    result = search("q=pottery+chess+netball", portable)
    found = [service.name for service in result.services]
    assert found[0] == "Tuesday club"  # two of the three words
    assert sorted(found[1:]) == ["Chess", "Library games"]
    assert result.widened == WIDENED_ANY == "No service matched all your words; these match some of them."


def test_two_words_widen_straight_to_any(portable):
    club("Pottery for all")
    club("Chess for all")
    club("Knitting circle")
    result = search("q=pottery+chess", portable)
    assert sorted(service.name for service in result.services) == ["Chess for all", "Pottery for all"]
    assert result.widened == WIDENED_ANY


def test_one_known_word_among_unknown_ones_is_never_an_empty_page(portable):
    club("Pottery for all")
    club("Knitting circle")
    result = search("q=pottery+xylophonic+quasar", portable)
    assert [service.name for service in result.services] == ["Pottery for all"]
    assert result.widened == WIDENED_ANY


def test_a_sentence_keeps_only_its_meaningful_words():
    groups, _ = parse_terms("I am looking for a pottery class for my dad, and he is not well")
    assert [group[0] for group in groups] == ["looking", "pottery", "class", "dad", "well"]


def test_one_word_has_nothing_to_widen(portable):
    club("Pottery for all")
    result = search("q=chess", portable)
    assert result.services == [] and result.widened == ""


def test_widening_keeps_the_filters(portable):
    club("Pottery for all", offers_friendship=True)
    club("Chess for all", offers_friendship=False, offers_practical=True)
    club("Netball for all", offers_friendship=False, offers_practical=True)
    result = search("q=pottery+chess&element=practical", portable)
    assert [service.name for service in result.services] == ["Chess for all"]
    assert result.widened == WIDENED_ANY
    topic = Topic.objects.get(slug="bereavement")
    tagged = club("Pottery in memory")
    tagged.topics.add(topic)
    result = search("q=pottery+chess&topic=bereavement", portable)
    assert [service.name for service in result.services] == ["Pottery in memory"]


def test_widening_keeps_excluded_words(portable):
    club("Pottery for all")
    club("Chess for all")
    club("Chess and bingo")
    result = search("q=pottery+chess+-bingo", portable)
    assert sorted(service.name for service in result.services) == ["Chess for all", "Pottery for all"]
    assert result.widened == WIDENED_ANY


@pytest.fixture
def dd4():
    return PostcodeFactory()  # DD4 7AA, at ORIGIN


def test_widening_keeps_the_radius(dd4, portable):
    located("Pottery nearby", ORIGIN[0] + 0.01, ORIGIN[1])  # about 1 km
    located("Chess nearby", ORIGIN[0], ORIGIN[1] + 0.01)
    located("Chess far away", ORIGIN[0] + 0.5, ORIGIN[1])  # about 55 km
    result = search("q=pottery+chess&postcode=DD4+7AA&radius=10", portable)
    assert sorted(service.name for service in result.services) == ["Chess nearby", "Pottery nearby"]
    assert result.widened == WIDENED_ANY


def test_the_page_says_what_the_search_did(client):
    club("Pottery for all")
    club("Chess for all")
    html = client.get(URL, {"q": "pottery chess"}).content.decode()
    assert "No service matched all your words; these match some of them." in html
    assert "Pottery for all" in html and "Chess for all" in html
    html = client.get(URL, {"q": "pottery"}).content.decode()
    assert "No service matched all your words" not in html


def test_a_widened_search_near_a_postcode_stays_within_the_query_bound(
    client, dd4, django_assert_max_num_queries
):
    located("Pottery nearby", ORIGIN[0] + 0.01, ORIGIN[1], offers_practical=True)
    located("Chess nearby", ORIGIN[0], ORIGIN[1] + 0.01)
    client.get(URL, {"q": "warm up", "postcode": "DD4 7AA"})  # the vocabulary and listings' words, read once
    # Near a postcode with fewer than 3 inside, one more on PostgreSQL: the phone-or-online group,
    # the homes and the nearest beyond the radius in one union (directory.search.nearby); SQLite
    # takes two for those, and one for the places near the postcode.
    bound = 6 if connection.vendor == "postgresql" else 8
    with django_assert_max_num_queries(bound):
        response = client.get(
            URL, {"q": "pottery chess netball", "postcode": "DD4 7AA", "element": "friendship", "page": "1"}
        )
    assert response.context["result"].widened == WIDENED_ANY

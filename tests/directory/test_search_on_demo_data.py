"""Search on the demo data: relevance (the right service in the top three for realistic
searches) and facet counts. Runs on PostgreSQL (ranked full-text search) and SQLite alike.
"""

import pytest
from django.http import QueryDict

from directory.models import Service
from directory.search import search_services

pytestmark = pytest.mark.django_db

CASES = [
    ("q=lonely", "tvb-home-befriending"),
    ("q=isolated+older", "ac-angus-befriending"),  # the listing says isolated (synonyms: test_search.py)
    ("q=grief", "shbc-douglas-bereavement-circle"),  # grief is a synonym of bereavement
    ("q=berevement", "shbc-douglas-bereavement-circle"),  # a typo, corrected
    ("q=anxeity", "fcw-anxiety-support-online"),  # a typo, corrected
    ("q=bereavement+group&postcode=DD4+7AA", "shbc-douglas-bereavement-circle"),
    ("q=men%27s+shed", "fintry-shed-open-days"),
    ("q=debt+advice", "dmat-debt-advice"),
    ("q=dementia+carers", "llmc-dementia-carers-group"),
    ("q=befriending+older+people", "ac-angus-befriending"),
    ("q=lived+experience+mental+health", "rrc-mental-health-recovery-group"),
    ("q=food+larder", "whitfield-community-larder"),
    ("q=veterans", "svh-veterans-advice"),
    ("q=young+people+anxiety", "byf-feeling-ok-group"),
    ("q=recovery+cafe", "arn-arbroath-recovery-cafe"),  # the listing says café
    ("q=recovery+cafe%C3%A9", "arn-arbroath-recovery-cafe"),  # "cafeé": a typo with an accent
    ("q=kinship", "kkc-kinship-carers-group"),
    ("q=energy+bills", "dmat-home-energy-advice"),
    ("q=furniture", "restore-starter-furniture"),
    ("postcode=DD11+1AA", "arn-arbroath-recovery-cafe"),  # postcode only: nearest first
    ("element=material&structure=informal", "bcl-community-larder"),
    ("element=meaning&structure=close&postcode=DD5+2AA", "shbc-bereaved-parents-evening"),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_expected_service_is_in_the_top_three(demo_directory, query, expected):
    result = search_services(QueryDict(query))
    top = [service.slug for service in result.services[:3]]
    assert expected in top, f"{query}: top three were {top}"


def test_the_typo_is_corrected_and_the_nearest_group_comes_first(demo_directory):
    result = search_services(QueryDict("q=berevement+group&postcode=DD4+7AA"))
    assert result.suggestion == "bereavement group"
    assert result.corrected_from == "berevement group"
    assert result.total >= 3
    # Bereavement groups, and the nearest (two groups meet in Douglas, 0.7 km away) first.
    assert all(
        "bereave" in service.slug or "suicide" in service.slug or "grief" in service.slug
        for service in result.services
    )
    assert result.services[0].distance_km == min(service.distance_km for service in result.services)

    nearest_first = search_services(QueryDict("q=berevement+group&postcode=DD4+7AA&sort=distance"))
    distances = [service.distance_km for service in nearest_first.services]
    assert None not in distances
    assert distances == sorted(distances)


def test_facet_counts_match_direct_counts_with_the_other_filters_applied(demo_directory):
    result = search_services(QueryDict("element=friendship&structure=informal&peer_led=1"))
    published = Service.objects.published()
    counts = {option.key: option.count for option in result.facets["element"]}
    for key, count in counts.items():
        assert (
            count == published.filter(**{f"offers_{key}": True}, structure="informal", peer_led=True).count()
        )
    counts = {option.key: option.count for option in result.facets["structure"]}
    for key, count in counts.items():
        assert count == published.filter(offers_friendship=True, structure=key, peer_led=True).count()
    counts = {option.key: option.count for option in result.facets["mode"]}
    assert (
        counts["group"]
        == published.filter(
            offers_friendship=True, structure="informal", peer_led=True, mode_group=True
        ).count()
    )
    [peer] = result.facets["peer_led"]
    assert peer.selected
    assert peer.count == published.filter(offers_friendship=True, structure="informal", peer_led=True).count()
    assert result.total == peer.count


def test_facet_counts_follow_the_text_search(demo_directory):
    result = search_services(QueryDict("q=carers"))
    close = next(option for option in result.facets["structure"] if option.key == "close")
    assert close.count == search_services(QueryDict("q=carers&structure=close")).total
    assert 0 < close.count < result.total


def test_a_misspelt_crisis_word_that_finds_nothing_shows_listening_services(demo_directory):
    # Crisis words are never offered a correction while they find something; finding nothing,
    # the corrected words are searched, so the crisis lines are not followed by an empty page.
    result = search_services(QueryDict("q=sucidal"))
    assert result.corrected_from == "sucidal" and result.suggestion == "suicidal"
    assert "Scottish listening line" in [service.name for service in result.services[:3]]


def test_a_crisis_sentence_that_finds_nothing_is_never_rewritten_into_other_words(demo_directory):
    # All the words together find nothing; "corrected", the sentence would become other words
    # than the person's. Only corrections back to crisis words are searched; this one widens.
    result = search_services(QueryDict("q=I+want+to+kill+myself+walkng"))
    assert result.suggestion == "" and result.corrected_from == ""
    assert result.widened and result.total

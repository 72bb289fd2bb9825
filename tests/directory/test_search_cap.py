"""A search works on a bounded set of candidates (SEARCH_RESULT_CAP): broad searches say "more
than", keep the best first, and still find what a filter asks for. On PostgreSQL the candidates
come from columns that triggers keep (migration 0006): these tests also check that editing a
service's locations, areas, topics and opening times reaches the search at once."""

import pytest
from django.http import QueryDict

from directory.choices import AreaKind, Weekday
from directory.models import Audience, Topic
from directory.search import search_services
from directory.search.words import rebuild_search_words
from tests.directory.test_search import ORIGIN, by_hand_km, located
from tests.factories import (
    LocationFactory,
    OpeningTimeFactory,
    PostcodeFactory,
    ServiceAreaFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db
URL = "/services/"
CAP = 5


def search(query):
    return search_services(QueryDict(query))


@pytest.fixture
def small_cap(settings):
    settings.SEARCH_RESULT_CAP = CAP


@pytest.fixture
def dd4():
    return PostcodeFactory()


def walking_groups(count, **fields):
    return [
        ServiceFactory(
            name=f"Tea and chat {index}",
            summary="A weekly group.",
            description="We go walking together along the river.",
            **fields,
        )
        for index in range(count)
    ]


def test_a_broad_search_says_more_than_and_shows_the_cap(small_cap, client):
    walking_groups(CAP + 3)
    result = search("q=walking")
    assert result.total == CAP
    assert result.total_capped
    html = client.get(URL, {"q": "walking"}).content.decode()
    assert f"of more than {CAP} services" in html
    assert "fit your search best" in html


def test_a_search_under_the_cap_gives_the_exact_total(small_cap):
    walking_groups(CAP - 1)
    result = search("q=walking")
    assert (result.total, result.total_capped) == (CAP - 1, False)


def test_a_name_match_is_kept_and_ranked_first_however_many_match_the_description(small_cap):
    walking_groups(CAP * 3)
    named = ServiceFactory(name="Walking for Health", description="Gentle walks.")
    result = search("q=walking")
    assert result.services[0] == named


def test_a_filter_finds_services_beyond_the_unfiltered_cap(small_cap):
    walking_groups(CAP * 2)
    peer_led = walking_groups(3, peer_led=True)
    result = search("q=walking&peer_led=1")
    assert sorted(service.pk for service in result.services) == sorted(service.pk for service in peer_led)
    assert (result.total, result.total_capped) == (3, False)


def test_facet_counts_from_a_capped_search_are_shown_as_at_least(small_cap, client):
    walking_groups(CAP + 2)
    result = search("q=walking")
    friendship = next(option for option in result.facets["element"] if option.key == "friendship")
    assert friendship.at_least
    assert friendship.count == CAP
    html = client.get(URL, {"q": "walking"}).content.decode()
    assert f"({CAP}+" in html
    assert "or more services" in html


def test_a_page_beyond_the_cap_explains_how_to_narrow_the_search(small_cap, client):
    walking_groups(CAP + 3)
    response = client.get(URL, {"q": "walking", "page": "2"})
    assert response.status_code == 404
    assert "add words, a postcode or a filter" in response.content.decode()


def test_a_capped_place_search_keeps_the_nearest(small_cap, dd4):
    for step in range(CAP + 3):
        located(f"Group {step}", ORIGIN[0] + 0.01 * (step + 1), ORIGIN[1])
    result = search("postcode=DD4+7AA&radius=25")
    assert result.total_capped
    assert [service.name for service in result.services] == [f"Group {step}" for step in range(CAP)]


def test_a_service_with_far_apart_locations_is_near_only_where_it_has_one(dd4):
    service = located("Two-town group", 56.4730, -2.9150)  # Dundee, about 0.7 km from DD4 7AA
    service.locations.add(
        LocationFactory(organisation=service.organisation, latitude="55.864200", longitude="-4.251800")
    )
    result = search("postcode=DD4+7AA&radius=1")
    assert [found.name for found in result.services] == ["Two-town group"]
    assert result.services[0].distance_km == pytest.approx(by_hand_km(*ORIGIN, 56.4730, -2.9150), abs=0.01)
    # Perth lies between Dundee and Glasgow, inside the box around the two locations, near neither.
    PostcodeFactory(postcode="PH1 5AA", latitude="56.395000", longitude="-3.430000", council_code="S12000048")
    assert search("postcode=PH1+5AA&radius=10").services == []


def test_moving_a_location_moves_the_service_in_the_search(dd4):
    service = located("Moving group", 55.8642, -4.2518)  # Glasgow
    assert search("postcode=DD4+7AA&radius=10").services == []
    location = service.locations.get()
    location.latitude, location.longitude = "56.473000", "-2.915000"
    location.save()
    assert [found.name for found in search("postcode=DD4+7AA&radius=10").services] == ["Moving group"]


def test_unlinking_a_location_takes_the_service_off_the_map_search(dd4):
    service = located("Closing group", 56.4730, -2.9150)
    service.locations.clear()
    assert search("postcode=DD4+7AA&radius=10").services == []


def test_adding_an_area_makes_a_service_cover_it(dd4):
    line = ServiceFactory(name="Dundee phone line", mode_group=False, mode_phone=True)
    assert search("postcode=DD4+7AA").services == []
    ServiceAreaFactory(service=line, kind=AreaKind.COUNCIL, code="S12000042", name="Dundee City")
    result = search("postcode=DD4+7AA")
    assert [(found.name, found.place_rank) for found in result.services] == [("Dundee phone line", 1)]


def test_adding_a_topic_or_an_opening_day_reaches_the_filters():
    service = ServiceFactory(name="Money advice drop-in")
    assert search("topic=debt").services == []
    assert search("day=sunday").services == []
    service.topics.add(Topic.objects.get(slug="debt"))
    OpeningTimeFactory(service=service, weekday=Weekday.SUNDAY)
    assert search("topic=debt").services == [service]
    assert search("day=sunday").services == [service]
    service.topics.clear()
    assert search("topic=debt").services == []


def test_editing_a_service_keeps_its_place(dd4):
    service = located("Renamed group", 56.4730, -2.9150)
    service.name = "Riverside walking group"
    service.save()
    assert [found.name for found in search("q=riverside&postcode=DD4+7AA").services] == [service.name]


def test_a_capped_search_with_filters_stays_within_the_query_bound(
    small_cap, client, dd4, django_assert_max_num_queries
):
    for step in range(CAP + 3):
        located(f"Walking group {step}", ORIGIN[0] + 0.005 * step, ORIGIN[1], peer_led=step % 2 == 0)
    query = {"q": "walking", "postcode": "DD4 7AA", "peer_led": "1", "audience": "carers", "day": "monday"}
    with django_assert_max_num_queries(6):
        client.get(URL, query)
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "walking", "postcode": "DD4 7AA", "peer_led": "1"})
    assert response.context["result"].total == (CAP + 4) // 2


def test_an_excluded_word_rules_out_a_name_match_that_uses_it_elsewhere():
    ServiceFactory(name="Walking for Health", description="Walks along the river path.")
    kept = ServiceFactory(name="Walking Netball", description="Gentle netball in the sports hall.")
    assert search("q=walking+-river").services == [kept]


def test_services_spread_around_the_postcode_do_not_crowd_out_the_nearest(small_cap, dd4):
    # Each has a location to the west (Glasgow) and one to the east (Aberdeen): the box around
    # them contains DD4 7AA, though neither location is within 10 km of it.
    for index in range(CAP + 2):
        service = located(f"Spread group {index}", 55.8642, -4.2518)
        service.locations.add(
            LocationFactory(organisation=service.organisation, latitude="57.149700", longitude="-2.094300")
        )
    near = [located(f"Near group {index}", ORIGIN[0] + 0.005 * index, ORIGIN[1]) for index in range(3)]
    result = search("postcode=DD4+7AA&radius=10")
    assert [service.name for service in result.services] == [service.name for service in near]
    assert not result.total_capped


def test_common_words_near_a_postcode_find_the_same_services_nearest_first(dd4):
    from directory.search.words import rebuild_search_words, share_of_listings

    groups = [located(f"Walking group {step}", ORIGIN[0] + 0.01 * step, ORIGIN[1]) for step in range(4)]
    located("Riverside book club", ORIGIN[0], ORIGIN[1] + 0.01)
    rebuild_search_words()  # "walking" is now in most listings: a common word
    assert share_of_listings(("walking",)) > 0.5
    names = [service.name for service in groups]
    assert [service.name for service in search("q=walking&postcode=DD4+7AA&sort=distance").services] == names
    # 0, 1.1, 2.2 and 3.3 km away: two are within 2 km.
    assert [
        service.name for service in search("q=walking+group&postcode=DD4+7AA&radius=2").services
    ] == names[:2]
    # No listing says both: the search widens to either word (issue 10), and says so.
    widened = search("q=riverside+walking&postcode=DD4+7AA")
    assert sorted(service.name for service in widened.services) == sorted([*names, "Riverside book club"])
    assert widened.widened
    assert [service.name for service in search("q=book+-walking&postcode=DD4+7AA").services] == [
        "Riverside book club"
    ]


# --- exactly the cap is not "more than" ------------------------------------------------------------

# Searches of every shape the candidate query takes: relevance tiers, the database's own order,
# walking outwards from a postcode, and collecting every match near it (words, a tick box, an
# excluded word).
EVERY_SHAPE = [
    "q=walking",
    "q=walking&sort=name",
    "sort=checked",
    "postcode=DD4+7AA",
    "postcode=DD4+7AA&sort=relevance",
    "q=walking&postcode=DD4+7AA",
    "q=walking&postcode=DD4+7AA&sort=distance",
    "free=1&postcode=DD4+7AA",
    "q=walking+-netball&postcode=DD4+7AA",
]


def near_local_and_national(count):
    """Services that meet near DD4 7AA, cover Dundee and cover Scotland: each could be found three
    ways, and must still count once."""
    services = []
    for step in range(count):
        service = located(
            f"Walking group {step}", ORIGIN[0] + 0.002 * step, ORIGIN[1], description="We go walking."
        )
        ServiceAreaFactory(service=service, kind=AreaKind.COUNCIL, code="S12000042", name="Dundee City")
        ServiceAreaFactory(service=service, kind=AreaKind.SCOTLAND, code="", name="Scotland")
        services.append(service)
    return services


@pytest.mark.parametrize("query", EVERY_SHAPE)
def test_exactly_the_cap_is_not_more_than(small_cap, dd4, rare_words, client, query):
    services = near_local_and_national(CAP)
    result = search(query)
    assert sorted(found.pk for found in result.services) == sorted(service.pk for service in services)
    assert (result.total, result.total_capped) == (CAP, False)
    html = client.get(f"{URL}?{query}").content.decode()
    assert f"of {CAP} services" in html
    assert "more than" not in html.lower()


@pytest.mark.parametrize("query", EVERY_SHAPE)
def test_one_more_than_the_cap_is_more_than(small_cap, dd4, rare_words, client, query):
    near_local_and_national(CAP + 1)
    result = search(query)
    assert len({found.pk for found in result.services}) == CAP
    assert (result.total, result.total_capped) == (CAP, True)
    assert f"of more than {CAP} services" in client.get(f"{URL}?{query}").content.decode()


def test_a_service_with_no_location_in_the_radius_does_not_make_the_cap_more_than(small_cap, dd4, rare_words):
    # About 1.7 km north and 1.7 km south of DD4 7AA: the box around them holds it, and both are
    # in the grid cells around a 1 km circle, yet neither location is within 1 km.
    either_side = located("Walking either side", ORIGIN[0] + 0.015, ORIGIN[1])
    either_side.locations.add(
        LocationFactory(
            organisation=either_side.organisation,
            latitude=f"{ORIGIN[0] - 0.015:.6f}",
            longitude=f"{ORIGIN[1]:.6f}",
        )
    )
    near = [located(f"Walking group {step}", ORIGIN[0] + 0.001 * step, ORIGIN[1]) for step in range(CAP)]
    for query in ["q=walking", "", "free=1", "q=walking&sort=distance"]:
        result = search(f"{query}&postcode=DD4+7AA&radius=1")
        assert [found.name for found in result.services] == [service.name for service in near], query
        assert not result.total_capped, query


# --- the best first when the set is cut -----------------------------------------------------------


def test_relevance_tiers_hold_each_service_once(small_cap):
    # A name match also matches the name-and-summary and whole-listing tiers: counted once each,
    # three of them and two description matches are exactly the cap...
    named = [ServiceFactory(name=f"Walking club {index}", summary="Weekly.") for index in range(3)]
    described = walking_groups(2)
    result = search("q=walking")
    assert sorted(service.pk for service in result.services) == sorted(s.pk for s in named + described)
    assert (result.total, result.total_capped) == (CAP, False)
    # ... and with one more, the cut keeps five different services, the name matches first.
    walking_groups(1)
    result = search("q=walking")
    assert len({service.pk for service in result.services}) == CAP
    assert {service.pk for service in result.services[:3]} == {service.pk for service in named}
    assert (result.total, result.total_capped) == (CAP, True)


@pytest.mark.parametrize(
    "query",
    [
        "q=walking",
        "q=walking&sort=distance",
        "q=walking+-netball&sort=distance",
        "free=1",
        "audience=carers",
        "topic=loneliness&sort=distance",
        "day=monday",
    ],
)
def test_a_capped_search_for_something_rare_near_a_postcode_keeps_the_nearest(
    small_cap, dd4, rare_words, query
):
    carers = Audience.objects.get(slug="carers")
    loneliness = Topic.objects.get(slug="loneliness")
    # Made farthest first, so neither the order of creation nor of ids is the nearest first.
    for step in reversed(range(CAP + 3)):
        service = located(f"Walking group {step}", ORIGIN[0] + 0.01 * (step + 1), ORIGIN[1])
        service.audiences.add(carers)
        service.topics.add(loneliness)
        OpeningTimeFactory(service=service, weekday=Weekday.MONDAY)
    result = search(f"{query}&postcode=DD4+7AA&radius=25")
    assert result.total_capped
    assert [service.name for service in result.services] == [f"Walking group {step}" for step in range(CAP)]


def two_place_service(name, lat, lng):
    """A service that meets near DD4 7AA and also in Aberdeen."""
    service = located(name, lat, lng)
    service.locations.add(
        LocationFactory(organisation=service.organisation, latitude="57.149700", longitude="-2.094300")
    )
    return service


@pytest.mark.parametrize("query", ["", "sort=relevance", "q=walking"])
def test_a_capped_search_keeps_the_nearest_services_at_several_places(small_cap, dd4, query):
    for step in reversed(range(CAP + 3)):
        two_place_service(f"Walking group {step}", ORIGIN[0] + 0.01 * (step + 1), ORIGIN[1])
    rebuild_search_words()  # "walking" is in every listing: a common word, checked walking outwards
    result = search(f"{query}&postcode=DD4+7AA&radius=25")
    assert result.total_capped
    assert [service.name for service in result.services] == [f"Walking group {step}" for step in range(CAP)]


def test_services_at_one_place_and_at_several_are_cut_by_distance_together(small_cap, dd4, rare_words):
    # The nearest first, alternately at one place and at two; more at one place than the cap.
    names = []
    for step in range(2 * CAP + 2):
        lat = ORIGIN[0] + 0.01 * (step + 1)
        if step % 2:
            names.append(two_place_service(f"Group {step:02d}", lat, ORIGIN[1]).name)
        else:
            names.append(located(f"Group {step:02d}", lat, ORIGIN[1]).name)
    result = search("postcode=DD4+7AA&radius=25")
    assert result.total_capped
    assert [service.name for service in result.services] == names[:CAP]

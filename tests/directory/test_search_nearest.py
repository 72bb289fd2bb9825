"""Nothing nearby, then what is nearest (issue 10, point 5): the nearest matches beyond the radius
when fewer than three are inside it; services by phone or online with no venue in their own
group; and a group that meets in a home never gives away where it is."""

import math
import re

import pytest
from django.http import QueryDict

from directory.choices import AreaKind
from directory.search import search_services
from directory.search.nearby import KM_PER_MILE
from tests.directory.test_search import ORIGIN, by_hand_km, located
from tests.factories import LocationFactory, PostcodeFactory, ServiceAreaFactory, ServiceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_vocabulary")]
URL = "/services/"
ANGUS = "S12000041"


@pytest.fixture
def dd4():
    return PostcodeFactory()  # DD4 7AA, at ORIGIN, in Dundee City


def search(query: str, portable=None):
    return search_services(QueryDict(query), portable=portable)


def north(km: float) -> tuple[float, float]:
    return ORIGIN[0] + km / 111.2, ORIGIN[1]


def by_phone(name: str, **fields):
    """A service with no venue, by phone only."""
    fields.setdefault("mode_group", False)
    fields.setdefault("mode_phone", True)
    return ServiceFactory(name=name, **fields)


# --- nearest beyond the radius -------------------------------------------------------------------


def test_fewer_than_three_inside_shows_the_nearest_beyond_nearest_first(dd4, portable):
    located("Befriending here", *north(2), summary="Befriending.")
    located("Befriending at 40 km", *north(40), summary="Befriending.")
    located("Befriending at 15 km", *north(15), summary="Befriending.")
    located("Befriending at 26 km", *north(26), summary="Befriending.")
    located("Befriending at 60 km", *north(60), summary="Befriending.")
    located("Choir at 12 km", *north(12), summary="Singing.")  # other words: never shown
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    assert [service.name for service in result.services] == ["Befriending here"]
    assert [service.name for service in result.nearest_beyond] == [
        "Befriending at 15 km",
        "Befriending at 26 km",
        "Befriending at 40 km",
    ]
    shown = [service.distance_km for service in result.nearest_beyond]
    assert shown == sorted(shown) and shown[0] == pytest.approx(15, abs=0.1)


def test_three_inside_shows_no_nearest_beyond(dd4, portable):
    for km in (1, 2, 3):
        located(f"Befriending at {km} km", *north(km), summary="Befriending.")
    located("Befriending at 15 km", *north(15), summary="Befriending.")
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    assert len(result.services) == 3
    assert result.nearest_beyond == []


def test_the_nearest_beyond_keeps_the_filters(dd4, portable):
    located("Befriending far, practical", *north(15), summary="Befriending.", offers_practical=True)
    located("Befriending farther, friendship", *north(20), summary="Befriending.")
    result = search("q=befriending&postcode=DD4+7AA&radius=10&element=practical", portable)
    assert [service.name for service in result.nearest_beyond] == ["Befriending far, practical"]


def at_places(name, *kms, **fields):
    """A service at several places, each `km` north (negative: south) of DD4 7AA."""
    service = ServiceFactory(name=name, summary="Befriending.", **fields)
    for km in kms:
        lat, lng = north(km)
        service.locations.add(
            LocationFactory(organisation=service.organisation, latitude=f"{lat:.6f}", longitude=f"{lng:.6f}")
        )
    return service


@pytest.fixture(params=["few match", "many match"])
def how_common(request, db):
    """The nearest beyond are found two ways on PostgreSQL (directory.search.nearby): words few
    listings use are collected and sorted by distance; common ones walk outwards from the postcode.
    The listings' vocabulary, rebuilt after the test's services exist ("many match": the words
    are in every listing) or before ("few match": no listing's words known, so every word is rare)."""
    from directory.search.words import rebuild_search_words

    if request.param == "few match":
        rebuild_search_words()
        yield
    else:
        yield rebuild_search_words
    rebuild_search_words()


def test_the_nearest_beyond_counts_a_service_at_several_places_by_its_nearest(dd4, portable, how_common):
    # Its places on both sides of the postcode: the box around them holds it, its nearest is 20 km.
    at_places("Befriending in two towns", 20, -22)
    located("Befriending at 25 km", *north(25), summary="Befriending.")
    at_places("Befriending in far towns", 30, 90)
    located("Befriending at 45 km", *north(45), summary="Befriending.")
    at_places("Befriending further still", 60, 120)
    if how_common:
        how_common()
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    assert result.services == []
    assert [service.name for service in result.nearest_beyond] == [
        "Befriending in two towns",
        "Befriending at 25 km",
        "Befriending in far towns",
    ]
    shown = [service.distance_km for service in result.nearest_beyond]
    assert shown == pytest.approx([20, 25, 30], abs=0.2)


def test_the_nearest_beyond_leaves_out_what_is_inside_the_radius(dd4, portable, how_common):
    at_places("Befriending here and far", 2, 80)  # inside, so among the results
    located("Befriending at 15 km", *north(15), summary="Befriending.")
    if how_common:
        how_common()
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    assert [service.name for service in result.services] == ["Befriending here and far"]
    assert [service.name for service in result.nearest_beyond] == ["Befriending at 15 km"]


def test_the_page_labels_the_nearest_beyond_with_the_distance(client, dd4):
    located("Befriending at 26 km", *north(26), summary="Befriending.")
    html = client.get(URL, {"q": "befriending", "postcode": "DD4 7AA", "radius": "10"}).content.decode()
    assert "Nearest beyond 6.2 miles (10 km)" in html
    section = html[html.index('class="nearest-beyond') :]
    assert "Befriending at 26 km" in section
    assert "16.2 miles (26 km) away" in section
    html = client.get(URL, {"q": "befriending"}).content.decode()  # no postcode: no such group
    assert "Nearest beyond" not in html


# --- by phone or online --------------------------------------------------------------------------


def test_services_with_no_venue_have_their_own_group_unless_their_area_excludes_the_postcode(dd4, portable):
    by_phone("Telephone befriending, no area", summary="Befriending by telephone.")
    by_phone("Online befriending, no area", mode_phone=False, mode_online=True, summary="Befriending.")
    angus = by_phone("Befriending line for Angus", summary="Befriending.")
    ServiceAreaFactory(service=angus, kind=AreaKind.COUNCIL, code=ANGUS, name="Angus")
    dundee = by_phone("Befriending line for Dundee", summary="Befriending.")
    ServiceAreaFactory(service=dundee, kind=AreaKind.COUNCIL, code="S12000042", name="Dundee City")
    scotland = by_phone("Befriending line for Scotland", summary="Befriending.")
    ServiceAreaFactory(service=scotland, kind=AreaKind.SCOTLAND, code="", name="Scotland")
    ServiceFactory(name="Befriending group, no venue or phone", summary="Befriending.")
    located("Befriending with a venue", *north(40), summary="Befriending.", mode_phone=True)
    by_phone("Telephone choir", summary="Singing by telephone.")  # other words
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    remote = [service.name for service in result.remote]
    assert remote == ["Online befriending, no area", "Telephone befriending, no area"]
    # Those whose area holds the postcode are in the results already, and only there.
    assert {service.name for service in result.services} == {
        "Befriending line for Dundee",
        "Befriending line for Scotland",
    }
    assert "Befriending line for Angus" not in remote


def test_a_venue_without_coordinates_is_still_a_venue(dd4, portable):
    hall = by_phone("Befriending hall, place unknown", summary="Befriending.")
    hall.locations.add(LocationFactory(organisation=hall.organisation, latitude=None, longitude=None))
    by_phone("Telephone befriending, no area", summary="Befriending by telephone.")
    result = search("q=befriending&postcode=DD4+7AA", portable)
    assert [service.name for service in result.remote] == ["Telephone befriending, no area"]


def test_the_remote_group_shows_the_first_five_by_name(dd4, portable):
    for letter in "GFEDCBA":
        by_phone(f"{letter} befriending line", summary="Befriending by telephone.")
    result = search("q=befriending&postcode=DD4+7AA", portable)
    assert [service.name for service in result.remote] == [f"{letter} befriending line" for letter in "ABCDE"]


def test_the_remote_group_is_labelled_on_the_page(client, dd4):
    by_phone("Telephone befriending, no area", summary="Befriending by telephone.")
    html = client.get(URL, {"q": "befriending", "postcode": "DD4 7AA"}).content.decode()
    assert "Available by phone or online" in html
    assert "Telephone befriending, no area" in html[html.index('class="remote-services') :]
    html = client.get(URL, {"q": "befriending"}).content.decode()
    assert "Available by phone or online" not in html


def test_a_postcode_search_with_both_groups_stays_within_the_query_bound(
    client, dd4, django_assert_max_num_queries
):
    located("Befriending at 26 km", *north(26), summary="Befriending.")
    by_phone("Telephone befriending, no area", summary="Befriending by telephone.")
    client.get(URL, {"q": "warm up"})  # the vocabulary, read once per change
    client.get(URL, {"q": "befriending", "postcode": "DD4 7AA"})  # the listings' words, read once
    # The postcode, candidates, the phone-or-online group with the homes, the nearest beyond,
    # the page's services, locations and opening times; the spelling check's suggestion.
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "befriending", "postcode": "DD4 7AA"})
    result = response.context["result"]
    assert [service.name for service in result.nearest_beyond] == ["Befriending at 26 km"]
    assert [service.name for service in result.remote] == ["Telephone befriending, no area"]


# --- a group that meets in a home ----------------------------------------------------------------

# The house, and a second house about 2.7 km away in the same cell of the grid homes are kept in.
HOUSE = (56.5012, -2.9730)
OTHER_HOUSE = (56.5188, -2.9420)
# Postcodes all around it, 3 to 12 km away.
AROUND = {
    "DD4 7AB": (56.4745, -2.9270),
    "DD2 1AA": (56.4700, -3.0500),
    "DD5 1AA": (56.4800, -2.8400),
    "DD3 9AA": (56.5600, -3.0100),
    "DD4 0AA": (56.5700, -2.9000),
    "DD2 5AA": (56.5200, -3.1200),
    "DD5 4AA": (56.5400, -2.8100),
    "DD1 1AA": (56.4600, -2.9700),
}
SHOWN = re.compile(r"([\d.]+) miles? \(([\d.]+) km\) away")


@pytest.fixture
def neighbourhood(db):
    for code, (lat, lng) in AROUND.items():
        PostcodeFactory(postcode=code, latitude=f"{lat:.6f}", longitude=f"{lng:.6f}")
    # Public services at known places, so the order around the home can be read too.
    for index, (lat, lng) in enumerate([(56.49, -2.96), (56.53, -2.99), (56.50, -3.02), (56.512, -2.905)]):
        located(f"Public group {index}", lat, lng, summary="Peer support.")
    home = ServiceFactory(name="Kitchen table group", summary="Peer support at a member's home.")
    location = LocationFactory(
        organisation=home.organisation,
        hide_exact_address=True,
        latitude=f"{HOUSE[0]:.6f}",
        longitude=f"{HOUSE[1]:.6f}",
    )
    home.locations.add(location)
    return location


def _pages(client) -> dict[str, str]:
    """Every search page around the home, by distance and by relevance."""
    pages = {}
    for code in AROUND:
        for sort in ("distance", "relevance"):
            response = client.get(URL, {"q": "peer support", "postcode": code, "radius": "25", "sort": sort})
            html = response.content.decode()
            pages[f"{code} {sort}"] = re.sub(r'nonce="[^"]*"', "", html)
    return pages


def _home_distance_miles(html: str) -> int:
    card = html[html.index("Kitchen table group") :]
    miles, km = SHOWN.search(card).groups()
    assert miles.isdigit(), f"a home's distance in whole miles only, not {miles}"
    assert float(km) == pytest.approx(int(miles) * KM_PER_MILE, abs=0.05)  # km from the miles
    return int(miles)


def test_a_home_is_never_stored_finer_than_its_grid_cell(neighbourhood):
    neighbourhood.refresh_from_db()
    assert (float(neighbourhood.latitude), float(neighbourhood.longitude)) != HOUSE
    assert by_hand_km(*HOUSE, float(neighbourhood.latitude), float(neighbourhood.longitude)) < 1.7


def test_searches_from_many_postcodes_cannot_be_combined_to_find_the_home(client, neighbourhood):
    pages = _pages(client)
    for page in pages.values():
        # Nothing finer than the pages show: no coordinates of the home, no pin for it.
        for value in HOUSE:
            assert f"{value:.3f}" not in page
        for value in (neighbourhood.latitude, neighbourhood.longitude):  # the cell's centre
            assert f"{float(value):.6f}" not in page
        card_start = page.rindex("<article", 0, page.index("Kitchen table group"))
        card = page[card_start : page.index("</article>", card_start)]
        assert "data-lat" not in card and "data-lng" not in card
    shown = {code: _home_distance_miles(pages[f"{code} distance"]) for code in AROUND}

    # Trilaterate as someone would: every point on a fine grid whose whole-mile distances from
    # all the postcodes are the ones shown. The possible area stays more than 1 km across (and
    # is around the cell's centre, not the house: the pages below are the same for another house).
    possible = []
    for i in range(-60, 61):
        for j in range(-60, 61):
            point = (HOUSE[0] + i * 0.0005, HOUSE[1] + j * 0.0008)
            if all(
                max(1, round(by_hand_km(*AROUND[code], *point) / KM_PER_MILE)) == miles
                for code, miles in shown.items()
            ):
                possible.append(point)
    assert possible
    widest = max(by_hand_km(*a, *b) for a in possible[:: max(1, len(possible) // 300)] for b in possible)
    assert widest >= 1.0

    # And the pages are the same, in every figure and every order, for a house 2.7 km away.
    assert by_hand_km(*HOUSE, *OTHER_HOUSE) > 2.5
    neighbourhood.latitude, neighbourhood.longitude = (f"{value:.6f}" for value in OTHER_HOUSE)
    neighbourhood.save()
    assert _pages(client) == pages


def test_a_home_is_sorted_by_its_whole_miles(client, neighbourhood):
    for code in AROUND:
        result = search(f"q=peer+support&postcode={code.replace(' ', '+')}&radius=25&sort=distance")
        order = [(service.name, service.distance_km) for service in result.services]
        home_km = dict(order)["Kitchen table group"]
        assert home_km == pytest.approx(round(home_km / KM_PER_MILE) * KM_PER_MILE)
        assert [km for _, km in order] == sorted(km for _, km in order)


def test_a_home_beyond_the_radius_is_shown_in_whole_miles(dd4, portable):
    home = ServiceFactory(name="Kitchen table befriending", summary="Befriending.")
    home.locations.add(
        LocationFactory(organisation=home.organisation, hide_exact_address=True, latitude="56.700000")
    )
    result = search("q=befriending&postcode=DD4+7AA&radius=10", portable)
    assert [service.name for service in result.nearest_beyond] == ["Kitchen table befriending"]
    km = result.nearest_beyond[0].distance_km
    assert km / KM_PER_MILE == pytest.approx(round(km / KM_PER_MILE))
    assert math.isclose(km % KM_PER_MILE, 0, abs_tol=1e-6) or math.isclose(km % KM_PER_MILE, KM_PER_MILE)

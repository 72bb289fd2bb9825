"""The public services list at /services/: filters, pagination, bad input, query bound."""

import re

import pytest
from django.urls import reverse

from directory.choices import ServiceStatus, Structure
from tests.factories import LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db
URL = reverse("directory:service_list")


def names(response):
    return [service.name for service in response.context["page_obj"]]


@pytest.fixture
def services():
    return {
        "walk": ServiceFactory(
            name="Walk and Talk Dundee",
            structure=Structure.INFORMAL,
            peer_led=True,
            mode_group=True,
        ),
        "listen": ServiceFactory(
            name="Listening Line",
            offers_friendship=False,
            offers_emotional=True,
            structure=Structure.FORMAL,
            mode_group=False,
            mode_phone=True,
        ),
        "larder": ServiceFactory(
            name="Community Larder",
            offers_friendship=False,
            offers_material=True,
            structure=Structure.INFORMAL,
        ),
        "carers": ServiceFactory(
            name="Carers Cafe",
            offers_emotional=True,
            structure=Structure.CLOSE,
            peer_led=True,
        ),
        "draft": ServiceFactory(name="Draft Group", status=ServiceStatus.DRAFT, last_reviewed=None),
    }


def test_lists_only_published_services_in_name_order(client, services):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Carers Cafe", "Community Larder", "Listening Line", "Walk and Talk Dundee"]
    assert b"Draft Group" not in response.content
    assert b"Showing 1 to 4 of 4 services" in response.content


def test_filters_by_element(client, services):
    response = client.get(URL, {"element": "emotional"})
    assert names(response) == ["Carers Cafe", "Listening Line"]


def test_repeating_a_parameter_selects_several_values(client, services):
    response = client.get(URL + "?element=material&element=emotional")
    assert names(response) == ["Carers Cafe", "Community Larder", "Listening Line"]
    response = client.get(URL + "?structure=formal&structure=close")
    assert names(response) == ["Carers Cafe", "Listening Line"]


def test_combines_element_structure_and_peer_led(client, services):
    response = client.get(URL + "?element=friendship&structure=informal&peer_led=1")
    assert names(response) == ["Walk and Talk Dundee"]


def test_filters_by_delivery_mode(client, services):
    response = client.get(URL, {"mode": "phone"})
    assert names(response) == ["Listening Line"]


def test_simple_text_search_matches_every_word(client, services):
    response = client.get(URL, {"q": "walk dundee"})
    assert names(response) == ["Walk and Talk Dundee"]


def checkbox_is_ticked(html, name, value):
    match = re.search(rf'<input [^>]*type="checkbox"[^>]*name="{name}"[^>]*value="{value}"[^>]*>', html)
    assert match, f"no {name}={value} checkbox"
    return " checked" in match.group(0)


def test_ticked_filters_stay_ticked(client, services):
    html = client.get(URL + "?element=material&peer_led=1").content.decode()
    assert checkbox_is_ticked(html, "element", "material")
    assert not checkbox_is_ticked(html, "element", "friendship")
    assert checkbox_is_ticked(html, "peer_led", "1")


def test_peer_led_0_means_not_peer_led(client, services):
    response = client.get(URL + "?peer_led=0")
    assert names(response) == ["Community Larder", "Listening Line"]


def test_an_unknown_element_gets_a_clear_message_and_a_400(client, services):
    response = client.get(URL + "?element=happiness&structure=informal")
    assert response.status_code == 400
    assert (
        "“happiness” is not an element of support we know. Choose from the list." in response.content.decode()
    )
    assert b"There is a problem" in response.content
    # The filters that were fine still apply, so nothing the user chose is lost.
    assert names(response) == ["Community Larder", "Walk and Talk Dundee"]


def test_paginates_twenty_a_page(client):
    for number in range(23):
        ServiceFactory(name=f"Group {number:02d}")
    first = client.get(URL)
    assert len(first.context["page_obj"]) == 20
    second = client.get(URL, {"page": 2})
    assert names(second) == ["Group 20", "Group 21", "Group 22"]
    assert b"Showing 21 to 23 of 23 services" in second.content


def test_pagination_links_keep_the_filters(client):
    for number in range(21):
        ServiceFactory(name=f"Group {number:02d}", peer_led=True)
    response = client.get(URL + "?peer_led=1")
    assert b"?peer_led=1&amp;page=2" in response.content


@pytest.mark.parametrize(
    ("page", "status", "message"),
    [
        ("9", 404, "There is no page 9"),
        ("abc", 400, "is not a page number"),
        ("0", 400, "is not a page number"),
    ],
)
def test_a_bad_page_gets_a_clear_message(client, services, page, status, message):
    response = client.get(URL, {"page": page, "element": "friendship"})
    assert response.status_code == status
    assert message in response.content.decode()
    assert b"Go to the first page of results" in response.content


def test_no_results_suggests_what_to_relax(client, services):
    response = client.get(URL + "?element=meaning")
    assert response.status_code == 200
    assert b"No services match your search" in response.content
    assert b"Untick some filters" in response.content


def test_list_page_query_count_is_bounded(client, django_assert_max_num_queries):
    for number in range(25):
        service = ServiceFactory(name=f"Group {number:02d}")
        service.locations.add(LocationFactory(organisation=service.organisation))
    # count, page of services with organisations, their locations, their opening times: the same
    # for any page size.
    with django_assert_max_num_queries(4):
        response = client.get(URL + "?element=friendship&peer_led=0")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20

"""Mobile first (issue 10 point 6), the parts that need no browser: distances in miles with km
beside them, the "Filters (n)" count, and the service page's order (how to get the support and
whom to contact straight after the summary). The layout itself is tested in Chromium:
tests/e2e/test_mobile.py."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from directory.filters import ServiceFilter
from directory.templatetags.directory_tags import applied_filter_count, distance, has_filter_error, place_text
from tests.factories import ServiceFactory


@pytest.mark.parametrize(
    "km, text",
    [
        (5.1, "3.2 miles (5.1 km)"),
        (0.7, "0.4 miles (0.7 km)"),
        (1.609344, "1 mile (1.6 km)"),
        (10, "6.2 miles (10 km)"),
        (25, "15.5 miles (25 km)"),
        (26.04, "16.2 miles (26 km)"),
        (0.1, "0.1 miles (0.1 km)"),
        (0.02, "under 0.1 miles (0.2 km)"),
        (0, "under 0.1 miles (0.2 km)"),
    ],
)
def test_a_distance_is_in_miles_with_km_beside_it(km, text):
    assert distance(km) == text


@pytest.mark.parametrize(
    "km, text",
    [
        (5.1, "3 miles (4.8 km)"),
        (0.3, "1 mile (1.6 km)"),  # never "0 miles"
        (2.5, "2 miles (3.2 km)"),
        (2.45, "2 miles (3.2 km)"),  # the km come from the whole miles, not the exact distance
        (40.2, "25 miles (40.2 km)"),
    ],
)
def test_a_distance_in_whole_miles_gives_away_nothing_finer(km, text):
    assert distance(km, "whole") == text


def test_the_filter_is_what_templates_use():
    assert Template("{% load directory_tags %}{{ km|distance }}").render(Context({"km": 5.1})) == (
        "3.2 miles (5.1 km)"
    )
    assert Template('{% load directory_tags %}{{ km|distance:"whole" }}').render(Context({"km": 5.1})) == (
        "3 miles (4.8 km)"
    )


def test_a_result_near_a_postcode_says_how_far_away_it_is():
    service = ServiceFactory.build()
    service.place_rank, service.distance_km = 0, 5.1
    assert place_text(service) == "3.2 miles (5.1 km) away"
    service.place_rank = 1
    assert place_text(service) == "Covers your area"


def form_of(query: str):
    from django.http import QueryDict

    form = ServiceFilter(QueryDict(query)).form
    form.is_valid()
    return form


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, count",
    [
        ("", 0),
        ("q=walk&postcode=DD4+7AA&radius=25&sort=distance", 0),  # the search itself, not filters
        ("element=friendship", 1),
        ("element=friendship&element=emotional&structure=informal", 3),
        ("peer_led=1", 1),
        ("peer_led=0", 1),  # "Not peer-led" is a filter too
        ("free=1&accepts_referrals=1&hide_full=1&day=monday", 4),
        ("free=0", 0),
        ("audience=carers&topic=loneliness&topic=bereavement", 3),
        ("element=nonsense&structure=informal", 1),  # a bad value is reported, not counted
    ],
)
def test_the_filters_button_counts_each_filter_applied(query, count):
    assert applied_filter_count(form_of(query)) == count


def test_only_an_error_in_a_filter_opens_the_filters():
    assert has_filter_error({"element": "“x” is not an element of support we know."})
    assert not has_filter_error({"q": "Too long", "postcode": "Not a postcode", "radius": "Choose"})
    assert not has_filter_error({})


@pytest.mark.django_db
def test_the_search_page_folds_the_filters_behind_a_button_that_counts_them(client):
    ServiceFactory(name="Walk and Talk", peer_led=True)
    html = client.get(reverse("directory:service_list"), {"peer_led": "1", "day": "monday"}).content.decode()
    disclosure = re.search(r"<details[^>]*filters-disclosure[^>]*>", html).group(0)
    assert " open" not in disclosure
    assert re.search(r'<summary[^>]*id="filters-toggle"[^>]*>Filters \(<span[^>]*>2</span>\)', html)
    # The filters are inside the disclosure, and the results come after it.
    assert html.index('id="filters-toggle"') < html.index('name="element"') < html.index('id="results"')


@pytest.mark.django_db
def test_the_filters_are_open_when_one_of_them_is_wrong(client):
    response = client.get(reverse("directory:service_list"), {"element": "nonsense"})
    assert response.status_code == 400
    assert re.search(r"<details[^>]*filters-disclosure[^>]*\sopen", response.content.decode())


@pytest.mark.django_db
def test_the_service_page_says_how_to_get_the_support_and_whom_to_contact_after_its_summary(client):
    service = ServiceFactory(
        summary="A peer-led group for people grieving a partner.",
        description="We meet in a quiet room with tea.",
        phone="0131 496 0123",
        self_referral=True,
    )
    html = client.get(service.get_absolute_url()).content.decode()
    order = [
        html.index(service.summary),
        html.index('id="access-heading"'),
        html.index("You can contact them yourself."),
        html.index("Cost:"),
        html.index('id="contact-heading"'),
        html.index('href="tel:01314960123"'),
        html.index('id="about-heading"'),
        html.index(service.description),
    ]
    assert order == sorted(order)


@pytest.mark.django_db
def test_a_service_with_no_contact_details_of_its_own_points_to_its_organisation(client):
    service = ServiceFactory(phone="", email="", website="")
    html = client.get(service.get_absolute_url()).content.decode()
    contact = html[html.index('id="contact-heading"') : html.index('id="about-heading"')]
    assert service.organisation.get_absolute_url() in contact

"""What a printed results page carries that the screen keeps for the form: when it was made, the
search that made it, and for each service how to get it and whom to contact. (What print hides
is checked in real Chromium: tests/e2e/test_print.py.)"""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse

from directory.search import search_services
from directory.templatetags.directory_tags import access_routes, contact_lines, search_summary
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    PostcodeFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("directory:service_list")
LONDON = zoneinfo.ZoneInfo("Europe/London")


def summary_of(query: str) -> list[tuple[str, str]]:
    result = search_services(QueryDict(query))
    return search_summary(result.filterset.form, result)


def print_summary(html: str) -> str:
    match = re.search(r'<div class="d-none d-print-block print-summary.*?</dl>', html, re.S)
    assert match, "no print summary"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0)))


def test_the_search_is_summed_up_in_plain_words():
    PostcodeFactory()
    summary = summary_of(
        "q=walk&postcode=dd47aa&radius=5&element=friendship&element=emotional&structure=informal"
        "&mode=phone&peer_led=1&audience=carers&topic=loneliness&day=monday&free=1"
        "&accepts_referrals=1&hide_full=1&sort=distance"
    )
    assert summary == [
        ("Words", "“walk”"),
        ("Place", "Within 3.1 miles (5 km) of DD4 7AA, or covering it"),
        ("Kind of support", "Friendship and peer support, Emotional support"),
        ("Structure", "Informal"),
        ("How it is delivered", "Phone"),
        ("Especially for", "Carers"),
        ("Can help with", "Loneliness and isolation"),
        ("Run by", "People with lived experience"),
        ("Open on", "Monday"),
        ("Only", "free, accepting referrals through SupportMap, not full or closed"),
        ("Order", "Nearest first"),
    ]


def test_an_empty_search_is_summed_up_as_all_services():
    assert summary_of("") == [("Search", "All services, no filters"), ("Order", "Name (A to Z)")]
    assert ("Run by", "Not peer-led") in summary_of("peer_led=0")


def test_a_corrected_search_names_the_words_used_and_the_words_typed():
    ServiceFactory(name="Bereavement Group", summary="For people who are grieving.")
    call_command("rebuild_search_words", verbosity=0)
    summary = summary_of("q=berevement")
    assert summary[0] == ("Words", "“bereavement” (you typed “berevement”, which matched nothing)")


def test_a_printed_results_page_says_when_it_was_made_and_what_search_made_it(client):
    PostcodeFactory()
    ServiceFactory(name="Walk and Talk", peer_led=True)
    # Half past midnight in summer in Scotland is still the day before in UTC.
    with time_machine.travel(datetime.datetime(2026, 7, 10, 0, 30, tzinfo=LONDON), tick=False):
        html = client.get(URL, {"q": "walk", "postcode": "DD4 7AA", "peer_led": "1"}).content.decode()
    summary = print_summary(html)
    assert "This list was made on 10 July 2026" in summary
    assert "Words: “walk”" in summary
    assert "Place: Within 6.2 miles (10 km) of DD4 7AA, or covering it" in summary
    assert "Run by: People with lived experience" in summary
    # Inside the form, so an htmx update brings a new one with the new search.
    form = re.search(r'<form id="service-search".*?</form>', html, re.S).group(0)
    assert "print-summary" in form


@pytest.mark.parametrize(
    ("routes", "sentences"),
    [
        (
            {"self_referral": True, "professional_referral": True, "accepts_supportmap_referrals": True},
            [
                "You can contact them yourself.",
                "A GP, link worker or other professional can refer you.",
                "Accepts referrals through SupportMap.",
            ],
        ),
        (
            {"self_referral": False, "professional_referral": True, "accepts_supportmap_referrals": False},
            ["A GP, link worker or other professional can refer you."],
        ),
    ],
)
def test_access_routes_are_plain_sentences(routes, sentences):
    assert access_routes(ServiceFactory.build(**routes)) == sentences


def test_contact_lines_are_the_services_own_else_its_organisations():
    organisation = OrganisationFactory.build(
        name="Tayside Befrienders", phone="01382 111111", email="hello@tb.example", website=""
    )
    own = ServiceFactory.build(
        organisation=organisation,
        contact_name="Ailsa",
        phone="01382 222222",
        email="",
        website="https://walk.example/",
    )
    assert contact_lines(own) == [
        ("Ask for", "Ailsa"),
        ("Phone", "01382 222222"),
        ("Website", "https://walk.example/"),
    ]
    bare = ServiceFactory.build(organisation=organisation, contact_name="Ailsa", phone="", email="")
    assert contact_lines(bare) == [
        ("Ask for", "Ailsa"),
        ("Phone (Tayside Befrienders)", "01382 111111"),
        ("Email (Tayside Befrienders)", "hello@tb.example"),
    ]
    nothing = OrganisationFactory.build(phone="", email="", website="")
    assert contact_lines(ServiceFactory.build(organisation=nothing)) == []


def test_each_printed_result_says_how_to_get_it_and_whom_to_contact(client):
    ServiceFactory(
        name="Walk and Talk",
        summary="A weekly walk.",
        self_referral=True,
        professional_referral=True,
        phone="01382 222222",
        email="walk@example.org",
        website="https://walk.example/",
    )
    html = client.get(URL, {"q": "walk"}).content.decode()
    card = re.search(r'<article class="card service-card.*?</article>', html, re.S).group(0)
    details = re.search(r'<div class="d-none d-print-block service-print-details.*?</div>', card, re.S)
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", details.group(0)))
    assert (
        "How to get this support: You can contact them yourself. "
        "A GP, link worker or other professional can refer you." in text
    )
    assert "Contact: Phone: 01382 222222; Email: walk@example.org; Website: https://walk.example/" in text


def test_printed_details_add_no_queries(client, django_assert_max_num_queries):
    for number in range(25):
        service = ServiceFactory(
            name=f"Group {number:02d}",
            phone="01382 000000",
            email="group@example.org",
            website="https://group.example/",
        )
        service.locations.add(LocationFactory(organisation=service.organisation))
    # The same bound as a list without them (test_service_list): count, page, locations, times.
    with django_assert_max_num_queries(4):
        response = client.get(URL + "?element=friendship&peer_led=0")
    assert response.content.decode().count("Email: group@example.org") == 20

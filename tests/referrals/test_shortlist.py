"""The shortlist (/shortlist/): anyone collects services in the session; printed, emailed, copied
for a text message, and turned into referrals or signposting by staff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from directory.choices import ServiceStatus
from referrals import shortlist as store
from referrals import views_refer
from tests.factories import (
    LocationFactory,
    OpeningTimeFactory,
    OrganisationFactory,
    ServiceFactory,
    sign_in,
)

SHOW = "/shortlist/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    # The rate limit counts in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def walking(db):
    organisation = OrganisationFactory(name="Hilltown Walkers", phone="01382 111222")
    service = ServiceFactory(
        organisation=organisation,
        name="Hilltown Health Walks",
        slug="hilltown-health-walks",
        summary="Gentle walks with a cuppa after.",
        phone="01382 333444",
        email="walks@hilltown.example.org",
        website="https://hilltown.example.org/walks",
        self_referral=True,
        locations=[LocationFactory(organisation=organisation, name="Hilltown Hall", postcode="DD3 7AA")],
    )
    OpeningTimeFactory(service=service, weekday=2)
    return service


def add(client, service, **data):
    return client.post(reverse("shortlist:add", args=[service.slug]), data)


def test_an_empty_shortlist_says_how_to_fill_it(client, db):
    response = client.get(SHOW)
    assert response.status_code == 200
    assert "Your shortlist is empty" in response.text
    assert reverse("directory:service_list") in response.text
    assert "Send the shortlist" not in response.text


def test_anyone_without_an_account_adds_a_service_and_sees_how_to_get_in_touch(client, walking):
    response = add(client, walking)
    assert response.status_code == 302
    assert response["Location"] == SHOW
    page = client.get(SHOW).text
    for shown in [
        "Hilltown Health Walks",
        "Offered by Hilltown Walkers",
        "Gentle walks with a cuppa after.",
        'href="tel:01382333444"',
        'href="mailto:walks@hilltown.example.org"',
        'href="https://hilltown.example.org/walks"',
        "Hilltown Hall, 1 High Street, Dundee, DD3 7AA",
        "Wednesday 10:00–12:00",
        "You can contact them yourself.",
    ]:
        assert shown in page, shown
    assert "Hilltown Health Walks is on your shortlist." in page
    assert client.session[store.SESSION_KEY] == [walking.pk]


def test_a_signed_in_person_keeps_the_shortlist_they_made_before_signing_in(client, walking, public_user):
    add(client, walking)
    sign_in(client, public_user)
    assert "Hilltown Health Walks" in client.get(SHOW).text


def test_adding_goes_back_to_the_page_on_this_site_it_came_from(client, walking):
    response = add(client, walking, next="/services/?q=walk#shortlist-button-1")
    assert response["Location"] == "/services/?q=walk#shortlist-button-1"


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"]
)
def test_adding_never_sends_anyone_to_another_site(client, walking, target):
    assert add(client, walking, next=target)["Location"] == SHOW


def test_a_service_is_removed_and_the_list_cleared(client, walking, befriending_a):
    add(client, walking)
    add(client, befriending_a)
    response = client.post(reverse("shortlist:remove", args=[walking.slug]))
    assert response["Location"] == SHOW
    assert client.session[store.SESSION_KEY] == [befriending_a.pk]
    page = client.get(SHOW).text
    assert "Hilltown Health Walks is no longer on your shortlist." in page
    assert "Dundee Befriending" in page

    client.post(reverse("shortlist:clear"))
    page = client.get(SHOW).text
    assert "Your shortlist is empty" in page
    assert "Dundee Befriending" not in page


def test_a_full_shortlist_says_so_plainly_and_adds_nothing(client, walking, befriending_a, monkeypatch):
    monkeypatch.setattr(store, "MAX_SERVICES", 1)
    add(client, befriending_a)
    response = add(client, walking, next=walking.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == walking.get_absolute_url()
    page = client.get(walking.get_absolute_url()).text
    assert "Your shortlist is full: it holds up to 1 services." in page
    assert client.session[store.SESSION_KEY] == [befriending_a.pk]


def test_adding_twice_keeps_one(client, walking):
    add(client, walking)
    add(client, walking)
    assert client.session[store.SESSION_KEY] == [walking.pk]


@pytest.mark.parametrize(
    "status", [ServiceStatus.DRAFT, ServiceStatus.PENDING_REVIEW, ServiceStatus.ARCHIVED]
)
def test_a_service_the_public_cannot_see_cannot_be_shortlisted(client, provider_a, status):
    hidden = ServiceFactory(organisation=provider_a, status=status)
    assert add(client, hidden).status_code == 404
    assert store.SESSION_KEY not in client.session


def test_an_unknown_service_is_404_and_the_buttons_only_take_post(client, walking):
    assert client.post(reverse("shortlist:add", args=["no-such-service"])).status_code == 404
    assert client.post(reverse("shortlist:remove", args=["no-such-service"])).status_code == 404
    assert client.get(reverse("shortlist:add", args=[walking.slug])).status_code == 405
    assert client.get(reverse("shortlist:clear")).status_code == 405


def test_a_service_unpublished_after_it_was_shortlisted_leaves_the_list(client, walking, befriending_a):
    add(client, walking)
    add(client, befriending_a)
    client.get(SHOW)  # the messages of adding
    walking.status = ServiceStatus.ARCHIVED
    walking.save()
    response = client.get(SHOW)
    assert response.context["services"] == [befriending_a]
    assert "Hilltown Health Walks" not in response.text
    assert "1 service on your shortlist is no longer listed, so it has been taken off." in response.text
    assert client.session[store.SESSION_KEY] == [befriending_a.pk]
    assert "no longer listed" not in client.get(SHOW).text


def test_with_htmx_the_button_swaps_in_place_and_says_what_happened(client, walking):
    response = client.post(
        reverse("shortlist:add", args=[walking.slug]),
        {"next": "/services/", "compact": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert f'id="shortlist-button-{walking.pk}"' in response.text
    assert 'Remove<span class="visually-hidden"> Hilltown Health Walks</span> from shortlist' in response.text
    assert (
        'hx-swap-oob="true">Hilltown Health Walks is on your shortlist. <a href="/shortlist/">View your shortlist</a></p>'
        in response.text
    )
    # The navigation's count, swapped out of band.
    nav_count = (
        '<span id="nav-shortlist-count" hx-swap-oob="true"> <span class="badge text-bg-secondary">{}<span'
    )
    assert nav_count.format(1) in response.text
    response = client.post(
        reverse("shortlist:remove", args=[walking.slug]), {"compact": "1"}, headers={"HX-Request": "true"}
    )
    assert 'Add<span class="visually-hidden"> Hilltown Health Walks</span> to shortlist' in response.text
    assert '<span id="nav-shortlist-count" hx-swap-oob="true"></span>' in response.text
    assert client.session[store.SESSION_KEY] == []


def test_search_results_offer_add_and_remove_without_a_query_per_card(
    client, walking, django_assert_max_num_queries
):
    for number in range(24):
        ServiceFactory(name=f"Walking group {number:02d}", summary="A walk.")
    add(client, walking)
    response = client.get("/services/?q=walk")
    page = response.text
    assert page.count("to shortlist</button>") == 19
    assert page.count("from shortlist</button>") == 1
    assert f'name="next" value="/services/?q=walk#shortlist-button-{walking.pk}"' in page

    def queries():
        with django_assert_max_num_queries(99) as captured:
            response = client.get("/services/", {"q": "befriending"})
        return len(captured), response.text.count("to shortlist</button>")

    for number in range(2):
        ServiceFactory(name=f"Befriending circle {number:02d}", summary="Befriending.")
    few, cards = queries()
    assert cards == 2
    for number in range(30):
        ServiceFactory(name=f"Befriending group {number:02d}", summary="Befriending.")
    many, cards = queries()
    assert cards == 20
    assert many <= few


def test_the_service_page_adds_and_returns_to_itself(client, walking):
    page = client.get(walking.get_absolute_url()).text
    assert f'action="{reverse("shortlist:add", args=[walking.slug])}"' in page
    assert f'name="next" value="{walking.get_absolute_url()}"' in page
    response = add(client, walking, next=walking.get_absolute_url())
    page = client.get(response["Location"]).text
    assert 'This service is on <a href="/shortlist/">your shortlist</a>.' in page
    assert "Record signposting" not in page


def test_the_service_page_offers_referrers_to_record_signposting(client, walking, link_worker):
    sign_in(client, link_worker)
    page = client.get(walking.get_absolute_url()).text
    assert f"/referrals/signposting/new/?services={walking.slug}" in page


# Emailing the list.


def test_the_list_is_emailed_through_the_task_queue_with_each_service_and_how_to_reach_it(
    client, walking, befriending_a
):
    add(client, walking)
    add(client, befriending_a)
    response = client.post(reverse("shortlist:email"), {"email": "pat@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["pat@example.com"]
    assert sent.subject == f"Your shortlist from {django_settings.SITE_NAME}: 2 services"
    for shown in [
        "1. Hilltown Health Walks",
        "Offered by Hilltown Walkers",
        "Phone: 01382 333444",
        "Email: walks@hilltown.example.org",
        "Website: https://hilltown.example.org/walks",
        "Where: Hilltown Hall, 1 High Street, Dundee, DD3 7AA",
        "When: Wednesday 10:00–12:00",
        f"More about it: {django_settings.SITE_URL}/services/hilltown-health-walks/",
        "2. Dundee Befriending",
        "116 123",
    ]:
        assert shown in sent.body, shown
    page = client.get(SHOW).text
    assert "is on its way to the email address you gave" in page


def test_the_address_is_kept_nowhere_once_the_email_is_queued(client, walking):
    add(client, walking)
    client.post(reverse("shortlist:email"), {"email": "private.person@example.com"})
    client.get(SHOW)
    for session in Session.objects.all():
        assert "private.person" not in str(session.get_decoded())
    assert "private.person" not in client.get(SHOW).text


def test_a_bad_address_is_refused_with_400_and_what_was_typed_is_kept(client, walking):
    add(client, walking)
    response = client.post(reverse("shortlist:email"), {"email": "pat at example"})
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Enter an email address like name@example.org." in response.text
    assert 'value="pat at example"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert mail.outbox == []


def test_a_filled_honeypot_looks_like_success_but_sends_nothing(client, walking):
    add(client, walking)
    response = client.post(
        reverse("shortlist:email"), {"email": "pat@example.com", "website": "spam.example"}
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_emails_beyond_the_rate_limit_from_one_address_are_refused_with_429(client, walking, settings):
    settings.SHORTLIST_EMAIL_RATE_LIMIT = "2/h"
    add(client, walking)
    statuses = [
        client.post(
            reverse("shortlist:email"), {"email": "pat@example.com"}, REMOTE_ADDR="192.0.2.7"
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    refused = client.post(reverse("shortlist:email"), {"email": "pat@example.com"}, REMOTE_ADDR="192.0.2.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many emails from your network" in refused.text
    assert len(mail.outbox) == 2
    other = client.post(reverse("shortlist:email"), {"email": "pat@example.com"}, REMOTE_ADDR="192.0.2.8")
    assert other.status_code == 302


def test_an_empty_shortlist_sends_no_email(client, db):
    response = client.post(reverse("shortlist:email"), {"email": "pat@example.com"})
    assert response["Location"] == SHOW
    assert mail.outbox == []
    assert client.get(reverse("shortlist:email"))["Location"] == SHOW + "#email-heading"


# A text message.


def test_the_text_message_has_one_short_line_per_service_and_a_copy_button(client, walking, provider_a):
    no_phone = ServiceFactory(organisation=provider_a, name="Chat Online", slug="chat-online")
    add(client, walking)
    add(client, no_phone)
    response = client.get(SHOW)
    site = django_settings.SITE_URL.removeprefix("https://")
    expected = (
        f"Hilltown Health Walks: 01382 333444 {site}/services/hilltown-health-walks/\n"
        f"Chat Online: {site}/services/chat-online/"
    )
    assert response.context["sms_text"] == expected
    textarea = re.search(r'<textarea id="shortlist-sms"[^>]*>(.*?)</textarea>', response.text, re.S)
    assert textarea is not None and "readonly" in textarea.group(0)
    assert 'data-copy-target="#shortlist-sms"' in response.text
    assert f"{len(expected)} characters: about 1 text message." in response.text


def test_a_long_text_says_how_many_messages_it_makes():
    assert store.sms_count("") == 0
    assert store.sms_count("a" * 160) == 1
    assert store.sms_count("a" * 161) == 2
    assert store.sms_count("a" * 307) == 3
    assert store.sms_count("é" * 71) == 2


# Printing.


def test_the_print_stylesheet_hides_the_controls_keeps_services_whole_and_shows_addresses():
    css = (Path(django_settings.BASE_DIR) / "static" / "css" / "print.css").read_text()
    rules = css[css.index(".shortlist-page form") :]
    assert re.search(
        r"\.shortlist-page form,[^{]*\.shortlist-page \.shortlist-share[^{]*\{\s*display: none", rules
    )
    assert re.search(r"\.shortlist-page \.shortlist-service \{\s*break-inside: avoid", rules)
    assert 'content: " (" attr(href) ")"' in css


def test_the_printed_list_carries_the_date_and_each_service_page_in_full(client, walking):
    add(client, walking)
    page = client.get(SHOW).text
    assert "Printed from" in page
    assert "More on" in page and "http://testserver/services/hilltown-health-walks/" in page


# Staff: refer to the shortlisted services, record signposting.


def test_only_referrers_see_refer_and_signposting_links(client, walking, befriending_a, link_worker, staff_a):
    add(client, befriending_a)
    page = client.get(SHOW).text
    assert reverse("shortlist:refer") not in page
    assert "Record signposting" not in page
    sign_in(client, staff_a)
    add(client, befriending_a)
    assert reverse("shortlist:refer") not in client.get(SHOW).text
    sign_in(client, link_worker)
    add(client, befriending_a)
    add(client, walking)
    page = client.get(SHOW).text
    assert f'href="{reverse("shortlist:refer")}"' in page
    assert "/referrals/signposting/new/?shortlist=1" in page
    assert "Contact directly" in page
    assert f"Takes referrals through {django_settings.SITE_NAME}" in page


def test_refer_needs_sign_in_and_a_referrer_organisation(client, befriending_a, public_user, staff_a):
    url = reverse("shortlist:refer")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    sign_in(client, public_user)
    assert client.get(url).status_code == 403
    sign_in(client, staff_a)
    assert client.get(url).status_code == 403


def test_refer_hands_the_services_that_take_referrals_to_the_referral_form(
    client, walking, befriending_a, service_b, link_worker, monkeypatch
):
    seen = {}

    def referral_form_page(request, services, cancel_url):
        from django.http import HttpResponse

        seen.update(services=list(services), cancel_url=cancel_url)
        return HttpResponse("the referral form")

    monkeypatch.setattr(views_refer, "referral_form_page", referral_form_page, raising=False)
    sign_in(client, link_worker)
    for service in (befriending_a, walking, service_b):
        add(client, service)
    response = client.get(reverse("shortlist:refer"))
    assert response.text == "the referral form"
    assert seen == {"services": [befriending_a, service_b], "cancel_url": SHOW}
    page = client.get(SHOW).text
    assert "Not included, as they do not take referrals through" in page
    assert "Hilltown Health Walks. Contact them directly" in page


def test_refer_lists_services_to_contact_directly_when_none_take_referrals(
    client, walking, link_worker, monkeypatch
):
    monkeypatch.setattr(views_refer, "referral_form_page", lambda *args, **kwargs: None, raising=False)
    sign_in(client, link_worker)
    add(client, walking)
    response = client.get(reverse("shortlist:refer"))
    assert response.status_code == 200
    assert "None of the services on your shortlist takes referrals" in response.text
    assert "Contact directly" in response.text
    assert "Hilltown Health Walks" in response.text


def test_without_the_shared_referral_form_each_service_links_to_its_own(
    client, befriending_a, link_worker, monkeypatch
):
    monkeypatch.delattr(views_refer, "referral_form_page", raising=False)
    sign_in(client, link_worker)
    add(client, befriending_a)
    response = client.get(reverse("shortlist:refer"))
    assert response.status_code == 200
    assert f'href="{reverse("refer:staff", args=[befriending_a.slug])}"' in response.text
    empty = client.post(reverse("shortlist:clear"))
    assert empty.status_code == 302
    assert "Your shortlist is empty" in client.get(reverse("shortlist:refer")).text


def test_refer_opens_the_staff_referral_form_for_the_shortlisted_services(client, befriending_a, link_worker):
    sign_in(client, link_worker)
    add(client, befriending_a)
    response = client.get(reverse("shortlist:refer"))
    assert response.status_code == 200
    assert "Dundee Befriending" in response.text
    assert "116 123" in response.text  # the crisis contacts of every referral form


def test_search_results_never_put_a_form_inside_the_search_form(client, walking, provider_a):
    page = client.get("/services/?q=walk").text
    assert page.count("<form") == 1  # the search form; each button posts by itself
    assert f'formaction="{reverse("shortlist:add", args=[walking.slug])}" formmethod="post"' in page
    # On an organisation's page each card's button has a form of its own.
    page = client.get(walking.organisation.get_absolute_url()).text
    assert f'<form method="post" action="{reverse("shortlist:add", args=[walking.slug])}"' in page


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example.com"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_another_site_cannot_change_the_shortlist(client, walking, headers):
    add(client, walking)
    for url in (
        reverse("shortlist:add", args=[walking.slug]),
        reverse("shortlist:remove", args=[walking.slug]),
        reverse("shortlist:clear"),
    ):
        assert client.post(url, headers=headers).status_code == 403
    assert client.session[store.SESSION_KEY] == [walking.pk]
    same = client.post(
        reverse("shortlist:clear"), headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    )
    assert same.status_code == 302


def test_a_page_refused_before_there_is_a_session_has_an_empty_shortlist(rf):
    # The sign-in rate limit answers before the session middleware; its page shows the navigation.
    assert store.service_ids(rf.get("/accounts/login/")) == []

"""Referring on (/referrals/<uuid>/refer-on/): another service, with the person's consent to share
with its organisation; a linked referral, so the journey shows as one chain."""

from html import unescape

import pytest
from django.urls import reverse

from directory.choices import ServiceStatus
from referrals import services
from referrals.choices import CONSENT_WORDING_VERSION, AuditAction, Status
from referrals.models import AuditEvent, Referral
from tests.factories import ServiceFactory, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def engaged(sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    return sent_referral


def _url(referral, query=""):
    return reverse("referrals:refer_on", args=[referral.uuid]) + query


def _good(chosen, **overrides):
    data = {
        "service": chosen.pk,
        "reason": "Would benefit from specialist trauma support.",
        "consent": "yes",
        "consent_method": "verbal",
        "note": "Talked it through on the phone.",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def test_the_page_lists_other_services_that_take_referrals(client, engaged, staff_a, service_b, provider_b):
    ServiceFactory(organisation=provider_b, name="Phone Only Group", accepts_supportmap_referrals=False)
    ServiceFactory(
        organisation=provider_b,
        name="Unpublished Circle",
        accepts_supportmap_referrals=True,
        status=ServiceStatus.DRAFT,
    )
    sign_in(client, staff_a)
    response = client.get(_url(engaged))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trauma Support B (Charity B)" in html
    assert "Dundee Befriending (Charity A)" not in html  # not the service it is at now
    assert "Phone Only Group" not in html
    assert "Unpublished Circle" not in html
    assert "If you need help now" in html  # a referral form always gives the crisis lines
    assert "can be shared with the organisation that runs that service" in html
    assert "no-store" in response["Cache-Control"]


def test_a_search_by_name_narrows_the_list(client, engaged, staff_a, service_b, provider_b):
    ServiceFactory(organisation=provider_b, name="Men's Shed Lochee", accepts_supportmap_referrals=True)
    sign_in(client, staff_a)
    html = client.get(_url(engaged, "?q=shed")).content.decode()
    assert "Men&#x27;s Shed Lochee (Charity B)" in html
    assert "Trauma Support B" not in html
    assert "1 service that takes referrals" in html
    html = client.get(_url(engaged, "?q=zzzz")).content.decode()
    assert "No service that takes referrals through SupportMap matches “zzzz”" in html


def test_referring_on_closes_this_one_and_shows_the_new_linked_referral(
    client, engaged, staff_a, service_b, provider_a, manager_b
):
    sign_in(client, staff_a)
    response = client.post(_url(engaged), _good(service_b))
    new = Referral.objects.get(previous=engaged)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[new.uuid])
    engaged.refresh_from_db()
    assert engaged.status == Status.REFERRED_ON
    assert engaged.events.last().note == "Talked it through on the phone."
    assert new.status == Status.SENT
    assert new.service == service_b
    assert new.person == engaged.person
    assert new.referrer == staff_a
    assert new.referrer_organisation == provider_a
    assert (new.consent_method, new.consent_recorded_by, new.consent_wording_version) == (
        "verbal",
        staff_a,
        CONSENT_WORDING_VERSION,
    )
    assert new.reason == "Would benefit from specialist trauma support."
    html = client.get(response["Location"]).content.decode()
    assert f"Referral {engaged.reference} is closed as referred on." in html
    assert "can be shared with Charity B" in html
    assert AuditEvent.objects.filter(referral_uuid=engaged.uuid, action=AuditAction.CHANGE).count() == 1
    assert AuditEvent.objects.filter(referral_uuid=new.uuid, action=AuditAction.CREATE).count() == 1
    # Charity B receives it.
    sign_in(client, manager_b)
    assert client.get(response["Location"]).status_code == 200


def test_a_refusal_stops_and_nothing_is_shared(client, engaged, staff_a, service_b):
    sign_in(client, staff_a)
    response = client.post(_url(engaged), _good(service_b, consent="no", consent_method=None))
    assert response.status_code == 200
    assert "Nothing was shared" in response.content.decode()
    assert not Referral.objects.filter(previous=engaged).exists()
    engaged.refresh_from_db()
    assert engaged.status == Status.CONTACTED


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent_method": None}, "Choose how the person agreed."),
        ({"consent": None}, "Say whether the person agreed to share their details."),
        ({"service": None}, "Choose the service to refer the person on to."),
        ({"reason": "  "}, "Say why you are referring the person on."),
        ({"service": "999999"}, "Choose a service from the list"),
        ({"consent_method": "online"}, "Choose how the person agreed."),
    ],
)
def test_bad_input_is_refused_and_kept(client, engaged, staff_a, service_b, overrides, message):
    sign_in(client, staff_a)
    response = client.post(_url(engaged), _good(service_b, **overrides))
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert "Talked it through on the phone." in html
    assert not Referral.objects.filter(previous=engaged).exists()


def test_a_service_that_stopped_taking_referrals_is_refused(client, engaged, staff_a, service_b):
    service_b.accepts_supportmap_referrals = False
    service_b.save()
    sign_in(client, staff_a)
    response = client.post(_url(engaged), _good(service_b))
    assert response.status_code == 422
    assert "That service does not take referrals through SupportMap." in response.content.decode()
    assert "Trauma Support B (Charity B)" in response.content.decode()  # still the one chosen
    assert not Referral.objects.filter(previous=engaged).exists()


def test_only_the_receiving_organisation_refers_on(client, engaged, link_worker, manager_b, service_b):
    sign_in(client, link_worker)
    assert client.get(_url(engaged)).status_code == 403
    assert client.post(_url(engaged), _good(service_b)).status_code == 403
    sign_in(client, manager_b)
    assert client.get(_url(engaged)).status_code == 404


def test_a_referral_not_yet_engaged_cannot_be_referred_on(client, sent_referral, staff_a, service_b):
    sign_in(client, staff_a)
    response = client.post(_url(sent_referral), _good(service_b))
    assert response.status_code == 409
    assert "so it can't be referred on" in unescape(response.content.decode())
    assert client.get(_url(sent_referral)).status_code == 409

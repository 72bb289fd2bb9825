"""One referral's page (/referrals/<uuid>/): what each side sees, who may see it, audit, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals import services
from referrals.choices import AuditAction, ContactOutcome, Status
from referrals.models import AuditEvent
from tests.factories import PersonFactory, make_referral, sign_in

pytestmark = pytest.mark.django_db


def _url(referral):
    return reverse("referrals:detail", args=[referral.uuid])


def _page(client, user, referral):
    sign_in(client, user)
    return client.get(_url(referral))


def test_the_receiving_organisation_sees_the_person_the_reason_and_the_consent(
    client, sent_referral, staff_a
):
    response = _page(client, staff_a, sent_referral)
    assert response.status_code == 200
    html = response.content.decode()
    person = sent_referral.person
    for expected in [
        "Sent, waiting for an answer",
        "Dundee Befriending",
        "Lee Linkworker, Tayside Link Workers",
        person.name,
        "Bob",
        "14 March 1948",
        "DD3 6HH",
        "01382 000000",
        "Friendship and peer support",
        "Someone to talk to about the football.",
        "Lonely since his wife died",
        "To get out of the house once a week.",
        "Phone call",
        "Verbally (in person or by phone)",
        "can be shared with Charity A",
        "2026-12",
    ]:
        assert expected in html, expected
    assert reverse("referrals:act", args=[sent_referral.uuid, "accept"]) in html
    assert reverse("referrals:decline", args=[sent_referral.uuid]) in html
    # Not the referrer's: no withdrawal, no GP summary.
    assert reverse("referrals:act", args=[sent_referral.uuid, "withdraw"]) not in html
    assert "871731000000106" not in html


def test_the_referring_organisation_sees_its_own_moves_and_the_gp_summary(client, sent_referral, link_worker):
    html = _page(client, link_worker, sent_referral).content.decode()
    assert reverse("referrals:act", args=[sent_referral.uuid, "withdraw"]) in html
    assert reverse("referrals:withdraw_consent", args=[sent_referral.uuid]) in html
    assert reverse("referrals:act", args=[sent_referral.uuid, "accept"]) not in html
    assert "871731000000106" in html


def test_a_colleague_of_the_referrer_sees_the_referral_too(client, sent_referral, link_worker_service):
    from tests.factories import MembershipFactory, UserFactory

    colleague = UserFactory(email="colleague@nhs.example.org")
    MembershipFactory(user=colleague, organisation=link_worker_service)
    assert _page(client, colleague, sent_referral).status_code == 200


@pytest.mark.parametrize("who", ["manager_b", "editor", "public_user", "gp"])
def test_anyone_outside_both_organisations_gets_not_found(client, sent_referral, who, request):
    response = _page(client, request.getfixturevalue(who), sent_referral)
    assert response.status_code == 404
    assert sent_referral.person.name not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, sent_referral):
    response = client.get(_url(sent_referral))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_draft_is_not_found_by_the_provider(
    client, befriending_a, link_worker, link_worker_service, staff_a
):
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    assert _page(client, staff_a, draft).status_code == 404
    html = _page(client, link_worker, draft).content.decode()
    assert "Not sent yet" in html
    assert reverse("referrals:act", args=[draft.uuid, "send"]) in html


def test_a_site_administrator_sees_the_referral_and_may_only_mark_it_entered_in_error(
    client, sent_referral, admin_user
):
    response = _page(client, admin_user, sent_referral)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("referrals:act", args=[sent_referral.uuid, "enter_in_error"]) in html
    assert reverse("referrals:act", args=[sent_referral.uuid, "accept"]) not in html
    assert reverse("referrals:message", args=[sent_referral.uuid]) not in html


def test_the_page_is_never_cached(client, sent_referral, staff_a):
    response = _page(client, staff_a, sent_referral)
    assert "no-store" in response["Cache-Control"]


def test_every_view_of_the_page_is_audited(client, sent_referral, staff_a, provider_a):
    _page(client, staff_a, sent_referral)
    client.get(_url(sent_referral))
    events = AuditEvent.objects.filter(referral_uuid=sent_referral.uuid, action=AuditAction.VIEW)
    assert events.count() == 2
    event = events.first()
    assert event.user == staff_a
    assert event.organisation == provider_a
    assert event.person_uuid == sent_referral.person.uuid


def test_a_self_referral_says_so(client, befriending_a, provider_a, staff_a):
    from referrals.choices import SELF_REFERRAL_CONSENT_VERSION, ConsentMethod

    person = PersonFactory(organisation=provider_a)
    referral = services.referral_create(
        person=person,
        service=befriending_a,
        referrer=None,
        referrer_organisation=None,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
        is_self_referral=True,
    )
    html = _page(client, staff_a, referral).content.decode()
    assert "Self-referral: the person referred themselves" in html
    assert "The person, online" in html
    # The provider holds a self-referred person's record, so links to it.
    assert reverse("people:detail", args=[person.uuid]) in html


def test_the_person_page_is_linked_only_for_the_organisation_holding_the_record(
    client, sent_referral, staff_a, link_worker
):
    person_url = reverse("people:detail", args=[sent_referral.person.uuid])
    assert person_url in _page(client, link_worker, sent_referral).content.decode()
    assert person_url not in _page(client, staff_a, sent_referral).content.decode()


def _engaged(referral, user):
    services.referral_accept(referral=referral, user=user)
    services.referral_mark_contacted(referral=referral, user=user)
    return referral


def test_the_chain_links_the_referrals_each_side_may_see(
    client, sent_referral, staff_a, service_b, manager_b, link_worker
):
    from referrals.choices import CONSENT_WORDING_VERSION, ConsentMethod

    _engaged(sent_referral, staff_a)
    onward = services.referral_refer_on(
        referral=sent_referral,
        user=staff_a,
        service=service_b,
        consent_method=ConsentMethod.VERBAL,
        consent_wording_version=CONSENT_WORDING_VERSION,
        reason="Needs specialist trauma support.",
    )
    html = _page(client, staff_a, sent_referral).content.decode()
    assert "Referred on to" in html
    assert _url(onward) in html
    # Charity B sees the referral it received and where it came from, but can't open the first.
    html = _page(client, manager_b, onward).content.decode()
    assert f"Referred on from referral {sent_referral.reference}" in html
    assert _url(sent_referral) not in html
    # The link worker sent the first, not the second: the second is named, not linked.
    html = _page(client, link_worker, sent_referral).content.decode()
    assert f"referral {onward.reference}" in html
    assert _url(onward) not in html


def test_the_timeline_shows_who_did_what_for_which_organisation(client, sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a, note="We will ring on Monday.")
    html = _page(client, staff_a, sent_referral).content.decode()
    assert "Sam Staff, Charity A" in html
    assert "Accepted" in html
    assert "We will ring on Monday." in html


def test_text_people_typed_is_shown_escaped(client, sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a, note="<script>alert(1)</script>")
    html = _page(client, staff_a, sent_referral).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _grow(referral, staff, referrer, times):
    for number in range(times):
        services.referral_record_contact_attempt(
            referral=referral, user=staff, outcome=ContactOutcome.NO_ANSWER, note=f"Try {number}"
        )
        services.message_post(referral=referral, user=staff, body=f"From the charity {number}")
        services.message_post(referral=referral, user=referrer, body=f"From the link worker {number}")


def _count(client, referral):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(referral))
    assert response.status_code == 200
    return len(queries)


def test_the_page_answers_in_a_fixed_number_of_queries(
    client, sent_referral, staff_a, link_worker, django_assert_max_num_queries
):
    services.referral_accept(referral=sent_referral, user=staff_a)
    sign_in(client, staff_a)
    _grow(sent_referral, staff_a, link_worker, 2)
    few = _count(client, sent_referral)
    _grow(sent_referral, staff_a, link_worker, 8)
    assert _count(client, sent_referral) == few
    with django_assert_max_num_queries(30):
        client.get(_url(sent_referral))


def test_a_closed_referral_shows_no_moves_to_the_provider(client, sent_referral, staff_a):
    services.referral_decline(referral=sent_referral, user=staff_a, reason="no_capacity")
    html = _page(client, staff_a, sent_referral).content.decode()
    assert sent_referral.status == Status.DECLINED
    assert "No capacity at the moment" in html
    assert "What next" not in html
    assert "This referral is closed" in html

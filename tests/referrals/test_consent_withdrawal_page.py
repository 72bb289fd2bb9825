"""Withdrawing consent on the referral page: the referrer records it; the provider sees that it was
withdrawn and no longer sees the person's details; nothing more can be done."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from referrals import services
from referrals.choices import AuditAction, EventKind, Status
from referrals.models import AuditEvent
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def _withdraw(client, referral, **data):
    return client.post(
        reverse("referrals:withdraw_consent", args=[referral.uuid]),
        {f"consent-{name}": value for name, value in data.items()},
    )


def _page(client, referral):
    return client.get(reverse("referrals:detail", args=[referral.uuid]))


def test_the_referrer_withdraws_consent_and_the_referral_with_it(client, sent_referral, link_worker):
    sign_in(client, link_worker)
    response = _withdraw(client, sent_referral, confirm="on", note="Phoned to say no.")
    assert response.status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.consent_withdrawn
    assert sent_referral.consent_withdrawn_by == link_worker
    assert sent_referral.status == Status.WITHDRAWN
    assert sent_referral.events.filter(kind=EventKind.CONSENT_WITHDRAWN, note="Phoned to say no.").exists()
    assert AuditEvent.objects.filter(user=link_worker, action=AuditAction.CHANGE).count() == 1
    html = unescape(client.get(response["Location"]).content.decode())
    assert (
        "Consent withdrawn. The provider no longer sees the person's details. The referral is withdrawn too."
        in html
    )
    # The organisation holding the record still sees the person.
    assert sent_referral.person.name in html


def test_the_provider_sees_the_banner_and_not_the_persons_details(
    client, sent_referral, staff_a, link_worker
):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.consent_withdraw(referral=sent_referral, user=link_worker)
    sign_in(client, staff_a)
    response = _page(client, sent_referral)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    date = localtime(sent_referral.consent_withdrawn_at).strftime("%-d %B %Y")
    assert f"Consent withdrawn on {date}: the person's details are no longer shared" in html
    person = sent_referral.person
    for withheld in [
        person.name,
        person.phone,
        person.postcode,
        "14 March 1948",
        person.own_words,
        "Lonely since",
    ]:
        assert withheld not in html, withheld
    # No more moves, and no contact attempts.
    assert "What next" not in html
    assert "Record a contact attempt" not in html
    for action in ["mark_contacted", "withdraw"]:
        assert reverse("referrals:act", args=[sent_referral.uuid, action]) not in html


def test_the_banner_shows_on_a_closed_referral_too(client, sent_referral, staff_a, link_worker):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    services.referral_complete(referral=sent_referral, user=staff_a, outcome_summary="Came along weekly.")
    sign_in(client, link_worker)
    assert _withdraw(client, sent_referral, confirm="on").status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.COMPLETED
    sign_in(client, staff_a)
    html = unescape(_page(client, sent_referral).content.decode())
    assert "the person's details are no longer shared" in html
    assert sent_referral.person.phone not in html


def test_withdrawal_needs_the_box_ticked(client, sent_referral, link_worker):
    sign_in(client, link_worker)
    response = _withdraw(client, sent_referral, note="They rang.")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Tick the box to confirm that the person withdrew their consent." in html
    assert "They rang." in html
    sent_referral.refresh_from_db()
    assert not sent_referral.consent_withdrawn


def test_only_the_referrer_withdraws_consent(client, sent_referral, staff_a, manager_b):
    sign_in(client, staff_a)
    assert _withdraw(client, sent_referral, confirm="on").status_code == 403
    sign_in(client, manager_b)
    assert _withdraw(client, sent_referral, confirm="on").status_code == 404
    sent_referral.refresh_from_db()
    assert not sent_referral.consent_withdrawn


def test_withdrawing_twice_says_it_was_already_withdrawn(client, sent_referral, link_worker):
    services.consent_withdraw(referral=sent_referral, user=link_worker)
    sign_in(client, link_worker)
    page = _page(client, sent_referral).content.decode()
    assert reverse("referrals:withdraw_consent", args=[sent_referral.uuid]) not in page
    response = _withdraw(client, sent_referral, confirm="on")
    assert response.status_code == 409
    assert "Consent was already withdrawn for this referral." in response.content.decode()


def test_moves_after_withdrawal_are_refused_with_a_plain_message(client, sent_referral, staff_a, link_worker):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    services.referral_complete(referral=sent_referral, user=staff_a, outcome_summary="Done.")
    services.consent_withdraw(referral=sent_referral, user=link_worker)
    sign_in(client, staff_a)
    response = client.get(reverse("referrals:refer_on", args=[sent_referral.uuid]))
    assert response.status_code == 409


def test_no_more_messages_after_withdrawal(client, sent_referral, staff_a, link_worker):
    services.consent_withdraw(referral=sent_referral, user=link_worker)
    sign_in(client, staff_a)
    assert (
        reverse("referrals:message", args=[sent_referral.uuid])
        not in _page(client, sent_referral).content.decode()
    )
    response = client.post(
        reverse("referrals:message", args=[sent_referral.uuid]), {"message-body": "Still there?"}
    )
    assert response.status_code == 409
    assert "nothing more can be shared" in response.content.decode()


def test_for_a_self_referral_the_receiving_organisation_records_the_withdrawal(
    client, befriending_a, provider_a, staff_a
):
    from referrals.choices import SELF_REFERRAL_CONSENT_VERSION, ConsentMethod
    from tests.factories import PersonFactory

    referral = services.referral_create(
        person=PersonFactory(organisation=provider_a),
        service=befriending_a,
        referrer=None,
        referrer_organisation=None,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
        is_self_referral=True,
    )
    sign_in(client, staff_a)
    assert (
        reverse("referrals:withdraw_consent", args=[referral.uuid])
        in _page(client, referral).content.decode()
    )
    response = _withdraw(client, referral, confirm="on")
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.consent_withdrawn
    assert referral.status == Status.WITHDRAWN
    html = unescape(client.get(response["Location"]).content.decode())
    assert "Consent withdrawn. The referral is withdrawn too." in html
    # The charity holds a self-referred person's record, so it still sees who it was.
    assert referral.person.name in html

"""Referral emails (issue 9, point 6): who is told of what, and that no email ever carries the
person's details, the referral's reasons, notes, messages or outcome: only the service, a short
reference and a link."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from referrals import services
from referrals.choices import CONSENT_WORDING_VERSION, ConsentMethod, ContactOutcome, DeclineReason, Status
from referrals.models import Referral
from referrals.reminders import run_reminders
from tests.factories import MembershipFactory, PersonFactory, UserFactory, make_referral

PROVIDER_A = {"office@charity-a.example.org", "staff@charity-a.example.org", "manager@charity-a.example.org"}
LINK_WORKER = {"link.worker@nhs.example.org"}

# Everything about the person and their referral that must never leave in an email.
PERSON = {
    "name": "Archibald Quigley-Smythe",
    "preferred_name": "Archie",
    "date_of_birth": datetime.date(1941, 7, 23),
    "postcode": "DD2 9ZZ",
    "phone": "07700 900123",
    "email": "archie.q@example.net",
    "chi_number": "2307414562",
    "own_words": "Hopes to find a walking group near Lochee",
}
REFERRAL = {
    "reason": "Bereaved in March and very isolated",
    "hopes": "Wants company at weekends",
    "contact_times": "Tuesday mornings only",
    "risk_notes": "History of falls; lives alone",
}
NOTES = [
    "Spoke to his daughter about diabetes",
    "Accepted after a call with the GP about his mobility",
    "Rang twice, no answer on the landline",
]
MESSAGES = [
    "Could you tell us about his hearing aid?",
    "He prefers a female volunteer because of past trauma",
]
OUTCOME = "Joined the Lochee walking group and feels much less low"


def _forbidden(referral) -> list[str]:
    return [
        PERSON["name"],
        "Quigley",
        PERSON["preferred_name"],
        PERSON["postcode"],
        PERSON["phone"],
        PERSON["email"],
        PERSON["chi_number"],
        PERSON["own_words"],
        "23/07/1941",
        "1941-07-23",
        *REFERRAL.values(),
        *NOTES,
        *MESSAGES,
        OUTCOME,
        "Full until the summer",
    ]


def _assert_no_personal_details(emails, forbidden):
    assert emails
    for email in emails:
        text = f"{email.subject}\n{email.body}"
        for secret in forbidden:
            assert secret.lower() not in text.lower(), (email.subject, secret)


@pytest.fixture
def everyone(manager_a, staff_a, provider_a, link_worker):
    # An inactive member of Charity A is never emailed.
    gone = UserFactory(email="gone@charity-a.example.org", is_active=False)
    MembershipFactory(user=gone, organisation=provider_a)
    return {"provider": staff_a, "manager": manager_a, "referrer": link_worker}


def _referral(befriending_a, link_worker, link_worker_service, **fields) -> Referral:
    person = PersonFactory(organisation=link_worker_service, created_by=link_worker, **PERSON)
    return make_referral(
        service=befriending_a,
        referrer=link_worker,
        referrer_organisation=link_worker_service,
        person=person,
        contact_method="phone",
        **{**REFERRAL, **fields},
    )


def test_a_whole_referrals_life_tells_each_side_and_no_email_holds_personal_details(
    everyone, befriending_a, service_b, link_worker, link_worker_service, manager_b
):
    provider, referrer = everyone["provider"], everyone["referrer"]
    referral = _referral(befriending_a, link_worker, link_worker_service)
    ref = referral.reference
    assert [(e.subject, set(e.to)) for e in mail.outbox] == [
        (f"New referral {ref} for Dundee Befriending", PROVIDER_A)
    ]
    # Five and ten days without an answer: the provider is nudged.
    for day in (5, 10):
        run_reminders(now=referral.sent_at + datetime.timedelta(days=day))
    assert [(e.subject, set(e.to)) for e in mail.outbox[1:]] == [
        (f"Reminder: referral {ref} to Dundee Befriending is waiting for an answer", PROVIDER_A)
    ] * 2
    services.referral_accept(referral=referral, user=provider, note=NOTES[1])
    services.message_post(referral=referral, user=provider, body=MESSAGES[0])
    services.message_post(referral=referral, user=referrer, body=MESSAGES[1])
    services.referral_record_contact_attempt(
        referral=referral, user=provider, outcome=ContactOutcome.NO_ANSWER, note=NOTES[2]
    )
    services.referral_mark_contacted(referral=referral, user=provider, note=NOTES[0])
    services.referral_start(referral=referral, user=provider, note=NOTES[0])
    services.referral_hold(referral=referral, user=provider, note=NOTES[0])
    services.referral_start(referral=referral, user=provider)
    services.referral_complete(referral=referral, user=provider, outcome_summary=OUTCOME)
    assert [(e.subject, set(e.to)) for e in mail.outbox[3:]] == [
        (f"Referral {ref} to Dundee Befriending was accepted", LINK_WORKER),
        (f"New message on referral {ref} to Dundee Befriending", LINK_WORKER),
        (f"New message on referral {ref} to Dundee Befriending", PROVIDER_A),
        (f"Referral {ref} to Dundee Befriending is complete", LINK_WORKER),
    ]
    services.consent_withdraw(referral=referral, user=referrer, note=NOTES[0])
    assert (mail.outbox[-1].subject, set(mail.outbox[-1].to)) == (
        f"Consent withdrawn for referral {ref} to Dundee Befriending",
        PROVIDER_A,
    )
    link = settings.SITE_URL + reverse("referrals:detail", args=[referral.uuid])
    for email in mail.outbox:
        assert ref in email.subject and ref in email.body and "Dundee Befriending" in email.body
        assert f"\n{link}\n" in email.body
    _assert_no_personal_details(mail.outbox, _forbidden(referral))


def test_a_declined_referral_tells_the_referrer_without_the_reason(
    everyone, befriending_a, link_worker, link_worker_service
):
    referral = _referral(befriending_a, link_worker, link_worker_service)
    mail.outbox.clear()
    services.referral_decline(
        referral=referral, user=everyone["provider"], reason=DeclineReason.OTHER, note="Full until the summer"
    )
    assert [(e.subject, set(e.to)) for e in mail.outbox] == [
        (f"Referral {referral.reference} to Dundee Befriending was declined", LINK_WORKER)
    ]
    _assert_no_personal_details(mail.outbox, [*_forbidden(referral), "capacity", "eligible"])


def test_an_expired_referral_tells_both_sides(everyone, befriending_a, link_worker, link_worker_service):
    referral = _referral(befriending_a, link_worker, link_worker_service)
    mail.outbox.clear()
    run_reminders(now=referral.sent_at + datetime.timedelta(days=14))
    assert sorted((e.subject, tuple(sorted(e.to))) for e in mail.outbox) == [
        (
            f"Referral {referral.reference} to Dundee Befriending expired without an answer",
            tuple(LINK_WORKER),
        ),
        (f"Referral {referral.reference} to Dundee Befriending has expired", tuple(sorted(PROVIDER_A))),
    ]
    assert "within 14 days" in mail.outbox[0].body
    _assert_no_personal_details(mail.outbox, _forbidden(referral))


@pytest.mark.parametrize("closing", ["unable_to_contact", "person_declined", "refer_on"])
def test_the_referrer_hears_when_the_provider_closes_a_referral_but_not_how(
    closing, everyone, befriending_a, service_b, link_worker, link_worker_service
):
    provider = everyone["provider"]
    referral = _referral(befriending_a, link_worker, link_worker_service)
    services.referral_accept(referral=referral, user=provider)
    services.referral_record_contact_attempt(
        referral=referral, user=provider, outcome=ContactOutcome.NO_ANSWER
    )
    services.referral_mark_contacted(referral=referral, user=provider)
    mail.outbox.clear()
    if closing == "refer_on":
        new = services.referral_refer_on(
            referral=referral,
            user=provider,
            service=service_b,
            consent_method=ConsentMethod.VERBAL,
            consent_wording_version=CONSENT_WORDING_VERSION,
            reason=REFERRAL["reason"],
            note=NOTES[0],
        )
    else:
        getattr(services, f"referral_{closing}")(referral=referral, user=provider, note=NOTES[0])
    assert (mail.outbox[0].subject, set(mail.outbox[0].to)) == (
        f"Referral {referral.reference} to Dundee Befriending is closed",
        LINK_WORKER,
    )
    if closing == "refer_on":
        # The new provider is told of their new referral, sent by Charity A.
        assert [(e.subject, set(e.to)) for e in mail.outbox[1:]] == [
            (f"New referral {new.reference} for Trauma Support B", {"office@charity-b.example.org"})
        ]
    else:
        assert len(mail.outbox) == 1
    _assert_no_personal_details(mail.outbox, [*_forbidden(referral), "could not contact", "decided not to"])


def test_moves_inside_the_provider_tell_nobody(
    everyone, befriending_a, link_worker, link_worker_service, admin_user
):
    provider = everyone["provider"]
    referral = _referral(befriending_a, link_worker, link_worker_service)
    services.referral_accept(referral=referral, user=provider)
    mail.outbox.clear()
    services.referral_record_contact_attempt(referral=referral, user=provider, outcome=ContactOutcome.SPOKE)
    services.referral_mark_contacted(referral=referral, user=provider)
    services.referral_start(referral=referral, user=provider)
    services.referral_hold(referral=referral, user=provider)
    services.referral_enter_in_error(referral=referral, user=admin_user)
    assert mail.outbox == []


def test_a_withdrawn_referral_tells_the_provider_once_it_had_reached_them(
    everyone, befriending_a, link_worker, link_worker_service
):
    draft = _referral(befriending_a, link_worker, link_worker_service, send=False)
    sent = _referral(befriending_a, link_worker, link_worker_service)
    mail.outbox.clear()
    services.referral_withdraw(referral=draft, user=everyone["referrer"])
    assert mail.outbox == []
    services.referral_withdraw(referral=sent, user=everyone["referrer"], note=NOTES[0])
    assert [(e.subject, set(e.to)) for e in mail.outbox] == [
        (f"Referral {sent.reference} to Dundee Befriending was withdrawn", PROVIDER_A)
    ]
    _assert_no_personal_details(mail.outbox, _forbidden(sent))


def test_a_draft_tells_nobody_until_it_is_sent(everyone, befriending_a, link_worker, link_worker_service):
    draft = _referral(befriending_a, link_worker, link_worker_service, send=False)
    assert mail.outbox == []
    services.referral_send(referral=draft, user=everyone["referrer"])
    assert [(e.subject, set(e.to)) for e in mail.outbox] == [
        (f"New referral {draft.reference} for Dundee Befriending", PROVIDER_A)
    ]


def test_a_referrer_who_left_is_replaced_by_their_organisations_address(
    everyone, befriending_a, link_worker, link_worker_service
):
    link_worker_service.email = "team@links.example.org"
    link_worker_service.save()
    referral = _referral(befriending_a, link_worker, link_worker_service)
    colleague = UserFactory(email="colleague@nhs.example.org")
    MembershipFactory(user=colleague, organisation=link_worker_service)
    link_worker.memberships.all().delete()
    mail.outbox.clear()
    services.referral_accept(referral=referral, user=everyone["provider"])
    assert mail.outbox[-1].to == ["team@links.example.org"]
    # Someone deactivated is replaced too.
    MembershipFactory(user=link_worker, organisation=link_worker_service)
    link_worker.is_active = False
    link_worker.save()
    services.message_post(referral=referral, user=everyone["provider"], body=MESSAGES[0])
    assert mail.outbox[-1].to == ["team@links.example.org"]
    # A colleague of the referrer writes: the provider is told, not the colleague themselves.
    services.message_post(referral=referral, user=colleague, body=MESSAGES[1])
    assert set(mail.outbox[-1].to) == PROVIDER_A


def test_a_self_referral_has_no_referrer_to_tell(everyone, befriending_a, provider_a):
    from referrals.choices import SELF_REFERRAL_CONSENT_VERSION

    person = PersonFactory(organisation=provider_a, **PERSON)
    referral = services.referral_create(
        person=person,
        service=befriending_a,
        referrer=None,
        referrer_organisation=None,
        is_self_referral=True,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
        **REFERRAL,
    )
    assert [set(e.to) for e in mail.outbox] == [PROVIDER_A]
    provider = everyone["provider"]
    services.referral_accept(referral=referral, user=provider)
    services.message_post(referral=referral, user=provider, body=MESSAGES[0])
    services.referral_mark_contacted(referral=referral, user=provider)
    services.referral_complete(referral=referral, user=provider, outcome_summary=OUTCOME)
    assert len(mail.outbox) == 1
    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    _assert_no_personal_details(mail.outbox, _forbidden(referral))

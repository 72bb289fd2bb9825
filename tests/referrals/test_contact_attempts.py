"""Contact attempts: the receiving organisation records each try to reach the person."""

import pytest
from django.urls import reverse

from referrals import services
from referrals.choices import AuditAction, ContactOutcome, EventKind, Status
from referrals.models import AuditEvent, ReferralEvent
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def _post(client, referral, **data):
    return client.post(
        reverse("referrals:contact_attempt", args=[referral.uuid]),
        {f"contact-{name}": value for name, value in data.items()},
    )


def test_the_provider_records_an_attempt_and_it_joins_the_timeline(client, sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a)
    sign_in(client, staff_a)
    page = client.get(reverse("referrals:detail", args=[sent_referral.uuid])).content.decode()
    assert "Record a contact attempt" in page
    assert "0 attempts recorded so far" in page
    response = _post(client, sent_referral, outcome=ContactOutcome.LEFT_MESSAGE, note="Rang at 10am.")
    assert response.status_code == 302
    assert response["Location"].endswith("#timeline")
    event = ReferralEvent.objects.get(kind=EventKind.CONTACT_ATTEMPT)
    assert (event.actor, event.contact_outcome, event.note) == (staff_a, "left_message", "Rang at 10am.")
    html = client.get(response["Location"]).content.decode()
    assert "Contact attempt: left a message" in html
    assert "Rang at 10am." in html
    assert "1 attempt recorded so far" in html
    assert AuditEvent.objects.filter(user=staff_a, action=AuditAction.CHANGE).exists()


def test_an_attempt_needs_an_outcome(client, sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a)
    sign_in(client, staff_a)
    response = _post(client, sent_referral, note="Rang.")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose what happened." in html
    assert "Rang." in html
    assert not ReferralEvent.objects.filter(kind=EventKind.CONTACT_ATTEMPT).exists()


def test_the_referrer_cannot_record_attempts(client, sent_referral, staff_a, link_worker):
    services.referral_accept(referral=sent_referral, user=staff_a)
    sign_in(client, link_worker)
    page = client.get(reverse("referrals:detail", args=[sent_referral.uuid])).content.decode()
    assert "Record a contact attempt" not in page
    assert _post(client, sent_referral, outcome=ContactOutcome.NO_ANSWER).status_code == 403


def test_a_stranger_gets_not_found(client, sent_referral, manager_b):
    sign_in(client, manager_b)
    assert _post(client, sent_referral, outcome=ContactOutcome.NO_ANSWER).status_code == 404


def test_no_attempts_before_the_referral_is_accepted(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = _post(client, sent_referral, outcome=ContactOutcome.NO_ANSWER)
    assert response.status_code == 409
    assert "contact attempts are recorded while it is accepted and open" in response.content.decode()


def test_after_an_attempt_the_provider_may_close_as_unable_to_contact(client, sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    sign_in(client, staff_a)
    _post(client, sent_referral, outcome=ContactOutcome.WRONG_NUMBER)
    response = client.post(reverse("referrals:act", args=[sent_referral.uuid, "unable_to_contact"]))
    assert response.status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.UNABLE_TO_CONTACT

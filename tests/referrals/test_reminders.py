"""`manage.py referral_reminders` with frozen time: nudges to the provider 5 and 10 days after a
referral was sent while nobody answers, expiry at 14 days with both sides told, nothing twice."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from referrals import services
from referrals.choices import DeclineReason, EventKind, Status
from referrals.models import Referral
from referrals.reminders import run_reminders
from tests.factories import make_referral

SENT = datetime.datetime(2027, 3, 1, 14, 30, tzinfo=datetime.UTC)
PROVIDER_A = {"office@charity-a.example.org", "staff@charity-a.example.org"}


def on_day(days: float, **extra) -> time_machine.travel:
    return time_machine.travel(SENT + datetime.timedelta(days=days, **extra), tick=False)


def reminders() -> str:
    out = StringIO()
    call_command("referral_reminders", stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def referral_made(befriending_a, staff_a, link_worker, link_worker_service):
    def make(**fields) -> Referral:
        with on_day(0):
            return make_referral(
                service=befriending_a,
                referrer=link_worker,
                referrer_organisation=link_worker_service,
                **fields,
            )

    return make


def _nudges(referral) -> list:
    return list(referral.events.filter(kind=EventKind.NUDGE).values_list("note", flat=True))


def test_nudged_at_five_and_ten_days_and_expired_at_fourteen(referral_made):
    referral = referral_made()
    mail.outbox.clear()

    with on_day(5, minutes=-1):
        assert reminders() == (
            "0 referrals waiting for an answer for 5 days or more: sent 0 nudges to providers and expired 0."
        )
    with on_day(4):
        run_reminders()
    assert mail.outbox == [] and _nudges(referral) == []

    with on_day(5):
        assert reminders() == (
            "1 referrals waiting for an answer for 5 days or more: sent 1 nudges to providers and expired 0."
        )
    referral.refresh_from_db()
    assert referral.nudges_sent == 1 and referral.status == Status.SENT
    assert _nudges(referral) == ["Reminder 1 of 2 sent to the provider after 5 days without an answer."]
    assert [(e.subject, set(e.to)) for e in mail.outbox] == [
        (
            f"Reminder: referral {referral.reference} to Dundee Befriending is waiting for an answer",
            PROVIDER_A,
        )
    ]
    assert (
        "waiting 5 days for an answer" in mail.outbox[0].body
        and "in 9 days it expires" in mail.outbox[0].body
    )
    nudge = referral.events.get(kind=EventKind.NUDGE)
    assert nudge.actor is None and nudge.created == SENT + datetime.timedelta(days=5)

    for day in (5, 6, 9.9):  # again the same day, and the days after: nothing new
        with on_day(day):
            assert "sent 0 nudges" in reminders()
    assert len(mail.outbox) == 1

    with on_day(10):
        assert "sent 1 nudges" in reminders()
    referral.refresh_from_db()
    assert referral.nudges_sent == 2 and len(_nudges(referral)) == 2
    assert "in 4 days it expires" in mail.outbox[-1].body
    with on_day(13, hours=23):
        assert "sent 0 nudges to providers and expired 0" in reminders()
    assert len(mail.outbox) == 2

    with on_day(14):
        assert reminders() == (
            "1 referrals waiting for an answer for 5 days or more: sent 0 nudges to providers and expired 1."
        )
    referral.refresh_from_db()
    assert referral.status == Status.EXPIRED
    assert referral.closed_at == SENT + datetime.timedelta(days=14) and referral.answered_at is None
    last = referral.events.last()
    assert (last.kind, last.from_status, last.to_status, last.actor) == (
        EventKind.TRANSITION,
        Status.SENT,
        Status.EXPIRED,
        None,
    )
    assert sorted((e.subject, tuple(sorted(e.to))) for e in mail.outbox[2:]) == [
        (
            f"Referral {referral.reference} to Dundee Befriending expired without an answer",
            ("link.worker@nhs.example.org",),
        ),
        (f"Referral {referral.reference} to Dundee Befriending has expired", tuple(sorted(PROVIDER_A))),
    ]

    with on_day(15):
        assert reminders() == (
            "0 referrals waiting for an answer for 5 days or more: sent 0 nudges to providers and expired 0."
        )
    assert len(mail.outbox) == 4


def test_a_missed_day_sends_one_catching_up_nudge_never_two(referral_made):
    referral = referral_made()
    mail.outbox.clear()
    with on_day(11):
        assert "sent 1 nudges" in reminders()
    referral.refresh_from_db()
    assert referral.nudges_sent == 2 and len(mail.outbox) == 1
    assert _nudges(referral) == ["Reminder 2 of 2 sent to the provider after 11 days without an answer."]
    with on_day(12):
        assert "sent 0 nudges" in reminders()
    assert len(mail.outbox) == 1


def test_a_referral_first_seen_at_fourteen_days_expires_without_a_nudge(referral_made):
    referral = referral_made()
    mail.outbox.clear()
    with on_day(20):
        assert "sent 0 nudges to providers and expired 1" in reminders()
    referral.refresh_from_db()
    assert referral.status == Status.EXPIRED and referral.nudges_sent == 0
    assert len(mail.outbox) == 2 and _nudges(referral) == []


def test_answered_withdrawn_and_draft_referrals_are_left_alone(referral_made, staff_a, link_worker):
    accepted = referral_made()
    declined = referral_made()
    withdrawn = referral_made()
    draft = referral_made(send=False)
    with on_day(1):
        services.referral_accept(referral=accepted, user=staff_a)
        services.referral_decline(referral=declined, user=staff_a, reason=DeclineReason.NO_CAPACITY)
        services.referral_withdraw(referral=withdrawn, user=link_worker)
    mail.outbox.clear()
    before = {r.pk: r for r in Referral.objects.all()}
    for day in (5, 10, 14, 30):
        with on_day(day):
            assert reminders().startswith("0 referrals waiting")
    assert mail.outbox == []
    for referral in Referral.objects.all():
        assert referral.status == before[referral.pk].status and referral.nudges_sent == 0
        assert not referral.events.filter(kind=EventKind.NUDGE).exists()
    assert {accepted.pk, declined.pk, withdrawn.pk, draft.pk} == set(before)


def test_a_referral_answered_while_the_command_runs_is_not_expired_or_nudged(referral_made):
    # Consent withdrawn on a referral still marked sent (as if it changed between the command's
    # list and its lock): neither a nudge nor expiry may touch it.
    nudge_due, expiry_due = referral_made(), referral_made()
    Referral.objects.filter(pk__in=[nudge_due.pk, expiry_due.pk]).update(consent_withdrawn_at=timezone.now())
    Referral.objects.filter(pk=expiry_due.pk).update(sent_at=SENT - datetime.timedelta(days=10))
    mail.outbox.clear()
    with on_day(6):
        summary = run_reminders()
    assert (summary.waiting, summary.nudged, summary.expired) == (2, 0, 0)
    assert mail.outbox == []
    assert set(Referral.objects.values_list("status", flat=True)) == {Status.SENT}


def test_run_reminders_takes_the_time_it_is_given(referral_made):
    referral = referral_made()
    summary = run_reminders(now=SENT + datetime.timedelta(days=14))
    assert (summary.waiting, summary.nudged, summary.expired) == (1, 0, 1)
    referral.refresh_from_db()
    assert referral.status == Status.EXPIRED

"""Two people act on the same referral at once: exactly one move wins, and the other person gets
TransitionNotAllowed with a plain message (issue 9, point 4).

PostgreSQL only: SQLite has no row locks (select_for_update does nothing there), and the CI's
PostgreSQL pass (DATABASE_URL set) runs these. Real transactions (TransactionTestCase semantics),
one database connection per thread.

The first test is deterministic: the first person's move is done and its row lock held open in an
uncommitted transaction while the second person tries. With select_for_update the second waits,
then reads the new state and is refused; without it the second reads the old state, moves it too
(a lost update, two transition events), and the test fails.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core import mail
from django.db import close_old_connections, connection, connections, transaction

from referrals import services
from referrals.choices import ContactOutcome, DeclineReason, EventKind, Status
from referrals.models import Referral, ReferralEvent
from tests.factories import make_referral

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks (select_for_update) exist on PostgreSQL only: run with DATABASE_URL set.",
    ),
    pytest.mark.django_db(transaction=True),
]

WAIT = 20  # seconds: far more than any step needs, so a slow machine does not fail the test


def _moves(world):
    provider, referrer = world["provider"], world["referrer"]
    return {
        "accept": lambda r: services.referral_accept(referral=r, user=provider),
        "decline": lambda r: services.referral_decline(
            referral=r, user=provider, reason=DeclineReason.NO_CAPACITY
        ),
        "withdraw": lambda r: services.referral_withdraw(referral=r, user=referrer),
        "complete": lambda r: services.referral_complete(
            referral=r, user=provider, outcome_summary="Settled in."
        ),
        "person_declined": lambda r: services.referral_person_declined(referral=r, user=provider),
        "hold": lambda r: services.referral_hold(referral=r, user=provider),
    }


@pytest.fixture
def world(befriending_a, staff_a, link_worker, link_worker_service):
    return {
        "service": befriending_a,
        "provider": staff_a,
        "referrer": link_worker,
        "referrer_organisation": link_worker_service,
    }


def _referral(world, *, in_progress=False) -> Referral:
    referral = make_referral(
        service=world["service"],
        referrer=world["referrer"],
        referrer_organisation=world["referrer_organisation"],
    )
    if in_progress:
        provider = world["provider"]
        services.referral_accept(referral=referral, user=provider)
        services.referral_record_contact_attempt(
            referral=referral, user=provider, outcome=ContactOutcome.SPOKE
        )
        services.referral_mark_contacted(referral=referral, user=provider)
        services.referral_start(referral=referral, user=provider)
    return referral


def _waiting_for_a_lock() -> int:
    """How many other connections to this database wait for a lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _in_thread(results, name, work):
    def run():
        try:
            results[name] = ("ok", work())
        except Exception as error:  # the test looks at what each thread got
            results[name] = ("error", error)
        finally:
            connections.close_all()

    return threading.Thread(target=run, name=name)


@pytest.mark.parametrize(
    ("first", "second", "in_progress", "winner_status"),
    [
        ("accept", "decline", False, Status.ACCEPTED),
        ("decline", "accept", False, Status.DECLINED),
        ("accept", "accept", False, Status.ACCEPTED),
        ("withdraw", "accept", False, Status.WITHDRAWN),
        ("complete", "person_declined", True, Status.COMPLETED),
        ("complete", "hold", True, Status.COMPLETED),
    ],
)
def test_the_second_person_waits_for_the_first_and_is_refused(
    first, second, in_progress, winner_status, world
):
    referral = _referral(world, in_progress=in_progress)
    moves = _moves(world)
    events_before = ReferralEvent.objects.filter(referral=referral, kind=EventKind.TRANSITION).count()
    barrier = threading.Barrier(2, timeout=WAIT)
    first_done, release = threading.Event(), threading.Event()
    results = {}

    def first_move():
        barrier.wait()
        with transaction.atomic():
            moved = moves[first](Referral.objects.get(pk=referral.pk))
            first_done.set()
            release.wait(WAIT)  # the lock stays held until the main thread lets go
        return moved

    def second_move():
        barrier.wait()
        first_done.wait(WAIT)
        return moves[second](Referral.objects.get(pk=referral.pk))

    threads = [_in_thread(results, "first", first_move), _in_thread(results, "second", second_move)]
    for thread in threads:
        thread.start()
    try:
        assert first_done.wait(WAIT), results
        # The second person's query is now under way: wait until PostgreSQL says it waits for the lock.
        deadline = time.monotonic() + WAIT
        while _waiting_for_a_lock() == 0 and time.monotonic() < deadline and "second" not in results:
            time.sleep(0.05)
    finally:
        release.set()
        for thread in threads:
            thread.join(WAIT)
        close_old_connections()

    assert results["first"][0] == "ok", results
    outcome, error = results["second"]
    assert outcome == "error" and isinstance(error, services.TransitionNotAllowed), results
    assert f"This referral is now “{Status(winner_status).label}”" in str(error)
    assert "Someone else may have changed it a moment ago" in str(error)
    referral.refresh_from_db()
    assert referral.status == winner_status
    transitions = ReferralEvent.objects.filter(referral=referral, kind=EventKind.TRANSITION)
    assert transitions.count() == events_before + 1
    assert transitions.last().to_status == winner_status


@pytest.mark.parametrize("second", ["accept", "decline"])
def test_two_people_at_the_same_moment_exactly_one_wins(second, world):
    """Both start together (a barrier), nobody holds anything open: whichever locks first wins."""
    for _ in range(3):
        referral = _referral(world)
        moves = _moves(world)
        barrier = threading.Barrier(2, timeout=WAIT)
        results = {}

        def move(name, referral=referral, barrier=barrier, moves=moves):
            def work():
                barrier.wait()
                return moves[name](Referral.objects.get(pk=referral.pk))

            return work

        threads = [_in_thread(results, "one", move("accept")), _in_thread(results, "two", move(second))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(WAIT)
        close_old_connections()

        outcomes = sorted(outcome for outcome, _ in results.values())
        assert outcomes == ["error", "ok"], results
        error = next(value for outcome, value in results.values() if outcome == "error")
        assert isinstance(error, services.TransitionNotAllowed), results
        referral.refresh_from_db()
        assert referral.status in {Status.ACCEPTED, Status.DECLINED}
        answers = ReferralEvent.objects.filter(
            referral=referral, kind=EventKind.TRANSITION, from_status=Status.SENT
        )
        assert answers.count() == 1


def test_only_the_winning_move_sends_its_email(world):
    referral = _referral(world)
    mail.outbox.clear()
    moves = _moves(world)
    barrier = threading.Barrier(2, timeout=WAIT)
    results = {}
    threads = [
        _in_thread(
            results,
            name,
            lambda name=name: (barrier.wait(), moves[name](Referral.objects.get(pk=referral.pk))),
        )
        for name in ("accept", "decline")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    close_old_connections()
    winner = next(name for name, (outcome, _) in results.items() if outcome == "ok")
    subjects = [email.subject for email in mail.outbox]
    word = {"accept": "accepted", "decline": "declined"}[winner]
    assert subjects == [f"Referral {referral.reference} to Dundee Befriending was {word}"]

"""Every move on a referral through its page: who may make it, what it does, and what a loser sees."""

import re
from html import unescape

import pytest
from django.urls import reverse

from referrals import services
from referrals.choices import AuditAction, ContactOutcome, EventKind, Status
from referrals.models import AuditEvent
from tests.factories import make_referral, sign_in

pytestmark = pytest.mark.django_db


def _act(client, referral, action, **data):
    return client.post(reverse("referrals:act", args=[referral.uuid, action]), data)


def _accepted(referral, staff):
    services.referral_accept(referral=referral, user=staff)
    return referral


def _contacted(referral, staff):
    _accepted(referral, staff)
    services.referral_mark_contacted(referral=referral, user=staff)
    return referral


def _in_progress(referral, staff):
    _contacted(referral, staff)
    services.referral_start(referral=referral, user=staff)
    return referral


# (action, who does it, how to prepare the referral, the status it ends in)
MOVES = [
    ("accept", "staff_a", None, Status.ACCEPTED),
    ("mark_contacted", "staff_a", _accepted, Status.CONTACTED),
    ("start", "manager_a", _contacted, Status.IN_PROGRESS),
    ("hold", "staff_a", _in_progress, Status.ON_HOLD),
    ("person_declined", "staff_a", _contacted, Status.PERSON_DECLINED),
    ("withdraw", "link_worker", None, Status.WITHDRAWN),
    ("enter_in_error", "admin_user", None, Status.ENTERED_IN_ERROR),
]


@pytest.mark.parametrize(("action", "who", "prepare", "expected"), MOVES)
def test_each_move_is_made_through_the_page_with_its_note(
    client, sent_referral, staff_a, action, who, prepare, expected, request
):
    if prepare:
        prepare(sent_referral, staff_a)
    user = request.getfixturevalue(who)
    sign_in(client, user)
    response = _act(client, sent_referral, action, **{"action-note": f"Note on {action}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[sent_referral.uuid])
    sent_referral.refresh_from_db()
    assert sent_referral.status == expected
    event = sent_referral.events.filter(kind=EventKind.TRANSITION).last()
    assert event.actor == user
    assert event.note == f"Note on {action}"
    assert AuditEvent.objects.filter(
        referral_uuid=sent_referral.uuid, user=user, action=AuditAction.CHANGE
    ).exists()
    page = client.get(response["Location"]).content.decode()
    assert f"Referral {sent_referral.reference}: {sent_referral.get_status_display().lower()}." in page


def test_the_referrer_sends_a_draft_from_its_page(client, befriending_a, link_worker, link_worker_service):
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    sign_in(client, link_worker)
    assert _act(client, draft, "send").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SENT


def test_unable_to_contact_needs_a_recorded_attempt_first(client, sent_referral, staff_a):
    _contacted(sent_referral, staff_a)
    sign_in(client, staff_a)
    response = _act(client, sent_referral, "unable_to_contact", **{"action-note": "Tried twice."})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Record at least one attempt" in html
    assert "Tried twice." in html  # what was typed is kept
    services.referral_record_contact_attempt(
        referral=sent_referral, user=staff_a, outcome=ContactOutcome.NO_ANSWER
    )
    assert _act(client, sent_referral, "unable_to_contact").status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.UNABLE_TO_CONTACT


@pytest.mark.parametrize(
    ("action", "who"),
    [
        ("accept", "link_worker"),  # only the receiving organisation answers
        ("withdraw", "staff_a"),  # only the referrer withdraws
        ("accept", "admin_user"),  # an administrator only marks entered in error
        ("enter_in_error", "staff_a"),
    ],
)
def test_the_wrong_side_is_refused(client, sent_referral, action, who, request):
    sign_in(client, request.getfixturevalue(who))
    assert _act(client, sent_referral, action).status_code == 403
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.SENT


@pytest.mark.parametrize("who", ["manager_b", "editor", "gp"])
def test_strangers_get_not_found(client, sent_referral, who, request):
    sign_in(client, request.getfixturevalue(who))
    assert _act(client, sent_referral, "accept").status_code == 404
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.SENT


@pytest.mark.parametrize("action", ["nonsense", "decline", "complete", "refer_on", "expire"])
def test_an_action_without_a_button_is_not_found(client, sent_referral, staff_a, action):
    sign_in(client, staff_a)
    assert _act(client, sent_referral, action).status_code == 404


def test_moves_are_posted_never_fetched(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.get(reverse("referrals:act", args=[sent_referral.uuid, "accept"]))
    assert response.status_code == 405


def test_the_second_of_two_people_accepting_sees_a_plain_message(client, sent_referral, staff_a, manager_a):
    # Both had the page open with the Accept button; the first one wins.
    services.referral_accept(referral=sent_referral, user=manager_a)
    sign_in(client, staff_a)
    response = _act(client, sent_referral, "accept")
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "That could not be done" in html
    assert "This referral is now “Accepted”, so it can't be accepted." in html
    assert "Someone else may have changed it" in html
    assert sent_referral.events.filter(to_status=Status.ACCEPTED).count() == 1


def test_a_safe_next_returns_to_the_inbox_with_a_message(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    inbox = reverse("referrals:inbox") + "?status=sent"
    response = _act(client, sent_referral, "accept", next=inbox)
    assert response.status_code == 302
    assert response["Location"] == inbox
    stored = [str(message) for message in response.wsgi_request._messages]
    assert stored == [f"Referral {sent_referral.reference}: accepted."]


@pytest.mark.parametrize("next_url", ["https://evil.example.org/", "//evil.example.org/inbox/"])
def test_a_next_to_another_site_is_ignored(client, sent_referral, staff_a, next_url):
    sign_in(client, staff_a)
    response = _act(client, sent_referral, "accept", next=next_url)
    assert response["Location"] == reverse("referrals:detail", args=[sent_referral.uuid])


def test_a_note_too_long_is_refused_and_kept(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    note = "x" * 2001
    response = _act(client, sent_referral, "accept", **{"action-note": note})
    assert response.status_code == 422
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Keep it to 2,000 characters or fewer" in html
    assert note in html
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.SENT


# --- Decline -------------------------------------------------------------------------------


def _decline_url(referral):
    return reverse("referrals:decline", args=[referral.uuid])


def test_the_decline_page_asks_why(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.get(_decline_url(sent_referral))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Why are you declining the referral?" in html
    assert "No capacity at the moment" in html
    assert "<legend" in html  # the reasons are a group with its question as legend
    assert "no-store" in response["Cache-Control"]


def test_declining_records_the_reason_and_tells_the_referrer(client, sent_referral, staff_a, mailoutbox):
    sign_in(client, staff_a)
    response = client.post(
        _decline_url(sent_referral), {"reason": "no_capacity", "note": "Full until spring."}
    )
    assert response.status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.DECLINED
    assert sent_referral.decline_reason == "no_capacity"
    assert sent_referral.decline_note == "Full until spring."
    assert mailoutbox[-1].to == ["link.worker@nhs.example.org"]
    assert "declined" in mailoutbox[-1].subject.lower() + mailoutbox[-1].body.lower()
    assert AuditEvent.objects.filter(referral_uuid=sent_referral.uuid, action=AuditAction.CHANGE).count() == 1


def test_declining_without_a_reason_is_refused(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.post(_decline_url(sent_referral), {"note": "Sorry."})
    assert response.status_code == 422
    assert "Choose why the referral is declined." in response.content.decode()
    assert "Sorry." in response.content.decode()


def test_another_reason_needs_a_note(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.post(_decline_url(sent_referral), {"reason": "other", "note": "   "})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Say why the referral is declined." in html
    assert re.search(r'<input[^>]*value="other"[^>]*checked', html)  # the choice is kept
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.SENT


def test_a_made_up_reason_is_refused(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.post(_decline_url(sent_referral), {"reason": "bored"})
    assert response.status_code == 422
    assert "Choose one of the reasons." in response.content.decode()


def test_the_referrer_cannot_open_the_decline_page(client, sent_referral, link_worker):
    sign_in(client, link_worker)
    assert client.get(_decline_url(sent_referral)).status_code == 403
    assert client.post(_decline_url(sent_referral), {"reason": "no_capacity"}).status_code == 403


def test_declining_an_accepted_referral_shows_where_it_is(client, sent_referral, staff_a):
    _accepted(sent_referral, staff_a)
    sign_in(client, staff_a)
    response = client.get(_decline_url(sent_referral))
    assert response.status_code == 409
    assert "This referral is “Accepted”, so it can't be declined now." in unescape(response.content.decode())


def test_declining_after_someone_else_accepted_is_a_conflict(client, sent_referral, staff_a, manager_a):
    sign_in(client, staff_a)
    assert client.get(_decline_url(sent_referral)).status_code == 200
    # The decline page was open when a colleague accepted: the form's post loses, plainly.
    _accepted(sent_referral, manager_a)
    response = client.post(_decline_url(sent_referral), {"reason": "no_capacity"})
    assert response.status_code == 409
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.ACCEPTED


# --- Complete ------------------------------------------------------------------------------


def _complete_url(referral):
    return reverse("referrals:complete", args=[referral.uuid])


def test_completing_needs_an_outcome(client, sent_referral, staff_a):
    _contacted(sent_referral, staff_a)
    sign_in(client, staff_a)
    assert client.get(_complete_url(sent_referral)).status_code == 200
    response = client.post(_complete_url(sent_referral), {"outcome_summary": "  "})
    assert response.status_code == 422
    assert "Write a short summary of the outcome." in response.content.decode()
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.CONTACTED


def test_completing_records_the_outcome_for_the_referrer(client, sent_referral, staff_a, link_worker):
    _in_progress(sent_referral, staff_a)
    sign_in(client, staff_a)
    response = client.post(
        _complete_url(sent_referral), {"outcome_summary": "Joined the Tuesday walking group."}
    )
    assert response.status_code == 302
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.COMPLETED
    sign_in(client, link_worker)
    html = client.get(reverse("referrals:detail", args=[sent_referral.uuid])).content.decode()
    assert "Joined the Tuesday walking group." in html


def test_an_outcome_too_long_is_refused_and_kept(client, sent_referral, staff_a):
    _contacted(sent_referral, staff_a)
    sign_in(client, staff_a)
    outcome = "y" * 4001
    response = client.post(_complete_url(sent_referral), {"outcome_summary": outcome})
    assert response.status_code == 422
    assert outcome in response.content.decode()


def test_a_sent_referral_cannot_be_completed(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = client.post(_complete_url(sent_referral), {"outcome_summary": "Done."})
    assert response.status_code == 409
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.SENT


def test_the_referrer_cannot_complete(client, sent_referral, staff_a, link_worker):
    _contacted(sent_referral, staff_a)
    sign_in(client, link_worker)
    assert client.get(_complete_url(sent_referral)).status_code == 403

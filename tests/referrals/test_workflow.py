"""The referral state machine (issue 9, point 4), through referrals/services.py.

Every (state, action) pair: the allowed ones move the referral and record a timeline event; every
other one raises TransitionNotAllowed and changes nothing. Every role for every action: only the
receiving organisation answers, only the referrer's organisation sends and withdraws, only a site
administrator enters a referral in error, and nobody else (PermissionDenied, nothing changed).
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from referrals import services
from referrals.choices import (
    CONSENT_WORDING_VERSION,
    SELF_REFERRAL_CONSENT_VERSION,
    ConsentMethod,
    ContactOutcome,
    DeclineReason,
    EventKind,
    Status,
)
from referrals.models import Message, Person, Referral, ReferralEvent
from tests.factories import MembershipFactory, PersonFactory, ServiceFactory, UserFactory, make_referral

S = Status

# The graph, written out here (not read from services.TRANSITIONS) so the test holds the code to it.
ALLOWED: dict[str, dict[str, str]] = {
    S.DRAFT: {"send": S.SENT, "withdraw": S.WITHDRAWN, "enter_in_error": S.ENTERED_IN_ERROR},
    S.SENT: {
        "accept": S.ACCEPTED,
        "decline": S.DECLINED,
        "expire": S.EXPIRED,
        "withdraw": S.WITHDRAWN,
        "enter_in_error": S.ENTERED_IN_ERROR,
    },
    S.ACCEPTED: {
        "mark_contacted": S.CONTACTED,
        "withdraw": S.WITHDRAWN,
        "enter_in_error": S.ENTERED_IN_ERROR,
    },
    S.CONTACTED: {
        "start": S.IN_PROGRESS,
        "complete": S.COMPLETED,
        "unable_to_contact": S.UNABLE_TO_CONTACT,
        "person_declined": S.PERSON_DECLINED,
        "refer_on": S.REFERRED_ON,
        "withdraw": S.WITHDRAWN,
        "enter_in_error": S.ENTERED_IN_ERROR,
    },
    S.IN_PROGRESS: {
        "hold": S.ON_HOLD,
        "complete": S.COMPLETED,
        "unable_to_contact": S.UNABLE_TO_CONTACT,
        "person_declined": S.PERSON_DECLINED,
        "refer_on": S.REFERRED_ON,
        "withdraw": S.WITHDRAWN,
        "enter_in_error": S.ENTERED_IN_ERROR,
    },
    S.ON_HOLD: {"start": S.IN_PROGRESS, "withdraw": S.WITHDRAWN, "enter_in_error": S.ENTERED_IN_ERROR},
    S.DECLINED: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.EXPIRED: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.COMPLETED: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.UNABLE_TO_CONTACT: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.PERSON_DECLINED: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.REFERRED_ON: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.WITHDRAWN: {"enter_in_error": S.ENTERED_IN_ERROR},
    S.ENTERED_IN_ERROR: {},
}
ACTIONS = [
    "send",
    "accept",
    "decline",
    "expire",
    "mark_contacted",
    "start",
    "hold",
    "complete",
    "unable_to_contact",
    "person_declined",
    "refer_on",
    "withdraw",
    "enter_in_error",
]
# Whose move each is: the receiving organisation, the referrer's, a site administrator, the system.
SIDE = {
    "send": "referrer",
    "accept": "provider",
    "decline": "provider",
    "expire": "system",
    "mark_contacted": "provider",
    "start": "provider",
    "hold": "provider",
    "complete": "provider",
    "unable_to_contact": "provider",
    "person_declined": "provider",
    "refer_on": "provider",
    "withdraw": "referrer",
    "enter_in_error": "admin",
}


def test_the_graph_covers_every_state_and_action():
    assert set(ALLOWED) == set(Status.values)
    assert set(ACTIONS) == set(services.TRANSITIONS)
    assert {name: t.target for name, t in services.TRANSITIONS.items()} == {
        action: target for moves in ALLOWED.values() for action, target in moves.items()
    }


@pytest.fixture
def world(db, befriending_a, service_b, staff_a, link_worker, link_worker_service, admin_user):
    return {
        "service": befriending_a,
        "service_b": service_b,
        "provider": staff_a,
        "referrer": link_worker,
        "referrer_organisation": link_worker_service,
        "admin": admin_user,
    }


def _later(referral, days=15):
    return (referral.sent_at or timezone.now()) + datetime.timedelta(days=days)


def act(action: str, referral: Referral, world, user=None):
    """Do `action` the way its side would, with valid input; `user` overrides who does it."""
    actor = (
        user
        if user is not None
        else world[{"provider": "provider", "referrer": "referrer"}.get(SIDE[action], "admin")]
    )
    note = f"Note for {action}."
    if action == "send":
        return services.referral_send(referral=referral, user=actor, note=note)
    if action == "accept":
        return services.referral_accept(referral=referral, user=actor, note=note)
    if action == "decline":
        return services.referral_decline(
            referral=referral, user=actor, reason=DeclineReason.NO_CAPACITY, note=note
        )
    if action == "expire":
        return services.referral_expire(referral=referral, now=_later(referral))
    if action == "mark_contacted":
        return services.referral_mark_contacted(referral=referral, user=actor, note=note)
    if action == "start":
        return services.referral_start(referral=referral, user=actor, note=note)
    if action == "hold":
        return services.referral_hold(referral=referral, user=actor, note=note)
    if action == "complete":
        return services.referral_complete(
            referral=referral, user=actor, outcome_summary="Goes to the group weekly."
        )
    if action == "unable_to_contact":
        return services.referral_unable_to_contact(referral=referral, user=actor, note=note)
    if action == "person_declined":
        return services.referral_person_declined(referral=referral, user=actor, note=note)
    if action == "refer_on":
        return services.referral_refer_on(
            referral=referral,
            user=actor,
            service=world["service_b"],
            consent_method=ConsentMethod.VERBAL,
            consent_wording_version=CONSENT_WORDING_VERSION,
            reason="Would benefit from specialist support.",
            note=note,
        )
    if action == "withdraw":
        return services.referral_withdraw(referral=referral, user=actor, note=note)
    if action == "enter_in_error":
        return services.referral_enter_in_error(referral=referral, user=actor, note=note)
    raise AssertionError(action)


# How to reach each state from a new referral (a contact attempt is recorded on the way through
# "accepted", so unable_to_contact is possible wherever the graph allows it).
_PATH = {
    S.DRAFT: [],
    S.SENT: ["send"],
    S.ACCEPTED: ["send", "accept", "attempt"],
    S.DECLINED: ["send", "decline"],
    S.EXPIRED: ["send", "expire"],
    S.CONTACTED: ["send", "accept", "attempt", "mark_contacted"],
    S.IN_PROGRESS: ["send", "accept", "attempt", "mark_contacted", "start"],
    S.ON_HOLD: ["send", "accept", "attempt", "mark_contacted", "start", "hold"],
    S.COMPLETED: ["send", "accept", "attempt", "mark_contacted", "complete"],
    S.UNABLE_TO_CONTACT: ["send", "accept", "attempt", "mark_contacted", "unable_to_contact"],
    S.PERSON_DECLINED: ["send", "accept", "attempt", "mark_contacted", "person_declined"],
    S.REFERRED_ON: ["send", "accept", "attempt", "mark_contacted", "refer_on"],
    S.WITHDRAWN: ["send", "withdraw"],
    S.ENTERED_IN_ERROR: ["send", "enter_in_error"],
}


def referral_in(state: str, world) -> Referral:
    referral = make_referral(
        service=world["service"],
        referrer=world["referrer"],
        referrer_organisation=world["referrer_organisation"],
        send=False,
        risk_notes="Lives alone.",
    )
    for step in _PATH[state]:
        if step == "attempt":
            services.referral_record_contact_attempt(
                referral=referral, user=world["provider"], outcome=ContactOutcome.NO_ANSWER
            )
        else:
            act(step, referral, world)
    referral.refresh_from_db()
    assert referral.status == state
    return referral


def snapshot(referral: Referral) -> dict:
    """Everything a failed move must leave as it was."""
    row = Referral.objects.filter(pk=referral.pk).values().get()
    return {
        "row": row,
        "events": list(ReferralEvent.objects.filter(referral=referral).values_list("pk", flat=True)),
        "referrals": Referral.objects.count(),
        "messages": Message.objects.count(),
        "emails": len(mail.outbox),
    }


PAIRS = [(state, action) for state in Status.values for action in ACTIONS]


@pytest.mark.parametrize(("state", "action"), PAIRS, ids=[f"{s}-{a}" for s, a in PAIRS])
def test_every_state_and_action(state, action, world):
    referral = referral_in(state, world)
    before = snapshot(referral)
    if action in ALLOWED[state]:
        act(action, referral, world)
        referral.refresh_from_db()
        assert referral.status == ALLOWED[state][action]
        event = referral.events.filter(kind=EventKind.TRANSITION).last()
        assert (event.from_status, event.to_status) == (state, ALLOWED[state][action])
        assert event.pk not in before["events"]
        side = SIDE[action]
        if side == "system":
            assert event.actor is None and event.actor_organisation is None
            assert event.note == "No answer within 14 days."
        else:
            assert event.actor == world[{"provider": "provider", "referrer": "referrer"}.get(side, "admin")]
            assert (
                event.actor_organisation
                == {
                    "provider": referral.provider_organisation,
                    "referrer": referral.referrer_organisation,
                    "admin": None,
                }[side]
            )
            if action != "complete":
                assert event.note == f"Note for {action}."
        assert referral.last_activity_at >= event.created - datetime.timedelta(seconds=1)
    else:
        with pytest.raises(services.TransitionNotAllowed) as raised:
            act(action, referral, world)
        assert referral.get_status_display() in str(raised.value)
        assert snapshot(referral) == before


ROLES = [
    "receiving_member",
    "receiving_manager",
    "referring_member",
    "referring_colleague",
    "unrelated_member",
    "superuser",
    "site_administrator",
    "editor",
    "public",
    "inactive_receiving_member",
]
# Who may do each side's moves.
MAY = {
    "provider": {"receiving_member", "receiving_manager"},
    "referrer": {"referring_member", "referring_colleague"},
    "admin": {"superuser", "site_administrator"},
}
ROLE_PAIRS = [(action, role) for action in ACTIONS if action != "expire" for role in ROLES]


@pytest.fixture
def people(world, manager_a, manager_b, editor, public_user, provider_a, link_worker_service):
    colleague = UserFactory(email="colleague@nhs.example.org")
    MembershipFactory(user=colleague, organisation=link_worker_service)
    gone = UserFactory(email="gone@charity-a.example.org", is_active=False)
    MembershipFactory(user=gone, organisation=provider_a)
    return {
        "receiving_member": world["provider"],
        "receiving_manager": manager_a,
        "referring_member": world["referrer"],
        "referring_colleague": colleague,
        "unrelated_member": manager_b,
        "superuser": world["admin"],
        "site_administrator": UserFactory(
            email="siteadmin@supportmap.example.org", site_role="administrator"
        ),
        "editor": editor,
        "public": public_user,
        "inactive_receiving_member": gone,
    }


def _a_source_state(action):
    """A state the action may start from (one that needs no more setup than the path gives)."""
    return next(state for state in ALLOWED if action in ALLOWED[state])


@pytest.mark.parametrize(("action", "role"), ROLE_PAIRS, ids=[f"{a}-{r}" for a, r in ROLE_PAIRS])
def test_every_role_for_every_action(action, role, world, people):
    referral = referral_in(_a_source_state(action), world)
    user = people[role]
    before = snapshot(referral)
    if role in MAY[SIDE[action]]:
        act(action, referral, world, user=user)
        referral.refresh_from_db()
        assert referral.status == ALLOWED[before["row"]["status"]][action]
        assert referral.events.filter(kind=EventKind.TRANSITION).last().actor == user
    else:
        with pytest.raises(PermissionDenied):
            act(action, referral, world, user=user)
        assert snapshot(referral) == before


def test_nobody_signed_in_can_move_a_referral(world):
    from django.contrib.auth.models import AnonymousUser

    referral = referral_in(S.SENT, world)
    for user in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.referral_accept(referral=referral, user=user)
        with pytest.raises(PermissionDenied):
            services.referral_withdraw(referral=referral, user=user)
    referral.refresh_from_db()
    assert referral.status == S.SENT


def test_the_buttons_offered_match_the_moves_each_side_may_make(world, people):
    referral = referral_in(S.IN_PROGRESS, world)
    allowed = {role: services.allowed_actions(referral, user) for role, user in people.items()}
    assert allowed["receiving_member"] == [
        "hold",
        "complete",
        "unable_to_contact",
        "person_declined",
        "refer_on",
    ]
    assert allowed["referring_member"] == ["withdraw"]
    assert allowed["superuser"] == ["enter_in_error"]
    assert allowed["site_administrator"] == ["enter_in_error"]
    for role in ("unrelated_member", "editor", "public", "inactive_receiving_member"):
        assert allowed[role] == []


def test_someone_in_both_organisations_acts_for_the_side_whose_move_it_is(world):
    referrer = world["referrer"]
    MembershipFactory(user=referrer, organisation=world["service"].organisation)
    referral = referral_in(S.SENT, world)
    services.referral_accept(referral=referral, user=referrer)
    services.referral_withdraw(referral=referral, user=referrer)
    accepted, withdrawn = referral.events.filter(kind=EventKind.TRANSITION).order_by("pk")[1:]
    assert accepted.actor_organisation == referral.provider_organisation
    assert withdrawn.actor_organisation == referral.referrer_organisation


# --- Each move's own rules --------------------------------------------------------------------


@pytest.mark.parametrize("reason", DeclineReason.values)
def test_a_referral_is_declined_with_each_reason(reason, world):
    referral = referral_in(S.SENT, world)
    services.referral_decline(
        referral=referral, user=world["provider"], reason=reason, note="  Full until May.  "
    )
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason, referral.decline_note) == (
        S.DECLINED,
        reason,
        "Full until May.",
    )
    assert referral.events.last().note == "Full until May."


@pytest.mark.parametrize(
    ("reason", "note", "field"),
    [
        ("", "", "decline_reason"),
        ("busy", "", "decline_reason"),
        (DeclineReason.OTHER, "   ", "decline_note"),
    ],
)
def test_a_decline_needs_a_known_reason_and_other_needs_words(reason, note, field, world):
    referral = referral_in(S.SENT, world)
    before = snapshot(referral)
    with pytest.raises(ValidationError) as raised:
        services.referral_decline(referral=referral, user=world["provider"], reason=reason, note=note)
    assert field in raised.value.message_dict
    assert snapshot(referral) == before


@pytest.mark.parametrize("outcome", ["", "   \n "])
def test_completing_needs_an_outcome(outcome, world):
    referral = referral_in(S.IN_PROGRESS, world)
    before = snapshot(referral)
    with pytest.raises(ValidationError) as raised:
        services.referral_complete(referral=referral, user=world["provider"], outcome_summary=outcome)
    assert "outcome_summary" in raised.value.message_dict
    assert snapshot(referral) == before


def test_the_outcome_is_kept(world):
    referral = referral_in(S.CONTACTED, world)
    services.referral_complete(
        referral=referral, user=world["provider"], outcome_summary="  Made a friend.  "
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome_summary) == (S.COMPLETED, "Made a friend.")


def _contacted_without_attempts(world):
    referral = referral_in(S.SENT, world)
    services.referral_accept(referral=referral, user=world["provider"])
    services.referral_mark_contacted(referral=referral, user=world["provider"])
    return referral


def test_unable_to_contact_needs_a_recorded_attempt_first(world):
    referral = _contacted_without_attempts(world)
    before = snapshot(referral)
    with pytest.raises(ValidationError) as raised:
        services.referral_unable_to_contact(referral=referral, user=world["provider"])
    assert "attempt" in raised.value.message_dict["note"][0]
    assert snapshot(referral) == before

    attempt = services.referral_record_contact_attempt(
        referral=referral, user=world["provider"], outcome=ContactOutcome.LEFT_MESSAGE, note="Voicemail."
    )
    assert (attempt.kind, attempt.contact_outcome, attempt.actor) == (
        EventKind.CONTACT_ATTEMPT,
        ContactOutcome.LEFT_MESSAGE,
        world["provider"],
    )
    assert attempt.actor_organisation == referral.provider_organisation
    services.referral_unable_to_contact(referral=referral, user=world["provider"], note="Three tries.")
    referral.refresh_from_db()
    assert referral.status == S.UNABLE_TO_CONTACT


def test_contact_attempts_are_the_receiving_organisations_while_the_referral_is_open(world, people):
    referral = referral_in(S.SENT, world)
    with pytest.raises(services.TransitionNotAllowed):
        services.referral_record_contact_attempt(
            referral=referral, user=world["provider"], outcome=ContactOutcome.NO_ANSWER
        )
    services.referral_accept(referral=referral, user=world["provider"])
    for role in ("referring_member", "unrelated_member", "superuser", "editor"):
        with pytest.raises(PermissionDenied):
            services.referral_record_contact_attempt(
                referral=referral, user=people[role], outcome=ContactOutcome.NO_ANSWER
            )
    with pytest.raises(ValidationError):
        services.referral_record_contact_attempt(referral=referral, user=world["provider"], outcome="shouted")
    assert not referral.events.filter(kind=EventKind.CONTACT_ATTEMPT).exists()


def test_a_draft_without_consent_cannot_be_sent(world):
    referral = referral_in(S.DRAFT, world)
    Referral.objects.filter(pk=referral.pk).update(
        consent_given=False, consent_method="", consent_recorded_at=None, consent_wording_version=""
    )
    with pytest.raises(ValidationError) as raised:
        services.referral_send(referral=referral, user=world["referrer"])
    assert "consent" in str(raised.value)
    referral.refresh_from_db()
    assert referral.status == S.DRAFT and referral.sent_at is None


def test_expiry_waits_for_the_full_fourteen_days(world):
    referral = referral_in(S.SENT, world)
    with pytest.raises(services.TransitionNotAllowed) as raised:
        services.referral_expire(
            referral=referral, now=_later(referral, days=14) - datetime.timedelta(minutes=1)
        )
    assert "less than 14 days" in str(raised.value)
    services.referral_expire(referral=referral, now=_later(referral, days=14))
    referral.refresh_from_db()
    assert referral.status == S.EXPIRED


# --- Timestamps -------------------------------------------------------------------------------


def test_sent_answered_and_closed_times(world):
    referral = referral_in(S.DRAFT, world)
    assert (referral.sent_at, referral.answered_at, referral.closed_at) == (None, None, None)
    services.referral_send(referral=referral, user=world["referrer"])
    referral.refresh_from_db()
    assert referral.sent_at is not None and referral.answered_at is None
    services.referral_accept(referral=referral, user=world["provider"])
    referral.refresh_from_db()
    assert referral.answered_at >= referral.sent_at and referral.closed_at is None
    answered = referral.answered_at
    services.referral_mark_contacted(referral=referral, user=world["provider"])
    services.referral_start(referral=referral, user=world["provider"])
    services.referral_hold(referral=referral, user=world["provider"])
    services.referral_start(referral=referral, user=world["provider"])
    referral.refresh_from_db()
    assert referral.answered_at == answered and referral.closed_at is None
    services.referral_complete(referral=referral, user=world["provider"], outcome_summary="Settled in.")
    referral.refresh_from_db()
    closed = referral.closed_at
    assert closed >= answered
    # Entering it in error later does not restart the retention clock.
    services.referral_enter_in_error(referral=referral, user=world["admin"])
    referral.refresh_from_db()
    assert referral.status == S.ENTERED_IN_ERROR and referral.closed_at == closed


def test_a_decline_is_an_answer_and_a_closing(world):
    referral = referral_in(S.DECLINED, world)
    assert referral.answered_at is not None and referral.closed_at == referral.answered_at


def test_expiry_closes_without_an_answer(world):
    referral = referral_in(S.EXPIRED, world)
    assert referral.answered_at is None and referral.closed_at == _later(referral)


# --- Drafts -----------------------------------------------------------------------------------


def test_a_draft_is_invisible_to_the_provider_until_it_is_sent(world):
    referral = referral_in(S.DRAFT, world)
    provider, referrer = world["provider"], world["referrer"]
    assert not Referral.objects.received_by(provider).filter(pk=referral.pk).exists()
    assert not Referral.objects.visible_to(provider).filter(pk=referral.pk).exists()
    assert not Person.objects.visible_to(provider).filter(pk=referral.person_id).exists()
    assert Referral.objects.sent_by(referrer).filter(pk=referral.pk).exists()
    assert mail.outbox == []
    services.referral_send(referral=referral, user=referrer)
    assert Referral.objects.received_by(provider).filter(pk=referral.pk).exists()
    assert Person.objects.visible_to(provider).filter(pk=referral.person_id).exists()


def test_a_draft_withdrawn_tells_nobody(world):
    referral = referral_in(S.DRAFT, world)
    services.referral_withdraw(referral=referral, user=world["referrer"])
    assert mail.outbox == []


# --- Creation -------------------------------------------------------------------------------


def test_only_a_member_of_the_referring_organisation_can_refer_for_it(world, gp, manager_b):
    for referrer in (gp, manager_b):
        with pytest.raises(PermissionDenied):
            make_referral(
                service=world["service"],
                referrer=referrer,
                referrer_organisation=world["referrer_organisation"],
            )
    assert not Referral.objects.exists()


def test_a_referral_goes_only_to_a_service_that_takes_them(world):
    closed_service = ServiceFactory(
        organisation=world["service"].organisation, accepts_supportmap_referrals=False
    )
    with pytest.raises(ValidationError) as raised:
        make_referral(
            service=closed_service,
            referrer=world["referrer"],
            referrer_organisation=world["referrer_organisation"],
        )
    assert "service" in raised.value.message_dict
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("method", "version", "field"),
    [
        ("", CONSENT_WORDING_VERSION, "consent_method"),
        (ConsentMethod.VERBAL, "1999-01", "consent_wording_version"),
    ],
)
def test_consent_must_be_recorded_with_a_known_wording(method, version, field, world):
    with pytest.raises(ValidationError) as raised:
        make_referral(
            service=world["service"],
            referrer=world["referrer"],
            referrer_organisation=world["referrer_organisation"],
            consent_method=method,
            consent_wording_version=version,
        )
    assert field in raised.value.message_dict
    assert not Referral.objects.exists()


def test_a_new_referral_records_consent_and_two_events(world):
    referral = referral_in(S.SENT, world)
    assert referral.consent_given and referral.consent_recorded_by == world["referrer"]
    assert referral.consent_wording_version == CONSENT_WORDING_VERSION
    kinds = list(referral.events.values_list("kind", "to_status"))
    assert kinds == [(EventKind.CREATED, ""), (EventKind.TRANSITION, S.SENT)]


# --- Referred on: one chain -------------------------------------------------------------------


def test_referred_on_makes_a_linked_referral_from_the_receiving_organisation(world, manager_b):
    first = referral_in(S.IN_PROGRESS, world)
    provider = world["provider"]
    new = services.referral_refer_on(
        referral=first,
        user=provider,
        service=world["service_b"],
        consent_method=ConsentMethod.VERBAL,
        consent_wording_version=CONSENT_WORDING_VERSION,
        reason="Needs specialist trauma support.",
        note="Referred to Trauma Support B.",
    )
    first.refresh_from_db()
    assert first.status == S.REFERRED_ON and first.closed_at is not None
    assert new.previous == first and new.person == first.person
    assert new.status == S.SENT and new.service == world["service_b"]
    assert new.provider_organisation == world["service_b"].organisation
    assert (new.referrer, new.referrer_organisation) == (provider, first.provider_organisation)
    assert new.consent_given and new.consent_recorded_by == provider and new.consent_recorded_at
    assert new.reason == "Needs specialist trauma support." and new.hopes == first.hopes
    assert new.risk_notes == ""  # nothing shared that the provider did not choose to pass on
    # The new provider sees it and the person; the chain reads first to last from either end.
    assert Referral.objects.received_by(manager_b).filter(pk=new.pk).exists()
    assert Person.objects.visible_to(manager_b).filter(pk=first.person_id).exists()
    assert services.referral_chain(first) == [first, new] == services.referral_chain(new)
    # And on again: still one chain.
    services.referral_accept(referral=new, user=manager_b)
    services.referral_mark_contacted(referral=new, user=manager_b)
    third = services.referral_refer_on(
        referral=new,
        user=manager_b,
        service=world["service"],
        consent_method=ConsentMethod.WRITTEN,
        consent_wording_version=CONSENT_WORDING_VERSION,
    )
    assert services.referral_chain(new) == [first, new, third]
    assert third.referrer_organisation == world["service_b"].organisation


@pytest.mark.parametrize("problem", ["same_service", "closed_service", "no_consent"])
def test_referring_on_needs_another_service_that_takes_referrals_and_consent(problem, world):
    referral = referral_in(S.CONTACTED, world)
    service = {
        "same_service": world["service"],
        "closed_service": ServiceFactory(accepts_supportmap_referrals=False),
        "no_consent": world["service_b"],
    }[problem]
    before = snapshot(referral)
    with pytest.raises(ValidationError) as raised:
        services.referral_refer_on(
            referral=referral,
            user=world["provider"],
            service=service,
            consent_method="" if problem == "no_consent" else ConsentMethod.VERBAL,
            consent_wording_version=CONSENT_WORDING_VERSION,
        )
    assert ("consent_method" if problem == "no_consent" else "service") in raised.value.message_dict
    assert snapshot(referral) == before


# --- Consent withdrawn ------------------------------------------------------------------------


def test_withdrawing_consent_withdraws_an_open_referral_and_tells_the_provider(world, people):
    referral = referral_in(S.ACCEPTED, world)
    mail.outbox.clear()
    services.consent_withdraw(referral=referral, user=world["referrer"], note="Phoned the practice.")
    referral.refresh_from_db()
    assert referral.consent_withdrawn and referral.consent_withdrawn_by == world["referrer"]
    assert referral.status == S.WITHDRAWN and referral.closed_at is not None
    withdrawn, moved = list(referral.events.order_by("pk"))[-2:]
    assert (withdrawn.kind, withdrawn.actor_organisation) == (
        EventKind.CONSENT_WITHDRAWN,
        referral.referrer_organisation,
    )
    assert (moved.kind, moved.to_status, moved.note) == (
        EventKind.TRANSITION,
        S.WITHDRAWN,
        "Consent withdrawn.",
    )
    assert [email.subject for email in mail.outbox] == [
        f"Consent withdrawn for referral {referral.reference} to Dundee Befriending"
    ]
    assert "office@charity-a.example.org" in mail.outbox[0].to
    # The provider still sees the referral, marked withdrawn, but nothing more is shared.
    assert Referral.objects.received_by(world["provider"]).filter(
        pk=referral.pk, consent_withdrawn_at__isnull=False
    )
    with pytest.raises(services.TransitionNotAllowed):
        services.message_post(referral=referral, user=world["provider"], body="Can we still call?")
    with pytest.raises(services.TransitionNotAllowed):
        services.consent_withdraw(referral=referral, user=world["referrer"])
    assert services.allowed_actions(referral, world["provider"]) == []
    assert services.allowed_actions(referral, people["superuser"]) == ["enter_in_error"]
    services.referral_enter_in_error(referral=referral, user=world["admin"])


def test_after_consent_is_withdrawn_from_a_closed_referral_nothing_moves_but_entered_in_error(world):
    referral = referral_in(S.COMPLETED, world)
    mail.outbox.clear()
    services.consent_withdraw(referral=referral, user=world["referrer"])
    referral.refresh_from_db()
    assert referral.status == S.COMPLETED and referral.consent_withdrawn
    assert len(mail.outbox) == 1
    with pytest.raises(services.TransitionNotAllowed):
        services.referral_withdraw(referral=referral, user=world["referrer"])
    services.referral_enter_in_error(referral=referral, user=world["admin"])


def test_consent_withdrawn_on_a_sent_referral_blocks_every_other_move(world):
    referral = referral_in(S.SENT, world)
    # Consent recorded as withdrawn while the referral is still open (as a page might): only
    # withdraw and entered in error remain.
    Referral.objects.filter(pk=referral.pk).update(consent_withdrawn_at=timezone.now())
    referral.refresh_from_db()
    with pytest.raises(services.TransitionNotAllowed) as raised:
        services.referral_accept(referral=referral, user=world["provider"])
    assert "withdrew their consent" in str(raised.value)
    assert services.allowed_actions(referral, world["referrer"]) == ["withdraw"]
    services.referral_withdraw(referral=referral, user=world["referrer"])


def test_consent_withdrawn_on_a_draft_tells_nobody(world):
    referral = referral_in(S.DRAFT, world)
    services.consent_withdraw(referral=referral, user=world["referrer"])
    referral.refresh_from_db()
    assert referral.status == S.WITHDRAWN and mail.outbox == []


def test_only_the_referring_side_records_withdrawn_consent(world, people):
    referral = referral_in(S.SENT, world)
    for role in ("receiving_member", "unrelated_member", "superuser", "editor"):
        with pytest.raises(PermissionDenied):
            services.consent_withdraw(referral=referral, user=people[role])
    referral.refresh_from_db()
    assert not referral.consent_withdrawn and referral.status == S.SENT


def test_consent_cannot_be_withdrawn_from_a_referral_entered_in_error(world):
    referral = referral_in(S.ENTERED_IN_ERROR, world)
    with pytest.raises(services.TransitionNotAllowed):
        services.consent_withdraw(referral=referral, user=world["referrer"])


def _self_referral(world):
    person = PersonFactory(organisation=world["service"].organisation)
    return services.referral_create(
        person=person,
        service=world["service"],
        referrer=None,
        referrer_organisation=None,
        is_self_referral=True,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
        reason="I would like to meet people.",
    )


def test_a_self_referral_is_sent_as_it_is_made_and_the_provider_records_withdrawn_consent(world):
    referral = _self_referral(world)
    assert referral.status == S.SENT and referral.sent_at is not None
    assert [email.subject for email in mail.outbox] == [
        f"New referral {referral.reference} for Dundee Befriending"
    ]
    services.referral_accept(referral=referral, user=world["provider"])
    assert len(mail.outbox) == 1  # nobody to tell on the referring side
    services.consent_withdraw(referral=referral, user=world["provider"])
    referral.refresh_from_db()
    assert referral.status == S.WITHDRAWN and referral.consent_withdrawn
    assert referral.events.last().actor_organisation == referral.provider_organisation


# --- Messages and the person's record ---------------------------------------------------------


def test_both_sides_write_on_a_sent_referral_and_nobody_else(world, people):
    referral = referral_in(S.SENT, world)
    for role, organisation in (
        ("receiving_member", "provider_organisation"),
        ("referring_member", "referrer_organisation"),
    ):
        message = services.message_post(referral=referral, user=people[role], body="  When can we talk?  ")
        assert message.body == "When can we talk?"
        assert message.author_organisation == getattr(referral, organisation)
        referral.refresh_from_db()
        assert referral.last_activity_at == message.created
    for role in ("unrelated_member", "superuser", "site_administrator", "editor", "public"):
        with pytest.raises(PermissionDenied):
            services.message_post(referral=referral, user=people[role], body="Hello")
    with pytest.raises(ValidationError):
        services.message_post(referral=referral, user=people["receiving_member"], body="   ")
    assert Message.objects.count() == 2


def test_nobody_writes_on_a_draft(world):
    referral = referral_in(S.DRAFT, world)
    with pytest.raises(PermissionDenied):
        services.message_post(referral=referral, user=world["referrer"], body="A note to self")
    assert not Message.objects.exists()


def test_a_person_is_recorded_with_their_topics(world):
    from directory.models import Topic

    topic = Topic.objects.create(slug="loneliness-test", name="Loneliness (test)")
    person = services.person_create(
        organisation=world["referrer_organisation"],
        created_by=world["referrer"],
        topics=[topic],
        name="Jo Sample",
        age_band="65_74",
    )
    assert list(person.topics.all()) == [topic] and person.created_by == world["referrer"]
    with pytest.raises(ValidationError):
        services.person_create(
            organisation=world["referrer_organisation"], created_by=world["referrer"], name="No Age"
        )


def test_a_sent_referral_expires_fourteen_days_after_it_was_sent(world):
    assert services.expires_at(referral_in(S.DRAFT, world)) is None
    sent = referral_in(S.SENT, world)
    assert services.expires_at(sent) == sent.sent_at + datetime.timedelta(days=14)

"""Every write to a referral: its creation and its state machine.

Each transition is
- permission-checked against the row it has locked (rules: referrals.answer_referral for the
  receiving organisation, referrals.manage_referral for the referrer's, referrals.enter_in_error
  for a site administrator);
- done under select_for_update inside one transaction, so when two people act on the same
  referral at once exactly one wins and the other gets TransitionNotAllowed with a plain message;
- recorded as a ReferralEvent (who, for which organisation, when, note).

Emails are queued inside the same transaction (referrals/notifications.py; the database task
backend commits them with it), never from save().
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from referrals import notifications
from referrals.choices import (
    CLOSED_STATUSES,
    ContactOutcome,
    DeclineReason,
    EventKind,
    Status,
)
from referrals.models import Message, Person, Referral, ReferralEvent


class TransitionNotAllowed(Exception):
    """The referral is not in a state this action can start from (often: someone else just moved it)."""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    permission: str  # a rules permission checked on the referral
    verb: str  # for messages: "This referral can't be {verb} ..."


_BEFORE_COMPLETION = frozenset(
    {Status.DRAFT, Status.SENT, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}
)
_ENGAGED = frozenset({Status.CONTACTED, Status.IN_PROGRESS})
_PROVIDER = "referrals.answer_referral"
_REFERRER = "referrals.manage_referral"

TRANSITIONS: dict[str, Transition] = {
    "send": Transition(frozenset({Status.DRAFT}), Status.SENT, _REFERRER, "sent"),
    "accept": Transition(frozenset({Status.SENT}), Status.ACCEPTED, _PROVIDER, "accepted"),
    "decline": Transition(frozenset({Status.SENT}), Status.DECLINED, _PROVIDER, "declined"),
    # The system's: referral_reminders expires what nobody answered (no user, no permission).
    "expire": Transition(frozenset({Status.SENT}), Status.EXPIRED, "", "expired"),
    "mark_contacted": Transition(
        frozenset({Status.ACCEPTED}), Status.CONTACTED, _PROVIDER, "marked as contacted"
    ),
    "start": Transition(
        frozenset({Status.CONTACTED, Status.ON_HOLD}), Status.IN_PROGRESS, _PROVIDER, "started"
    ),
    "hold": Transition(frozenset({Status.IN_PROGRESS}), Status.ON_HOLD, _PROVIDER, "put on hold"),
    "complete": Transition(_ENGAGED, Status.COMPLETED, _PROVIDER, "completed"),
    "unable_to_contact": Transition(
        _ENGAGED, Status.UNABLE_TO_CONTACT, _PROVIDER, "closed as unable to contact"
    ),
    "person_declined": Transition(
        _ENGAGED, Status.PERSON_DECLINED, _PROVIDER, "closed as declined by the person"
    ),
    "refer_on": Transition(_ENGAGED, Status.REFERRED_ON, _PROVIDER, "referred on"),
    "withdraw": Transition(_BEFORE_COMPLETION, Status.WITHDRAWN, _REFERRER, "withdrawn"),
    "enter_in_error": Transition(
        frozenset(set(Status.values) - {Status.ENTERED_IN_ERROR}),
        Status.ENTERED_IN_ERROR,
        "referrals.enter_in_error",
        "marked as entered in error",
    ),
}


def allowed_actions(referral: Referral, user) -> list[str]:
    """The actions this person may take on this referral now (for the page's buttons)."""
    return [
        name
        for name, transition in TRANSITIONS.items()
        if transition.permission
        and referral.status in transition.sources
        and user.has_perm(transition.permission, referral)
        and not (referral.consent_withdrawn and name not in {"withdraw", "enter_in_error"})
    ]


def acting_organisation(referral: Referral, user):
    """The organisation this person acts for on this referral: the receiving one, or the referrer's."""
    organisation_ids = set(user.memberships.values_list("organisation_id", flat=True)) if user else set()
    if referral.provider_organisation_id in organisation_ids:
        return referral.provider_organisation
    if referral.referrer_organisation_id in organisation_ids:
        return referral.referrer_organisation
    return None


def _event(referral, *, kind, user=None, organisation=None, note="", from_status="", to_status="", **extra):
    now = timezone.now()
    event = ReferralEvent.objects.create(
        referral=referral,
        kind=kind,
        actor=user,
        actor_organisation=organisation,
        note=note,
        from_status=from_status,
        to_status=to_status,
        **extra,
    )
    Referral.objects.filter(pk=referral.pk).update(last_activity_at=now)
    referral.last_activity_at = now
    return event


def _lock(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("service", "provider_organisation", "referrer_organisation", "person")
        .get(pk=referral.pk)
    )


def _transition(
    referral: Referral,
    action: str,
    *,
    user=None,
    note: str = "",
    now: datetime | None = None,
    check=None,
    **fields,
) -> Referral:
    """Lock, check, move, record. `check(locked)` adds the action's own rules (a reason, an outcome)."""
    transition = TRANSITIONS[action]
    with transaction.atomic():
        locked = _lock(referral)
        if transition.permission and (user is None or not user.has_perm(transition.permission, locked)):
            raise PermissionDenied
        if locked.status not in transition.sources:
            raise TransitionNotAllowed(
                f"This referral is now “{locked.get_status_display()}”, so it can't be {transition.verb}. "
                "Someone else may have changed it a moment ago: the page below shows where it is now."
            )
        if locked.consent_withdrawn and action not in {"withdraw", "enter_in_error"}:
            raise TransitionNotAllowed(
                "The person withdrew their consent, so this referral can't go any further."
            )
        if check:
            check(locked)
        now = now or timezone.now()
        from_status = locked.status
        locked.status = transition.target
        for name, value in fields.items():
            setattr(locked, name, value)
        if transition.target == Status.SENT:
            locked.sent_at = now
        if from_status == Status.SENT and transition.target in {Status.ACCEPTED, Status.DECLINED}:
            locked.answered_at = now
        if transition.target in CLOSED_STATUSES:
            locked.closed_at = now
        locked.full_clean()
        locked.save()
        organisation = acting_organisation(locked, user) if user else None
        _event(
            locked,
            kind=EventKind.TRANSITION,
            user=user,
            organisation=organisation,
            note=note,
            from_status=from_status,
            to_status=transition.target,
        )
        notifications.referral_moved(locked, action=action)
    referral.refresh_from_db()
    return locked


# --- Creation -------------------------------------------------------------------------------


def person_create(*, organisation, created_by, topics=(), **fields) -> Person:
    person = Person(organisation=organisation, created_by=created_by, **fields)
    person.full_clean()
    person.save()
    if topics:
        person.topics.set(topics)
    return person


@transaction.atomic
def referral_create(
    *,
    person: Person,
    service,
    referrer,
    referrer_organisation,
    consent_method: str,
    consent_wording_version: str,
    reason: str = "",
    hopes: str = "",
    contact_method: str = "",
    contact_times: str = "",
    risk_notes: str = "",
    previous: Referral | None = None,
    is_self_referral: bool = False,
    send: bool = True,
) -> Referral:
    """A new referral with consent recorded now, by `referrer`; sent at once unless `send` is False
    (a draft, which only the referrer's organisation sees)."""
    now = timezone.now()
    referral = Referral(
        person=person,
        service=service,
        provider_organisation=service.organisation,
        referrer=referrer,
        referrer_organisation=referrer_organisation,
        is_self_referral=is_self_referral,
        previous=previous,
        reason=reason,
        hopes=hopes,
        contact_method=contact_method,
        contact_times=contact_times,
        risk_notes=risk_notes,
        consent_given=True,
        consent_method=consent_method,
        consent_recorded_by=referrer,
        consent_recorded_at=now,
        consent_wording_version=consent_wording_version,
        last_activity_at=now,
    )
    referral.full_clean()
    referral.save()
    _event(referral, kind=EventKind.CREATED, user=referrer, organisation=referrer_organisation)
    if send:
        if is_self_referral:
            # Nobody signed in sends a self-referral: it is sent as it is made, by the system.
            referral = _send_without_user(referral, now=now)
        else:
            referral = referral_send(referral=referral, user=referrer)
    return referral


def _send_without_user(referral: Referral, *, now) -> Referral:
    referral.status = Status.SENT
    referral.sent_at = now
    referral.save(update_fields=["status", "sent_at"])
    _event(referral, kind=EventKind.TRANSITION, from_status=Status.DRAFT, to_status=Status.SENT)
    notifications.referral_moved(referral, action="send")
    return referral


# --- The state machine ------------------------------------------------------------------------


def referral_send(*, referral: Referral, user) -> Referral:
    return _transition(referral, "send", user=user)


def referral_accept(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "accept", user=user, note=note)


def referral_decline(*, referral: Referral, user, reason: str, note: str = "") -> Referral:
    if reason not in DeclineReason.values:
        raise ValidationError({"decline_reason": "Choose why the referral is declined."})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"decline_note": "Say why the referral is declined."})
    return _transition(referral, "decline", user=user, note=note, decline_reason=reason, decline_note=note)


def referral_expire(*, referral: Referral, now: datetime | None = None) -> Referral:
    return _transition(referral, "expire", note="No answer within 14 days.", now=now)


def referral_mark_contacted(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "mark_contacted", user=user, note=note)


def referral_start(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "start", user=user, note=note)


def referral_hold(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "hold", user=user, note=note)


def referral_complete(*, referral: Referral, user, outcome_summary: str) -> Referral:
    if not outcome_summary.strip():
        raise ValidationError({"outcome_summary": "Write a short summary of the outcome."})
    return _transition(referral, "complete", user=user, outcome_summary=outcome_summary.strip())


def _has_contact_attempts(referral: Referral) -> None:
    if not referral.events.filter(kind=EventKind.CONTACT_ATTEMPT).exists():
        raise ValidationError(
            {
                "note": "Record at least one attempt to contact the person before closing it as unable to contact."
            }
        )


def referral_unable_to_contact(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "unable_to_contact", user=user, note=note, check=_has_contact_attempts)


def referral_person_declined(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "person_declined", user=user, note=note)


def referral_withdraw(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "withdraw", user=user, note=note)


def referral_enter_in_error(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "enter_in_error", user=user, note=note)


@transaction.atomic
def referral_refer_on(
    *,
    referral: Referral,
    user,
    service,
    consent_method: str,
    consent_wording_version: str,
    reason: str = "",
    note: str = "",
) -> Referral:
    """Close this referral as referred on, and send a new one for the same person to `service`,
    linked to it (`previous`), from the receiving organisation. Returns the new referral."""
    if not service.accepts_supportmap_referrals:
        raise ValidationError({"service": "That service does not take referrals through SupportMap."})
    if service.organisation_id == referral.provider_organisation_id and service.pk == referral.service_id:
        raise ValidationError({"service": "Choose a different service to refer on to."})
    closed = _transition(referral, "refer_on", user=user, note=note)
    return referral_create(
        person=closed.person,
        service=service,
        referrer=user,
        referrer_organisation=closed.provider_organisation,
        consent_method=consent_method,
        consent_wording_version=consent_wording_version,
        reason=reason,
        hopes=closed.hopes,
        contact_method=closed.contact_method,
        contact_times=closed.contact_times,
        previous=closed,
    )


# --- Other writes on a referral ---------------------------------------------------------------


def referral_record_contact_attempt(
    *, referral: Referral, user, outcome: str, note: str = ""
) -> ReferralEvent:
    """The receiving organisation tried to reach the person (a phone call, a letter)."""
    if outcome not in ContactOutcome.values:
        raise ValidationError({"contact_outcome": "Choose what happened."})
    with transaction.atomic():
        locked = _lock(referral)
        if not user.has_perm("referrals.answer_referral", locked):
            raise PermissionDenied
        if locked.status not in {Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}:
            raise TransitionNotAllowed(
                f"This referral is “{locked.get_status_display()}”: contact attempts are recorded once it is accepted."
            )
        return _event(
            locked,
            kind=EventKind.CONTACT_ATTEMPT,
            user=user,
            organisation=locked.provider_organisation,
            note=note,
            contact_outcome=outcome,
        )


def message_post(*, referral: Referral, user, body: str) -> Message:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a message."})
    with transaction.atomic():
        locked = _lock(referral)
        if not user.has_perm("referrals.message_referral", locked) or locked.status == Status.DRAFT:
            raise PermissionDenied
        organisation = acting_organisation(locked, user)
        message = Message(referral=locked, author=user, author_organisation=organisation, body=body)
        message.full_clean()
        message.save()
        Referral.objects.filter(pk=locked.pk).update(last_activity_at=message.created)
        notifications.message_posted(message)
    return message


def consent_withdraw(*, referral: Referral, user, note: str = "") -> Referral:
    """The person withdrew consent: nothing more is shared. The provider sees that it was withdrawn,
    and an open referral is withdrawn with it."""
    with transaction.atomic():
        locked = _lock(referral)
        if not user.has_perm("referrals.manage_referral", locked):
            raise PermissionDenied
        if locked.consent_withdrawn:
            raise TransitionNotAllowed("Consent was already withdrawn for this referral.")
        now = timezone.now()
        locked.consent_withdrawn_at = now
        locked.consent_withdrawn_by = user
        locked.save(update_fields=["consent_withdrawn_at", "consent_withdrawn_by"])
        _event(
            locked,
            kind=EventKind.CONSENT_WITHDRAWN,
            user=user,
            organisation=locked.referrer_organisation,
            note=note,
        )
        if locked.status in _BEFORE_COMPLETION:
            _transition(locked, "withdraw", user=user, note="Consent withdrawn.")
        notifications.consent_withdrawn(locked)
    referral.refresh_from_db()
    return referral

"""Every write to a referral: its creation and its state machine.

The states and moves (issue 9, point 4):

    draft → sent                                   (the referrer's organisation)
    sent → accepted / declined (a reason)          (the receiving organisation)
    sent → expired                                 (the system: manage.py referral_reminders)
    accepted → contacted → in progress ⇄ on hold   (the receiving organisation)
    contacted | in progress → completed (an outcome) / unable to contact (after a recorded
        contact attempt) / person declined / referred on (a new, linked referral)
                                                   (the receiving organisation)
    any state before completion → withdrawn        (the referrer's organisation)
    any state → entered in error                   (a site administrator)

Each transition is
- permission-checked against the row it has locked (rules: referrals.answer_referral for the
  receiving organisation, referrals.manage_referral for the referrer's, referrals.enter_in_error
  for a site administrator). The rules are asked directly (`rules.has_perm`), not through
  `user.has_perm`, which says yes to a superuser for everything: a site administrator may mark a
  referral entered in error, never accept or withdraw it for one of the organisations;
- done under select_for_update inside one transaction, so when two people act on the same
  referral at once exactly one wins and the other gets TransitionNotAllowed with a plain message;
- recorded as a ReferralEvent (who, for which organisation, when, note).

Once the person withdraws consent nothing more is shared: no move but withdraw or entered in
error, and no more messages.

Emails are queued inside the same transaction (referrals/notifications.py; the database task
backend commits them with it), never from save().
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from referrals import notifications
from referrals.choices import (
    CLOSED_STATUSES,
    CONSENT_WORDING,
    SELF_REFERRAL_CONSENT_WORDING,
    ConsentMethod,
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
    permission: str  # a rules permission checked on the referral ("" for the system's own moves)
    verb: str  # for messages: "This referral can't be {verb} ..."


_BEFORE_COMPLETION = frozenset(
    {Status.DRAFT, Status.SENT, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}
)
_ENGAGED = frozenset({Status.CONTACTED, Status.IN_PROGRESS})
_PROVIDER = "referrals.answer_referral"
_REFERRER = "referrals.manage_referral"
_ADMIN = "referrals.enter_in_error"
# What may still happen once the person has withdrawn consent.
_AFTER_CONSENT_WITHDRAWN = frozenset({"withdraw", "enter_in_error"})

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
        _ADMIN,
        "marked as entered in error",
    ),
}


def _may(user, permission: str, referral: Referral) -> bool:
    """The rule itself, for an active signed-in user (no superuser shortcut: see the docstring)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return rules.has_perm(permission, user, referral)


def allowed_actions(referral: Referral, user) -> list[str]:
    """The actions this person may take on this referral now (for the page's buttons)."""
    return [
        name
        for name, transition in TRANSITIONS.items()
        if transition.permission
        and referral.status in transition.sources
        and not (referral.consent_withdrawn and name not in _AFTER_CONSENT_WITHDRAWN)
        and _may(user, transition.permission, referral)
    ]


def acting_organisation(referral: Referral, user):
    """The organisation this person acts for on this referral: the receiving one, or the referrer's."""
    organisation_ids = (
        set(user.memberships.values_list("organisation_id", flat=True))
        if user is not None and user.is_authenticated
        else set()
    )
    if referral.provider_organisation_id in organisation_ids:
        return referral.provider_organisation
    if referral.referrer_organisation_id in organisation_ids:
        return referral.referrer_organisation
    return None


def _organisation_for(permission: str, referral: Referral, user):
    """Whom the actor acts for in a move: the side the move belongs to (someone in both
    organisations withdraws for the referrer's and accepts for the receiving one)."""
    if permission == _PROVIDER:
        return referral.provider_organisation
    if permission == _REFERRER and referral.referrer_organisation_id:
        return referral.referrer_organisation
    return acting_organisation(referral, user) if user is not None else None


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
        .select_related("service", "provider_organisation", "referrer_organisation", "person", "referrer")
        .get(pk=referral.pk)
    )


def _not_allowed_message(locked: Referral, transition: Transition) -> str:
    return (
        f"This referral is now “{locked.get_status_display()}”, so it can't be {transition.verb}. "
        "Someone else may have changed it a moment ago: the page below shows where it is now."
    )


def _transition(
    referral: Referral,
    action: str,
    *,
    user=None,
    note: str = "",
    now: datetime | None = None,
    check=None,
    notify: bool = True,
    permission_checked: bool = False,
    **fields,
) -> Referral:
    """Lock, check, move, record. `check(locked)` adds the action's own rules (a reason, an outcome).
    `permission_checked` is for a move made as part of another one already checked (consent withdrawal)."""
    transition = TRANSITIONS[action]
    with transaction.atomic():
        locked = _lock(referral)
        if transition.permission and not permission_checked and not _may(user, transition.permission, locked):
            raise PermissionDenied(f"You can't do this: this referral can't be {transition.verb} by you.")
        if locked.status not in transition.sources:
            raise TransitionNotAllowed(_not_allowed_message(locked, transition))
        if locked.consent_withdrawn and action not in _AFTER_CONSENT_WITHDRAWN:
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
        if transition.target in CLOSED_STATUSES and locked.closed_at is None:
            # The first closing counts (retention runs from it): entering a closed referral in
            # error later does not restart the clock.
            locked.closed_at = now
        locked.full_clean()
        locked.save()
        _event(
            locked,
            kind=EventKind.TRANSITION,
            user=user,
            organisation=_organisation_for(transition.permission, locked, user),
            note=note,
            from_status=from_status,
            to_status=transition.target,
        )
        if notify:
            notifications.referral_moved(locked, action=action, from_status=from_status)
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


def _check_consent(consent_method: str, consent_wording_version: str, *, is_self_referral: bool) -> None:
    errors = {}
    if consent_method not in ConsentMethod.values:
        errors["consent_method"] = "Say how the person gave their consent."
    wordings = SELF_REFERRAL_CONSENT_WORDING if is_self_referral else CONSENT_WORDING
    if consent_wording_version not in wordings:
        errors["consent_wording_version"] = "The consent wording is not one SupportMap knows."
    if errors:
        raise ValidationError(errors)


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
    (a draft, which only the referrer's organisation sees).

    The referrer must be a member of `referrer_organisation` (PermissionDenied otherwise), unless it
    is a self-referral (nobody signed in, no referring organisation). The service must take
    referrals through SupportMap, and the consent wording must be a known version."""
    if not is_self_referral and (
        referrer is None
        or referrer_organisation is None
        or not referrer.is_active
        or not referrer.memberships.filter(organisation=referrer_organisation).exists()
    ):
        raise PermissionDenied("Only a member of the referring organisation can make this referral.")
    if not service.accepts_supportmap_referrals:
        raise ValidationError({"service": "That service does not take referrals through SupportMap."})
    _check_consent(consent_method, consent_wording_version, is_self_referral=is_self_referral)
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


DRAFT_FIELDS = frozenset({"reason", "hopes", "contact_method", "contact_times", "risk_notes"})


def referral_update_draft(
    *,
    referral: Referral,
    user,
    fields: dict,
    consent_method: str,
    consent_wording_version: str,
    send: bool = False,
) -> Referral:
    """Save a draft's details (DRAFT_FIELDS) and consent, then send it if asked. Consent is
    recorded again (by `user`, now) only if how the person agreed changed; otherwise who and when
    stay as they were. The referrer's organisation only; a draft only (someone may have just
    sent it). Each save restarts the clock on an abandoned draft (REFERRAL_DRAFT_RETENTION_DAYS)."""
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise ValueError(f"Not a draft's field: {sorted(unknown)}")
    _check_consent(consent_method, consent_wording_version, is_self_referral=False)
    with transaction.atomic():
        locked = _lock(referral)
        if not _may(user, _REFERRER, locked):
            raise PermissionDenied
        if locked.status != Status.DRAFT:
            raise TransitionNotAllowed(
                f"This referral is now “{locked.get_status_display()}”, so it can no longer be edited as a draft."
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        now = timezone.now()
        if not (locked.consent_given and locked.consent_method == consent_method):
            locked.consent_given = True
            locked.consent_method = consent_method
            locked.consent_recorded_by = user
            locked.consent_recorded_at = now
            locked.consent_wording_version = consent_wording_version
        locked.last_activity_at = now
        locked.full_clean()
        locked.save()
        if send:
            locked = referral_send(referral=locked, user=user)
    referral.refresh_from_db()
    return locked


def _send_without_user(referral: Referral, *, now) -> Referral:
    referral.status = Status.SENT
    referral.sent_at = now
    referral.save(update_fields=["status", "sent_at"])
    _event(referral, kind=EventKind.TRANSITION, from_status=Status.DRAFT, to_status=Status.SENT)
    notifications.referral_moved(referral, action="send", from_status=Status.DRAFT)
    return referral


# --- The state machine ------------------------------------------------------------------------


def _has_consent(referral: Referral) -> None:
    if not (referral.consent_given and referral.consent_method and referral.consent_recorded_at):
        raise ValidationError(
            {
                "consent_given": "Record the person's consent to share their details before sending the referral."
            }
        )


def referral_send(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "send", user=user, note=note, check=_has_consent)


def referral_accept(*, referral: Referral, user, note: str = "") -> Referral:
    return _transition(referral, "accept", user=user, note=note)


def referral_decline(*, referral: Referral, user, reason: str, note: str = "") -> Referral:
    if reason not in DeclineReason.values:
        raise ValidationError({"decline_reason": "Choose why the referral is declined."})
    if reason == DeclineReason.OTHER and not note.strip():
        raise ValidationError({"decline_note": "Say why the referral is declined."})
    return _transition(
        referral, "decline", user=user, note=note.strip(), decline_reason=reason, decline_note=note.strip()
    )


def expires_at(referral: Referral) -> datetime | None:
    """When a sent referral nobody answers expires (REFERRAL_EXPIRY_DAYS after it was sent)."""
    if referral.sent_at is None:
        return None
    return referral.sent_at + timedelta(days=settings.REFERRAL_EXPIRY_DAYS)


def referral_expire(*, referral: Referral, now: datetime | None = None) -> Referral:
    """The system's move (manage.py referral_reminders): a referral nobody answered in time."""
    now = now or timezone.now()

    def _is_due(locked):
        if locked.status == Status.SENT and expires_at(locked) > now:
            raise TransitionNotAllowed(
                f"This referral was sent less than {settings.REFERRAL_EXPIRY_DAYS} days ago: it has not expired."
            )

    return _transition(
        referral,
        "expire",
        note=f"No answer within {settings.REFERRAL_EXPIRY_DAYS} days.",
        now=now,
        check=_is_due,
    )


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
    risk_notes: str = "",
) -> Referral:
    """Close this referral as referred on, and send a new one for the same person to `service`,
    linked to it (`previous`), from the receiving organisation, with the person's consent to share
    their details with the new provider recorded now. Returns the new referral.

    The person's record stays with the organisation that holds it; the chain of `previous` links
    shows their journey through several services as one."""
    if service.pk == referral.service_id:
        raise ValidationError({"service": "Choose a different service to refer on to."})
    if not service.accepts_supportmap_referrals:
        raise ValidationError({"service": "That service does not take referrals through SupportMap."})
    _check_consent(consent_method, consent_wording_version, is_self_referral=False)
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
        risk_notes=risk_notes,
        previous=closed,
    )


def referral_chain(referral: Referral) -> list[Referral]:
    """The person's journey this referral is part of, first to last (each `previous` link)."""
    chain = [referral]
    seen = {referral.pk}
    current = referral
    while current.previous_id and current.previous_id not in seen:
        current = Referral.objects.select_related("service").get(pk=current.previous_id)
        seen.add(current.pk)
        chain.insert(0, current)
    current = referral
    while True:
        following = (
            Referral.objects.select_related("service").filter(previous=current).exclude(pk__in=seen).first()
        )
        if following is None:
            break
        seen.add(following.pk)
        chain.append(following)
        current = following
    return chain


# --- Other writes on a referral ---------------------------------------------------------------


def referral_record_contact_attempt(
    *, referral: Referral, user, outcome: str, note: str = ""
) -> ReferralEvent:
    """The receiving organisation tried to reach the person (a phone call, a letter)."""
    if outcome not in ContactOutcome.values:
        raise ValidationError({"contact_outcome": "Choose what happened."})
    with transaction.atomic():
        locked = _lock(referral)
        if not _may(user, _PROVIDER, locked):
            raise PermissionDenied("Only the organisation the referral was sent to records contact attempts.")
        if locked.status not in {Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}:
            raise TransitionNotAllowed(
                f"This referral is “{locked.get_status_display()}”: contact attempts are recorded "
                "while it is accepted and open."
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
    """A message on the referral's thread, from either side; the other side is emailed a link."""
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a message."})
    with transaction.atomic():
        locked = _lock(referral)
        if not _may(user, "referrals.message_referral", locked) or locked.status == Status.DRAFT:
            raise PermissionDenied("Only the two organisations of a sent referral can write on it.")
        if locked.consent_withdrawn:
            raise TransitionNotAllowed(
                "The person withdrew their consent, so nothing more can be shared on this referral."
            )
        organisation = acting_organisation(locked, user)
        message = Message(referral=locked, author=user, author_organisation=organisation, body=body)
        message.full_clean()
        message.save()
        Referral.objects.filter(pk=locked.pk).update(last_activity_at=message.created)
        notifications.message_posted(message)
    return message


def consent_withdraw(*, referral: Referral, user, note: str = "") -> Referral:
    """The person withdrew consent: nothing more is shared. The provider sees that it was withdrawn
    (and is emailed, if the referral had reached them), and an open referral is withdrawn with it.

    Recorded by the referrer's organisation, or for a self-referral (which has none) by the
    receiving organisation the person told."""
    with transaction.atomic():
        locked = _lock(referral)
        may = _may(user, _REFERRER, locked) or (locked.is_self_referral and _may(user, _PROVIDER, locked))
        if not may:
            raise PermissionDenied("Only the referring organisation records that consent was withdrawn.")
        if locked.consent_withdrawn:
            raise TransitionNotAllowed("Consent was already withdrawn for this referral.")
        if locked.status == Status.ENTERED_IN_ERROR:
            raise TransitionNotAllowed("This referral was entered in error: there is no consent to withdraw.")
        was_sent = locked.sent_at is not None
        now = timezone.now()
        locked.consent_withdrawn_at = now
        locked.consent_withdrawn_by = user
        locked.save(update_fields=["consent_withdrawn_at", "consent_withdrawn_by"])
        _event(
            locked,
            kind=EventKind.CONSENT_WITHDRAWN,
            user=user,
            organisation=acting_organisation(locked, user),
            note=note,
        )
        if locked.status in _BEFORE_COMPLETION:
            # One email (below) says both; the move itself sends none.
            _transition(
                locked,
                "withdraw",
                user=user,
                note="Consent withdrawn.",
                notify=False,
                permission_checked=True,
            )
        if was_sent:
            notifications.consent_withdrawn(locked)
    referral.refresh_from_db()
    return referral

"""People, referrals and their timeline, messages, and signposting records.

A referral holds special-category health data (DESIGN.md, Personal data): collect the minimum,
record consent, audit every view (supportmap.AuditEvent), and anonymise on a schedule
(`manage.py purge_personal_data`). Everything a URL names is an opaque UUID, never a name.

Writes go through referrals/services.py (the state machine); reads through the querysets below.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from directory.choices import Element
from directory.models import Organisation, Service, Topic
from referrals.choices import (
    CLOSED_STATUSES,
    AgeBand,
    AuditAction,
    CaringRelationship,
    ConsentMethod,
    ContactMethod,
    ContactOutcome,
    DeclineReason,
    EventKind,
    Status,
)

ELEMENT_FIELDS = {
    Element.FRIENDSHIP: "seeks_friendship",
    Element.EMOTIONAL: "seeks_emotional",
    Element.MEANING: "seeks_meaning",
    Element.PRACTICAL: "seeks_practical",
    Element.MATERIAL: "seeks_material",
}


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """People a signed-in member may know exist: those their organisations hold (they referred
        them, or the person referred themselves to one of their services), and those referred to
        their organisations' services (sent, not drafts)."""
        if not user.is_authenticated:
            return self.none()
        organisation_ids = user.memberships.values("organisation_id")
        return self.filter(
            Q(organisation_id__in=organisation_ids)
            | Q(
                pk__in=Referral.objects.filter(provider_organisation_id__in=organisation_ids)
                .exclude(status=Status.DRAFT)
                .values("person_id")
            )
        )

    def held_by(self, user):
        """People held by one of this person's organisations: the ones they may change and export."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=user.memberships.values("organisation_id"))


class Person(models.Model):
    """Someone referred or signposted: the minimum a referral needs (PRSB social prescribing
    standard: demographics and needs). Held by the organisation that first recorded them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The organisation responsible for this record: the referrer's organisation, or for a
    # self-referral the provider's. Duplicates are looked for within it.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    name = models.CharField("full name", max_length=200)
    preferred_name = models.CharField(
        "preferred name", max_length=100, blank=True, help_text="What they like to be called, if different."
    )
    date_of_birth = models.DateField("date of birth", null=True, blank=True)
    age_band = models.CharField(
        "age band", max_length=16, choices=AgeBand, blank=True, help_text="If the date of birth is not known."
    )
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    safe_to_leave_message = models.BooleanField("safe to leave a message", default=False)
    chi_number = models.CharField(
        "CHI number",
        max_length=10,
        blank=True,
        help_text="Optional: the 10-digit Community Health Index number.",
    )

    # Needs: which elements of social support the person is looking for, the topics, in their own words.
    seeks_friendship = models.BooleanField("friendship and peer support", default=False)
    seeks_emotional = models.BooleanField("emotional support", default=False)
    seeks_meaning = models.BooleanField("constructing meaning", default=False)
    seeks_practical = models.BooleanField("practical advice", default=False)
    seeks_material = models.BooleanField("material assistance", default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+")
    own_words = models.TextField("what they hope for, in their own words", blank=True)

    is_carer = models.BooleanField("is a carer", default=False)
    caring_relationship = models.CharField(
        "caring relationship", max_length=16, choices=CaringRelationship, blank=True
    )

    # Set by the retention command; every identifying field is then empty.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["-created"]
        indexes = [
            # The duplicate check: same date of birth within the organisation (then names compared).
            models.Index(fields=["organisation", "date_of_birth"], name="person_dup_dob_idx"),
            # The duplicate check by CHI number within the organisation.
            models.Index(fields=["organisation", "chi_number"], name="person_dup_chi_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | ~Q(name=""), name="person_name_required"
            ),
            models.CheckConstraint(
                condition=Q(age_band="") | Q(age_band__in=AgeBand.values), name="person_age_band_valid"
            ),
            models.CheckConstraint(
                condition=Q(caring_relationship="") | Q(is_carer=True),
                name="person_caring_relationship_if_carer",
            ),
            models.CheckConstraint(
                condition=Q(chi_number="") | Q(chi_number__regex=r"^[0-9]{10}$"), name="person_chi_ten_digits"
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.anonymised_at:
            return "Anonymised person"
        return self.preferred_name or self.name

    @property
    def short_name(self) -> str:
        """For lists: the preferred (or first) name and the initial of the last, 'Robert M.'."""
        if self.anonymised_at:
            return "Anonymised"
        parts = self.name.split()
        first = self.preferred_name or (parts[0] if parts else "")
        initial = f" {parts[-1][0]}." if len(parts) > 1 else ""
        return f"{first}{initial}"

    def elements_sought(self) -> list[str]:
        return [element for element, field in ELEMENT_FIELDS.items() if getattr(self, field)]

    def clean(self):
        errors = {}
        if not self.anonymised_at and not self.date_of_birth and not self.age_band:
            errors["date_of_birth"] = "Give a date of birth or choose an age band."
        if self.caring_relationship and not self.is_carer:
            errors["caring_relationship"] = (
                "Only say which caring relationship fits if the person is a carer."
            )
        if errors:
            raise ValidationError(errors)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Referrals a signed-in member may know exist: those their organisations sent (drafts
        included) and those sent to their organisations' services (not drafts). Access follows
        membership, so someone who leaves an organisation stops seeing its referrals."""
        if not user.is_authenticated:
            return self.none()
        organisation_ids = user.memberships.values("organisation_id")
        return self.filter(
            Q(referrer_organisation_id__in=organisation_ids)
            | (Q(provider_organisation_id__in=organisation_ids) & ~Q(status=Status.DRAFT))
        )

    def received_by(self, user):
        """The provider inbox: sent to one of this person's organisations' services."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(provider_organisation_id__in=user.memberships.values("organisation_id")).exclude(
            status=Status.DRAFT
        )

    def sent_by(self, user):
        """The referrer's list: sent by one of this person's organisations (by them or a colleague).
        Someone who leaves an organisation stops seeing its referrals, their own included."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(referrer_organisation_id__in=user.memberships.values("organisation_id"))

    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES).exclude(status=Status.DRAFT)


class Referral(models.Model):
    """A referral of a person, with their consent, from a referrer (user and organisation) to a
    service. Its status moves only through referrals/services.py, one timeline event per move."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="referrals")
    # The service's organisation when the referral was made: the inbox is scoped by it.
    provider_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_received"
    )
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_made",
    )
    # Empty for a self-referral.
    referrer_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    is_self_referral = models.BooleanField("self-referral", default=False)
    # Referred on: the referral this one continues, so a person's journey shows as one chain.
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="referred_on_to"
    )

    status = models.CharField(max_length=24, choices=Status, default=Status.DRAFT)

    reason = models.TextField("reason for the referral", blank=True)
    hopes = models.TextField("what the person hopes for", blank=True)
    contact_method = models.CharField("best way to contact", max_length=24, choices=ContactMethod, blank=True)
    contact_times = models.CharField("best times to contact", max_length=200, blank=True)
    risk_notes = models.TextField("risk or safeguarding notes", blank=True)

    # Consent to share the person's details with the provider organisation (named in the wording).
    consent_given = models.BooleanField(default=False)
    consent_method = models.CharField(max_length=16, choices=ConsentMethod, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_wording_version = models.CharField(max_length=32, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Any event or message: lists sort by it.
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # Nudges sent to the provider while the referral waited for an answer (at 5 and 10 days).
    nudges_sent = models.PositiveSmallIntegerField(default=0)

    decline_reason = models.CharField(max_length=24, choices=DeclineReason, blank=True)
    decline_note = models.TextField(blank=True)
    outcome_summary = models.TextField("outcome", blank=True)

    history = HistoricalRecords(excluded_fields=["last_activity_at"])
    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        indexes = [
            # The provider inbox: a page of one organisation's referrals, most recent activity
            # first, read in index order (referrals/selectors.py, Counted).
            models.Index(
                fields=["provider_organisation", "-last_activity_at", "-id"], name="referral_inbox_order_idx"
            ),
            # The referrer's list: the same for the organisation that sent them.
            models.Index(
                fields=["referrer_organisation", "-last_activity_at", "-id"], name="referral_sent_order_idx"
            ),
            # The reminder command: sent referrals waiting for an answer, by when they were sent.
            models.Index(fields=["status", "sent_at"], name="referral_waiting_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="referral_status_valid"),
            # Nothing leaves a draft without consent recorded: who, how, when and which wording.
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | Q(status=Status.ENTERED_IN_ERROR)
                | (
                    Q(consent_given=True)
                    & ~Q(consent_method="")
                    & Q(consent_recorded_at__isnull=False)
                    & ~Q(consent_wording_version="")
                ),
                name="referral_consent_before_sending",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DECLINED) | ~Q(decline_reason=""),
                name="referral_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(decline_reason="") | Q(decline_reason__in=DeclineReason.values),
                name="referral_decline_reason_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.COMPLETED) | ~Q(outcome_summary=""),
                name="referral_completed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(is_self_referral=True) | Q(referrer_organisation__isnull=False),
                name="referral_has_referrer_organisation",
            ),
        ]

    def __str__(self):
        return f"Referral {self.reference} to {self.service}"

    @property
    def reference(self) -> str:
        """A short reference people can read out on the phone: the first 8 characters of the UUID."""
        return str(self.uuid)[:8].upper()

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_at is not None


class ReferralEvent(models.Model):
    """One line of a referral's timeline: who did what, when, with an optional note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=EventKind)
    from_status = models.CharField(max_length=24, choices=Status, blank=True)
    to_status = models.CharField(max_length=24, choices=Status, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The organisation the actor acted for (empty for the system: reminders and expiry).
    actor_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    contact_outcome = models.CharField(max_length=16, choices=ContactOutcome, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["referral", "created"], name="referral_event_timeline_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.referral_id}"


class Message(models.Model):
    """A message on a referral's thread: seen by the referrer's and the provider's organisations only."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=4000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["referral", "created"], name="message_thread_idx")]

    def __str__(self):
        return f"Message on {self.referral_id}"


class SignpostingQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation_id__in=user.memberships.values("organisation_id"))


class Signposting(models.Model):
    """A link worker told a person about services without a formal referral. It counts in reports."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="signpostings")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="signpostings"
    )
    services = models.ManyToManyField(Service, related_name="signpostings")
    # The elements of support the person was pointed to.
    seeks_friendship = models.BooleanField("friendship and peer support", default=False)
    seeks_emotional = models.BooleanField("emotional support", default=False)
    seeks_meaning = models.BooleanField("constructing meaning", default=False)
    seeks_practical = models.BooleanField("practical advice", default=False)
    seeks_material = models.BooleanField("material assistance", default=False)
    note = models.CharField(max_length=500, blank=True, help_text="No health details, please.")
    created = models.DateTimeField(auto_now_add=True)

    objects = SignpostingQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created"], name="signposting_org_idx")]

    def __str__(self):
        return f"Signposting {self.uuid}"

    def elements(self) -> list[str]:
        return [element for element, field in ELEMENT_FIELDS.items() if getattr(self, field)]


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """Someone viewed, changed or exported a person's record or a referral: who, for which
    organisation, what, when. Never any health details. Written by referrals/audit.py only.

    Append-only: the app cannot change or delete one (save() and delete() refuse, and so does the
    queryset), and on PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002). A user
    with audit events cannot be deleted (PROTECT): deactivate them instead.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=16, choices=AuditAction)
    # Opaque ids, not foreign keys: the trail outlives anonymisation and never blocks it.
    person_uuid = models.UUIDField(null=True, blank=True)
    referral_uuid = models.UUIDField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            # "Who looked at this person's record": one person's trail, newest first.
            models.Index(fields=["person_uuid", "-created"], name="audit_person_idx"),
            models.Index(fields=["referral_uuid", "-created"], name="audit_referral_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(action__in=AuditAction.values), name="audit_action_valid"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} by {self.user_id} at {self.created}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")

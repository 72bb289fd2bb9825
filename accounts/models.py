"""Who belongs to which organisation, invitations to join one, and claims to manage one."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from directory.choices import MemberRole
from directory.models import Organisation


def token_digest(token: str) -> str:
    """Invitation links carry a random token; only its SHA-256 is stored, so a leaked table is no key."""
    return hashlib.sha256(token.encode()).hexdigest()


class Membership(models.Model):
    """A person's place in an organisation. Managers also invite colleagues and manage members."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=MemberRole, default=MemberRole.MEMBER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"

    @property
    def is_manager(self) -> bool:
        return self.role == MemberRole.MANAGER


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        """Not yet accepted, not withdrawn and not expired."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A manager's invitation to a colleague, by email, with a one-time link that expires."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=MemberRole, default=MemberRole.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="invitation_role_valid"),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="invitation_not_both_accepted_and_withdrawn",
            ),
        ]

    def __str__(self):
        return f"Invitation for {self.email} to {self.organisation}"

    @classmethod
    def new_token(cls) -> str:
        return secrets.token_urlsafe(32)

    def set_token(self, token: str) -> None:
        self.token_hash = token_digest(token)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > timezone.now()


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Not approved"


class OrganisationClaim(models.Model):
    """A person asks to manage an organisation already listed (an imported one, say)."""

    Status = ClaimStatus

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims")
    role_at_organisation = models.CharField(
        "your role there", max_length=150, help_text="For example: volunteer coordinator."
    )
    message = models.TextField(
        "how we can check",
        blank=True,
        help_text="Anything that helps an editor check you work or volunteer there.",
    )
    status = models.CharField(max_length=16, choices=ClaimStatus, default=ClaimStatus.PENDING)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"),
            # One open request per person and organisation; decided ones stay as history.
            models.UniqueConstraint(
                fields=["user", "organisation"], condition=Q(status="pending"), name="claim_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="claim_decided_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.user} asks to manage {self.organisation}"

    def clean(self):
        if self.status == self.Status.DENIED and not self.decision_note.strip():
            raise ValidationError({"decision_note": "Say why, so the person can put it right."})

"""The vocabulary of referrals: states, reasons, consent and the person's details."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent, waiting for an answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired (no answer in time)"
    CONTACTED = "contacted", "Person contacted"
    IN_PROGRESS = "in_progress", "Support in progress"
    ON_HOLD = "on_hold", "On hold"
    COMPLETED = "completed", "Completed"
    UNABLE_TO_CONTACT = "unable_to_contact", "Could not contact the person"
    PERSON_DECLINED = "person_declined", "The person decided not to go ahead"
    REFERRED_ON = "referred_on", "Referred on to another service"
    WITHDRAWN = "withdrawn", "Withdrawn by the referrer"
    ENTERED_IN_ERROR = "entered_in_error", "Entered in error"


# Where a referral's story has ended: nothing more happens to it (retention counts from here).
CLOSED_STATUSES = frozenset(
    {
        Status.DECLINED,
        Status.EXPIRED,
        Status.COMPLETED,
        Status.UNABLE_TO_CONTACT,
        Status.PERSON_DECLINED,
        Status.REFERRED_ON,
        Status.WITHDRAWN,
        Status.ENTERED_IN_ERROR,
    }
)
# Sent and not closed: the receiving organisation has work to do.
OPEN_STATUSES = frozenset(
    {Status.SENT, Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}
)


class DeclineReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", "The person is not eligible for this service"
    NO_CAPACITY = "no_capacity", "No capacity at the moment"
    NOT_APPROPRIATE = "not_appropriate", "This service is not the right support for the person"
    OTHER = "other", "Another reason (please say)"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbally (in person or by phone)"
    WRITTEN = "written", "In writing (signed form, letter or email)"
    ONLINE = "online", "Online, by the person themselves"


class AgeBand(models.TextChoices):
    UNDER_16 = "under_16", "Under 16"
    A16_24 = "16_24", "16 to 24"
    A25_34 = "25_34", "25 to 34"
    A35_44 = "35_44", "35 to 44"
    A45_54 = "45_54", "45 to 54"
    A55_64 = "55_64", "55 to 64"
    A65_74 = "65_74", "65 to 74"
    A75_PLUS = "75_plus", "75 or over"


class CaringRelationship(models.TextChoices):
    """Which best describes a carer's situation (DOMAIN.md: three kinds of caring relationship)."""

    POSITIVE = "positive", "Positive: sees the person as an individual and looks after their own needs too"
    OVER_INVOLVED = "over_involved", "Emotionally over-involved: too involved, neglecting their own needs"
    CRITICAL = (
        "critical",
        "Critical or hostile: feels resentful or angry, blames the person for their problems",
    )


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    THROUGH_REFERRER = "through_referrer", "Through the referrer"


class EventKind(models.TextChoices):
    CREATED = "created", "Referral started"
    TRANSITION = "transition", "Status changed"
    CONTACT_ATTEMPT = "contact_attempt", "Contact attempt"
    NUDGE = "nudge", "Reminder sent to the provider"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    NOTE = "note", "Note"


class ContactOutcome(models.TextChoices):
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_NUMBER = "wrong_number", "Wrong number or address"
    SPOKE = "spoke", "Spoke to the person"


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    LIST = "list", "Seen in a list"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    EXPORT = "export", "Exported"
    ANONYMISE = "anonymise", "Anonymised"


# The consent statement a referrer reads to the person. Its version is stored with each consent,
# so a change of wording never rewrites what someone agreed to: add a new version, never edit one.
CONSENT_WORDING = {
    "2026-12": (
        "I agree that my name, contact details and the reasons for this referral can be shared with "
        "{organisation} so that they can contact me about their support. I can change my mind at any "
        "time, and then my details will not be shared any further."
    ),
}
CONSENT_WORDING_VERSION = "2026-12"

SELF_REFERRAL_CONSENT_WORDING = {
    "2026-12-self": (
        "I agree that the details I give here can be shared with {organisation} so that they can "
        "contact me about their support. I can change my mind at any time."
    ),
}
SELF_REFERRAL_CONSENT_VERSION = "2026-12-self"


def consent_statement(version: str, organisation_name: str) -> str:
    wording = CONSENT_WORDING.get(version) or SELF_REFERRAL_CONSENT_WORDING[version]
    return wording.format(organisation=organisation_name)

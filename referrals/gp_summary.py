"""The copyable summary for the GP record (issue 9, point 9).

A GP practice records a social prescribing referral with SNOMED CT 871731000000106 |Referral to
social prescribing service|, and a person's refusal with 871711000000103 |Social prescribing
declined|. The summary says only what the practice needs to code it: the concept, the date, the
service, the organisation and SupportMap's reference. No name, no reason, no risk notes: the GP
pastes it into the record of the person they already know.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.dateformat import format as format_date

from referrals.choices import Status

REFERRAL_CONCEPT = ("871731000000106", "Referral to social prescribing service")
DECLINED_CONCEPT = ("871711000000103", "Social prescribing declined")


def _date(moment) -> str:
    return format_date(timezone.localtime(moment), "j F Y")


def _heading(concept) -> str:
    code, term = concept
    return f"{term} (SNOMED CT {code})"


def gp_record_summary(referral) -> str:
    """Plain text for the GP record, or "" while there is nothing to record (a draft, a referral
    never sent, or one entered in error)."""
    if referral.sent_at is None or referral.status in {Status.DRAFT, Status.ENTERED_IN_ERROR}:
        return ""
    lines = [
        _heading(REFERRAL_CONCEPT),
        f"Date: {_date(referral.sent_at)}",
        f"Service: {referral.service.name}",
        f"Organisation: {referral.provider_organisation.name}",
        f"Reference: {referral.reference} (SupportMap)",
    ]
    if referral.status == Status.PERSON_DECLINED:
        lines += [
            "",
            _heading(DECLINED_CONCEPT),
            f"Date: {_date(referral.closed_at or referral.last_activity_at or referral.sent_at)}",
            f"Service: {referral.service.name}",
            f"Reference: {referral.reference} (SupportMap)",
        ]
    else:
        lines.append(f"Status: {referral.get_status_display()}")
    return "\n".join(lines)

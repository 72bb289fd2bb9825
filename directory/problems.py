"""Problem reports: services (writes) and selectors (reads).

Anyone may report a problem with a listing. The report reaches the organisation (its address and
its members) and the directory editors, who resolve it with a note; the reporter is sent the note
if they left an email address.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone

from directory.choices import ProblemKind, ProblemStatus
from directory.models import ProblemReport, Service
from supportmap.notify import editor_emails, notify, organisation_emails, site_url

# Selectors


def open_reports(queryset: QuerySet) -> QuerySet:
    """Open reports, safeguarding concerns first, then the oldest first."""
    return (
        queryset.filter(status=ProblemStatus.OPEN)
        .annotate(
            safeguarding_first=Case(
                When(kind=ProblemKind.SAFEGUARDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("safeguarding_first", "created", "pk")
    )


# Services


@transaction.atomic
def problem_report_create(
    *, service: Service, kind: str, details: str, reporter_email: str = ""
) -> ProblemReport:
    """Save a report and tell the organisation and the editors."""
    report = ProblemReport(
        service=service, kind=kind, details=details.strip(), reporter_email=reporter_email.strip()
    )
    report.full_clean()
    report.save()
    context = {
        "report": report,
        "service": service,
        "organisation": service.organisation,
        "safeguarding": kind == ProblemKind.SAFEGUARDING,
        "service_url": site_url(service.get_absolute_url()),
        "report_url": site_url(reverse("problems:report_detail", args=[report.pk])),
    }
    # With the database task backend the emails are rows saved in this same transaction.
    notify(
        to=organisation_emails(service.organisation),
        template="emails/problem_reported_organisation.txt",
        context=context,
    )
    notify(to=editor_emails(), template="emails/problem_reported_editors.txt", context=context)
    return report


@transaction.atomic
def problem_report_resolve(*, report: ProblemReport, by, note: str) -> ProblemReport:
    """Resolve a report with a note; the reporter gets the note if they left an email address."""
    report = ProblemReport.objects.select_for_update().select_related("service").get(pk=report.pk)
    if report.status == ProblemStatus.RESOLVED:
        return report
    report.status = ProblemStatus.RESOLVED
    report.resolution_note = note.strip()
    report.resolved_at = timezone.now()
    report.resolved_by = by
    report.full_clean()
    report.save()
    if report.reporter_email:
        context = {
            "report": report,
            "service": report.service,
            "service_url": site_url(report.service.get_absolute_url()),
        }
        notify(to=report.reporter_email, template="emails/problem_resolved_reporter.txt", context=context)
    return report

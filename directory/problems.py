"""Problem reports: services (writes) and selectors (reads)."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from directory.choices import ProblemKind, ProblemStatus


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

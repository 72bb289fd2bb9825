"""The one access helper every private URL that takes an id or slug goes through.

    service = get_for_user(request, scoped_queryset, "directory.edit_service", slug=slug)

The queryset is already scoped to what this person may know exists (their organisations'
services, say), so anyone else gets 404 and learns nothing. Found, the object is checked against a
`rules` permission: the wrong role (a member where a manager is needed, a referrer organisation
asked to list services) gets 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from directory.models import Organisation, ProblemReport, Service


def get_for_user(request, queryset: QuerySet, permission: str, **lookup):
    obj = get_object_or_404(queryset, **lookup)
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
    return obj


def organisations_for(user) -> QuerySet:
    """Organisations this person belongs to."""
    return Organisation.objects.with_member(user)


def services_for(user) -> QuerySet:
    """Services (and working copies) of this person's organisations."""
    return Service.objects.of_organisations_with_member(user).select_related("organisation")


def services_for_review(user) -> QuerySet:
    """Every listing for an editor; a provider's own listings for anyone else (who then gets 403)."""
    if user.is_authenticated and user.is_editor:
        return Service.objects.select_related("organisation")
    return services_for(user)


def problem_reports_for(user) -> QuerySet:
    """Every report for an editor; reports on their own organisations' services for members."""
    if user.is_authenticated and user.is_editor:
        return ProblemReport.objects.select_related("service__organisation")
    if not user.is_authenticated:
        return ProblemReport.objects.none()
    return ProblemReport.objects.filter(service__organisation__memberships__user=user).select_related(
        "service__organisation"
    )


def claims_for(user) -> QuerySet:
    """Every claim for an editor; a person's own claims for them (who then gets 403 on a decision)."""
    from accounts.models import OrganisationClaim

    if not user.is_authenticated:
        return OrganisationClaim.objects.none()
    claims = OrganisationClaim.objects.select_related("organisation", "user", "decided_by")
    if user.is_editor:
        return claims
    return claims.filter(user=user)

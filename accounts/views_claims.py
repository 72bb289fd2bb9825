"""Editors decide requests to manage an organisation already listed (claims)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import OrganisationClaim


@require_safe
@login_required
def claim_list(request):
    """Pending claims, oldest first, for directory editors."""
    if not request.user.has_perm("accounts.decide_claims"):
        raise PermissionDenied
    claims = OrganisationClaim.objects.filter(status=OrganisationClaim.Status.PENDING).select_related(
        "organisation", "user"
    )
    return render(request, "claims/claim_list.html", {"claims": claims})

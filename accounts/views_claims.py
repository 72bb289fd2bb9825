"""Editors decide requests to manage an organisation already listed (claims).

The list is for editors only (403 for anyone else signed in). A decision page is fetched through
the access helper: editors see every claim, the claimant only their own (so they get 403 rather
than 404), anyone else 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts import access, services
from accounts.forms_onboarding import ClaimDecisionForm
from accounts.models import Membership, OrganisationClaim
from directory.choices import MemberRole


def _with_managers(claims):
    """Each claim's organisation with its current managers, in one extra query for the whole list."""
    return claims.prefetch_related(
        Prefetch(
            "organisation__memberships",
            queryset=Membership.objects.filter(role=MemberRole.MANAGER).select_related("user"),
            to_attr="managers",
        )
    )


@require_safe
@login_required
def claim_list(request):
    """Pending claims, oldest first, for directory editors."""
    if not request.user.has_perm("accounts.decide_claims"):
        raise PermissionDenied
    claims = _with_managers(
        access.claims_for(request.user).filter(status=OrganisationClaim.Status.PENDING).order_by("created")
    )
    return render(request, "claims/claim_list.html", {"claims": claims})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def claim_decide(request, pk):
    """One claim: approve it (they become a manager) or turn it down with a reason."""
    claim = access.get_for_user(
        request, _with_managers(access.claims_for(request.user)), "accounts.decide_claims", pk=pk
    )
    is_pending = claim.status == OrganisationClaim.Status.PENDING
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST":
        if not is_pending:
            form.add_error(None, "This request has already been decided.")
        elif form.is_valid():
            try:
                if form.cleaned_data["decision"] == ClaimDecisionForm.APPROVE:
                    services.claim_approve(
                        claim=claim, decided_by=request.user, note=form.cleaned_data["note"]
                    )
                    messages.success(
                        request,
                        f"Approved: {claim.user.get_full_name()} now manages {claim.organisation.name}.",
                    )
                else:
                    services.claim_deny(
                        claim=claim, decided_by=request.user, reason=form.cleaned_data["note"]
                    )
                    messages.success(
                        request, f"Not approved. {claim.user.get_full_name()} has been told why."
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("claims:claim_list")
        status = 400
    else:
        status = 200
    other_claims = (
        OrganisationClaim.objects.filter(user=claim.user).exclude(pk=claim.pk).select_related("organisation")
    )
    return render(
        request,
        "claims/claim_decide.html",
        {"claim": claim, "form": form, "is_pending": is_pending, "other_claims": other_claims},
        status=status,
    )

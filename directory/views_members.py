"""The provider area's people: members, their roles, and invitations. Managers change them; members look."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import get_for_user, organisations_for
from directory import listings
from directory.choices import MemberRole
from directory.forms import InvitationForm, RoleForm


def _organisation(request, org_slug, permission):
    return get_for_user(request, organisations_for(request.user), permission, slug=org_slug)


def _members_page(request, organisation, *, status=200, error=""):
    is_manager = request.user.has_perm("accounts.manage_members", organisation)
    memberships = organisation.memberships.select_related("user").order_by("user__email")
    invitations = organisation.invitations.usable().select_related("invited_by") if is_manager else []
    return render(
        request,
        "manage/members.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "is_manager": is_manager,
            "roles": MemberRole.choices,
            "error": error,
        },
        status=status,
    )


@login_required
@require_safe
def members(request, org_slug):
    return _members_page(request, _organisation(request, org_slug, "accounts.view_organisation"))


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, org_slug):
    organisation = _organisation(request, org_slug, "accounts.manage_members")
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                invitation, _token = listings.invitation_send(
                    organisation=organisation,
                    by=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as exc:
                form.add_error("email" if "email" in exc.message_dict else None, exc.messages)
            else:
                messages.success(
                    request,
                    f"Invitation sent to {invitation.email}. The link in it works once, until "
                    f"{invitation.expires_at:%-d %B %Y}.",
                )
                return redirect("manage:members", org_slug=organisation.slug)
        status = 400
    else:
        status = 200
    return render(request, "manage/invite.html", {"organisation": organisation, "form": form}, status=status)


@login_required
@require_POST
def invitation_withdraw(request, org_slug, pk):
    organisation = _organisation(request, org_slug, "accounts.manage_members")
    invitation = get_object_or_404(organisation.invitations.all(), pk=pk)
    try:
        listings.invitation_withdraw(invitation=invitation, by=request.user)
    except ValidationError as exc:
        return _members_page(request, organisation, status=400, error=" ".join(exc.messages))
    messages.success(request, f"The invitation to {invitation.email} is withdrawn: its link no longer works.")
    return redirect("manage:members", org_slug=organisation.slug)


@login_required
@require_POST
def member_role(request, org_slug, pk):
    organisation = _organisation(request, org_slug, "accounts.manage_members")
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(request, organisation, status=400, error="Choose member or manager.")
    try:
        listings.membership_change_role(
            membership=membership, by=request.user, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        return _members_page(request, organisation, status=400, error=" ".join(exc.messages))
    label = MemberRole(form.cleaned_data["role"]).label.lower()
    messages.success(request, f"{membership.user.email} is now a {label}.")
    return redirect("manage:members", org_slug=organisation.slug)


@login_required
@require_POST
def member_remove(request, org_slug, pk):
    organisation = _organisation(request, org_slug, "accounts.manage_members")
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    try:
        listings.membership_remove(membership=membership, by=request.user)
    except ValidationError as exc:
        return _members_page(request, organisation, status=400, error=" ".join(exc.messages))
    if membership.user_id == request.user.pk:
        messages.success(request, f"You have left {organisation.name}.")
        return redirect("manage:dashboard")
    messages.success(request, f"{membership.user.email} is no longer a member of {organisation.name}.")
    return redirect("manage:members", org_slug=organisation.slug)

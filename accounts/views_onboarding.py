"""How charities and colleagues arrive: "List your service", a new organisation or a claim on one,
and accepting an invitation to join an organisation.

Forms re-render with status 400 on bad input, with every value kept and the message by the field.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_safe

from accounts import services
from accounts.forms_onboarding import (
    ClaimForm,
    InvitationAccountForm,
    OrganisationRegisterForm,
    OrganisationSearchForm,
)
from accounts.models import Invitation, Membership, OrganisationClaim, token_digest
from directory.choices import MemberRole
from directory.models import Organisation

SEARCH_RESULTS_SHOWN = 20


def _url(name: str, fallback: str) -> str:
    """A URL by name where the page exists already, else its agreed path (built by another part)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def signup_url(next_path: str) -> str:
    return f"{_url('accounts:signup', '/accounts/signup/')}?{urlencode({'next': next_path})}"


def login_url(next_path: str) -> str:
    return f"{reverse('login')}?{urlencode({'next': next_path})}"


def my_organisation_url() -> str:
    return _url("manage:dashboard", services.MY_ORGANISATION_PATH)


def _signed_in_or_sign_up(view):
    """Like login_required, but a newcomer is sent to make an account (with a link to sign in there)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(signup_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _memberships(user):
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).select_related("organisation"))


@require_safe
def list_your_service(request):
    """What happens when you list a service, in plain English, for anyone."""
    start = reverse("onboarding:organisation_start")
    return render(
        request,
        "onboarding/list_your_service.html",
        {
            "start_url": start,
            "signup_url": signup_url(start),
            "login_url": login_url(start),
            "memberships": _memberships(request.user),
            "my_organisation_url": my_organisation_url(),
            "review_months": 6,
        },
    )


@require_safe
@_signed_in_or_sign_up
def organisation_start(request):
    """Find your organisation (it may be listed already, perhaps imported) or add a new one."""
    form = OrganisationSearchForm(request.GET or None)
    query = ""
    results = None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
    if query:
        # Every organisation, including those with no published services yet: they can be claimed.
        found = Organisation.objects.filter(name__icontains=query).order_by("name")
        results = list(found[: SEARCH_RESULTS_SHOWN + 1])
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "onboarding/organisation_start.html",
        {
            "form": form,
            "query": query,
            "results": results[:SEARCH_RESULTS_SHOWN] if results is not None else None,
            "more_results": results is not None and len(results) > SEARCH_RESULTS_SHOWN,
            "memberships": _memberships(request.user),
            "my_organisation_url": my_organisation_url(),
            "new_url": reverse("onboarding:organisation_new")
            + (f"?{urlencode({'name': query})}" if query else ""),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@_signed_in_or_sign_up
def organisation_new(request):
    """Add a new organisation; the person adding it becomes its manager."""
    if request.method == "POST":
        form = OrganisationRegisterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                organisation = services.organisation_register(
                    user=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    is_referrer=data["is_referrer"],
                    is_provider=data["is_provider"],
                    charity_number=data["charity_number"],
                    website=data["website"],
                    email=data["email"],
                    phone=data["phone"],
                    description=data["description"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"{organisation.name} is added, and you are its manager. Next, describe a service it runs.",
                )
                return redirect(my_organisation_url())
        return render(request, "onboarding/organisation_new.html", {"form": form}, status=400)
    initial = {"name": request.GET.get("name", "")[:200]} if request.GET.get("name") else {}
    form = OrganisationRegisterForm(initial=initial)
    return render(request, "onboarding/organisation_new.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@_signed_in_or_sign_up
def claim_create(request, slug):
    """Ask to manage an organisation already listed. Organisations are public, so any slug is found."""
    organisation = get_object_or_404(Organisation, slug=slug)
    pending = OrganisationClaim.objects.filter(
        user=request.user, organisation=organisation, status=OrganisationClaim.Status.PENDING
    ).first()
    already_manager = Membership.objects.filter(
        user=request.user, organisation=organisation, role=MemberRole.MANAGER
    ).exists()
    context = {
        "organisation": organisation,
        "pending": pending,
        "already_manager": already_manager,
        "my_requests_url": reverse("onboarding:my_requests"),
        "my_organisation_url": my_organisation_url(),
    }
    if request.method == "POST":
        form = ClaimForm(request.POST)
        if form.is_valid():
            try:
                services.claim_request(
                    user=request.user,
                    organisation=organisation,
                    role_at_organisation=form.cleaned_data["role_at_organisation"],
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    f"Your request to manage {organisation.name} is sent. An editor will check it and "
                    "we will email you with the decision.",
                )
                return redirect("onboarding:my_requests")
        return render(request, "onboarding/claim_form.html", {**context, "form": form}, status=400)
    return render(request, "onboarding/claim_form.html", {**context, "form": ClaimForm()})


@require_safe
@login_required
def my_requests(request):
    """The person's own requests to manage organisations, with what was decided."""
    claims = (
        OrganisationClaim.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("-created")
    )
    return render(
        request,
        "onboarding/my_requests.html",
        {"claims": claims, "start_url": reverse("onboarding:organisation_start")},
    )


# Invitations ------------------------------------------------------------------------------------

REFUSAL_STATUS = {"unknown": 404, "accepted": 410, "withdrawn": 410, "expired": 410}


@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request, token):
    """Join an organisation from the one-time link a manager sent.

    An unknown link is a 404; one that was used, withdrawn or has expired is a 410 (Gone), and the
    page says which, and to ask the manager for a new one.
    """
    invitation = (
        Invitation.objects.filter(token_hash=token_digest(token))
        .select_related("organisation", "invited_by")
        .first()
    )
    refusal = services.invitation_refusal(invitation)
    if refusal:
        return _invitation_refused(request, invitation, refusal)

    here = request.path
    context = {"invitation": invitation, "organisation": invitation.organisation}
    user = request.user

    if user.is_authenticated:
        if user.email.casefold() != invitation.email.casefold():
            return render(
                request, "onboarding/invitation_wrong_person.html", {**context, "next": here}, status=403
            )
        if request.method == "POST":
            try:
                services.invitation_accept(invitation=invitation, user=user)
            except ValidationError:
                invitation.refresh_from_db()
                return _invitation_refused(
                    request, invitation, services.invitation_refusal(invitation) or "accepted"
                )
            return _joined(request, invitation)
        return render(request, "onboarding/invitation_confirm.html", context)

    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        if request.method == "POST":
            return HttpResponseRedirect(login_url(here))
        return render(
            request, "onboarding/invitation_sign_in.html", {**context, "login_url": login_url(here)}
        )

    if request.method == "POST":
        form = InvitationAccountForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                new_user = services.invitation_accept_new_account(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except ValidationError as error:
                invitation.refresh_from_db()
                refusal = services.invitation_refusal(invitation)
                if refusal:
                    return _invitation_refused(request, invitation, refusal)
                form.add_error(None, error)
            else:
                login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
                return _joined(request, invitation)
        return render(
            request, "onboarding/invitation_new_account.html", {**context, "form": form}, status=400
        )
    form = InvitationAccountForm(email=invitation.email)
    return render(request, "onboarding/invitation_new_account.html", {**context, "form": form})


def _invitation_refused(request, invitation, refusal):
    return render(
        request,
        "onboarding/invitation_refused.html",
        {"invitation": invitation, "refusal": refusal},
        status=REFUSAL_STATUS[refusal],
    )


def _joined(request, invitation):
    messages.success(request, f"You have joined {invitation.organisation.name}.")
    return redirect(my_organisation_url())

"""The provider area, /my-organisation/: an organisation's listings, and the listing form.

Every object in a URL is fetched through accounts.access.get_for_user with a scoped queryset:
a stranger gets 404, a member without the right role or organisation kind gets 403.
Members and invitations are in directory/views_members.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.access import get_for_user, organisations_for, services_for
from directory import listings
from directory.choices import Capacity, Freshness, MemberRole, ServiceStatus
from directory.forms import (
    CapacityForm,
    ServiceForm,
    error_items,
    location_formset,
    opening_time_formset,
    opening_time_initial,
)
from directory.models import Service


@login_required
@require_safe
def dashboard(request):
    organisations = list(organisations_for(request.user).order_by("name"))
    if len(organisations) == 1:
        return _organisation_page(request, organisations[0])
    return render(request, "manage/dashboard.html", {"organisations": organisations})


@login_required
@require_safe
def organisation(request, org_slug):
    organisation = get_for_user(
        request, organisations_for(request.user), "accounts.view_organisation", slug=org_slug
    )
    return _organisation_page(request, organisation)


def _organisation_page(request, organisation, *, status=200, error=""):
    role = request.user.memberships.filter(organisation=organisation).values_list("role", flat=True).first()
    rows = []
    if organisation.is_provider:
        services = (
            Service.objects.listings()
            .filter(organisation=organisation)
            .select_related("pending_edit")
            .order_by("name")
        )
        rows = [_listing_row(service) for service in services]
    return render(
        request,
        "manage/organisation.html",
        {
            "organisation": organisation,
            "is_manager": role == MemberRole.MANAGER,
            "rows": rows,
            "capacity_choices": Capacity.choices,
            "error": error,
        },
        status=status,
    )


def _pending_copy(service: Service) -> Service | None:
    try:
        return service.pending_edit
    except Service.DoesNotExist:
        return None


def _listing_row(service: Service) -> dict:
    """What the organisation page says about one listing: status, freshness, and what can be done."""
    copy = _pending_copy(service)
    sent_back = service.status == ServiceStatus.DRAFT and bool(service.review_note)
    status = {
        ServiceStatus.DRAFT: "Draft: not yet sent for review",
        ServiceStatus.PENDING_REVIEW: "Waiting for review by a directory editor",
        ServiceStatus.PUBLISHED: "Published",
        ServiceStatus.ARCHIVED: "Archived: not shown to the public",
    }[service.status]
    if sent_back:
        status = "Sent back by an editor"
    changes, changes_note, to_submit = "", "", None
    if copy is not None:
        if copy.status == ServiceStatus.PENDING_REVIEW:
            changes = "Your changes are waiting for review. The public sees the published version until then."
        elif copy.review_note:
            changes = "Your changes were sent back by an editor."
            changes_note = copy.review_note
            to_submit = copy
        else:
            changes = "You have saved changes that are not yet sent for review."
            to_submit = copy
    elif service.status == ServiceStatus.DRAFT:
        to_submit = service
    return {
        "service": service,
        "status": status,
        "sent_back_note": service.review_note if sent_back else "",
        "changes": changes,
        "changes_note": changes_note,
        "to_submit": to_submit,
        "is_published": service.status == ServiceStatus.PUBLISHED,
        "freshness": _freshness_text(service),
        "freshness_warning": service.freshness in (Freshness.OVERDUE, Freshness.LAPSED, Freshness.DUE),
    }


def _freshness_text(service: Service) -> str:
    if service.status != ServiceStatus.PUBLISHED:
        return ""
    if service.freshness == Freshness.LAPSED:
        return "Not confirmed for over a year: it is out of search until you confirm it."
    if service.freshness == Freshness.OVERDUE:
        return "May be out of date: the public sees this warning until you confirm it."
    if service.freshness == Freshness.DUE:
        return "Due: please check it and confirm it is still correct."
    if service.last_reviewed is None:
        return "Not yet checked."
    if service.last_reviewed >= timezone.localdate():
        return "Checked today."
    return f"Checked {timesince(service.last_reviewed, depth=1).replace(chr(160), ' ')} ago."


# The listing form ---------------------------------------------------------------------------------

ADD_BUTTONS = {"add_opening_time": "opening", "add_place": "place"}


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request, org_slug):
    organisation = get_for_user(
        request, organisations_for(request.user), "directory.edit_listings", slug=org_slug
    )
    return _service_form_page(request, organisation=organisation, listing=None, target=None)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, slug):
    listing = get_for_user(request, services_for(request.user), "directory.edit_service", slug=slug)
    target = listing
    if listing.status == ServiceStatus.PUBLISHED:
        # Edits go to the working copy once there is one; until then the form starts from the published version.
        target = _pending_copy(listing) or listing
    return _service_form_page(request, organisation=listing.organisation, listing=listing, target=target)


def _service_form_page(request, *, organisation, listing, target):
    instance = target if target is not None else Service(organisation=organisation)
    initial_times = opening_time_initial(target) if target is not None else []
    if request.method == "POST":
        data = request.POST.copy()
        adding = next((prefix for button, prefix in ADD_BUTTONS.items() if button in data), None)
        if adding:
            _add_row(data, adding)
        form = ServiceForm(data, instance=instance, organisation=organisation)
        openings = opening_time_formset(organisation=organisation, data=data, initial=initial_times)
        places = location_formset(organisation=organisation, data=data)
        if adding:
            # Another empty row, everything typed kept, and no errors shown for a form not yet sent.
            _silence(form, openings, places)
            return _render_form(request, organisation, listing, target, form, openings, places, focus=adding)
        if form.is_valid() and openings.is_valid() and places.is_valid():
            content = listings.ListingContent(
                fields=form.content_fields(),
                audiences=form.cleaned_data["audiences"],
                topics=form.cleaned_data["topics"],
                locations=form.cleaned_data["locations"],
                new_locations=places.kept(),
                opening_times=openings.kept(),
            )
            try:
                if target is None:
                    saved = listings.service_create(
                        organisation=organisation, by=request.user, content=content
                    )
                else:
                    saved = listings.service_update(service=target, by=request.user, content=content)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                if saved.draft_of_id:
                    messages.success(
                        request,
                        f"Your changes to {saved.name} are saved. The public keeps seeing the published "
                        "version until an editor approves them. Send them for review when you are ready.",
                    )
                else:
                    messages.success(
                        request, f"{saved.name} is saved as a draft. Send it for review when ready."
                    )
                return redirect("manage:organisation", org_slug=organisation.slug)
        return _render_form(request, organisation, listing, target, form, openings, places, status=400)
    form = ServiceForm(instance=instance, organisation=organisation)
    openings = opening_time_formset(
        organisation=organisation, initial=initial_times, extra=0 if initial_times else 1
    )
    places = location_formset(organisation=organisation, extra=0 if organisation.locations.exists() else 1)
    return _render_form(request, organisation, listing, target, form, openings, places)


def _add_row(data, prefix: str) -> None:
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(min(max(total, 0) + 1, 50))


def _silence(form, *formsets) -> None:
    form._errors = ErrorDict()
    for formset in formsets:
        formset._errors = []
        formset._non_form_errors = formset.error_class()
        for row in formset.forms:
            row._errors = ErrorDict()


def _render_form(request, organisation, listing, target, form, openings, places, *, status=200, focus=""):
    editing_published = listing is not None and listing.status == ServiceStatus.PUBLISHED
    errors = [] if status == 200 else error_items(form, [("Opening time", openings), ("New place", places)])
    return render(
        request,
        "manage/service_form.html",
        {
            "organisation": organisation,
            "listing": listing,
            "target": target,
            "form": form,
            "openings": openings,
            "places": places,
            "errors": errors,
            "editing_published": editing_published,
            "focus": focus,
        },
        status=status,
    )


# One-click actions ------------------------------------------------------------------------------


def _listing_for_action(request, slug) -> Service:
    return get_for_user(request, services_for(request.user).listings(), "directory.edit_service", slug=slug)


def _refused(request, service, message):
    return _organisation_page(request, service.organisation, status=400, error=message)


@login_required
@require_POST
def service_submit(request, slug):
    listing = _listing_for_action(request, slug)
    target = listing
    if listing.status == ServiceStatus.PUBLISHED:
        target = _pending_copy(listing)
        if target is None:
            return _refused(request, listing, "There are no changes to send: edit the listing first.")
    try:
        listings.service_submit(service=target, by=request.user)
    except ValidationError as exc:
        return _refused(request, listing, " ".join(exc.messages))
    messages.success(request, f"{listing.name} is sent for review. A directory editor will check it.")
    return redirect("manage:organisation", org_slug=listing.organisation.slug)


@login_required
@require_POST
def service_capacity(request, slug):
    listing = _listing_for_action(request, slug)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        return _refused(request, listing, "Choose whether the service can take new people.")
    listings.service_set_capacity(service=listing, by=request.user, capacity=form.cleaned_data["capacity"])
    label = Capacity(form.cleaned_data["capacity"]).label
    messages.success(request, f"{listing.name} now shows “{label}”. This is live at once.")
    return redirect("manage:organisation", org_slug=listing.organisation.slug)


@login_required
@require_POST
def service_confirm(request, slug):
    listing = _listing_for_action(request, slug)
    try:
        listings.service_confirm_current(service=listing, by=request.user)
    except ValidationError as exc:
        return _refused(request, listing, " ".join(exc.messages))
    messages.success(request, f"Thank you: {listing.name} is confirmed as still correct today.")
    return redirect("manage:organisation", org_slug=listing.organisation.slug)

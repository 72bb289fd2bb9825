"""The provider inbox (/referrals/inbox/), its capacity forms, and the referrer's "My referrals"
(/referrals/). Both lists show a person's short name only, write one audit event per row shown,
and answer in a fixed number of queries whatever the page size (referrals/selectors.py)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_for_user, services_for
from directory import listings
from directory.choices import Capacity
from directory.pagination import paginate
from referrals import selectors
from referrals.audit import audit_list

PER_PAGE = 25
MAX_WAITING_WEEKS = 104


class CapacityForm(forms.Form):
    capacity = forms.ChoiceField(
        label="Can the service take new people?",
        choices=Capacity.choices,
        error_messages={
            "required": "Choose whether the service can take new people.",
            "invalid_choice": "Choose one of the options.",
        },
    )
    waiting_weeks = forms.IntegerField(
        label="Typical wait in weeks",
        required=False,
        min_value=1,
        max_value=MAX_WAITING_WEEKS,
        help_text="Only for a waiting list.",
        error_messages={
            "invalid": "Give the typical wait as a whole number of weeks, like 6.",
            "min_value": f"Give a typical wait from 1 to {MAX_WAITING_WEEKS} weeks.",
            "max_value": f"Give a typical wait from 1 to {MAX_WAITING_WEEKS} weeks.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("waiting_weeks") is not None and cleaned.get("capacity") not in (
            None,
            Capacity.WAITING_LIST,
        ):
            self.add_error(
                "waiting_weeks",
                "Give a typical wait only for a waiting list, or choose “Waiting list”.",
            )
        return cleaned


def _capacity_form(service, data=None) -> CapacityForm:
    return CapacityForm(
        data,
        auto_id=f"id_%s_{service.pk}",
        initial={"capacity": service.capacity, "waiting_weeks": service.waiting_weeks},
    )


def _query_string(**params) -> str:
    return urlencode({key: value for key, value in params.items() if value})


def _tabs(groups, counts, **other_filters) -> list[dict]:
    """One link per group, with its count, keeping the other filters."""
    return [
        {"group": group, "count": counts[group.key], "query": _query_string(state=group.key, **other_filters)}
        for group in groups
    ]


def _page_range(result) -> list:
    if result.page is None:
        return []
    return list(result.paginator.get_elided_page_range(result.page.number, on_each_side=2, on_ends=1))


def _rows(request, queryset):
    """The requested page of rows, flagged, and one audit event per row shown."""
    result = paginate(request, queryset, PER_PAGE)
    rows = []
    if result.page is not None:
        now = timezone.now()
        rows = selectors.link([selectors.flag(referral, now) for referral in result.page.object_list])
        audit_list(request.user, rows)
    return result, rows


# --- the provider inbox ------------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def inbox(request):
    return _inbox_page(request)


def _inbox_page(request, *, status: int = 200, capacity_forms: dict | None = None):
    organisations = selectors.member_organisations(request.user)
    if not any(organisation.is_provider for organisation in organisations):
        raise PermissionDenied
    services = selectors.inbox_services(organisations)
    errors = []

    group = selectors.group_named(selectors.INBOX_GROUPS, request.GET.get("state"), "new")
    if group is None:
        errors.append("That is not one of the lists below: showing the new referrals.")
        group = selectors.INBOX_GROUPS[0]
    service = None
    service_slug = request.GET.get("service", "")
    if service_slug:
        service = next((candidate for candidate in services if candidate.slug == service_slug), None)
        if service is None:
            errors.append("That is not one of your services: showing referrals for all of them.")
            service_slug = ""

    counts = selectors.group_counts(selectors.inbox_received(request.user, service), selectors.INBOX_GROUPS)
    rows_queryset = selectors.inbox_rows(request.user, group, service)
    result, rows = _rows(request, selectors.Counted(rows_queryset, counts[group.key]))
    if errors:
        status = 400
    elif result.error:
        status = result.status

    capacity_forms = capacity_forms or {}
    query_string = _query_string(state=group.key, service=service_slug)
    # Where accepting or declining a referral returns to: this list, as it is now.
    here = f"{reverse('referrals:inbox')}?{query_string}"
    if result.page is not None and result.page.number > 1:
        here += f"&page={result.page.number}"
    return render(
        request,
        "referrals/inbox.html",
        {
            "tabs": _tabs(selectors.INBOX_GROUPS, counts, service=service_slug),
            "group": group,
            "services": services,
            "organisations_count": sum(1 for organisation in organisations if organisation.is_provider),
            "service": service,
            "service_slug": service_slug,
            "rows": rows,
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_range": _page_range(result),
            "page_error": result.error,
            "filter_errors": errors,
            "query_string": query_string,
            "here": here,
            "here_encoded": quote(here, safe="/"),
            "capacity_rows": [
                (candidate, capacity_forms.get(candidate.pk) or _capacity_form(candidate))
                for candidate in selectors.published(services)
            ],
            "nudge_days": settings.REFERRAL_NUDGE_DAYS[0],
            "not_contacted_days": selectors.NOT_CONTACTED_DAYS,
        },
        status=status,
    )


@never_cache
@login_required
@require_POST
def update_capacity(request, slug):
    """Capacity is operational: live at once on the published listing, without review (and on a
    pending working copy too, so approving it does not undo this). Simple-history records who."""
    service = get_for_user(
        request, services_for(request.user).listings(), "directory.edit_service", slug=slug
    )
    form = _capacity_form(service, request.POST)
    if form.is_valid():
        try:
            listings.service_set_capacity(
                service=service,
                by=request.user,
                capacity=form.cleaned_data["capacity"],
                waiting_weeks=form.cleaned_data["waiting_weeks"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            label = Capacity(form.cleaned_data["capacity"]).label
            weeks = form.cleaned_data["waiting_weeks"]
            if weeks:
                label += f", typically {weeks} week{'s' if weeks != 1 else ''}"
            messages.success(request, f"{service.name} now shows “{label}”. This is live at once.")
            return redirect(f"{reverse('referrals:inbox')}#capacity")
    return _inbox_page(request, status=400, capacity_forms={service.pk: form})


# --- the referrer's list -----------------------------------------------------------------------


@never_cache
@login_required
@require_safe
def sent_list(request):
    organisations = selectors.member_organisations(request.user)
    if not any(organisation.is_referrer for organisation in organisations):
        raise PermissionDenied
    errors = []
    group = selectors.group_named(selectors.SENT_GROUPS, request.GET.get("state"), "all")
    if group is None:
        errors.append("That is not one of the lists below: showing all referrals.")
        group = selectors.group_named(selectors.SENT_GROUPS, "all", "all")
    mine = request.GET.get("mine", "") == "1"

    counts = selectors.group_counts(selectors.sent(request.user, mine=mine), selectors.SENT_GROUPS)
    rows_queryset = selectors.sent_rows(request.user, group, mine=mine)
    result, rows = _rows(request, selectors.Counted(rows_queryset, counts[group.key]))
    status = 400 if errors else (result.status if result.error else 200)
    return render(
        request,
        "referrals/sent_list.html",
        {
            "tabs": _tabs(selectors.SENT_GROUPS, counts, mine="1" if mine else ""),
            "group": group,
            "mine": mine,
            "organisations": [organisation for organisation in organisations if organisation.is_referrer],
            "rows": rows,
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_range": _page_range(result),
            "page_error": result.error,
            "filter_errors": errors,
            "query_string": _query_string(state=group.key, mine="1" if mine else ""),
        },
        status=status,
    )

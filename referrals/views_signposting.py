"""/referrals/signposting/: a referrer records that they told a person about services without a
formal referral (issue 9, point 7), and their organisation's records, which count in reports."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from directory.choices import Element
from directory.models import Organisation, Service
from directory.pagination import paginate
from referrals import access
from referrals import shortlist as store
from referrals.audit import audit
from referrals.choices import AuditAction
from referrals.forms_signposting import SignpostingForm
from referrals.models import ELEMENT_FIELDS, Person, Signposting

PER_PAGE = 25
MAX_SERVICES_IN_LINK = 50


def _referrer_organisations(user):
    """The referrer organisations this person is a member of (referrals.refer_from on each)."""
    return Organisation.objects.filter(memberships__user=user, is_referrer=True).order_by("name", "pk")


def _require_referrer(user) -> None:
    if not user.has_perm("referrals.refer"):
        raise PermissionDenied


def _person_from(request) -> Person | None:
    raw = request.GET.get("person", "").strip()
    if not raw:
        return None
    try:
        person_uuid = uuid.UUID(raw)
    except ValueError:
        raise Http404("No such person.") from None
    person = Person.objects.held_by(request.user).filter(uuid=person_uuid, anonymised_at__isnull=True).first()
    if person is None:
        raise Http404("No such person.")
    return person


def _candidate_services(request) -> list[Service]:
    """The services offered on the form: those the link names (?services=slug1,slug2), then, with
    ?shortlist=1, the shortlist's, each published service once."""
    slugs = [slug.strip() for slug in request.GET.get("services", "").split(",") if slug.strip()]
    chosen: list[Service] = []
    if slugs:
        by_slug = {
            service.slug: service
            for service in Service.objects.published()
            .filter(draft_of__isnull=True, slug__in=slugs[:MAX_SERVICES_IN_LINK])
            .select_related("organisation")
        }
        chosen = [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]
    if request.GET.get("shortlist") == "1":
        seen = {service.pk for service in chosen}
        chosen += [service for service in store.services(request) if service.pk not in seen]
    return chosen


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def signposting_new(request):
    user = request.user
    _require_referrer(user)
    person = _person_from(request)
    organisations = _referrer_organisations(user)
    if person is not None:
        organisations = organisations.filter(pk=person.organisation_id)
        if not organisations.exists():
            # Held by one of their organisations that does not refer (a self-referral it received).
            raise PermissionDenied
    services = _candidate_services(request)
    context = {"person": person, "services": services, "organisations": list(organisations)}
    if not services:
        return render(request, "referrals/signposting_form.html", {**context, "form": None})

    form = SignpostingForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        services=services,
        person=person,
    )
    if request.method == "POST":
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            if not user.has_perm("referrals.refer_from", organisation):
                raise PermissionDenied
            linked = person if person is not None and form.cleaned_data.get("link_person") else None
            with transaction.atomic():
                signposting = Signposting.objects.create(
                    organisation=organisation,
                    recorded_by=user,
                    person=linked,
                    note=form.cleaned_data["note"],
                    **form.element_values(),
                )
                signposting.services.set(form.cleaned_data["services"])
                if linked is not None:
                    audit(user, AuditAction.CHANGE, person=linked)
            count = len(form.cleaned_data["services"])
            messages.success(
                request,
                f"Signposting to {count} service{'s' if count != 1 else ''} recorded for {organisation.name}.",
            )
            return redirect(reverse("referrals:signposting_list") + f"?organisation={organisation.pk}")
        status = 400
    else:
        status = 200
        if person is not None:
            audit(user, AuditAction.VIEW, person=person)
    return render(request, "referrals/signposting_form.html", {**context, "form": form}, status=status)


def _counts(signpostings) -> dict:
    """This month's, all-time and per-element counts, in one query."""
    start_of_month = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    aggregates = {
        "total": Count("pk"),
        "this_month": Count("pk", filter=Q(created__gte=start_of_month)),
        **{element: Count("pk", filter=Q(**{field: True})) for element, field in ELEMENT_FIELDS.items()},
    }
    counted = signpostings.aggregate(**aggregates)
    return {
        "total": counted["total"],
        "this_month": counted["this_month"],
        "by_element": [(Element(element).label, counted[element]) for element in ELEMENT_FIELDS],
    }


@never_cache
@require_safe
@login_required
def signposting_list(request):
    user = request.user
    _require_referrer(user)
    organisations = list(_referrer_organisations(user))
    chosen = None
    raw = request.GET.get("organisation", "")
    if raw:
        chosen = next((organisation for organisation in organisations if str(organisation.pk) == raw), None)
        if chosen is None:
            raise Http404("No such organisation among yours.")
    scope = [chosen] if chosen is not None else organisations
    signpostings = access.signpostings_for(user).filter(organisation__in=scope)
    counts = _counts(signpostings)
    result = paginate(
        request,
        signpostings.select_related("organisation", "recorded_by", "person").prefetch_related("services"),
        PER_PAGE,
    )
    for record in result.page or []:
        record.element_labels = [Element(element).label for element in record.elements()]
    return render(
        request,
        "referrals/signposting_list.html",
        {
            "organisations": organisations,
            "chosen": chosen,
            "counts": counts,
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_error": result.error,
            "query_string": f"organisation={chosen.pk}" if chosen is not None else "",
        },
        status=result.status,
    )

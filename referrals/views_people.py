"""/people/<uuid>/: one person's record, their journey through services, who looked at it;
editing it; and the subject access export.

Only the organisation holding the record sees it (referrals.view_person); an organisation that
received a referral for the person knows they exist and gets 403; anyone else 404. Every view,
change and export writes an audit event.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from directory.choices import Element
from directory.pagination import paginate
from referrals.access import get_person_for_user, referrals_for, signpostings_for
from referrals.audit import audit
from referrals.choices import AuditAction
from referrals.export import person_export
from referrals.forms_people import PersonForm
from referrals.models import AuditEvent

AUDIT_PAGE_SIZE = 25


def journey(referrals) -> list[list]:
    """The referrals as chains, oldest first: a referral referred on is followed by the one it led to.

    Only referrals the viewer may see take part; one whose previous referral is hidden from them
    starts a chain of its own."""
    referrals = sorted(referrals, key=lambda referral: (referral.created, referral.pk))
    by_id = {referral.pk: referral for referral in referrals}
    following: dict[int, list] = {}
    for referral in referrals:
        if referral.previous_id in by_id:
            following.setdefault(referral.previous_id, []).append(referral)
    chains = []
    for referral in referrals:
        if referral.previous_id in by_id:
            continue
        chain, step = [], [referral]
        while step:
            current = step.pop(0)
            chain.append(current)
            step = following.get(current.pk, []) + step
        chains.append(chain)
    return chains


@never_cache
@login_required
@require_GET
def detail(request, person_uuid):
    person = get_person_for_user(request, person_uuid, "referrals.view_person")
    audit(request.user, AuditAction.VIEW, person=person)
    referrals = referrals_for(request.user).filter(person=person).order_by()
    signpostings = (
        signpostings_for(request.user)
        .filter(person=person)
        .select_related("recorded_by")
        .prefetch_related("services")
    )
    context = {
        "person": person,
        "elements": [Element(element).label for element in person.elements_sought()],
        "topics": list(person.topics.all()),
        "chains": journey(referrals),
        "signpostings": signpostings,
        "can_refer": request.user.has_perm("referrals.refer"),
        "can_export": request.user.has_perm("referrals.export_person", person),
        "repeatable_services": [],
    }
    seen = set()
    for chain in context["chains"]:
        for referral in chain:
            if referral.service.accepts_supportmap_referrals and referral.service_id not in seen:
                seen.add(referral.service_id)
                context["repeatable_services"].append(referral.service)
    status = 200
    if request.user.has_perm("referrals.view_person_audit", person):
        events = AuditEvent.objects.filter(person_uuid=person.uuid).select_related("user", "organisation")
        result = paginate(request, events, AUDIT_PAGE_SIZE)
        context.update(audit_page=result.page, audit_error=result.error, show_audit=True)
        status = result.status
    return render(request, "referrals/people/detail.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def edit(request, person_uuid):
    person = get_person_for_user(request, person_uuid, "referrals.change_person")
    if person.anonymised_at:
        return render(request, "referrals/people/anonymised.html", {"person": person}, status=409)
    # The form writes what was typed onto the instance: the page's name is the saved one.
    display_name = person.display_name
    if request.method == "POST":
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            if form.has_changed():
                with transaction.atomic():
                    # simple-history's middleware names the user; said again here for clarity.
                    form.instance._history_user = request.user
                    form.save()
                    audit(request.user, AuditAction.CHANGE, person=person)
                messages.success(request, "The record is saved.")
            else:
                messages.info(request, "Nothing was changed.")
            return redirect("people:detail", person_uuid=person.uuid)
        status = 422
    else:
        form = PersonForm(instance=person)
        status = 200
    context = {"person": person, "form": form, "display_name": display_name}
    return render(request, "referrals/people/edit.html", context, status=status)


@never_cache
@login_required
@require_GET
def export(request, person_uuid):
    """Subject access: everything about this person, as a JSON download (managers of the holding
    organisation). The export's own audit event is written first, so it is in the file too."""
    person = get_person_for_user(request, person_uuid, "referrals.export_person")
    audit(request.user, AuditAction.EXPORT, person=person)
    data = person_export(person, request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="supportmap-person-{person.uuid}.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

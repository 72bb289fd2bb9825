"""Making a referral: the staff form (one service, or several from the shortlist), drafts, and
self-referral by the public.

- /services/<slug>/refer/ (refer:staff): a member of a referrer organisation refers someone, with
  their consent, to a published service that takes referrals through SupportMap.
- referral_form_page(request, services, cancel_url=...): the same form for several services (the
  shortlist's "Refer to these services"): one person, one consent per provider organisation, one
  referral per service.
- /referrals/<uuid>/edit/ (refer:edit_draft): the referrer's organisation finishes a draft.
- /services/<slug>/self-refer/ (refer:self): a member of the public refers themselves; then
  /services/<slug>/self-refer/sent/ (refer:self_sent) says what happens next.

Every page here is never_cache: they show or take personal details.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from directory.models import Organisation, Service
from referrals import services as referral_services
from referrals.access import get_person_for_user, get_referral_for_user, takes_referrals
from referrals.audit import audit
from referrals.choices import SELF_REFERRAL_CONSENT_VERSION, AuditAction, ConsentMethod, Status
from referrals.duplicates import likely_duplicates
from referrals.forms_refer import YES, SelfReferralForm, StaffReferralForm
from supportmap.signin import over_limit, rate_usage

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "referrals.self_referral"
# The SNOMED CT concept for the GP record when the person does not want to be referred.
DECLINED_SNOMED = ("871711000000103", "Social prescribing declined")
# What the stop page carries back to the form, so going back loses nothing typed.
_NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "action", "duplicate", "intent"})


def referrable_services():
    """Services anyone may be referred to through SupportMap: published listings that take them."""
    return (
        Service.objects.published()
        .listings()
        .filter(accepts_supportmap_referrals=True)
        .select_related("organisation")
    )


def _referrer_organisations(user) -> list[Organisation]:
    """The organisations this person may refer from (rules: referrals.refer_from)."""
    candidates = Organisation.objects.with_member(user).filter(is_referrer=True).order_by("name").distinct()
    return [
        organisation for organisation in candidates if user.has_perm("referrals.refer_from", organisation)
    ]


# --- The staff form ---------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def refer(request, slug):
    if not request.user.has_perm("referrals.refer"):
        raise PermissionDenied
    service = get_object_or_404(referrable_services(), slug=slug)
    return referral_form_page(request, [service], cancel_url=service.get_absolute_url())


def _existing_person(request, organisations):
    """`?person=<uuid>`: someone already on record, held by one of the organisations they refer from."""
    raw = request.GET.get("person", "").strip()
    if not raw:
        return None
    try:
        person = get_person_for_user(request, raw, "referrals.view_person")
    except ValidationError as error:  # not a UUID
        raise Http404 from error
    if person.anonymised_at is not None:
        raise Http404
    if person.organisation_id not in {organisation.pk for organisation in organisations}:
        raise PermissionDenied
    return person


def _initial_from(form, data) -> dict:
    """What was typed, as a fresh form's initial values (the stop page's "go back")."""
    initial = {}
    for name, field in form.fields.items():
        if name not in data:
            continue
        multiple = getattr(field.widget, "allow_multiple_selected", False)
        initial[name] = data.getlist(name) if multiple else data.get(name)
    return initial


def referral_form_page(request, services, *, cancel_url: str):
    """The referral form for one service or several (one referral each, one person, one consent
    per provider organisation). Another page (the shortlist) may call this with its services;
    every service must be published and take referrals through SupportMap (else 404).

    Sent: one referral goes to its page, several to "My referrals"; a draft to "My referrals".
    """
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.has_perm("referrals.refer"):
        raise PermissionDenied
    services = list(services)
    if not services or not all(takes_referrals(service) for service in services):
        raise Http404
    organisations = _referrer_organisations(user)
    if not organisations:
        raise PermissionDenied
    person = _existing_person(request, organisations)
    if person is not None:
        organisations = [person.organisation]

    action = request.POST.get("action") or request.POST.get("intent") or "send"
    sending = action != "draft"
    form_kwargs = {"services": services, "organisations": organisations, "person": person, "sending": sending}
    context = {
        "services": services,
        "service": services[0] if len(services) == 1 else None,
        "person": person,
        "cancel_url": cancel_url,
        "intent": "draft" if not sending else "send",
    }

    if request.method != "POST":
        form = StaffReferralForm(**form_kwargs)
        if person is not None:
            audit(user, AuditAction.VIEW, person=person)
        return _render_form(request, form, context)

    form = StaffReferralForm(request.POST, **form_kwargs)
    if action == "edit":
        # Back from the stop page: the form again as it was typed, with consent to be asked again.
        form = StaffReferralForm(initial=_initial_from(form, request.POST), **form_kwargs)
        return _render_form(request, form, context)
    if form.refused_everywhere():
        return _stop_page(request, services, form=form, cancel_url=cancel_url)
    if not form.is_valid():
        return _render_form(request, form, context, status=422)

    organisation = form.chosen_organisation()
    if person is None:
        duplicates = likely_duplicates(
            organisation,
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data.get("date_of_birth"),
            chi_number=form.cleaned_data.get("chi_number", ""),
        )
        choice = request.POST.get("duplicate", "")
        if duplicates and choice != "new":
            person = next((found for found in duplicates if str(found.uuid) == choice), None)
            if person is None:
                context["duplicates"] = duplicates
                return _render_form(request, form, context)

    try:
        referrals, new_person = _create_referrals(form, user, organisation, person, services, sending=sending)
    except ValidationError as error:
        _add_model_errors(form, error)
        return _render_form(request, form, context, status=422)

    skipped = [
        service for service in services if service.organisation_id not in form.agreed_organisation_ids()
    ]
    if skipped:
        messages.warning(
            request,
            "Not referred to "
            + ", ".join(service.name for service in skipped)
            + ": the person did not agree to share their details with "
            + ", ".join(sorted({service.organisation.name for service in skipped}))
            + ".",
        )
    if not sending:
        messages.success(request, _saved_message(referrals, draft=True))
        return redirect("referrals:list")
    messages.success(request, _saved_message(referrals, draft=False))
    if len(referrals) == 1:
        return redirect("referrals:detail", referral_uuid=referrals[0].uuid)
    return redirect("referrals:list")


def _saved_message(referrals, *, draft: bool) -> str:
    names = ", ".join(referral.service.name for referral in referrals)
    if draft:
        return f"Draft saved for {names}. Open it from “My referrals” to finish and send it."
    references = ", ".join(referral.reference for referral in referrals)
    return f"Referral sent to {names} (reference {references}). The service has been told."


def _add_model_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@transaction.atomic
def _create_referrals(form, user, organisation, person, services, *, sending: bool):
    """The person (unless already on record) and one referral per service whose provider the
    person agreed to share with."""
    new_person = person is None
    if new_person:
        person = referral_services.person_create(
            organisation=organisation, created_by=user, **form.person_fields()
        )
        audit(user, AuditAction.CREATE, person=person)
    agreed = form.agreed_organisation_ids()
    method = form.cleaned_data.get("consent_method", "")
    referrals = []
    for service in services:
        if service.organisation_id not in agreed:
            continue
        referral = referral_services.referral_create(
            person=person,
            service=service,
            referrer=user,
            referrer_organisation=organisation,
            consent_method=method,
            consent_wording_version=form.consent_version,
            send=sending,
            **form.referral_fields(),
        )
        audit(user, AuditAction.CREATE, referral=referral)
        referrals.append(referral)
    return referrals, new_person


def _render_form(request, form, context, *, status: int = 200, template="referrals/refer/form.html"):
    return render(request, template, {**context, "form": form}, status=status)


def _stop_page(request, services, *, form, cancel_url, draft=None):
    """Consent refused: nothing is made. Offer to record signposting instead."""
    signposting_url = (
        reverse("referrals:signposting_new")
        + "?"
        + "&".join(f"services={service.slug}" for service in services)
    )
    carried = [
        (name, value)
        for name in request.POST
        if name not in _NOT_CARRIED and not name.startswith("consent_")
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "referrals/refer/stop.html",
        {
            "services": services,
            "providers": form.providers,
            "signposting_url": signposting_url,
            "snomed_code": DECLINED_SNOMED[0],
            "snomed_term": DECLINED_SNOMED[1],
            "cancel_url": cancel_url,
            "carried": carried if draft is None else [],
            "draft": draft,
        },
    )


# --- Drafts -----------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_draft(request, referral_uuid):
    referral = get_referral_for_user(request, referral_uuid, "referrals.manage_referral")
    if referral.status != Status.DRAFT:
        return render(request, "referrals/refer/not_draft.html", {"referral": referral}, status=409)
    service = referral.service
    action = request.POST.get("action") or "send"
    sending = action != "draft"
    form_kwargs = {
        "services": [service],
        "organisations": [referral.referrer_organisation],
        "person": referral.person,
        "sending": sending,
    }
    context = {
        "services": [service],
        "service": service,
        "person": referral.person,
        "referral": referral,
        "cancel_url": reverse("referrals:list"),
        "intent": action,
    }
    if request.method != "POST":
        initial = {
            "reason": referral.reason,
            "hopes": referral.hopes,
            "contact_method": referral.contact_method,
            "contact_times": referral.contact_times,
            "risk_notes": referral.risk_notes,
            "consent_method": referral.consent_method,
        }
        if referral.consent_given:
            initial[f"consent_{service.organisation_id}"] = YES
        audit(request.user, AuditAction.VIEW, referral=referral)
        return _render_form(request, StaffReferralForm(initial=initial, **form_kwargs), context)

    form = StaffReferralForm(request.POST, **form_kwargs)
    if form.refused_everywhere():
        return _stop_page(request, [service], form=form, cancel_url=context["cancel_url"], draft=referral)
    if not form.is_valid():
        return _render_form(request, form, context, status=422)
    if sending and not takes_referrals(service):
        form.add_error(
            None,
            f"{service.name} no longer takes referrals through SupportMap, so this draft cannot be sent. "
            "Withdraw it from “My referrals” and choose another service.",
        )
        return _render_form(request, form, context, status=409)
    try:
        referral = referral_services.referral_update_draft(
            referral=referral,
            user=request.user,
            fields=form.referral_fields(),
            consent_method=form.cleaned_data["consent_method"],
            consent_wording_version=form.consent_version,
            send=sending,
        )
    except referral_services.TransitionNotAllowed as error:
        form.add_error(None, str(error))
        return _render_form(request, form, context, status=409)
    audit(request.user, AuditAction.CHANGE, referral=referral)
    if sending:
        messages.success(request, _saved_message([referral], draft=False))
        return redirect("referrals:detail", referral_uuid=referral.uuid)
    messages.success(request, _saved_message([referral], draft=True))
    return redirect("referrals:list")


# --- Self-referral ----------------------------------------------------------------------------


def _self_referral_service(slug):
    return get_object_or_404(referrable_services().filter(self_referral=True), slug=slug)


def _rate_usage(request, *, increment: bool):
    return rate_usage(
        request,
        group=RATE_LIMIT_GROUP,
        key="ip",
        rate=settings.SELF_REFERRAL_RATE_LIMIT,
        increment=increment,
        what="Self-referral",
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def self_refer(request, slug):
    service = _self_referral_service(slug)
    if request.method != "POST":
        return _render_self(request, service, SelfReferralForm(service=service))

    refused = over_limit(
        request, _rate_usage(request, increment=False), "referrals/refer/too_many.html", {"service": service}
    )
    if refused:
        return refused

    form = SelfReferralForm(request.POST, service=service)
    if form.is_spam:
        # Answered as if it worked, so a robot learns nothing; nothing is saved or sent.
        _rate_usage(request, increment=True)
        logger.info("Self-referral dropped: the honeypot field was filled in.")
        return redirect("refer:self_sent", slug=service.slug)
    if not form.is_valid():
        return _render_self(request, service, form, status=422)
    _rate_usage(request, increment=True)
    with transaction.atomic():
        person = referral_services.person_create(
            organisation=service.organisation, created_by=None, **form.person_fields()
        )
        referral = referral_services.referral_create(
            person=person,
            service=service,
            referrer=None,
            referrer_organisation=None,
            consent_method=ConsentMethod.ONLINE,
            consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
            hopes=form.cleaned_data["hopes"].strip(),
            contact_method=form.cleaned_data["contact_method"],
            contact_times=form.cleaned_data.get("contact_times", "").strip(),
            is_self_referral=True,
        )
        # Made by the person themselves, signed out: an event with no user.
        audit(None, AuditAction.CREATE, referral=referral)
    return redirect("refer:self_sent", slug=service.slug)


def _render_self(request, service, form, *, status: int = 200):
    return render(
        request,
        "referrals/refer/self_form.html",
        {"service": service, "service_list": [service], "form": form},
        status=status,
    )


@never_cache
@require_safe
def self_refer_sent(request, slug):
    service = _self_referral_service(slug)
    return render(
        request,
        "referrals/refer/self_sent.html",
        {"service": service, "expiry_days": settings.REFERRAL_EXPIRY_DAYS},
    )

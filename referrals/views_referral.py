"""One referral's page (/referrals/<uuid>/) and everything done on it.

Thin views: fetch through referrals.access (a stranger gets 404, the wrong role 403), call
referrals/services.py (the state machine), audit, render. Errors map to 4xx:
- PermissionDenied: 403 (Django's handler);
- TransitionNotAllowed (often: someone else moved the referral a moment ago): 409, the page
  re-rendered as it is now with the plain message;
- ValidationError or a bad form: 422, the form re-shown with what was typed.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from referrals import services
from referrals.access import get_referral_for_user, referrals_for
from referrals.audit import audit
from referrals.choices import AuditAction, EventKind, Status, consent_statement
from referrals.forms_referral import (
    ActionNoteForm,
    CompleteForm,
    ConsentWithdrawForm,
    ContactAttemptForm,
    DeclineForm,
    MessageForm,
    ReferOnForm,
)
from referrals.gp_summary import gp_record_summary
from referrals.models import Referral

INVALID = 422
CONFLICT = 409

# The moves the page's buttons post to /act/<action>/: each with an optional note.
SIMPLE_ACTIONS = {
    "send": lambda referral, user, note: services.referral_send(referral=referral, user=user),
    "accept": lambda referral, user, note: services.referral_accept(referral=referral, user=user, note=note),
    "mark_contacted": lambda referral, user, note: services.referral_mark_contacted(
        referral=referral, user=user, note=note
    ),
    "start": lambda referral, user, note: services.referral_start(referral=referral, user=user, note=note),
    "hold": lambda referral, user, note: services.referral_hold(referral=referral, user=user, note=note),
    "person_declined": lambda referral, user, note: services.referral_person_declined(
        referral=referral, user=user, note=note
    ),
    "unable_to_contact": lambda referral, user, note: services.referral_unable_to_contact(
        referral=referral, user=user, note=note
    ),
    "withdraw": lambda referral, user, note: services.referral_withdraw(
        referral=referral, user=user, note=note
    ),
    "enter_in_error": lambda referral, user, note: services.referral_enter_in_error(
        referral=referral, user=user, note=note
    ),
}
# The button words, in the order the page shows them.
ACTION_LABELS = {
    "send": "Send the referral",
    "accept": "Accept",
    "mark_contacted": "Mark as contacted",
    "start": "Start support",
    "hold": "Put on hold",
    "unable_to_contact": "Close: could not contact",
    "person_declined": "Close: the person decided not to go ahead",
    "withdraw": "Withdraw the referral",
    "enter_in_error": "Mark as entered in error",
}
# When the receiving organisation records attempts to reach the person (as services allows).
CONTACT_STATUSES = {Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.ON_HOLD}
# Moves with a page of their own (a reason, an outcome, a new service).
PAGE_ACTIONS = {
    "decline": "referrals:decline",
    "complete": "referrals:complete",
    "refer_on": "referrals:refer_on",
}


def _may(user, permission, obj) -> bool:
    """The rule itself: a superuser is not a member of either side (as in referrals/services.py)."""
    return user.is_active and rules.has_perm(permission, user, obj)


def _can_withdraw_consent(user, referral) -> bool:
    """The referrer's organisation; for a self-referral (which has none) the receiving one."""
    return _may(user, "referrals.manage_referral", referral) or (
        referral.is_self_referral and _may(user, "referrals.answer_referral", referral)
    )


def _next_url(request) -> str | None:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def _done(request, referral, message, *, anchor=""):
    messages.success(request, message)
    return redirect(_next_url(request) or reverse("referrals:detail", args=[referral.uuid]) + anchor)


def _chain(referral, user):
    """The referral this one continues and those it was referred on to; linked where visible."""
    onward = list(
        referral.referred_on_to.select_related("service", "provider_organisation").order_by("created")
    )
    previous = (
        Referral.objects.select_related("service", "provider_organisation").get(pk=referral.previous_id)
        if referral.previous_id
        else None
    )
    linked = [item for item in [previous, *onward] if item is not None]
    visible = (
        set(referrals_for(user).filter(pk__in=[item.pk for item in linked]).values_list("pk", flat=True))
        if linked
        else set()
    )
    return {
        "previous": previous,
        "onward": onward,
        "visible_ids": visible,
    }


def _statement(referral) -> str:
    if not referral.consent_given:
        return ""
    return consent_statement(referral.consent_wording_version, referral.provider_organisation.name)


def _render_detail(
    request,
    referral,
    *,
    status=200,
    error="",
    action_form=None,
    message_form=None,
    contact_form=None,
    consent_form=None,
):
    """The referral page, as it is now. Every render shows personal data, so each is audited."""
    user = request.user
    audit(user, AuditAction.VIEW, referral=referral)
    is_provider = _may(user, "referrals.answer_referral", referral)
    is_referrer = _may(user, "referrals.manage_referral", referral)
    allowed = services.allowed_actions(referral, user)
    withdrawn = referral.consent_withdrawn
    events = list(referral.events.select_related("actor", "actor_organisation").order_by("created", "pk"))
    # The thread is the two organisations' own: not even a site administrator reads it.
    in_thread = _may(user, "referrals.message_referral", referral)
    thread = (
        list(referral.messages.select_related("author", "author_organisation").order_by("created", "pk"))
        if in_thread
        else []
    )
    person = referral.person
    holds_record = _may(user, "referrals.view_person", person)
    # After consent is withdrawn nothing more is shared: only the referrer's organisation and the
    # one holding the person's record still see their details.
    shares_person = not withdrawn or is_referrer or holds_record
    context = {
        "referral": referral,
        "person": person,
        "error": error,
        "is_provider": is_provider,
        "is_referrer": is_referrer,
        "shares_person": shares_person,
        "topics": list(person.topics.order_by("name")) if shares_person else [],
        "can_view_person": holds_record,
        "simple_actions": [(name, ACTION_LABELS[name]) for name in ACTION_LABELS if name in allowed],
        "page_actions": [(name, PAGE_ACTIONS[name]) for name in PAGE_ACTIONS if name in allowed],
        "in_thread": in_thread,
        "can_message": in_thread and referral.status != Status.DRAFT and not withdrawn,
        "can_record_contact": is_provider and not withdrawn and referral.status in CONTACT_STATUSES,
        "can_withdraw_consent": _can_withdraw_consent(user, referral)
        and not withdrawn
        and referral.status != Status.ENTERED_IN_ERROR,
        "events": events,
        "thread": thread,
        "contact_attempts": sum(1 for event in events if event.kind == EventKind.CONTACT_ATTEMPT),
        "consent_statement": _statement(referral),
        "gp_summary": gp_record_summary(referral) if is_referrer else "",
        "action_form": action_form or ActionNoteForm(prefix="action"),
        "message_form": message_form or MessageForm(prefix="message"),
        "contact_form": contact_form or ContactAttemptForm(prefix="contact"),
        "consent_form": consent_form or ConsentWithdrawForm(prefix="consent"),
        **_chain(referral, user),
    }
    return render(request, "referrals/detail.html", context, status=status)


def _conflict(request, referral_uuid, error):
    """Someone else moved it first (or it can't move this way now): the page as it is now."""
    referral = get_referral_for_user(request, referral_uuid)
    return _render_detail(request, referral, status=CONFLICT, error=str(error))


@require_safe
@login_required
@never_cache
def detail(request, referral_uuid):
    referral = get_referral_for_user(request, referral_uuid)
    return _render_detail(request, referral)


@require_POST
@login_required
@never_cache
def act(request, referral_uuid, action):
    if action not in SIMPLE_ACTIONS:
        raise Http404("No such action.")
    referral = get_referral_for_user(request, referral_uuid)
    form = ActionNoteForm(request.POST, prefix="action")
    if not form.is_valid():
        return _render_detail(request, referral, status=INVALID, action_form=form)
    try:
        moved = SIMPLE_ACTIONS[action](referral, request.user, form.cleaned_data["note"])
    except services.TransitionNotAllowed as error:
        return _conflict(request, referral_uuid, error)
    except ValidationError as error:
        _add_errors(form, error)
        return _render_detail(request, referral, status=INVALID, action_form=form)
    audit(request.user, AuditAction.CHANGE, referral=moved)
    return _done(request, moved, f"Referral {moved.reference}: {moved.get_status_display().lower()}.")


def _form_page(request, referral_uuid, action, template, form_class, submit):
    """The decline and complete pages: a form, then the move."""
    referral = get_referral_for_user(request, referral_uuid)
    if not _may(request.user, "referrals.answer_referral", referral):
        raise PermissionDenied
    if request.method != "POST" and action not in services.allowed_actions(referral, request.user):
        # Opening the form for a move that can't be made now. (A post goes to the state machine,
        # which refuses it the same way under its lock.)
        verb = services.TRANSITIONS[action].verb
        message = (
            "The person withdrew their consent, so this referral can't go any further."
            if referral.consent_withdrawn
            else f"This referral is “{referral.get_status_display()}”, so it can't be {verb} now."
        )
        return _conflict(request, referral_uuid, message)
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                moved = submit(referral, form.cleaned_data)
            except services.TransitionNotAllowed as error:
                return _conflict(request, referral_uuid, error)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                audit(request.user, AuditAction.CHANGE, referral=moved)
                return _done(
                    request, moved, f"Referral {moved.reference}: {moved.get_status_display().lower()}."
                )
        status = INVALID
    else:
        form = form_class()
    audit(request.user, AuditAction.VIEW, referral=referral)
    return render(request, template, {"referral": referral, "form": form}, status=status)


def _add_errors(form, error: ValidationError):
    """The state machine's refusal on the form: at the field it names, if the form has it."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, errors in by_field.items():
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def decline(request, referral_uuid):
    def submit(referral, data):
        return services.referral_decline(
            referral=referral, user=request.user, reason=data["reason"], note=data["note"]
        )

    return _form_page(request, referral_uuid, "decline", "referrals/decline.html", DeclineForm, submit)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def complete(request, referral_uuid):
    def submit(referral, data):
        return services.referral_complete(
            referral=referral, user=request.user, outcome_summary=data["outcome_summary"]
        )

    return _form_page(request, referral_uuid, "complete", "referrals/complete.html", CompleteForm, submit)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def refer_on(request, referral_uuid):
    referral = get_referral_for_user(request, referral_uuid)
    if not _may(request.user, "referrals.answer_referral", referral):
        raise PermissionDenied
    if request.method != "POST" and "refer_on" not in services.allowed_actions(referral, request.user):
        message = (
            "The person withdrew their consent, so this referral can't go any further."
            if referral.consent_withdrawn
            else f"This referral is “{referral.get_status_display()}”, so it can't be referred on now."
        )
        return _conflict(request, referral_uuid, message)
    query = (request.GET.get("q") or "").strip()[:100]
    status = 200
    if request.method == "POST":
        form = ReferOnForm(request.POST, referral=referral, query=query)
        if request.POST.get("consent") == "no":
            # Refusal stops: nothing is sent and this referral stays as it is.
            audit(request.user, AuditAction.VIEW, referral=referral)
            return render(request, "referrals/refer_on_stopped.html", {"referral": referral})
        if form.is_valid():
            data = form.cleaned_data
            try:
                new = services.referral_refer_on(
                    referral=referral,
                    user=request.user,
                    service=data["service"],
                    consent_method=data["consent_method"],
                    consent_wording_version=form.consent_wording_version,
                    reason=data["reason"],
                    note=data["note"],
                )
            except services.TransitionNotAllowed as error:
                return _conflict(request, referral_uuid, error)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                audit(request.user, AuditAction.CHANGE, referral=referral)
                audit(request.user, AuditAction.CREATE, referral=new)
                messages.success(
                    request,
                    f"Referral {referral.reference} is closed as referred on. This is the new referral "
                    f"to {new.service.name}.",
                )
                return redirect("referrals:detail", new.uuid)
        status = INVALID
    else:
        form = ReferOnForm(referral=referral, query=query)
    audit(request.user, AuditAction.VIEW, referral=referral)
    return render(
        request,
        "referrals/refer_on.html",
        {
            "referral": referral,
            "form": form,
            "query": query,
            "statement": consent_statement(
                form.consent_wording_version, "the organisation that runs that service"
            ),
        },
        status=status,
    )


def _write_from_page(request, referral, form, form_name: str, *, write, done: tuple[str, str]):
    """A form posted from the referral's page: valid, it goes through the state machine, is
    audited and comes back with `done` (message, anchor); refused under the lock, 409; invalid,
    the page again (422) with the form and what was typed."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except services.TransitionNotAllowed as error:
            return _conflict(request, referral.uuid, error)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            audit(request.user, AuditAction.CHANGE, referral=referral)
            return _done(request, referral, done[0], anchor=done[1])
    return _render_detail(request, referral, status=INVALID, **{form_name: form})


@require_POST
@login_required
@never_cache
def contact_attempt(request, referral_uuid):
    # The receiving organisation's, whatever was typed: the other side gets 403, not a form error.
    referral = get_referral_for_user(request, referral_uuid, "referrals.answer_referral")
    form = ContactAttemptForm(request.POST, prefix="contact")
    return _write_from_page(
        request,
        referral,
        form,
        "contact_form",
        write=lambda data: services.referral_record_contact_attempt(
            referral=referral, user=request.user, outcome=data["outcome"], note=data["note"]
        ),
        done=("Contact attempt recorded.", "#timeline"),
    )


@require_POST
@login_required
@never_cache
def post_message(request, referral_uuid):
    # The two sides only (not a site administrator), whatever was typed.
    referral = get_referral_for_user(request, referral_uuid, "referrals.message_referral")
    form = MessageForm(request.POST, prefix="message")
    return _write_from_page(
        request,
        referral,
        form,
        "message_form",
        write=lambda data: services.message_post(referral=referral, user=request.user, body=data["body"]),
        done=("Message sent.", "#messages"),
    )


@require_POST
@login_required
@never_cache
def withdraw_consent(request, referral_uuid):
    referral = get_referral_for_user(request, referral_uuid)
    if not _can_withdraw_consent(request.user, referral):
        raise PermissionDenied
    form = ConsentWithdrawForm(request.POST, prefix="consent")
    if not form.is_valid():
        return _render_detail(request, referral, status=INVALID, consent_form=form)
    try:
        referral = services.consent_withdraw(
            referral=referral, user=request.user, note=form.cleaned_data["note"]
        )
    except services.TransitionNotAllowed as error:
        return _conflict(request, referral_uuid, error)
    audit(request.user, AuditAction.CHANGE, referral=referral)
    shared = "" if referral.is_self_referral else " The provider no longer sees the person's details."
    closed = " The referral is withdrawn too." if referral.status == Status.WITHDRAWN else ""
    return _done(request, referral, f"Consent withdrawn.{shared}{closed}")

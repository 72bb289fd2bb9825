"""/shortlist/: services anyone collects (kept in the session, ids only); printed, emailed, copied
for a text message, turned into referrals by staff, or recorded as signposting."""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from directory.models import Service
from referrals import shortlist as store
from referrals.forms_shortlist import ShortlistEmailForm
from supportmap.notify import notify, site_url
from supportmap.signin import over_limit, rate_usage

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "referrals.shortlist_email"


def _published(slug: str) -> Service:
    return get_object_or_404(Service.objects.published().filter(draft_of__isnull=True), slug=slug)


def _next_url(request) -> str:
    """Back where the button was pressed, if that is on this site; otherwise the shortlist."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("shortlist:show")


def _same_site(view):
    """For the Add / Remove / Clear buttons, in place of Django's CSRF token: a search result's
    button sits inside the search form (a form cannot hold another), so it posts without one.
    The session cookie is SameSite=Lax, so another site's form never reaches a shortlist; and a
    browser that says the request came from elsewhere (Sec-Fetch-Site, Origin) is refused."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        fetch_site = request.headers.get("Sec-Fetch-Site", "")
        origin = request.headers.get("Origin", "")
        if fetch_site not in ("", "same-origin", "none") or (
            origin and origin != f"{request.scheme}://{request.get_host()}"
        ):
            raise PermissionDenied("The shortlist changes only from this site's own pages.")
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _button_swap(request, service, *, in_shortlist: bool, message: str):
    """For htmx: the button in its new state, and the message in the live region beside it."""
    return render(
        request,
        "referrals/shortlist_button_swap.html",
        {
            "service": service,
            "in_shortlist": in_shortlist,
            "next": request.POST.get("next", ""),
            "compact": request.POST.get("compact") == "1",
            "inside_form": True,  # only the button is swapped in (hx-select)
            "message": message,
        },
    )


def _shortlist_context(request, services, email_form=None) -> dict:
    can_refer = request.user.has_perm("referrals.refer")
    text = store.sms_text(services)
    return {
        "services": services,
        "max_services": store.MAX_SERVICES,
        "email_form": email_form or ShortlistEmailForm(),
        "sms_text": text,
        "sms_length": len(text),
        "sms_count": store.sms_count(text),
        "can_refer": can_refer,
        "any_take_referrals": any(service.accepts_supportmap_referrals for service in services),
    }


@require_safe
def shortlist(request):
    before = len(store.service_ids(request))
    services = store.services(request)
    context = _shortlist_context(request, services)
    dropped = before - len(services)
    if dropped:
        context["dropped"] = (
            f"{dropped} service{'s' if dropped != 1 else ''} on your shortlist "
            f"{'is' if dropped == 1 else 'are'} no longer listed, so "
            f"{'it has' if dropped == 1 else 'they have'} been taken off."
        )
    return render(request, "referrals/shortlist.html", context)


@_same_site
@require_POST
def add(request, slug):
    service = _published(slug)
    added = store.add(request, service)
    if added:
        message = f"{service.name} is on your shortlist."
        level = messages.SUCCESS
    else:
        message = (
            f"Your shortlist is full: it holds up to {store.MAX_SERVICES} services. "
            f"Remove one you no longer need, then add {service.name}."
        )
        level = messages.WARNING
    if _is_htmx(request):
        return _button_swap(request, service, in_shortlist=added, message=message)
    messages.add_message(request, level, message)
    return redirect(_next_url(request))


@_same_site
@require_POST
def remove(request, slug):
    # Any listing, so a service unpublished since it was shortlisted can still be taken off.
    service = get_object_or_404(Service.objects.filter(draft_of__isnull=True), slug=slug)
    store.remove(request, service)
    message = f"{service.name} is no longer on your shortlist."
    if _is_htmx(request):
        return _button_swap(request, service, in_shortlist=False, message=message)
    messages.success(request, message)
    return redirect(_next_url(request))


@_same_site
@require_POST
def clear(request):
    store.clear(request)
    messages.success(request, "Your shortlist is empty now.")
    return redirect(_next_url(request))


def _rate_usage(request, *, increment: bool) -> dict | None:
    # Per client_ip() (RATELIMIT_IP_META_KEY), failing open like problem reports.
    return rate_usage(
        request,
        group=RATE_LIMIT_GROUP,
        key="ip",
        rate=settings.SHORTLIST_EMAIL_RATE_LIMIT,
        increment=increment,
        what="Shortlist email",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def email(request):
    """Send the shortlist to an email address. The address goes into the one email queued and
    nowhere else: not the database, the session, the messages or the logs."""
    if request.method != "POST":
        return redirect(reverse("shortlist:show") + "#email-heading")
    services = store.services(request)
    if not services:
        messages.info(request, "Your shortlist is empty: add services to it before sending it.")
        return redirect("shortlist:show")

    refused = over_limit(
        request, _rate_usage(request, increment=False), "referrals/shortlist_too_many.html", {}
    )
    if refused:
        return refused

    form = ShortlistEmailForm(request.POST)
    if not form.is_valid():
        return render(
            request, "referrals/shortlist.html", _shortlist_context(request, services, form), status=400
        )
    _rate_usage(request, increment=True)
    if form.is_spam:
        # Answered as if it worked, so a robot learns nothing; nothing is sent.
        logger.info("Shortlist email dropped: the honeypot field was filled in.")
    else:
        notify(
            to=[form.cleaned_data["email"]],
            template="emails/shortlist.txt",
            context={
                "services": [
                    {"service": service, "link": site_url(service.get_absolute_url())} for service in services
                ],
                "shortlist_link": site_url(reverse("shortlist:show")),
                "search_link": site_url(reverse("directory:service_list")),
            },
        )
    messages.success(
        request,
        f"Your shortlist of {len(services)} service{'s' if len(services) != 1 else ''} is on its way "
        "to the email address you gave. If it does not arrive in a few minutes, look in the spam folder.",
    )
    return redirect("shortlist:show")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def refer(request):
    """Staff: refer one person to the shortlisted services that take referrals through SupportMap,
    one referral per service (the form is the staff referral form's, referrals.views_refer)."""
    if not request.user.has_perm("referrals.refer"):
        raise PermissionDenied
    services = store.services(request)
    takes = [service for service in services if service.accepts_supportmap_referrals]
    direct = [service for service in services if not service.accepts_supportmap_referrals]

    from referrals import views_refer

    referral_form_page = getattr(views_refer, "referral_form_page", None)
    if takes and referral_form_page is not None:
        if direct and request.method != "POST":
            names = ", ".join(service.name for service in direct)
            messages.info(
                request,
                f"Not included, as they do not take referrals through {settings.SITE_NAME}: {names}. "
                "Contact them directly; they stay on your shortlist.",
            )
        return referral_form_page(request, takes, cancel_url=reverse("shortlist:show"))
    # Nothing to refer to here, or the form is not there yet: say what can be done instead.
    return render(
        request,
        "referrals/shortlist_refer.html",
        {"takes": takes, "direct": direct, "form_ready": referral_form_page is not None},
    )

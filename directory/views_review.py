"""The directory editors' review queue (/review/): new and changed listings, approve or send back.

Every page that takes a slug fetches the listing through accounts.access.get_for_user: a stranger
gets 404, a provider looking at their own listing's review page 403. A listing's history is also
open to its own organisation's members.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from accounts.access import get_for_user, services_for_review
from accounts.models import OrganisationClaim
from directory import review
from directory.choices import ProblemStatus, ServiceStatus
from directory.forms_review import SendBackForm
from directory.models import ProblemReport, Service
from directory.pagination import paginate

QUEUE_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 20


@require_safe
@login_required
def queue(request):
    if not request.user.has_perm("directory.review_listings"):
        raise PermissionDenied
    result = paginate(request, review.review_queue(), QUEUE_PAGE_SIZE)
    return render(
        request,
        "review/queue.html",
        {
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_error": result.error,
            "query_string": "",
            "open_problem_reports": ProblemReport.objects.filter(status=ProblemStatus.OPEN).count(),
            "pending_claims": OrganisationClaim.objects.filter(
                status=OrganisationClaim.Status.PENDING
            ).count(),
            "problems_url": reverse("problems:report_list"),
            "claims_url": reverse("claims:claim_list"),
        },
        status=result.status,
    )


def _review_service(request, slug):
    return get_for_user(request, services_for_review(request.user), "directory.review_service", slug=slug)


def _render_review(request, service, *, form=None, status=200):
    is_pending = service.status == ServiceStatus.PENDING_REVIEW
    return render(
        request,
        "review/service_review.html",
        {
            "service": service,
            "organisation": service.organisation,
            "published": service.draft_of,
            "is_edit": service.draft_of_id is not None,
            "is_pending": is_pending,
            "rows": review.review_diff(service),
            "form": form or SendBackForm(),
        },
        status=status,
    )


@require_safe
@login_required
def service_review(request, slug):
    return _render_review(request, _review_service(request, slug))


def _not_pending(request, service, error):
    return render(request, "review/not_pending.html", {"service": service, "error": error}, status=409)


@require_POST
@login_required
def service_approve(request, slug):
    service = _review_service(request, slug)
    is_edit = service.draft_of_id is not None
    try:
        published = review.service_approve(service=service, editor=request.user)
    except review.NotPendingReview as error:
        return _not_pending(request, service, error)
    if is_edit:
        messages.success(request, f"The changes to “{published.name}” are approved and now public.")
    else:
        messages.success(request, f"“{published.name}” is approved and now public.")
    return redirect("review:queue")


@require_POST
@login_required
def service_send_back(request, slug):
    service = _review_service(request, slug)
    form = SendBackForm(request.POST)
    if not form.is_valid():
        return _render_review(request, service, form=form, status=400)
    try:
        review.service_send_back(service=service, editor=request.user, reason=form.cleaned_data["reason"])
    except review.NotPendingReview as error:
        return _not_pending(request, service, error)
    except ValidationError as error:
        form.add_error(None, error)
        return _render_review(request, service, form=form, status=400)
    messages.success(request, f"“{service.name}” was sent back to {service.organisation.name}.")
    return redirect("review:queue")


@require_safe
@login_required
def service_history(request, slug):
    service = get_for_user(
        request, services_for_review(request.user), "directory.view_service_history", slug=slug
    )
    records = service.history.select_related("history_user").order_by("-history_id")
    result = paginate(request, records, HISTORY_PAGE_SIZE)
    entries = []
    if result.page is not None:
        page_records = list(result.page.object_list)
        before = None
        if page_records:
            before = records.filter(history_id__lt=page_records[-1].history_id).first()
        entries = review.history_entries(page_records, before)
    return render(
        request,
        "review/history.html",
        {
            "service": service,
            "entries": entries,
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_error": result.error,
            "query_string": "",
            "can_review": request.user.has_perm("directory.review_service", service),
            # Changes waiting on a published listing are a working copy with a history of its own.
            "pending_edit": Service.objects.filter(draft_of=service).first(),
        },
        status=result.status,
    )

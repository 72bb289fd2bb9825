"""Problem reports: anyone reports a problem with a listing; editors resolve reports with a note.

Organisation members may read the reports on their own services; only editors resolve them.
"""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts import access
from directory import problems, selectors
from directory.choices import ProblemStatus
from directory.forms_problems import ProblemReportForm, ProblemResolveForm
from directory.pagination import paginate
from supportmap.signin import over_limit, rate_usage

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "directory.problem_report"


def _rate_usage(request, *, increment: bool) -> dict | None:
    # Per client_ip() (RATELIMIT_IP_META_KEY). A cache that is down must not stop people
    # reporting a safeguarding concern: the report goes through.
    return rate_usage(
        request,
        group=RATE_LIMIT_GROUP,
        key="ip",
        rate=settings.PROBLEM_REPORT_RATE_LIMIT,
        increment=increment,
        what="Problem report",
    )


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, slug):
    # Any listing whose page the public can open, a lapsed one included.
    service = get_object_or_404(selectors.service_detail_queryset(), slug=slug)
    if request.method != "POST":
        return render(request, "problems/report_form.html", {"service": service, "form": ProblemReportForm()})

    # Only accepted reports count towards the limit, so someone correcting a mistake is not
    # refused; once over it, every report from that address is refused until the window ends.
    refused = over_limit(
        request, _rate_usage(request, increment=False), "problems/too_many.html", {"service": service}
    )
    if refused:
        return refused

    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return render(request, "problems/report_form.html", {"service": service, "form": form}, status=400)
    _rate_usage(request, increment=True)
    if form.is_spam:
        # Answered as if it worked, so a robot learns nothing; nothing is saved or sent.
        logger.info("Problem report dropped: the honeypot field was filled in.")
    else:
        problems.problem_report_create(
            service=service,
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            reporter_email=form.cleaned_data["reporter_email"],
        )
    return render(
        request,
        "problems/report_thanks.html",
        {
            "service": service,
            "left_email": bool(form.cleaned_data["reporter_email"]),
            "retention_days": settings.PROBLEM_REPORT_EMAIL_RETENTION_DAYS,
        },
    )


@require_safe
@login_required
def report_list(request):
    user = request.user
    if not (user.is_editor or user.memberships.exists()):
        # Editors' area: someone with no organisation has no reports to see.
        raise PermissionDenied
    result = paginate(request, problems.open_reports(access.problem_reports_for(user)), 50)
    return render(
        request,
        "problems/report_list.html",
        {
            "page_obj": result.page,
            "paginator": result.paginator,
            "page_error": result.error,
            "query_string": "",
            "can_resolve": user.is_editor,
        },
        status=result.status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_detail(request, pk):
    """A report; editors resolve it here with a note (members may read it, and get 403 on POST)."""
    permission = (
        "directory.resolve_problem_report" if request.method == "POST" else "directory.view_problem_report"
    )
    report = access.get_for_user(request, access.problem_reports_for(request.user), permission, pk=pk)
    can_resolve = request.user.has_perm("directory.resolve_problem_report", report)
    open_report = report.status == ProblemStatus.OPEN
    form = ProblemResolveForm()
    status = 200
    if request.method == "POST":
        form = ProblemResolveForm(request.POST)
        if not open_report:
            form.add_error(None, "This report has already been resolved.")
            status = 409
        elif form.is_valid():
            problems.problem_report_resolve(report=report, by=request.user, note=form.cleaned_data["note"])
            return redirect("problems:report_detail", pk=report.pk)
        else:
            status = 400
    return render(
        request,
        "problems/report_detail.html",
        {"report": report, "can_resolve": can_resolve and open_report, "form": form},
        status=status,
    )

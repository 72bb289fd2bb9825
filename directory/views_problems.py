"""Problem reports: anyone reports a problem with a listing; editors resolve reports with a note.

Organisation members may read the reports on their own services; only editors resolve them.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts import access
from directory import problems


@require_safe
@login_required
def report_list(request):
    user = request.user
    if not (user.is_editor or user.memberships.exists()):
        # Editors' area: someone with no organisation has no reports to see.
        raise PermissionDenied
    reports = problems.open_reports(access.problem_reports_for(user))
    return render(
        request,
        "problems/report_list.html",
        {"reports": reports, "can_resolve": user.is_editor},
    )


@require_safe
@login_required
def report_detail(request, pk):
    report = access.get_for_user(
        request, access.problem_reports_for(request.user), "directory.view_problem_report", pk=pk
    )
    return render(
        request,
        "problems/report_detail.html",
        {"report": report, "can_resolve": request.user.has_perm("directory.resolve_problem_report", report)},
    )

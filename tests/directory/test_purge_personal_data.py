"""manage.py purge_personal_data, with frozen time: what goes, what stays."""

import datetime
import uuid
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Invitation
from directory.choices import ProblemKind, ProblemStatus
from directory.models import ProblemReport
from supportmap.models import SignInEvent
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)


def days_ago(days: int, minutes: int = 0) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days, minutes=minutes)


def made_at(moment: datetime.datetime, factory):
    with time_machine.travel(moment, tick=False):
        return factory()


def purge() -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def test_sign_in_log_and_axes_records_older_than_the_retention_go(settings):
    assert settings.SIGN_IN_LOG_RETENTION_DAYS == 90
    old = made_at(
        days_ago(90, minutes=1), lambda: SignInEvent.objects.create(kind="failed", email="a@example.org")
    )
    kept = made_at(days_ago(89), lambda: SignInEvent.objects.create(kind="failed", email="b@example.org"))
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        extra = {"failures_since_start": 1} if model is AccessAttempt else {}
        made_at(
            days_ago(91),
            lambda model=model, extra=extra: model.objects.create(
                username="a@example.org", user_agent="", ip_address="192.0.2.1", **extra
            ),
        )
        made_at(
            days_ago(10),
            lambda model=model, extra=extra: model.objects.create(
                username="b@example.org", user_agent="", ip_address="192.0.2.2", **extra
            ),
        )

    output = purge()

    assert list(SignInEvent.objects.all()) == [kept]
    assert not SignInEvent.objects.filter(pk=old.pk).exists()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["b@example.org"]
    assert "Deleted 1 sign-in log entries, 3 sign-in attempt records" in output


def test_the_retention_follows_the_setting(settings):
    settings.SIGN_IN_LOG_RETENTION_DAYS = 10
    made_at(days_ago(11), lambda: SignInEvent.objects.create(kind="failed", email="a@example.org"))

    purge()

    assert not SignInEvent.objects.exists()


def _report(email="pat@example.com", resolved=None):
    report = ProblemReport.objects.create(
        service=ServiceFactory(), kind=ProblemKind.CLOSED, details="Closed.", reporter_email=email
    )
    if resolved is not None:
        ProblemReport.objects.filter(pk=report.pk).update(
            status=ProblemStatus.RESOLVED, resolved_at=resolved, resolution_note="Listing withdrawn."
        )
    return report


def test_reporter_emails_are_cleared_30_days_after_the_report_was_resolved():
    old = _report(resolved=days_ago(30, minutes=1))
    recent = _report(resolved=days_ago(29))
    still_open = _report()

    output = purge()

    assert ProblemReport.objects.get(pk=old.pk).reporter_email == ""
    assert ProblemReport.objects.get(pk=old.pk).details == "Closed."
    assert ProblemReport.objects.get(pk=recent.pk).reporter_email == "pat@example.com"
    assert ProblemReport.objects.get(pk=still_open.pk).reporter_email == "pat@example.com"
    assert "cleared 1 problem reporters' email addresses" in output


def _invitation(provider, **dates):
    invitation = Invitation(organisation=provider, email=f"{uuid.uuid4().hex}@example.org", **dates)
    invitation.set_token(Invitation.new_token())
    invitation.save()
    return invitation


def test_invitations_used_withdrawn_or_expired_over_90_days_ago_go(provider_a):
    long_ago, lately, ahead = days_ago(91), days_ago(20), NOW + datetime.timedelta(days=3)
    gone = [
        _invitation(provider_a, expires_at=long_ago),
        _invitation(provider_a, expires_at=ahead, accepted_at=long_ago),
        _invitation(provider_a, expires_at=ahead, withdrawn_at=long_ago),
    ]
    kept = [
        _invitation(provider_a, expires_at=lately),
        _invitation(provider_a, expires_at=ahead, accepted_at=lately),
        _invitation(provider_a, expires_at=ahead),
    ]

    purge()

    assert set(Invitation.objects.values_list("pk", flat=True)) == {invitation.pk for invitation in kept}
    assert not Invitation.objects.filter(pk__in=[invitation.pk for invitation in gone]).exists()


def _task(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {"to": ["pat@example.com"], "body": "Your report..."}},
        task_path="supportmap.notify.send_email",
        backend_name="default",
        run_after=timezone.now(),
        priority=0,
        queue_name="default",
    )


def test_finished_background_tasks_older_than_30_days_go_and_waiting_ones_stay():
    gone = [_task("SUCCESSFUL", days_ago(31)), _task("FAILED", days_ago(31))]
    kept = [_task("SUCCESSFUL", days_ago(29)), _task("READY", None), _task("RUNNING", None)]

    purge()

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {task.pk for task in kept}
    assert not DBTaskResult.objects.filter(pk__in=[task.pk for task in gone]).exists()


def test_running_it_again_finds_nothing_more():
    _report(resolved=days_ago(40))
    purge()

    assert (
        "Deleted 0 sign-in log entries, 0 sign-in attempt records, 0 old invitations and 0 finished background tasks; cleared 0"
        in purge()
    )

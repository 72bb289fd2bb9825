"""manage.py purge_personal_data: run daily (cron or a systemd timer; see the README).

Personal data is kept no longer than it is needed:

- the sign-in log (supportmap.SignInEvent) and django-axes' records of attempts, sign-ins and
  failures: SIGN_IN_LOG_RETENTION_DAYS (90) after they were made;
- a problem reporter's email address: cleared PROBLEM_REPORT_EMAIL_RETENTION_DAYS (30) after the
  report was resolved (the report itself stays, without it);
- invitations that were accepted, withdrawn or expired INVITATION_RETENTION_DAYS (90) ago: they
  hold the invited person's email address;
- finished background tasks (django-tasks' database rows), TASK_RESULT_RETENTION_DAYS (30) after
  they finished: an email task's row holds the whole email, addresses and body;
- people referred or signposted: anonymised REFERRAL_RETENTION_MONTHS (24) months after their
  last referral closed (referrals/retention.py says exactly what goes and what stays).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Invitation
from directory.choices import ProblemStatus
from directory.models import ProblemReport
from referrals.retention import Anonymised, anonymise_people
from supportmap.models import SignInEvent


@dataclass
class Purged:
    sign_in_events: int = 0
    axes_records: int = 0
    reporter_emails: int = 0
    invitations: int = 0
    task_results: int = 0
    people: Anonymised | None = None

    def __str__(self) -> str:
        return (
            f"Deleted {self.sign_in_events} sign-in log entries, {self.axes_records} sign-in attempt records, "
            f"{self.invitations} old invitations and {self.task_results} finished background tasks; "
            f"cleared {self.reporter_emails} problem reporters' email addresses. {self.people or Anonymised()}"
        )


@transaction.atomic
def purge_personal_data(*, now: datetime | None = None) -> Purged:
    now = now or timezone.now()
    purged = Purged()

    sign_in_cutoff = now - timedelta(days=settings.SIGN_IN_LOG_RETENTION_DAYS)
    purged.sign_in_events, _ = SignInEvent.objects.filter(created__lt=sign_in_cutoff).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        deleted, _ = model.objects.filter(attempt_time__lt=sign_in_cutoff).delete()
        purged.axes_records += deleted

    report_cutoff = now - timedelta(days=settings.PROBLEM_REPORT_EMAIL_RETENTION_DAYS)
    purged.reporter_emails = (
        ProblemReport.objects.filter(status=ProblemStatus.RESOLVED, resolved_at__lt=report_cutoff)
        .exclude(reporter_email="")
        .update(reporter_email="")
    )

    # An invitation ended when it was accepted, withdrawn or expired, whichever came first.
    invitation_cutoff = now - timedelta(days=settings.INVITATION_RETENTION_DAYS)
    ended = (
        Q(accepted_at__lt=invitation_cutoff)
        | Q(withdrawn_at__lt=invitation_cutoff)
        | Q(expires_at__lt=invitation_cutoff)
    )
    purged.invitations, _ = Invitation.objects.filter(ended).delete()

    task_cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    purged.task_results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=task_cutoff).delete()

    purged.people = anonymise_people(now=now)
    return purged


class Command(BaseCommand):
    help = (
        "Delete or clear personal data past its retention period: the sign-in log and axes records, "
        "problem reporters' email addresses, old invitations and finished background tasks; anonymise "
        "people whose referrals closed more than REFERRAL_RETENTION_MONTHS ago. Run it daily."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(purge_personal_data()))

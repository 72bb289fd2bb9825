"""manage.py referral_reminders: run daily (cron or a systemd timer; see the README)."""

from django.core.management.base import BaseCommand

from referrals.reminders import run_reminders


class Command(BaseCommand):
    help = (
        "Nudge the provider about each referral still waiting for an answer REFERRAL_NUDGE_DAYS "
        "(5 and 10) days after it was sent, and expire it after REFERRAL_EXPIRY_DAYS (14), telling "
        "the provider and the referrer. Run it daily; running it twice sends nothing twice."
    )

    def handle(self, *args, **options):
        summary = run_reminders()
        self.stdout.write(str(summary))

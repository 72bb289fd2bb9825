"""manage.py check_freshness: run daily (cron or a systemd timer; see the README)."""

from django.core.management.base import BaseCommand

from directory.freshness import freshness_check


class Command(BaseCommand):
    help = (
        "Work out each published listing's freshness from the date it was last checked, and send "
        "the organisation a reminder at LISTING_REMIND_MONTHS and again when it is overdue. Run it "
        "daily; running it twice sends nothing twice."
    )

    def handle(self, *args, **options):
        summary = freshness_check()
        self.stdout.write(str(summary))

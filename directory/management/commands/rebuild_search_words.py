from django.core.management.base import BaseCommand

from directory.search.words import rebuild_search_words


class Command(BaseCommand):
    help = 'Rebuild the vocabulary that "did you mean" suggestions come from (run after big imports).'

    def handle(self, *args, **options):
        count = rebuild_search_words()
        self.stdout.write(self.style.SUCCESS(f"Search vocabulary rebuilt: {count:,} words."))

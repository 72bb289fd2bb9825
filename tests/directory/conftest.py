import pytest
from django.core.management import call_command

from directory.models import Location, Organisation, Postcode, SearchWord, Service


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory, loaded once for a module of read-only tests, and removed after it."""
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organisation.objects.all().delete()
        Postcode.objects.all().delete()
        SearchWord.objects.all().delete()


@pytest.fixture
def rare_words(db):
    """An empty "did you mean" vocabulary, read afresh: every word searched counts as rare, so a
    search near a postcode collects its matches from the text index (not a walk outwards),
    whatever an earlier test left in the process's copy of the vocabulary."""
    from directory.search_words import rebuild_search_words

    rebuild_search_words()

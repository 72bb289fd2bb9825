import pytest
from django.core.management import call_command

from directory.models import Location, Organisation, Postcode, SearchWord, Service


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory, loaded once for a module of read-only tests, and removed after it
    (as tests/directory/conftest.py does for the search tests on the demo data)."""
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organisation.objects.all().delete()
        Postcode.objects.all().delete()
        SearchWord.objects.all().delete()

"""`make bench`'s generator loads with COPY, naming its columns: a new NOT NULL column the
generator does not fill breaks `make bench`. This loads a few services the same way, in the
PostgreSQL pass, so such a change fails here first."""

import pytest
from django.db import connection
from django.utils import timezone

from directory.choices import Freshness
from directory.freshness import freshness_on
from directory.models import OpeningTime, Organisation, Service
from tests.bench.generate import generate
from tests.factories import seed_vocabulary

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the generator loads with PostgreSQL's COPY"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_the_benchmark_generator_loads_rows_the_models_accept():
    seed_vocabulary()
    generate(120, chunk_size=50, log=lambda message: None)

    published = Service.objects.published()
    assert published.count() == 120
    assert Organisation.objects.filter(is_provider=True).count() == Organisation.objects.count() > 0
    assert OpeningTime.objects.exclude(frequency="weekly").count() == 0
    # Freshness is stored as check_freshness would store it, so the benchmark ranks and leaves out
    # listings as the site does: some of the synthetic listings are overdue or lapsed.
    today = timezone.localdate()
    states = [(service.freshness, freshness_on(service.last_reviewed, today)) for service in published]
    assert all(stored == expected for stored, expected in states)
    assert {Freshness.CURRENT, Freshness.LAPSED} <= {stored for stored, _ in states}

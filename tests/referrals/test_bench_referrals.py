"""`make bench`'s referrals benchmark: its generator loads rows the models accept (COPY names every
column, so a new NOT NULL column breaks it here first), and the pages it times answer in the same
number of queries at every page size. PostgreSQL only, as the benchmark is."""

from __future__ import annotations

import pytest
from django.db import connection

from referrals.models import Message, Person, Referral, ReferralEvent
from tests.bench.referrals import PAGE_SIZES, busiest, generate_referrals, measure, scenarios
from tests.factories import seed_vocabulary

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the generator loads with PostgreSQL's COPY"
    ),
    pytest.mark.django_db(transaction=True),
]


def models_f(name):
    from django.db.models import F

    return F(name)


def test_the_generator_loads_every_state_and_the_timed_pages_answer_in_fixed_queries():
    from django.test import Client

    from tests.factories import sign_in

    seed_vocabulary()
    loaded = generate_referrals(600, 20, log=lambda message: None)

    assert Referral.objects.count() == Person.objects.count() == 600
    assert ReferralEvent.objects.count() >= 600
    assert Message.objects.exists()
    assert loaded.counts["organisations"] == 20
    assert {"draft", "sent", "accepted", "completed", "declined"} <= set(loaded.counts["statuses"])
    assert Referral.objects.filter(is_self_referral=True, referrer_organisation=None).exists()
    # Every referral goes to a service of its provider organisation; every person is held by the
    # referrer's organisation (or the provider's, for a self-referral).
    assert not Referral.objects.exclude(service__organisation=models_f("provider_organisation")).exists()
    for referral in Referral.objects.select_related("person")[:50]:
        holder = (
            referral.provider_organisation_id
            if referral.is_self_referral
            else referral.referrer_organisation_id
        )
        assert referral.person.organisation_id == holder

    provider, inbox_rows, referrer, sent_rows = busiest()
    runs = [run for run in scenarios(provider, referrer) if run[0] != "referral page"]
    clients = {user.pk: sign_in(Client(), user) for user in (provider, referrer)}
    measured = [m for size in PAGE_SIZES for m in measure(runs, clients, 1, size)]

    assert inbox_rows > PAGE_SIZES[0] and sent_rows > PAGE_SIZES[0]
    assert {m.status for m in measured} == {200}
    for page, label in {(m.page, m.label) for m in measured}:
        counts = {m.per_page: m.sql for m in measured if (m.page, m.label) == (page, label)}
        assert len(set(counts.values())) == 1, (page, label, counts)

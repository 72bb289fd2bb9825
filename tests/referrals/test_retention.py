"""Retention (referrals/retention.py through manage.py purge_personal_data), with frozen time:
after the purge nothing identifiable is left anywhere, and the counts for reports are unchanged."""

import datetime
from collections import Counter
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import models

from directory.models import Topic
from referrals import services
from referrals.choices import AgeBand, AuditAction, ContactOutcome, DeclineReason, Status
from referrals.models import AuditEvent, Message, Person, Referral, ReferralEvent, Signposting
from referrals.retention import OUTCOME_REMOVED, anonymise_people, months_before, postcode_district
from tests.factories import PersonFactory, make_referral

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
LONG_AGO = datetime.datetime(2023, 1, 10, 9, 0, tzinfo=UTC)
CLOSED_LONG_AGO = datetime.datetime(2023, 2, 1, 9, 0, tzinfo=UTC)
NOW = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
MODELS = [
    Person,
    Person.history.model,
    Referral,
    Referral.history.model,
    ReferralEvent,
    Message,
    Signposting,
]


def at(moment, action):
    with time_machine.travel(moment, tick=False):
        return action()


def identifying(n):
    """One person's identifying details and the free text written about them, all unique."""
    return {
        "name": f"Hamish Uniquename{n}",
        "preferred_name": f"Hamie{n}",
        "phone": f"07700 90{n:04d}",
        "email": f"hamish{n}@example.com",
        "chi_number": "1403481237" if n == 1 else "",
        "postcode": f"DD{n} 1XY" if n < 10 else "DD9 9ZZ",
        "own_words": f"Own words number {n}: I miss my allotment friends.",
    }


def free_text(n):
    return {
        "reason": f"Reason text {n} about bereavement",
        "hopes": f"Hopes text {n}: a walking group",
        "contact_times": f"Mornings {n}",
        "risk_notes": f"Risk note {n}: lives alone",
    }


def every_text_value():
    """Every value of every text and char column of every row that could hold personal data."""
    values = []
    for model in MODELS:
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        for row in model.objects.values_list(*names):
            values.extend(str(value) for value in row if value)
    return "\n".join(values).lower()


def counts():
    people = Person.objects.all()
    return {
        "elements": {
            field: people.filter(**{field: True}).count()
            for field in ("seeks_friendship", "seeks_emotional", "seeks_practical", "seeks_material")
        },
        "carers": people.filter(is_carer=True).count(),
        "statuses": Counter(Referral.objects.values_list("status", flat=True)),
        "services": Counter(Referral.objects.values_list("service_id", flat=True)),
        "referrer_organisations": Counter(
            Referral.objects.values_list("referrer_organisation_id", flat=True)
        ),
        "topics": Counter(Person.topics.through.objects.values_list("topic_id", flat=True)),
        "signposting_elements": Signposting.objects.filter(seeks_practical=True).count(),
        "dates": sorted(Referral.objects.values_list("pk", "sent_at", "closed_at")),
        "people": people.count(),
        "referrals": Referral.objects.count(),
    }


@pytest.fixture
def world(befriending_a, service_b, link_worker, link_worker_service, staff_a, manager_b):
    topic = Topic.objects.create(slug="loneliness-retention", name="Loneliness (retention test)")

    def person(n, **extra):
        made = PersonFactory(
            organisation=link_worker_service, created_by=link_worker, **identifying(n), **extra
        )
        made.topics.add(topic)
        return made

    def refer(made, n, service=befriending_a):
        return make_referral(
            service=service,
            referrer=link_worker,
            referrer_organisation=link_worker_service,
            person=made,
            **free_text(n),
        )

    def completed_story():
        made = person(1, is_carer=True, caring_relationship="positive", seeks_emotional=True)
        made.name = "Hamish Uniquename1 Senior"  # a change: the history keeps the old name
        made.save()
        referral = refer(made, 1)
        services.referral_accept(referral=referral, user=staff_a, note="Accepted note 1 about his grief")
        services.referral_mark_contacted(referral=referral, user=staff_a)
        services.referral_record_contact_attempt(
            referral=referral, user=staff_a, outcome=ContactOutcome.SPOKE, note="Spoke to Hamish on Tuesday 1"
        )
        services.message_post(referral=referral, user=staff_a, body="Message 1: Hamish will come on Monday")
        services.message_post(referral=referral, user=link_worker, body="Message 1b: his daughter drives him")
        signposting = Signposting.objects.create(
            organisation=link_worker_service,
            recorded_by=link_worker,
            person=made,
            seeks_practical=True,
            note="Signposting note 1: benefits clinic for Hamish",
        )
        signposting.services.add(service_b)
        return made, referral

    world = {}
    world["completed"], referral = at(LONG_AGO, completed_story)
    at(
        CLOSED_LONG_AGO,
        lambda: services.referral_complete(
            referral=referral, user=staff_a, outcome_summary="Outcome 1: joined the lunch club"
        ),
    )

    def declined_story():
        made = person(2, date_of_birth=None, age_band=AgeBand.A55_64)
        services.referral_decline(
            referral=refer(made, 2),
            user=staff_a,
            reason=DeclineReason.OTHER,
            note="Decline note 2: Hamish is outside our area",
        )
        return made

    world["declined"] = at(LONG_AGO, declined_story)

    def no_referrals():
        made = person(3)
        signposting = Signposting.objects.create(
            organisation=link_worker_service, recorded_by=link_worker, person=made, note="Signposting note 3"
        )
        signposting.services.add(befriending_a)
        return made

    world["signposted_only"] = at(LONG_AGO, no_referrals)

    # Kept: closed within the period, still open, a draft, a recent signposting, made recently.
    world["recent"] = at(LONG_AGO, lambda: person(4))
    recent_referral = at(datetime.datetime(2025, 1, 5, tzinfo=UTC), lambda: refer(world["recent"], 4))
    at(
        datetime.datetime(2025, 6, 1, tzinfo=UTC),
        lambda: services.referral_withdraw(
            referral=recent_referral, user=link_worker, note="Withdraw note 4"
        ),
    )
    world["open"] = at(LONG_AGO, lambda: person(5))
    open_referral = at(LONG_AGO, lambda: refer(world["open"], 5))
    at(LONG_AGO, lambda: services.referral_accept(referral=open_referral, user=staff_a))
    world["draft"] = at(LONG_AGO, lambda: person(6))
    at(
        LONG_AGO,
        lambda: make_referral(
            service=befriending_a,
            referrer=link_worker,
            referrer_organisation=link_worker_service,
            person=world["draft"],
            send=False,
            **free_text(6),
        ),
    )
    # Begun long ago, worked on last week: not abandoned (REFERRAL_DRAFT_RETENTION_DAYS).
    Referral.objects.filter(person=world["draft"]).update(last_activity_at=NOW - datetime.timedelta(days=7))
    world["signposted_lately"] = at(LONG_AGO, lambda: person(7))
    at(
        datetime.datetime(2026, 1, 1, tzinfo=UTC),
        lambda: Signposting.objects.create(
            organisation=link_worker_service, person=world["signposted_lately"], note="Signposting note 7"
        ),
    )
    world["new"] = at(datetime.datetime(2026, 9, 1, tzinfo=UTC), lambda: person(8))
    return world


GONE = (1, 2, 3)
KEPT = (4, 5, 6, 7, 8)


def purge() -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def test_after_the_purge_nothing_identifiable_is_left_anywhere(world):
    before = every_text_value()
    for n in GONE + KEPT:
        assert identifying(n)["name"].lower() in before  # the scan sees what it looks for

    output = purge()

    assert "Anonymised 3 people" in output
    after = every_text_value()
    for n in GONE:
        for value in [*identifying(n).values(), *free_text(n).values()]:
            if value:
                assert value.lower() not in after, value
    for text in (
        "Hamish Uniquename1 Senior",
        "Accepted note 1",
        "Spoke to Hamish on Tuesday 1",
        "Message 1",
        "his daughter drives him",
        "Outcome 1: joined the lunch club",
        "Decline note 2",
        "Signposting note 1",
        "Signposting note 3",
    ):
        assert text.lower() not in after, text
    for n in KEPT:
        assert identifying(n)["name"].lower() in after
        assert identifying(n)["own_words"].lower() in after


def test_what_is_anonymised_and_what_stays(world):
    completed = world["completed"]
    purge()

    completed.refresh_from_db()
    assert completed.anonymised_at == NOW
    assert (completed.name, completed.preferred_name, completed.phone, completed.email) == ("", "", "", "")
    assert completed.date_of_birth is None and completed.chi_number == "" and completed.own_words == ""
    # 74 at the time of the referral (January 2023), though 78 by now.
    assert completed.age_band == AgeBand.A65_74
    assert completed.postcode == "DD1"
    assert completed.is_carer and completed.caring_relationship == "positive"
    assert completed.seeks_friendship and completed.seeks_emotional
    assert completed.topics.count() == 1
    assert completed.display_name == "Anonymised person"
    assert not Person.history.filter(id=completed.pk).exists()

    referral = completed.referrals.get()
    assert referral.status == Status.COMPLETED
    assert (
        referral.reason,
        referral.hopes,
        referral.contact_method,
        referral.contact_times,
        referral.risk_notes,
    ) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert referral.outcome_summary == OUTCOME_REMOVED
    assert referral.sent_at and referral.closed_at == CLOSED_LONG_AGO
    assert not referral.messages.exists()
    assert not referral.events.exclude(note="").exists()
    assert referral.events.count() >= 5  # the timeline's shape stays: who moved it, when
    assert not Referral.history.filter(id=referral.pk).exists()
    assert Signposting.objects.get(person=completed).note == ""

    declined = world["declined"]
    declined.refresh_from_db()
    assert declined.age_band == AgeBand.A55_64  # an age band given is kept as it was
    assert declined.referrals.get().decline_reason == DeclineReason.OTHER

    event = AuditEvent.objects.get(action=AuditAction.ANONYMISE, person_uuid=completed.uuid)
    assert event.user is None
    assert event.organisation == completed.organisation


def test_people_inside_the_period_are_untouched(world):
    before = {
        person.pk: (person.name, person.phone, person.own_words, person.history.count())
        for person in Person.objects.filter(
            pk__in=[world[key].pk for key in ("recent", "open", "draft", "signposted_lately", "new")]
        )
    }

    purge()

    for pk, was in before.items():
        person = Person.objects.get(pk=pk)
        assert person.anonymised_at is None
        assert (person.name, person.phone, person.own_words, person.history.count()) == was
    assert Referral.objects.get(person=world["recent"]).reason == "Reason text 4 about bereavement"
    assert Referral.objects.get(person=world["open"]).status == Status.ACCEPTED


def test_the_counts_for_reports_are_unchanged(world):
    before = counts()

    purge()

    assert counts() == before


def test_running_it_again_changes_nothing(world):
    purge()
    snapshot = every_text_value()
    events = AuditEvent.objects.count()

    assert "Anonymised 0 people" in purge()
    assert every_text_value() == snapshot
    assert AuditEvent.objects.count() == events


def test_the_retention_follows_the_setting(world, settings):
    settings.REFERRAL_RETENTION_MONTHS = 48  # the oldest closed 44 months before NOW

    assert "Anonymised 0 people" in purge()

    settings.REFERRAL_RETENTION_MONTHS = 12  # now the withdrawn referral (June 2025) is old enough too
    assert "Anonymised 4 people" in purge()
    assert Person.objects.get(pk=world["recent"].pk).anonymised_at == NOW
    assert Person.objects.get(pk=world["open"].pk).anonymised_at is None
    assert Person.objects.get(pk=world["draft"].pk).anonymised_at is None
    assert Person.objects.get(pk=world["signposted_lately"].pk).anonymised_at is None


def test_the_period_is_counted_in_calendar_months(befriending_a, link_worker, link_worker_service, staff_a):
    assert months_before(datetime.datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime.datetime(
        2026, 2, 28, tzinfo=UTC
    )
    assert months_before(NOW, 24) == datetime.datetime(2024, 10, 1, 12, 0, tzinfo=UTC)

    def closed_at(moment):
        made = at(LONG_AGO, lambda: PersonFactory(organisation=link_worker_service))
        referral = at(
            LONG_AGO,
            lambda: make_referral(
                service=befriending_a,
                referrer=link_worker,
                referrer_organisation=link_worker_service,
                person=made,
            ),
        )
        at(moment, lambda: services.referral_withdraw(referral=referral, user=link_worker))
        return made

    just_over = closed_at(datetime.datetime(2024, 10, 1, 11, 59, tzinfo=UTC))
    just_under = closed_at(datetime.datetime(2024, 10, 1, 12, 1, tzinfo=UTC))

    assert anonymise_people(now=NOW).people == 1
    assert Person.objects.get(pk=just_over.pk).anonymised_at == NOW
    assert Person.objects.get(pk=just_under.pk).anonymised_at is None


@pytest.mark.parametrize(
    ("postcode", "district"),
    [
        ("DD3 6HH", "DD3"),
        ("dd36hh", "DD3"),
        ("EH1 1AA", "EH1"),
        ("W1A 0AX", "W1A"),
        ("DD3", "DD3"),
        ("", ""),
        ("nowhere", ""),
    ],
)
def test_only_the_postcode_district_is_kept(postcode, district):
    assert postcode_district(postcode) == district


@pytest.mark.django_db
def test_an_abandoned_draft_goes_after_the_draft_period_with_a_person_recorded_only_for_it(
    befriending_a, link_worker, link_worker_service, settings
):
    settings.REFERRAL_DRAFT_RETENTION_DAYS = 30
    start = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        alone = make_referral(
            service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
        )
        kept_person = PersonFactory(organisation=link_worker_service, name="Kept McSent")
        other_draft = make_referral(
            service=befriending_a,
            referrer=link_worker,
            referrer_organisation=link_worker_service,
            person=kept_person,
            send=False,
        )
        make_referral(
            service=befriending_a,
            referrer=link_worker,
            referrer_organisation=link_worker_service,
            person=kept_person,
        )
    with time_machine.travel(start + datetime.timedelta(days=29), tick=False):
        anonymise_people()
        assert Referral.objects.filter(pk__in=[alone.pk, other_draft.pk]).count() == 2, "not yet"
    with time_machine.travel(start + datetime.timedelta(days=31), tick=False):
        counts = anonymise_people()

    assert (counts.drafts, counts.draft_people) == (2, 1)
    assert not Referral.objects.filter(pk__in=[alone.pk, other_draft.pk]).exists()
    assert not Person.objects.filter(pk=alone.person_id).exists()
    assert not Person.history.filter(id=alone.person_id).exists()
    assert not Referral.history.filter(id__in=[alone.pk, other_draft.pk]).exists()
    # Someone with a sent referral keeps their record (until the retention period proper).
    assert Person.objects.get(pk=kept_person.pk).name == "Kept McSent"
    assert Referral.objects.filter(person=kept_person).get().status == Status.SENT

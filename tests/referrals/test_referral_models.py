"""The referral models' database constraints (a row the state machine would never write is refused
by the database too) and the querysets that decide who may know a referral or person exists."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from referrals import services
from referrals.choices import DeclineReason, Status
from referrals.models import Person, Referral, Signposting
from tests.factories import MembershipFactory, PersonFactory, UserFactory, make_referral


@pytest.fixture
def referral(sent_referral):
    return sent_referral


def _refused(model, pk, **changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "lost"},
        # Nothing leaves a draft without consent recorded: given, how, when, which wording.
        {"consent_given": False},
        {"consent_method": ""},
        {"consent_recorded_at": None},
        {"consent_wording_version": ""},
        {"status": Status.DECLINED},  # without a reason
        {"status": Status.DECLINED, "decline_reason": "busy"},
        {"status": Status.COMPLETED},  # without an outcome
        {"referrer_organisation": None},  # not a self-referral, so it needs one
    ],
    ids=lambda changes: "-".join(f"{k}={v}" for k, v in changes.items()),
)
def test_the_database_refuses_a_referral_the_state_machine_would_never_write(changes, referral):
    _refused(Referral, referral.pk, **changes)


def test_the_database_accepts_the_rows_the_state_machine_writes(
    referral, befriending_a, link_worker, link_worker_service
):
    Referral.objects.filter(pk=referral.pk).update(status=Status.DECLINED, decline_reason=DeclineReason.OTHER)
    Referral.objects.filter(pk=referral.pk).update(status=Status.COMPLETED, outcome_summary="Settled in.")
    # A draft or a referral entered in error may lack consent.
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    no_consent = {
        "consent_given": False,
        "consent_method": "",
        "consent_recorded_at": None,
        "consent_wording_version": "",
    }
    Referral.objects.filter(pk=draft.pk).update(**no_consent)
    Referral.objects.filter(pk=draft.pk).update(status=Status.ENTERED_IN_ERROR)
    # A self-referral has no referring organisation.
    Referral.objects.filter(pk=referral.pk).update(is_self_referral=True, referrer_organisation=None)


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"age_band": "ancient"},
        {"caring_relationship": "positive", "is_carer": False},
        {"chi_number": "12345"},
        {"chi_number": "12345abcde"},
    ],
    ids=lambda changes: "-".join(f"{k}={v}" for k, v in changes.items()),
)
def test_the_database_refuses_a_person_without_the_minimum(changes, link_worker_service):
    person = PersonFactory(organisation=link_worker_service, is_carer=True)
    _refused(Person, person.pk, **changes)


def test_an_anonymised_person_has_no_name_and_says_so(link_worker_service):
    person = PersonFactory(organisation=link_worker_service, name="Robert McPerson", preferred_name="")
    assert (person.display_name, person.short_name) == ("Robert McPerson", "Robert M.")
    Person.objects.filter(pk=person.pk).update(name="", anonymised_at=timezone.now())
    person.refresh_from_db()
    assert (str(person), person.short_name) == ("Anonymised person", "Anonymised")


def test_a_person_needs_a_date_of_birth_or_an_age_band(link_worker_service):
    person = Person(organisation=link_worker_service, name="Jo Sample", caring_relationship="positive")
    with pytest.raises(ValidationError) as raised:
        person.full_clean()
    assert {"date_of_birth", "caring_relationship"} <= set(raised.value.message_dict)


def test_a_referral_reads_out_a_short_reference(referral):
    assert referral.reference == str(referral.uuid)[:8].upper() and len(referral.reference) == 8
    assert str(referral) == f"Referral {referral.reference} to Dundee Befriending"
    assert not referral.is_closed and not referral.consent_withdrawn


# --- Who may know a referral exists -----------------------------------------------------------


@pytest.fixture
def referrals(befriending_a, service_b, link_worker, link_worker_service, gp, gp_practice):
    def make(service, referrer, organisation, **fields):
        return make_referral(service=service, referrer=referrer, referrer_organisation=organisation, **fields)

    return {
        "sent_a": make(befriending_a, link_worker, link_worker_service),
        "draft_a": make(befriending_a, link_worker, link_worker_service, send=False),
        "gp_to_b": make(service_b, gp, gp_practice),
        "gp_draft_a": make(befriending_a, gp, gp_practice, send=False),
    }


def _names(queryset, referrals) -> set[str]:
    pks = set(queryset.values_list("pk", flat=True))
    return {name for name, referral in referrals.items() if referral.pk in pks}


def test_the_provider_inbox_holds_its_own_sent_referrals_only(
    referrals, staff_a, manager_b, link_worker, editor
):
    assert _names(Referral.objects.received_by(staff_a), referrals) == {"sent_a"}
    assert _names(Referral.objects.received_by(manager_b), referrals) == {"gp_to_b"}
    assert _names(Referral.objects.received_by(link_worker), referrals) == set()
    assert _names(Referral.objects.received_by(editor), referrals) == set()
    assert not Referral.objects.received_by(AnonymousUser()).exists()


def test_the_referrers_list_holds_their_organisations_referrals_drafts_included(
    referrals, link_worker, gp, staff_a, link_worker_service
):
    assert _names(Referral.objects.sent_by(link_worker), referrals) == {"sent_a", "draft_a"}
    assert _names(Referral.objects.sent_by(gp), referrals) == {"gp_to_b", "gp_draft_a"}
    assert _names(Referral.objects.sent_by(staff_a), referrals) == set()
    # A colleague sees them too; someone who leaves stops seeing them, their own included.
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=link_worker_service)
    assert _names(Referral.objects.sent_by(colleague), referrals) == {"sent_a", "draft_a"}
    link_worker.memberships.all().delete()
    link_worker.__dict__.pop("_membership_ids", None)
    assert _names(Referral.objects.sent_by(link_worker), referrals) == set()
    assert not Referral.objects.sent_by(AnonymousUser()).exists()


def test_visible_to_is_both_sides_without_the_other_sides_drafts(
    referrals, staff_a, manager_b, link_worker, gp, editor, admin_user
):
    assert _names(Referral.objects.visible_to(staff_a), referrals) == {"sent_a"}
    assert _names(Referral.objects.visible_to(manager_b), referrals) == {"gp_to_b"}
    assert _names(Referral.objects.visible_to(link_worker), referrals) == {"sent_a", "draft_a"}
    assert _names(Referral.objects.visible_to(gp), referrals) == {"gp_to_b", "gp_draft_a"}
    assert _names(Referral.objects.visible_to(editor), referrals) == set()
    assert _names(Referral.objects.visible_to(admin_user), referrals) == set()
    assert not Referral.objects.visible_to(AnonymousUser()).exists()
    # Sending the GP's draft shows it to Charity A.
    services.referral_send(referral=referrals["gp_draft_a"], user=gp)
    assert _names(Referral.objects.visible_to(staff_a), referrals) == {"sent_a", "gp_draft_a"}


def test_open_referrals_are_sent_and_not_closed(referrals, staff_a, manager_b):
    services.referral_decline(referral=referrals["gp_to_b"], user=manager_b, reason=DeclineReason.NO_CAPACITY)
    assert _names(Referral.objects.open(), referrals) == {"sent_a"}
    services.referral_accept(referral=referrals["sent_a"], user=staff_a)
    assert _names(Referral.objects.open(), referrals) == {"sent_a"}


def test_people_are_seen_by_their_holders_and_by_providers_of_sent_referrals(
    referrals, staff_a, manager_b, link_worker, gp, editor
):
    def people(user):
        return {p.pk for p in Person.objects.visible_to(user)}

    person = {name: referral.person_id for name, referral in referrals.items()}
    assert people(staff_a) == {person["sent_a"]}  # not the people of drafts
    assert people(manager_b) == {person["gp_to_b"]}
    assert people(link_worker) == {person["sent_a"], person["draft_a"]}
    assert people(gp) == {person["gp_to_b"], person["gp_draft_a"]}
    assert people(editor) == set() and not Person.objects.visible_to(AnonymousUser()).exists()
    # Only the holding organisation may change or export a record.
    assert {p.pk for p in Person.objects.held_by(staff_a)} == set()
    assert {p.pk for p in Person.objects.held_by(gp)} == {person["gp_to_b"], person["gp_draft_a"]}
    assert not Person.objects.held_by(AnonymousUser()).exists()


def test_signpostings_are_seen_by_their_organisation_only(
    link_worker, link_worker_service, gp, befriending_a
):
    signposting = Signposting.objects.create(organisation=link_worker_service, recorded_by=link_worker)
    signposting.services.add(befriending_a)
    assert list(Signposting.objects.visible_to(link_worker)) == [signposting]
    assert not Signposting.objects.visible_to(gp).exists()
    assert not Signposting.objects.visible_to(AnonymousUser()).exists()

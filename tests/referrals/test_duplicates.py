"""A likely duplicate (same name and date of birth, or the same CHI number, within the referring
organisation) is offered before a new record is made."""

import datetime

import pytest
from django.urls import reverse

from referrals.duplicates import likely_duplicates
from referrals.models import Person, Referral
from tests.factories import PersonFactory, sign_in
from tests.referrals.test_refer_form import good_post

pytestmark = pytest.mark.django_db

BORN = datetime.date(1948, 3, 14)


@pytest.fixture
def robert(gp_practice):
    return PersonFactory(
        organisation=gp_practice, name="Robert McLonely", preferred_name="", date_of_birth=BORN, chi_number=""
    )


def refer(client, service, **fields):
    return client.post(reverse("refer:staff", args=[service.slug]), good_post(service.organisation, **fields))


def test_the_same_name_and_date_of_birth_is_offered_before_a_new_record_is_made(
    client, gp, befriending_a, robert
):
    sign_in(client, gp)

    response = refer(client, befriending_a, name="  robert   MCLONELY ")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Is this someone you already have on record?" in page
    assert "Use the existing record for Robert M., born 14 March 1948" in page
    assert "This is a different person, make a new record" in page
    assert "Someone to talk to about the football." in page  # nothing typed is lost
    assert 'name="intent" value="send"' in page
    assert Person.objects.count() == 1 and not Referral.objects.exists()


def test_choosing_the_existing_record_refers_that_person(client, gp, befriending_a, robert):
    sign_in(client, gp)

    response = refer(client, befriending_a, duplicate=str(robert.uuid), action=None, intent="send")

    assert response.status_code == 302
    assert Person.objects.count() == 1
    assert Referral.objects.get().person == robert


def test_choosing_a_different_person_makes_a_new_record(client, gp, befriending_a, robert):
    sign_in(client, gp)

    response = refer(client, befriending_a, duplicate="new", action=None, intent="send")

    assert response.status_code == 302
    assert Person.objects.count() == 2
    assert Referral.objects.get().person != robert


def test_the_choice_of_a_draft_stays_a_draft(client, gp, befriending_a, robert):
    sign_in(client, gp)

    offered = refer(client, befriending_a, action="draft")
    response = refer(client, befriending_a, duplicate=str(robert.uuid), action=None, intent="draft")

    assert 'name="intent" value="draft"' in offered.content.decode()
    assert response.status_code == 302 and response["Location"] == reverse("referrals:list")
    assert Referral.objects.get().status == "draft"


def test_the_same_chi_number_is_offered_whatever_the_name(client, gp, gp_practice, befriending_a):
    PersonFactory(organisation=gp_practice, name="Bert Smith", chi_number="1403481237", date_of_birth=BORN)
    sign_in(client, gp)

    response = refer(client, befriending_a, chi_number="1403481237")

    assert "Use the existing record for" in response.content.decode()
    assert "CHI number ending 1237" in response.content.decode()


def test_a_choice_that_is_not_a_likely_duplicate_is_asked_again(
    client, gp, gp_practice, befriending_a, robert
):
    stranger = PersonFactory(organisation=gp_practice, name="Someone Else")
    sign_in(client, gp)

    response = refer(client, befriending_a, duplicate=str(stranger.uuid), action=None, intent="send")

    assert response.status_code == 200
    assert "Is this someone you already have on record?" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_record_held_by_another_organisation_is_never_offered(
    client, gp, link_worker_service, befriending_a
):
    PersonFactory(organisation=link_worker_service, name="Robert McLonely", date_of_birth=BORN)
    sign_in(client, gp)

    response = refer(client, befriending_a)

    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_the_same_date_of_birth_with_another_name_is_not_a_duplicate(gp_practice):
    PersonFactory(organisation=gp_practice, name="Roberta McLonely", date_of_birth=BORN)

    assert likely_duplicates(gp_practice, name="Robert McLonely", date_of_birth=BORN) == []


def test_an_anonymised_record_is_not_offered(gp_practice, robert):
    Person.objects.filter(pk=robert.pk).update(
        anonymised_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )

    assert likely_duplicates(gp_practice, name="Robert McLonely", date_of_birth=BORN) == []


def test_with_neither_date_of_birth_nor_chi_number_nothing_is_looked_for(gp_practice, robert):
    assert likely_duplicates(gp_practice, name="Robert McLonely") == []

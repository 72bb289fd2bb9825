"""/people/<uuid>/edit/: changing a person's details and needs, with the referral form's rules."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.models import Topic
from referrals.choices import AgeBand, AuditAction, CaringRelationship
from referrals.models import AuditEvent, Person
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

VALID_CHI = "1403481237"  # 14/03/48, check digit 7


def edit_url(person):
    return reverse("people:edit", kwargs={"person_uuid": person.uuid})


def form_data(person, **changes):
    data = {
        "name": person.name,
        "preferred_name": person.preferred_name,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
        "age_band": person.age_band,
        "postcode": person.postcode,
        "chi_number": person.chi_number,
        "phone": person.phone,
        "email": person.email,
        "own_words": person.own_words,
        "caring_relationship": person.caring_relationship,
    }
    for field in ("safe_to_leave_message", "seeks_friendship", "seeks_emotional", "is_carer"):
        if getattr(person, field):
            data[field] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def person(sent_referral):
    return sent_referral.person


@pytest.fixture
def client(link_worker):
    return sign_in(Client(), link_worker)


def test_the_form_shows_the_record_as_it_is(client, person):
    response = client.get(edit_url(person))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{person.name}"' in page
    assert 'value="1948-03-14"' in page
    assert "Someone to talk to about the football." in page
    assert "<legend" in page and "What support are they looking for?" in page
    assert "no-store" in response["Cache-Control"]


def test_a_change_is_saved_with_its_history_and_audited(client, person, link_worker, link_worker_service):
    loneliness = Topic.objects.create(slug="loneliness-test", name="Loneliness (test)")
    old_name = person.name

    response = client.post(
        edit_url(person),
        form_data(
            person,
            name="Robert McPerson Junior",
            postcode="dd3 6hh",
            chi_number="140348 123 7",
            seeks_practical="on",
            topics=[loneliness.pk],
            is_carer="on",
            caring_relationship=CaringRelationship.POSITIVE,
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_uuid": person.uuid})
    person.refresh_from_db()
    assert person.name == "Robert McPerson Junior"
    assert person.postcode == "DD3 6HH"
    assert person.chi_number == VALID_CHI
    assert person.seeks_practical and person.is_carer
    assert person.caring_relationship == CaringRelationship.POSITIVE
    assert list(person.topics.all()) == [loneliness]
    latest, before = person.history.order_by("-history_date")[:2]
    assert latest.history_user == link_worker and latest.history_type == "~"
    assert before.name == old_name
    event = AuditEvent.objects.get(action=AuditAction.CHANGE)
    assert (event.user, event.organisation, event.person_uuid) == (
        link_worker,
        link_worker_service,
        person.uuid,
    )


def test_saving_without_a_change_writes_nothing(client, person):
    rows = person.history.count()

    response = client.post(edit_url(person), form_data(person), follow=True)

    assert "Nothing was changed." in response.content.decode()
    assert person.history.count() == rows
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_an_age_band_may_stand_in_for_the_date_of_birth(client, person):
    response = client.post(edit_url(person), form_data(person, date_of_birth="", age_band=AgeBand.A75_PLUS))

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.date_of_birth is None and person.age_band == AgeBand.A75_PLUS


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"date_of_birth": "", "age_band": ""},
            "date_of_birth",
            "Give a date of birth or choose an age band.",
        ),
        (
            {"caring_relationship": CaringRelationship.CRITICAL, "is_carer": None},
            "caring_relationship_0",  # a group of radios: the summary links its first option
            "Only say which caring relationship fits if the person is a carer.",
        ),
        ({"chi_number": "1403481238"}, "chi_number", "its last digit (the check digit) does not match"),
        ({"chi_number": "12345"}, "chi_number", "A CHI number has 10 digits; this one has 5."),
        ({"chi_number": "0101501234"}, "chi_number", "does not match the date of birth given"),
        ({"postcode": "nowhere"}, "postcode", "is not a full UK postcode"),
        ({"email": "not-an-address"}, "email", "Enter an email address like name@example.com."),
        ({"name": ""}, "name", "Enter the person&#x27;s full name."),
        ({"age_band": "ancient", "date_of_birth": ""}, "age_band", "Choose one of the age bands."),
        ({"date_of_birth": "1948-02-31"}, "date_of_birth", "Enter a real date of birth"),
    ],
)
def test_mistakes_are_shown_and_what_was_typed_is_kept(client, person, changes, field, message):
    typed_words = "Typed words that must come back."

    response = client.post(edit_url(person), form_data(person, own_words=typed_words, **changes))

    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{field}"' in page and f'id="id_{field}"' in page
    assert message in page
    assert typed_words in page
    assert "<title>Error:" in page
    person.refresh_from_db()
    assert person.own_words == "Someone to talk to about the football."
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_the_page_keeps_the_saved_name_while_the_typed_one_is_refused(client, person):
    saved = person.display_name

    page = client.post(
        edit_url(person), form_data(person, preferred_name="Typed", date_of_birth="")
    ).content.decode()

    assert f"Edit {saved}'s record" in page
    assert 'value="Typed"' in page


def test_an_anonymised_record_cannot_be_edited(client, person):
    Person.objects.filter(pk=person.pk).update(name="", anonymised_at=timezone.now())

    assert client.get(edit_url(person)).status_code == 409
    response = client.post(edit_url(person), form_data(person, name="Someone New"))
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.name == ""


def test_a_provider_that_received_a_referral_may_not_post_changes(person, staff_a):
    response = sign_in(Client(), staff_a).post(edit_url(person), form_data(person, name="Changed"))

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.name != "Changed"

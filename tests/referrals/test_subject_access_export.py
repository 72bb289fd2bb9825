"""/people/<uuid>/export/: a subject access export of one person, as a JSON download."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from referrals import services
from referrals.choices import CONSENT_WORDING_VERSION, AuditAction, ConsentMethod, ContactOutcome
from referrals.models import AuditEvent, Signposting
from tests.factories import MembershipFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def lw_manager(link_worker_service):
    user = UserFactory(email="lw.manager@nhs.example.org", full_name="Lorna Lead")
    MembershipFactory(user=user, organisation=link_worker_service, role="manager")
    return user


def export_url(person):
    return reverse("people:export", kwargs={"person_uuid": person.uuid})


def download(user, person):
    response = sign_in(Client(), user).get(export_url(person))
    assert response.status_code == 200
    return response, json.loads(response.content)


@pytest.fixture
def story(sent_referral, staff_a, link_worker, link_worker_service, service_b):
    """The referral accepted, a contact attempt, a message each way, a signposting, an edit."""
    services.referral_accept(referral=sent_referral, user=staff_a, note="Welcome aboard.")
    services.referral_record_contact_attempt(
        referral=sent_referral, user=staff_a, outcome=ContactOutcome.NO_ANSWER, note="Phoned at ten."
    )
    services.message_post(referral=sent_referral, user=staff_a, body="We will phone on Tuesday.")
    services.message_post(referral=sent_referral, user=link_worker, body="Thank you, he knows.")
    signposting = Signposting.objects.create(
        organisation=link_worker_service,
        recorded_by=link_worker,
        person=sent_referral.person,
        seeks_practical=True,
        note="Told him about the benefits clinic.",
    )
    signposting.services.add(service_b)
    person = sent_referral.person
    person.phone = "07700 900123"
    person.save()
    return sent_referral


def test_a_manager_downloads_everything_about_the_person(story, lw_manager):
    person = story.person

    response, data = download(lw_manager, person)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="supportmap-person-{person.uuid}.json"'
    assert person.name not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]

    exported = data["person"]
    assert exported["uuid"] == str(person.uuid)
    assert exported["name"] == person.name
    assert exported["date_of_birth"] == "1948-03-14"
    assert exported["phone"] == "07700 900123"
    assert exported["own_words"] == "Someone to talk to about the football."
    assert exported["organisation"]["name"] == "Tayside Link Workers"
    assert exported["elements_sought"] == ["friendship"]
    person_fields = {field.name for field in person._meta.concrete_fields}
    assert person_fields <= set(exported)

    [referral] = data["referrals"]
    assert referral["uuid"] == str(story.uuid)
    assert referral["reason"] == "Lonely since his wife died; would like company."
    assert referral["status"] == "accepted"
    assert referral["service"]["name"] == "Dundee Befriending"
    assert referral["consent_wording_version"] == CONSENT_WORDING_VERSION
    assert {field.name for field in story._meta.concrete_fields} <= set(referral)
    notes = [event["note"] for event in referral["timeline"]]
    assert "Welcome aboard." in notes and "Phoned at ten." in notes
    assert [event["kind"] for event in referral["timeline"]][:2] == ["created", "transition"]
    assert [message["body"] for message in referral["messages"]] == [
        "We will phone on Tuesday.",
        "Thank you, he knows.",
    ]
    assert referral["messages"][0]["author"]["name"] == "Sam Staff"
    assert {row["status"] for row in referral["history"]} >= {"draft", "sent", "accepted"}

    [signposting] = data["signpostings"]
    assert signposting["note"] == "Told him about the benefits clinic."
    assert signposting["services"] == ["Trauma Support B"]

    assert [row["phone"] for row in data["person_history"]] == ["01382 000000", "07700 900123"]
    assert data["person_history"][0]["history_type"] == "+"

    actions = [event["action"] for event in data["audit_events"]]
    assert actions[-1] == AuditAction.EXPORT
    assert data["audit_events"][-1]["user"]["name"] == "Lorna Lead"
    assert data["exported_by"]["name"] == "Lorna Lead"
    assert data["not_included"] == []


def test_the_export_is_audited_and_in_the_next_export(sent_referral, lw_manager, link_worker_service):
    person = sent_referral.person
    download(lw_manager, person)

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.user, event.organisation, event.person_uuid) == (
        lw_manager,
        link_worker_service,
        person.uuid,
    )

    _, data = download(lw_manager, person)
    exports = [event for event in data["audit_events"] if event["action"] == AuditAction.EXPORT]
    assert len(exports) == 2
    assert exports[0]["id"] == event.pk


def test_views_by_others_are_in_the_export(sent_referral, lw_manager, staff_a):
    sign_in(Client(), staff_a).get(reverse("referrals:detail", kwargs={"referral_uuid": sent_referral.uuid}))

    _, data = download(lw_manager, sent_referral.person)

    by = {
        (event["user"]["name"] if event["user"] else None, event["action"]) for event in data["audit_events"]
    }
    assert ("Sam Staff", AuditAction.VIEW) in by


def test_a_referral_between_two_other_organisations_is_named_not_included(
    sent_referral, lw_manager, staff_a, service_b
):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    onward = services.referral_refer_on(
        referral=sent_referral,
        user=staff_a,
        service=service_b,
        consent_method=ConsentMethod.VERBAL,
        consent_wording_version=CONSENT_WORDING_VERSION,
        reason="Private between the two charities.",
    )

    _, data = download(lw_manager, sent_referral.person)

    assert [referral["uuid"] for referral in data["referrals"]] == [str(sent_referral.uuid)]
    assert data["not_included"] == [
        {"referral_reference": onward.reference, "ask": ["Charity A", "Charity B"]}
    ]
    assert "Private between the two charities." not in json.dumps(data)


def test_a_plain_member_may_not_export(sent_referral, link_worker):
    response = sign_in(Client(), link_worker).get(export_url(sent_referral.person))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_export_is_a_download_only_by_get(sent_referral, lw_manager):
    response = sign_in(Client(), lw_manager).post(export_url(sent_referral.person))

    assert response.status_code == 405


def test_managers_see_the_export_link(sent_referral, lw_manager):
    page = sign_in(Client(), lw_manager).get(
        reverse("people:detail", kwargs={"person_uuid": sent_referral.person.uuid})
    )

    assert export_url(sent_referral.person) in page.content.decode()

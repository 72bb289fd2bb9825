"""Signposting (/referrals/signposting/): a referrer records that they told a person about services
without a formal referral; their organisation's records, with the counts that go in reports."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.choices import ServiceStatus
from referrals.choices import AuditAction
from referrals.models import AuditEvent, Signposting
from tests.factories import MembershipFactory, PersonFactory, ServiceFactory, sign_in

NEW = "/referrals/signposting/new/"
LIST = "/referrals/signposting/"


@pytest.fixture
def walking(provider_b):
    return ServiceFactory(
        organisation=provider_b,
        name="Hilltown Health Walks",
        slug="hilltown-health-walks",
        offers_friendship=False,
        offers_practical=True,
    )


@pytest.fixture
def signed_in_link_worker(client, link_worker):
    return sign_in(client, link_worker)


def record(organisation, user, services, **fields):
    signposting = Signposting.objects.create(organisation=organisation, recorded_by=user, **fields)
    signposting.services.set(services)
    return signposting


def test_signposting_needs_sign_in(client, db):
    for url in (NEW, LIST):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_only_members_of_referrer_organisations_record_or_list_signposting(client, public_user, staff_a):
    for user in (public_user, staff_a):
        sign_in(client, user)
        assert client.get(NEW).status_code == 403
        assert client.get(LIST).status_code == 403
        assert client.post(NEW + "?services=x", {}).status_code == 403


def test_the_services_in_the_link_are_offered_ticked_with_their_elements(
    signed_in_link_worker, befriending_a, walking
):
    response = signed_in_link_worker.get(
        NEW + f"?services={befriending_a.slug},{walking.slug},no-such-service"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields["services"].queryset) == [befriending_a, walking]
    assert form.fields["services"].initial == [befriending_a.pk, walking.pk]
    assert form.fields["elements"].initial == ["friendship", "practical"]
    assert "Dundee Befriending (Charity A)" in response.text
    assert "<legend" in response.text  # the checkbox groups are fieldsets
    assert "Recorded for <strong>Tayside Link Workers</strong>." in response.text
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_shortlist_fills_the_form(signed_in_link_worker, befriending_a, walking):
    signed_in_link_worker.post(reverse("shortlist:add", args=[walking.slug]))
    response = signed_in_link_worker.get(NEW + f"?shortlist=1&services={befriending_a.slug}")
    assert list(response.context["services"]) == [befriending_a, walking]


def test_an_unpublished_service_is_never_offered(signed_in_link_worker, provider_a):
    hidden = ServiceFactory(organisation=provider_a, status=ServiceStatus.ARCHIVED)
    response = signed_in_link_worker.get(NEW + f"?services={hidden.slug}")
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Choose the services first." in response.text


def test_signposting_is_recorded_for_the_organisation_and_counted(
    signed_in_link_worker, befriending_a, walking, link_worker, link_worker_service
):
    response = signed_in_link_worker.post(
        NEW + f"?services={befriending_a.slug},{walking.slug}",
        {
            "organisation": link_worker_service.pk,
            "services": [befriending_a.pk, walking.pk],
            "elements": ["friendship", "emotional"],
            "note": "Told him on the phone.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?organisation={link_worker_service.pk}"
    signposting = Signposting.objects.get()
    assert signposting.organisation == link_worker_service
    assert signposting.recorded_by == link_worker
    assert set(signposting.services.all()) == {befriending_a, walking}
    assert signposting.elements() == ["friendship", "emotional"]
    assert signposting.note == "Told him on the phone."
    assert signposting.person is None
    page = signed_in_link_worker.get(response["Location"]).text
    assert "Signposting to 2 services recorded for Tayside Link Workers." in page
    assert "Told him on the phone." in page


def test_bad_input_is_refused_with_400_and_what_was_typed_is_kept(
    signed_in_link_worker, befriending_a, walking, link_worker_service
):
    response = signed_in_link_worker.post(
        NEW + f"?services={befriending_a.slug}",
        {
            "organisation": link_worker_service.pk,
            "services": [walking.pk],  # not offered on this page
            "note": "Keep this note",
        },
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "Choose among the services listed." in response.text
    assert "Choose at least one element of support." in response.text
    assert "Keep this note" in response.text
    too_long = signed_in_link_worker.post(
        NEW + f"?services={befriending_a.slug}",
        {
            "organisation": link_worker_service.pk,
            "services": [befriending_a.pk],
            "elements": ["friendship"],
            "note": "x" * 501,
        },
    )
    assert too_long.status_code == 400
    assert Signposting.objects.count() == 0


def test_someone_in_several_referrer_organisations_chooses_one_of_their_own(
    client, link_worker, gp_practice, link_worker_service, befriending_a, provider_a
):
    MembershipFactory(user=link_worker, organisation=gp_practice)
    sign_in(client, link_worker)
    url = NEW + f"?services={befriending_a.slug}"
    page = client.get(url).text
    assert "Recorded for which organisation?" in page
    data = {"services": [befriending_a.pk], "elements": ["friendship"]}
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "organisation": provider_a.pk}).status_code == 400
    assert client.post(url, {**data, "organisation": gp_practice.pk}).status_code == 302
    assert Signposting.objects.get().organisation == gp_practice


def test_a_person_on_record_is_linked_and_the_change_audited(
    signed_in_link_worker, befriending_a, link_worker, link_worker_service
):
    person = PersonFactory(organisation=link_worker_service, name="Robert McTavish", preferred_name="")
    url = NEW + f"?services={befriending_a.slug}&person={person.uuid}"
    page = signed_in_link_worker.get(url)
    assert "For <strong>Robert M.</strong>" in page.text
    assert page["Cache-Control"].startswith("max-age=0")
    response = signed_in_link_worker.post(
        url,
        {
            "organisation": link_worker_service.pk,
            "services": [befriending_a.pk],
            "elements": ["friendship"],
            "link_person": "on",
        },
    )
    assert response.status_code == 302
    assert Signposting.objects.get().person == person
    actions = list(
        AuditEvent.objects.filter(person_uuid=person.uuid).values_list("action", "user", "organisation")
    )
    assert (AuditAction.CHANGE, link_worker.pk, link_worker_service.pk) in actions
    assert (AuditAction.VIEW, link_worker.pk, link_worker_service.pk) in actions
    listing = signed_in_link_worker.get(LIST).text
    assert reverse("people:detail", args=[person.uuid]) in listing
    assert "Robert" not in listing


def test_a_person_is_linked_only_when_asked(signed_in_link_worker, befriending_a, link_worker_service):
    person = PersonFactory(organisation=link_worker_service)
    signed_in_link_worker.post(
        NEW + f"?services={befriending_a.slug}&person={person.uuid}",
        {"organisation": link_worker_service.pk, "services": [befriending_a.pk], "elements": ["friendship"]},
    )
    assert Signposting.objects.get().person is None
    assert not AuditEvent.objects.filter(person_uuid=person.uuid, action=AuditAction.CHANGE).exists()


@pytest.mark.parametrize("which", ["other", "nonsense"])
def test_a_person_of_another_organisation_or_a_bad_id_is_404(
    signed_in_link_worker, befriending_a, gp_practice, which
):
    raw = PersonFactory(organisation=gp_practice).uuid if which == "other" else "not-a-uuid"
    assert signed_in_link_worker.get(NEW + f"?services={befriending_a.slug}&person={raw}").status_code == 404


def test_the_list_shows_only_the_organisations_own_records_newest_first_with_counts(
    signed_in_link_worker, link_worker, link_worker_service, gp, gp_practice, befriending_a, walking
):
    old = record(link_worker_service, link_worker, [befriending_a], seeks_friendship=True, note="old one")
    Signposting.objects.filter(pk=old.pk).update(created=timezone.now() - datetime.timedelta(days=62))
    record(
        link_worker_service,
        link_worker,
        [walking],
        seeks_practical=True,
        seeks_friendship=True,
        note="new one",
    )
    record(gp_practice, gp, [walking], seeks_practical=True, note="the practice's own")
    response = signed_in_link_worker.get(LIST)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    notes = [row.note for row in response.context["page_obj"].object_list]
    assert notes == ["new one", "old one"]
    assert "the practice's own" not in response.text
    counts = response.context["counts"]
    assert counts["total"] == 2
    assert counts["this_month"] == 1
    assert dict(counts["by_element"]) == {
        "Friendship and peer support": 2,
        "Emotional support": 0,
        "Constructing meaning": 0,
        "Practical advice": 1,
        "Material assistance": 0,
    }


def test_another_organisation_cannot_be_chosen_in_the_list(signed_in_link_worker, gp_practice):
    assert signed_in_link_worker.get(LIST + f"?organisation={gp_practice.pk}").status_code == 404
    assert signed_in_link_worker.get(LIST + "?page=abc").status_code == 400


def test_the_list_answers_in_a_fixed_number_of_queries(
    signed_in_link_worker,
    link_worker,
    link_worker_service,
    befriending_a,
    walking,
    django_assert_max_num_queries,
):
    def queries():
        with django_assert_max_num_queries(30) as captured:
            assert signed_in_link_worker.get(LIST).status_code == 200
        return len(captured)

    record(link_worker_service, link_worker, [befriending_a], seeks_friendship=True)
    few = queries()
    for _ in range(30):
        record(link_worker_service, link_worker, [befriending_a, walking], seeks_friendship=True)
    assert queries() == few
    assert len(signed_in_link_worker.get(LIST).context["page_obj"].object_list) == 25


def test_a_person_held_by_an_organisation_that_does_not_refer_cannot_be_signposted_from_it(
    client, link_worker, provider_a, befriending_a
):
    MembershipFactory(user=link_worker, organisation=provider_a)
    person = PersonFactory(organisation=provider_a)  # a self-referral Charity A received
    sign_in(client, link_worker)
    assert client.get(NEW + f"?services={befriending_a.slug}&person={person.uuid}").status_code == 403

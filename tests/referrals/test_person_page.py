"""/people/<uuid>/: a person's record, their journey, and who has looked at it."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referrals import services
from referrals.choices import CONSENT_WORDING_VERSION, AuditAction, CaringRelationship, ConsentMethod
from referrals.models import AuditEvent, Signposting
from tests.factories import MembershipFactory, PersonFactory, UserFactory, make_referral, sign_in

pytestmark = pytest.mark.django_db


def lw_manager(link_worker_service):
    user = UserFactory(email="lw.manager@nhs.example.org", full_name="Lorna Lead")
    MembershipFactory(user=user, organisation=link_worker_service, role="manager")
    return user


def url(person, name="detail"):
    return reverse(f"people:{name}", kwargs={"person_uuid": person.uuid})


def get(user, path):
    return sign_in(Client(), user).get(path)


def test_the_holding_organisation_sees_the_details_needs_and_carer_situation(sent_referral, link_worker):
    person = sent_referral.person
    person.is_carer = True
    person.caring_relationship = CaringRelationship.OVER_INVOLVED
    person.seeks_emotional = True
    person.save()

    response = get(link_worker, url(person))

    assert response.status_code == 200
    page = response.content.decode()
    assert person.name in page
    assert "Bob" in page
    assert "14 March 1948" in page
    assert "DD3 6HH" in page
    assert "Someone to talk to about the football." in page
    assert "Friendship and peer support" in page and "Emotional support" in page
    assert "They look after someone." in page
    assert "Emotionally over-involved: too involved, neglecting their own needs" in page
    assert "no-store" in response["Cache-Control"]


def test_every_visit_is_audited_with_the_viewer_and_their_organisation(
    sent_referral, link_worker, link_worker_service
):
    get(link_worker, url(sent_referral.person))
    get(link_worker, url(sent_referral.person))

    events = AuditEvent.objects.filter(person_uuid=sent_referral.person.uuid, action=AuditAction.VIEW)
    assert events.count() == 2
    assert {(event.user, event.organisation) for event in events} == {(link_worker, link_worker_service)}
    assert not events.exclude(referral_uuid=None).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("link_worker", 200),
        ("staff_a", 403),  # received a referral for them: knows they exist
        ("manager_a", 403),
        ("manager_b", 404),
        ("gp", 404),
        ("public_user", 404),
        ("editor", 404),
        ("admin_user", 404),
    ],
)
@pytest.mark.parametrize("name", ["detail", "edit", "export"])
def test_who_may_open_each_person_url(request, sent_referral, who, status, name):
    user = request.getfixturevalue(who)
    expected = 403 if (name == "export" and status == 200) else status  # a plain member may not export

    assert get(user, url(sent_referral.person, name)).status_code == expected


@pytest.mark.parametrize("name", ["detail", "edit", "export"])
def test_someone_signed_out_is_sent_to_sign_in(sent_referral, name):
    response = Client().get(url(sent_referral.person, name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_provider_that_only_received_a_referral_leaves_no_view_in_the_trail(sent_referral, staff_a):
    get(staff_a, url(sent_referral.person))

    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def _self_referral_referred_on(befriending_a, service_b, staff_a):
    person = PersonFactory(organisation=befriending_a.organisation, name="Agnes Selfreferrer")
    first = services.referral_create(
        person=person,
        service=befriending_a,
        referrer=None,
        referrer_organisation=None,
        is_self_referral=True,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version="2026-12-self",
    )
    services.referral_accept(referral=first, user=staff_a)
    services.referral_mark_contacted(referral=first, user=staff_a)
    second = services.referral_refer_on(
        referral=first,
        user=staff_a,
        service=service_b,
        consent_method=ConsentMethod.VERBAL,
        consent_wording_version=CONSENT_WORDING_VERSION,
        reason="Needs specialist support.",
    )
    return person, first, second


def test_a_referral_referred_on_shows_as_one_chain(befriending_a, service_b, staff_a):
    person, first, second = _self_referral_referred_on(befriending_a, service_b, staff_a)

    page = get(staff_a, url(person)).content.decode()

    assert "Referred on: Dundee Befriending → Trauma Support B" in page
    assert page.count('class="card mb-3 journey-chain"') == 1
    assert reverse("referrals:detail", kwargs={"referral_uuid": first.uuid}) in page
    assert reverse("referrals:detail", kwargs={"referral_uuid": second.uuid}) in page
    assert page.index("Dundee Befriending <span") < page.index("Trauma Support B <span")
    assert "Referred on to another service" in page
    assert "Self-referral" in page


def test_the_journey_shows_only_the_referrals_the_viewer_may_see(
    sent_referral, link_worker, staff_a, service_b
):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    onward = services.referral_refer_on(
        referral=sent_referral,
        user=staff_a,
        service=service_b,
        consent_method=ConsentMethod.VERBAL,
        consent_wording_version=CONSENT_WORDING_VERSION,
    )

    page = get(link_worker, url(sent_referral.person)).content.decode()

    assert reverse("referrals:detail", kwargs={"referral_uuid": sent_referral.uuid}) in page
    assert str(onward.uuid) not in page
    assert "Trauma Support B" not in page


def test_every_referral_of_the_person_is_in_the_journey_oldest_first(
    sent_referral, link_worker, link_worker_service, service_b
):
    again = make_referral(
        service=service_b,
        referrer=link_worker,
        referrer_organisation=link_worker_service,
        person=sent_referral.person,
    )

    page = get(link_worker, url(sent_referral.person)).content.decode()

    assert page.count('class="card mb-3 journey-chain"') == 2
    first = page.index(reverse("referrals:detail", kwargs={"referral_uuid": sent_referral.uuid}))
    assert first < page.index(reverse("referrals:detail", kwargs={"referral_uuid": again.uuid}))


def test_signpostings_and_the_buttons_to_refer_or_signpost_again(
    sent_referral, link_worker, link_worker_service, service_b
):
    person = sent_referral.person
    signposting = Signposting.objects.create(
        organisation=link_worker_service, recorded_by=link_worker, person=person, note="Gave a leaflet."
    )
    signposting.services.add(service_b)

    page = get(link_worker, url(person)).content.decode()

    assert "told about Trauma Support B" in page and "Gave a leaflet." in page
    refer_again = reverse("refer:staff", kwargs={"slug": "dundee-befriending"}) + f"?person={person.uuid}"
    assert refer_again in page
    assert reverse("referrals:signposting_new") + f"?person={person.uuid}" in page
    assert reverse("directory:service_list") in page


def test_a_provider_that_holds_a_self_referral_and_does_not_refer_sees_no_refer_buttons(
    befriending_a, service_b, staff_a
):
    person, _, _ = _self_referral_referred_on(befriending_a, service_b, staff_a)

    page = get(staff_a, url(person)).content.decode()

    assert "?person=" not in page


def _view_as(user, person, times):
    for _ in range(times):
        AuditEvent.objects.create(user=user, action=AuditAction.VIEW, person_uuid=person.uuid)


def test_managers_see_who_has_looked_at_the_record_newest_first(
    sent_referral, link_worker, link_worker_service, staff_a
):
    manager = lw_manager(link_worker_service)
    person = sent_referral.person
    get(link_worker, url(person))
    get(staff_a, reverse("referrals:detail", kwargs={"referral_uuid": sent_referral.uuid}))

    page = get(manager, url(person)).content.decode()

    assert "Who has looked at this record" in page
    trail = page[page.index("Who has looked at this record") :]
    assert "Lee Linkworker" in trail and "Tayside Link Workers" in trail
    assert trail.index("Lorna Lead") < trail.index("Lee Linkworker")  # newest (their own view) first
    assert "Viewed (this record)" in trail


def test_plain_members_do_not_see_the_trail(sent_referral, link_worker):
    page = get(link_worker, url(sent_referral.person)).content.decode()

    assert "Who has looked at this record" not in page
    assert reverse("people:export", kwargs={"person_uuid": sent_referral.person.uuid}) not in page


def test_the_trail_is_paginated_in_a_fixed_number_of_queries(sent_referral, link_worker_service):
    manager = lw_manager(link_worker_service)
    person = sent_referral.person
    client = sign_in(Client(), manager)
    client.get(url(person))  # warm the session and the site's caches

    counts = []
    for users in (2, 12):
        for n in range(users):
            _view_as(UserFactory(full_name=f"Viewer {n}"), person, 3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(person))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    page = response.content.decode()
    assert page.count("<tr>") == 1 + 25  # the header and one page of events
    assert "?page=2" in page
    assert client.get(url(person) + "?page=2").status_code == 200


def test_a_bad_page_of_the_trail_is_a_clear_message(sent_referral, link_worker_service):
    manager = lw_manager(link_worker_service)

    response = get(manager, url(sent_referral.person) + "?page=abc")

    assert response.status_code == 400
    assert "is not a page number" in response.content.decode()


def test_an_anonymised_record_says_so_and_offers_no_edit(sent_referral, link_worker):
    from django.utils import timezone

    from referrals.models import Person

    Person.objects.filter(pk=sent_referral.person.pk).update(name="", anonymised_at=timezone.now())

    page = get(link_worker, url(sent_referral.person)).content.decode()

    assert "This record was anonymised" in page
    assert url(sent_referral.person, "edit") not in page

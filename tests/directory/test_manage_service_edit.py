"""Editing a listing: a published one through a working copy (the public keeps the published version)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory import listings
from directory.choices import Capacity, ServiceStatus
from directory.models import Audience, Service, Topic
from tests.directory.manage_support import listing_post, opening_row
from tests.factories import LocationFactory, OpeningTimeFactory, ServiceAreaFactory, ServiceFactory, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(provider_a):
    hall = LocationFactory(organisation=provider_a, name="Church Hall")
    service = ServiceFactory(
        organisation=provider_a, name="Walk and Talk", slug="walk-and-talk", locations=[hall], peer_led=True
    )
    service.audiences.set(Audience.objects.all()[:2])
    service.topics.set(Topic.objects.all()[:1])
    OpeningTimeFactory(service=service, location=hall, note="Meet at the gate")
    ServiceAreaFactory(service=service)
    return service


def edit_url(service):
    return reverse("manage:service_edit", args=[service.slug])


def test_the_working_copy_is_a_faithful_full_copy(published, manager_a):
    copy = listings.service_start_edit(service=published, by=manager_a)
    assert copy.pk != published.pk
    assert copy.draft_of == published
    assert copy.status == ServiceStatus.DRAFT
    assert copy.organisation == published.organisation
    assert copy.slug.startswith("walk-and-talk-changes-")
    for name in Service.content_field_names():
        assert getattr(copy, name) == getattr(published, name), name
    assert set(copy.audiences.all()) == set(published.audiences.all())
    assert set(copy.topics.all()) == set(published.topics.all())
    assert set(copy.locations.all()) == set(published.locations.all())
    assert [t.describe() for t in copy.opening_times.all()] == [
        t.describe() for t in published.opening_times.all()
    ]
    assert [(t.location_id, t.note) for t in copy.opening_times.all()] == [
        (t.location_id, t.note) for t in published.opening_times.all()
    ]
    assert [(a.kind, a.code) for a in copy.areas.all()] == [(a.kind, a.code) for a in published.areas.all()]
    # Made once, reused until an editor decides.
    assert listings.service_start_edit(service=published, by=manager_a) == copy


def test_editing_a_published_service_changes_only_the_working_copy(client, published, staff_a):
    sign_in(client, staff_a)
    form = client.get(edit_url(published))
    assert form.status_code == 200
    assert "go live only when a directory editor approves them" in form.content.decode()
    assert 'value="Walk and Talk"' in form.content.decode()
    assert not Service.objects.filter(draft_of=published).exists()  # a GET makes no copy

    data = listing_post(
        name="Walk and Talk Together",
        structure=published.structure,
        mode_group="on",
        locations=[str(loc.pk) for loc in published.locations.all()],
        **{"opening-TOTAL_FORMS": "1", "opening-INITIAL_FORMS": "1"},
        **opening_row(0, weekday="3"),
    )
    response = client.post(edit_url(published), data)
    assert response.status_code == 302

    published.refresh_from_db()
    assert published.name == "Walk and Talk"
    assert published.status == ServiceStatus.PUBLISHED
    assert [t.weekday for t in published.opening_times.all()] == [1]
    copy = published.pending_edit
    assert copy.name == "Walk and Talk Together"
    assert [t.weekday for t in copy.opening_times.all()] == [3]
    assert copy.status == ServiceStatus.DRAFT

    # The public sees the published version: its page and search.
    client.logout()
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Walk and Talk" in page and "Walk and Talk Together" not in page
    assert client.get(copy.get_absolute_url()).status_code == 404
    results = client.get(reverse("directory:service_list"), {"q": "walk"}).content.decode()
    assert "Walk and Talk" in results and "Together" not in results


def test_a_second_edit_goes_to_the_same_working_copy(client, published, manager_a):
    sign_in(client, manager_a)
    client.post(edit_url(published), listing_post(name="First change"))
    form = client.get(edit_url(published)).content.decode()
    assert 'value="First change"' in form  # the form starts from the saved changes
    client.post(edit_url(published), listing_post(name="Second change"))
    assert Service.objects.filter(draft_of=published).count() == 1
    assert published.pending_edit.name == "Second change"


def test_submitting_the_changes_sends_the_copy_for_review_and_the_public_keeps_the_published(
    client, published, manager_a
):
    sign_in(client, manager_a)
    client.post(edit_url(published), listing_post(name="Walk and Talk Together"))
    response = client.post(reverse("manage:service_submit", args=[published.slug]))
    assert response.status_code == 302
    copy = Service.objects.get(draft_of=published)
    assert copy.status == ServiceStatus.PENDING_REVIEW
    assert copy.submitted_by == manager_a
    assert copy.submitted_at is not None
    published.refresh_from_db()
    assert published.status == ServiceStatus.PUBLISHED and published.name == "Walk and Talk"
    page = client.get(reverse("manage:organisation", args=["charity-a"])).content.decode()
    assert "Your changes are waiting for review" in page


def test_a_published_service_with_no_changes_has_nothing_to_submit(client, published, manager_a):
    sign_in(client, manager_a)
    response = client.post(reverse("manage:service_submit", args=[published.slug]))
    assert response.status_code == 400
    assert "no changes to send" in response.content.decode()


def test_a_new_draft_is_submitted_and_cannot_be_submitted_twice(client, manager_a, provider_a):
    draft = ServiceFactory(organisation=provider_a, status=ServiceStatus.DRAFT, last_reviewed=None)
    sign_in(client, manager_a)
    assert client.post(reverse("manage:service_submit", args=[draft.slug])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ServiceStatus.PENDING_REVIEW
    assert client.post(reverse("manage:service_submit", args=[draft.slug])).status_code == 400


def test_a_listing_sent_back_shows_the_reason_and_can_be_edited_and_resubmitted(
    client, manager_a, provider_a
):
    sent_back = ServiceFactory(
        organisation=provider_a,
        status=ServiceStatus.DRAFT,
        last_reviewed=None,
        review_note="Please add the opening times.",
    )
    sign_in(client, manager_a)
    page = client.get(reverse("manage:organisation", args=[provider_a.slug])).content.decode()
    assert "Sent back by an editor" in page and "Please add the opening times." in page
    form = client.get(edit_url(sent_back)).content.decode()
    assert "Please add the opening times." in form
    data = listing_post(name=sent_back.name, **{"opening-TOTAL_FORMS": "1"}, **opening_row(0))
    assert client.post(edit_url(sent_back), data).status_code == 302
    sent_back.refresh_from_db()
    assert sent_back.opening_times.count() == 1
    assert not Service.objects.filter(draft_of=sent_back).exists()  # a draft is edited in place
    client.post(reverse("manage:service_submit", args=[sent_back.slug]))
    sent_back.refresh_from_db()
    assert sent_back.status == ServiceStatus.PENDING_REVIEW
    assert sent_back.review_note == ""


def test_editing_a_listing_waiting_for_review_makes_it_a_draft_again(client, manager_a, provider_a):
    pending = ServiceFactory(
        organisation=provider_a,
        status=ServiceStatus.PENDING_REVIEW,
        last_reviewed=None,
        submitted_at=timezone.now(),
    )
    sign_in(client, manager_a)
    assert client.post(edit_url(pending), listing_post(name="Renamed")).status_code == 302
    pending.refresh_from_db()
    assert pending.status == ServiceStatus.DRAFT
    assert pending.submitted_at is None


def test_capacity_changes_at_once_on_the_published_row_and_its_pending_copy(client, published, staff_a):
    copy = listings.service_start_edit(service=published, by=staff_a)
    sign_in(client, staff_a)
    response = client.post(reverse("manage:service_capacity", args=[published.slug]), {"capacity": "full"})
    assert response.status_code == 302
    published.refresh_from_db()
    copy.refresh_from_db()
    assert published.capacity == Capacity.FULL
    assert copy.capacity == Capacity.FULL
    assert published.status == ServiceStatus.PUBLISHED
    assert "Full" in client.get(published.get_absolute_url()).content.decode()


def test_a_capacity_that_does_not_exist_is_refused(client, published, staff_a):
    sign_in(client, staff_a)
    response = client.post(
        reverse("manage:service_capacity", args=[published.slug]), {"capacity": "bursting"}
    )
    assert response.status_code == 400
    published.refresh_from_db()
    assert published.capacity == Capacity.OPEN


def test_still_correct_restarts_the_freshness_clock(client, published, staff_a):
    Service.objects.filter(pk=published.pk).update(
        freshness="overdue",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=200),
        reminder_sent_on=timezone.localdate() - datetime.timedelta(days=50),
        overdue_notice_sent_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    sign_in(client, staff_a)
    response = client.post(reverse("manage:service_confirm", args=[published.slug]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.last_reviewed == timezone.localdate()
    assert published.freshness == "current"
    assert published.reminder_sent_on is None and published.overdue_notice_sent_on is None


def test_only_a_published_listing_can_be_confirmed(client, manager_a, provider_a):
    draft = ServiceFactory(organisation=provider_a, status=ServiceStatus.DRAFT, last_reviewed=None)
    sign_in(client, manager_a)
    assert client.post(reverse("manage:service_confirm", args=[draft.slug])).status_code == 400


def test_actions_are_post_only(client, published, manager_a):
    sign_in(client, manager_a)
    for name in ("service_submit", "service_capacity", "service_confirm"):
        assert client.get(reverse(f"manage:{name}", args=[published.slug])).status_code == 405


def test_the_editors_are_emailed_when_a_listing_is_sent_for_review(
    client, published, manager_a, editor, staff_a, mailoutbox
):
    sign_in(client, manager_a)
    client.post(edit_url(published), listing_post(name="Walk and Talk Together"))
    client.post(reverse("manage:service_submit", args=[published.slug]))

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [editor.email]  # not the organisation's own staff
    assert email.subject == "Changes to a listing are waiting for review: Walk and Talk Together"
    copy = Service.objects.get(draft_of=published)
    assert reverse("review:service_review", args=[copy.slug]) in email.body


def test_saving_a_listing_keeps_the_ids_of_the_places_it_stays_at(provider_a):
    # Open Referral publishes each service-at-location id: an edit must not renumber them.
    hall, library = LocationFactory(organisation=provider_a), LocationFactory(organisation=provider_a)
    draft = ServiceFactory(
        organisation=provider_a, status=ServiceStatus.DRAFT, last_reviewed=None, locations=[hall, library]
    )
    hall_link = draft.service_at_locations.get(location=hall).uuid

    draft.set_locations([hall.pk])

    assert list(draft.service_at_locations.values_list("uuid", flat=True)) == [hall_link]

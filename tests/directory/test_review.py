"""The editors' review queue: the queue, the diff, approving, sending back, emails and history."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationClaim
from directory.choices import Freshness, ProblemKind, ServiceStatus
from directory.models import OpeningTime, ProblemReport, Service, ServiceArea
from tests.directory.review_fixtures import *  # noqa: F403
from tests.directory.review_fixtures import make_working_copy
from tests.factories import ServiceFactory, sign_in

pytestmark = pytest.mark.django_db


def review_url(service):
    return reverse("review:service_review", args=[service.slug])


def diff_rows(response):
    """The diff table's rows as {field name: (old cell text, new cell text)}."""
    return {row.name: (" | ".join(row.old), " | ".join(row.new)) for row in response.context["rows"]}


# --- The queue ---------------------------------------------------------------------------------


def test_queue_lists_new_and_changed_listings_oldest_submitted_first(
    client, editor, new_listing, working_copy, provider_b, manager_b
):
    older = ServiceFactory(
        organisation=provider_b,
        name="Oldest Waiting",
        status=ServiceStatus.PENDING_REVIEW,
        submitted_by=manager_b,
        submitted_at=timezone.now() - datetime.timedelta(days=10),
    )
    ServiceFactory(organisation=provider_b, name="A Draft", status=ServiceStatus.DRAFT)
    sign_in(client, editor)
    response = client.get(reverse("review:queue"))
    assert response.status_code == 200
    assert [service.name for service in response.context["page_obj"]] == [
        older.name,
        new_listing.name,
        working_copy.name,
    ]
    html = response.content.decode()
    assert "A Draft" not in html
    assert "Bea Manager" in html and "Morag Manager" in html and "Sam Staff" in html
    assert "Charity B" in html and "Charity A" in html
    assert "New listing" in html and "Changes to" in html


def test_queue_counts_open_problem_reports_and_pending_claims_with_links(
    client, editor, published, public_user
):
    ProblemReport.objects.create(service=published, kind=ProblemKind.WRONG_CONTACT, details="Old phone")
    ProblemReport.objects.create(
        service=published,
        kind=ProblemKind.OTHER,
        details="Fixed",
        status="resolved",
        resolved_at=timezone.now(),
        resolution_note="Done",
    )
    OrganisationClaim.objects.create(organisation=published.organisation, user=public_user)
    sign_in(client, editor)
    response = client.get(reverse("review:queue"))
    html = response.content.decode()
    assert 'href="/review/problems/">Open problem reports: 1</a>' in html
    assert 'href="/review/claims/">Claims waiting for a decision: 1</a>' in html


def test_queue_says_when_nothing_is_waiting(client, editor, published):
    sign_in(client, editor)
    assert "Nothing is waiting for review." in client.get(reverse("review:queue")).content.decode()


def test_queue_page_costs_a_fixed_number_of_queries(
    client, editor, provider_b, manager_b, published, django_assert_max_num_queries
):
    for number in range(12):
        copy = ServiceFactory(
            organisation=provider_b,
            status=ServiceStatus.PENDING_REVIEW,
            submitted_by=manager_b,
            submitted_at=timezone.now(),
        )
        if number == 0:
            make_working_copy(published, submitted_by=manager_b)
        assert copy
    sign_in(client, editor)
    client.get(reverse("review:queue"))  # warm the session and the permission caches
    with django_assert_max_num_queries(10):
        response = client.get(reverse("review:queue"))
    assert len(response.context["page_obj"].object_list) == 13


# --- The diff ----------------------------------------------------------------------------------


def test_diff_of_a_working_copy_shows_only_what_changed_with_labels_and_human_values(
    client, editor, working_copy
):
    sign_in(client, editor)
    response = client.get(review_url(working_copy))
    assert response.status_code == 200
    rows = diff_rows(response)
    assert set(rows) == {"name", "offers_emotional", "opening_times", "locations"}
    assert rows["name"] == ("Tuesday Tea Group", "Tuesday and Thursday Tea Group")
    assert rows["offers_emotional"] == ("No", "Yes")
    assert rows["opening_times"] == (
        "Tuesday 10:00–12:00 at Hilltown Hall, Dundee",
        "Tuesday 10:00–12:00 at Hilltown Hall, Dundee | Thursday 14:00–16:00",
    )
    assert rows["locations"] == ("Central Library, Dundee | Hilltown Hall, Dundee", "Hilltown Hall, Dundee")
    html = response.content.decode()
    assert "<caption>Changes compared with the published listing</caption>" in html
    assert '<th scope="row">Emotional support</th>' in html
    assert "<ins>Thursday 14:00–16:00</ins>" in html
    assert "<del>Central Library, Dundee</del>" in html


def test_diff_shows_changed_audiences_and_choice_labels(client, editor, published, staff_a):
    from directory.models import Audience

    copy = make_working_copy(published, submitted_by=staff_a, cost="not_stated", structure="informal")
    extra = Audience.objects.exclude(pk__in=published.audiences.all()).order_by("slug").first()
    copy.audiences.add(extra)
    sign_in(client, editor)
    rows = diff_rows(client.get(review_url(copy)))
    assert rows["cost"] == ("Free", "Not stated")
    assert rows["structure"] == ("Semi-formal", "Informal")
    old_audiences = [str(a) for a in published.audiences.all()]
    assert rows["audiences"] == (" | ".join(old_audiences), " | ".join(sorted([*old_audiences, extra.name])))


def test_an_unchanged_working_copy_says_nothing_differs(client, editor, published, staff_a):
    copy = make_working_copy(published, submitted_by=staff_a)
    sign_in(client, editor)
    response = client.get(review_url(copy))
    assert response.context["rows"] == []
    assert "Nothing differs from the published listing." in response.content.decode()


def test_a_new_listing_shows_every_field_as_new(client, editor, new_listing):
    sign_in(client, editor)
    response = client.get(review_url(new_listing))
    rows = diff_rows(response)
    assert set(rows) >= {
        *Service.content_field_names(),
        "audiences",
        "topics",
        "opening_times",
        "locations",
        "areas",
    }
    assert all(old == "" for old, _ in rows.values())
    assert rows["name"][1] == "Carers' Walking Group"
    assert rows["peer_led"][1] == "Yes"
    assert rows["opening_times"][1] == "First Monday of the month 10:00–12:00"
    html = response.content.decode()
    assert "<caption>Every field of the new listing</caption>" in html
    assert "office@charity-a.example.org" in html  # the organisation's contact details
    assert "Approve and publish" in html


def test_review_page_of_a_listing_not_waiting_offers_no_buttons(client, editor, published):
    sign_in(client, editor)
    html = client.get(review_url(published)).content.decode()
    assert "This listing is not waiting for review" in html
    assert "Approve" not in html


def test_review_page_costs_a_fixed_number_of_queries(
    client, editor, working_copy, django_assert_max_num_queries
):
    sign_in(client, editor)
    client.get(review_url(working_copy))
    with django_assert_max_num_queries(25):
        client.get(review_url(working_copy))


# --- Approving ---------------------------------------------------------------------------------


def test_approving_a_new_listing_publishes_it_and_search_finds_it(client, editor, new_listing):
    assert client.get(new_listing.get_absolute_url()).status_code == 404
    assert "Carers&#x27; Walking Group" not in client.get("/services/?q=walking").content.decode()
    new_listing.review_note = "Earlier: please add the day."
    new_listing.save()
    sign_in(client, editor)
    response = client.post(reverse("review:service_approve", args=[new_listing.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("review:queue")
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PUBLISHED
    assert new_listing.last_reviewed == timezone.localdate()
    assert new_listing.freshness == Freshness.CURRENT
    assert new_listing.review_note == ""
    client.logout()
    assert client.get(new_listing.get_absolute_url()).status_code == 200
    assert "Carers&#x27; Walking Group" in client.get("/services/?q=walking").content.decode()
    record = new_listing.history.order_by("-history_id").first()
    assert record.history_user == editor
    assert record.history_change_reason == "Approved new listing submitted by Morag Manager"


def test_approving_a_working_copy_puts_its_content_on_the_published_row_and_deletes_the_copy(
    client, editor, published, working_copy
):
    published_id, link_uuid = (
        published.pk,
        published.service_at_locations.get(location__name="Hilltown Hall").uuid,
    )
    published.freshness = Freshness.OVERDUE
    published.save()
    # The public never sees the changes before approval.
    html = client.get(published.get_absolute_url()).content.decode()
    assert "Tuesday Tea Group" in html and "Thursday" not in html
    assert client.get(working_copy.get_absolute_url()).status_code == 404

    sign_in(client, editor)
    response = client.post(reverse("review:service_approve", args=[working_copy.slug]))
    assert response.status_code == 302
    assert not Service.objects.filter(pk=working_copy.pk).exists()
    service = Service.objects.get(pk=published_id)
    assert service.slug == "tuesday-tea-group"
    assert service.name == "Tuesday and Thursday Tea Group"
    assert service.offers_emotional is True
    assert service.status == ServiceStatus.PUBLISHED
    assert service.last_reviewed == timezone.localdate()
    assert service.freshness == Freshness.CURRENT
    assert [str(location) for location in service.locations.all()] == ["Hilltown Hall, Dundee"]
    assert service.service_at_locations.get().uuid == link_uuid  # the kept link keeps its id
    assert sorted(o.describe() for o in service.opening_times.all()) == [
        "Thursday 14:00–16:00",
        "Tuesday 10:00–12:00",
    ]
    assert [area.name for area in service.areas.all()] == ["Dundee City"]
    assert OpeningTime.objects.count() == 2 and ServiceArea.objects.count() == 1
    assert list(service.audiences.all()) == list(published.audiences.all())

    record = service.history.order_by("-history_id").first()
    assert record.history_user == editor
    assert record.history_change_reason == "Approved changes submitted by Sam Staff"
    client.logout()
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Tuesday and Thursday Tea Group" in html and "<li>Thursday 14:00–16:00</li>" in html


def test_approving_records_one_change_by_the_editor_in_the_history(client, editor, published, working_copy):
    before = published.history.count()
    sign_in(client, editor)
    client.post(reverse("review:service_approve", args=[working_copy.slug]))
    assert published.history.count() == before + 1
    response = client.get(reverse("review:service_history", args=[published.slug]))
    entry = response.context["entries"][0]
    assert entry.who == "Eddie Editor"
    assert entry.what == "Approved changes submitted by Sam Staff"
    assert {row.name for row in entry.rows} >= {"name", "offers_emotional"}
    assert "By Eddie Editor" in response.content.decode()


def test_approving_something_not_waiting_is_a_clear_409(client, editor, published, new_listing):
    sign_in(client, editor)
    response = client.post(reverse("review:service_approve", args=[published.slug]))
    assert response.status_code == 409
    assert "is not waiting for review" in response.content.decode()
    client.post(reverse("review:service_approve", args=[new_listing.slug]))
    mail.outbox.clear()
    again = client.post(reverse("review:service_approve", args=[new_listing.slug]))
    assert again.status_code == 409
    assert mail.outbox == []


def test_approve_is_post_only(client, editor, new_listing):
    sign_in(client, editor)
    assert client.get(reverse("review:service_approve", args=[new_listing.slug])).status_code == 405
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PENDING_REVIEW


def test_approve_needs_the_csrf_token(editor, new_listing):
    from django.test import Client

    client = sign_in(Client(enforce_csrf_checks=True), editor)
    response = client.post(reverse("review:service_approve", args=[new_listing.slug]))
    assert response.status_code == 403
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PENDING_REVIEW


# --- Sending back ------------------------------------------------------------------------------


def test_send_back_requires_a_reason_and_keeps_what_was_typed(client, editor, new_listing):
    sign_in(client, editor)
    response = client.post(reverse("review:service_send_back", args=[new_listing.slug]), {"reason": "   "})
    assert response.status_code == 400
    assert "Say why the listing is being sent back." in response.content.decode()
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PENDING_REVIEW
    assert mail.outbox == []


def test_send_back_with_a_too_long_reason_keeps_the_text(client, editor, new_listing):
    sign_in(client, editor)
    reason = "Please add the meeting place. " * 200
    response = client.post(reverse("review:service_send_back", args=[new_listing.slug]), {"reason": reason})
    assert response.status_code == 400
    assert "Please add the meeting place." in response.content.decode()
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PENDING_REVIEW


def test_sending_back_makes_it_a_draft_with_the_reason_and_emails_the_organisation(
    client, editor, new_listing, staff_a
):
    sign_in(client, editor)
    response = client.post(
        reverse("review:service_send_back", args=[new_listing.slug]),
        {"reason": "Please say where the walk starts."},
    )
    assert response.status_code == 302
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.DRAFT
    assert new_listing.review_note == "Please say where the walk starts."
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"office@charity-a.example.org", "manager@charity-a.example.org", staff_a.email}
    assert "Carers' Walking Group" in message.subject
    assert "Please say where the walk starts." in message.body
    assert (
        "http://" in message.body and "/my-organisation/services/carers-walking-group/edit/" in message.body
    )
    record = new_listing.history.order_by("-history_id").first()
    assert record.history_user == editor


def test_sending_back_a_working_copy_leaves_the_published_listing_alone(
    client, editor, published, working_copy
):
    sign_in(client, editor)
    client.post(reverse("review:service_send_back", args=[working_copy.slug]), {"reason": "Which Thursday?"})
    working_copy.refresh_from_db()
    published.refresh_from_db()
    assert working_copy.status == ServiceStatus.DRAFT
    assert working_copy.review_note == "Which Thursday?"
    assert published.name == "Tuesday Tea Group"
    assert published.status == ServiceStatus.PUBLISHED
    assert "The public still sees the published version." in mail.outbox[0].body
    assert "/my-organisation/services/tuesday-tea-group/edit/" in mail.outbox[0].body


def test_approval_emails_the_organisation_and_its_members_with_a_link(
    client, editor, working_copy, manager_a
):
    sign_in(client, editor)
    client.post(reverse("review:service_approve", args=[working_copy.slug]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"office@charity-a.example.org", manager_a.email, "staff@charity-a.example.org"}
    assert message.subject == "Your changes to Tuesday and Thursday Tea Group are now public"
    assert "http://" in message.body and "/services/tuesday-tea-group/" in message.body


# --- History -----------------------------------------------------------------------------------


def test_history_shows_who_changed_what_and_when(client, editor, published, manager_a):
    published._history_user = manager_a
    published.phone = "01382 000000"
    published.save()
    sign_in(client, editor)
    response = client.get(reverse("review:service_history", args=[published.slug]))
    assert response.status_code == 200
    entries = response.context["entries"]
    newest = entries[0]
    assert newest.who == "Morag Manager"
    assert [(row.name, row.old, row.new) for row in newest.rows] == [("phone", [], ["01382 000000"])]
    assert entries[-1].what == "Listing created"
    assert "Morag Manager" in response.content.decode()


def test_history_is_open_to_the_organisations_own_members(client, staff_a, published):
    sign_in(client, staff_a)
    response = client.get(reverse("review:service_history", args=[published.slug]))
    assert response.status_code == 200
    assert "History of Tuesday Tea Group" in response.content.decode()


def test_history_pages_cost_a_fixed_number_of_queries(
    client, editor, published, django_assert_max_num_queries
):
    from directory.models import Audience

    audiences = list(Audience.objects.all()[:3])
    for number in range(30):
        published.summary = f"Summary {number}"
        published.save()
        published.audiences.set(audiences[: number % 3 + 1])
    sign_in(client, editor)
    url = reverse("review:service_history", args=[published.slug])
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert len(response.context["entries"]) == 20
    with django_assert_max_num_queries(20):
        assert client.get(url + "?page=2").status_code == 200
    assert client.get(url + "?page=99").status_code == 404
    assert client.get(url + "?page=x").status_code == 400


def test_the_approval_service_records_the_editor_even_outside_a_request(editor, working_copy, published):
    from directory.review import service_approve

    service_approve(service=working_copy, editor=editor)
    record = published.history.order_by("-history_id").first()
    assert record.history_user == editor
    assert record.history_change_reason == "Approved changes submitted by Sam Staff"


def test_the_send_back_service_refuses_a_blank_reason(editor, new_listing):
    from django.core.exceptions import ValidationError

    from directory.review import service_send_back

    with pytest.raises(ValidationError):
        service_send_back(service=new_listing, editor=editor, reason="  ")
    new_listing.refresh_from_db()
    assert new_listing.status == ServiceStatus.PENDING_REVIEW


def test_history_of_a_published_listing_links_to_the_changes_waiting(
    client, staff_a, working_copy, published
):
    sign_in(client, staff_a)
    html = client.get(reverse("review:service_history", args=[published.slug])).content.decode()
    assert reverse("review:service_history", args=[working_copy.slug]) in html
    assert "review them" not in html  # members do not review
    copy_html = client.get(reverse("review:service_history", args=[working_copy.slug])).content.decode()
    assert "This is a working copy of changes to" in copy_html


def test_diff_still_works_for_a_copy_written_without_history(client, editor, published, staff_a):
    copy = make_working_copy(published, submitted_by=staff_a, phone="01382 111111")
    copy.history.all().delete()  # as if written around the ORM (a bulk import, say)
    sign_in(client, editor)
    rows = diff_rows(client.get(review_url(copy)))
    assert rows == {"phone": ("", "01382 111111")}

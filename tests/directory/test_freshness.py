"""Freshness: manage.py check_freshness with frozen time, at each threshold and run twice."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from directory.choices import Freshness, ServiceStatus
from directory.freshness import freshness_on, months_before
from directory.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

CHECKED = datetime.date(2026, 1, 15)
# With the defaults (5, 6 and 12 months): due from 15 June, overdue after 15 July, lapsed after
# 15 January 2027.
DUE_ON = datetime.date(2026, 6, 15)
CONFIRM_BY = datetime.date(2026, 7, 15)
LAPSES_AFTER = datetime.date(2027, 1, 15)
DAY = datetime.timedelta(days=1)


def run_on(day: datetime.date) -> str:
    out = StringIO()
    # Noon in Scotland: the command's "today" is Scotland's date.
    with time_machine.travel(datetime.datetime.combine(day, datetime.time(12, 0)), tick=False):
        call_command("check_freshness", stdout=out)
    return out.getvalue()


@pytest.fixture
def listing(provider_a, staff_a):
    return ServiceFactory(
        organisation=provider_a, name="Carers' Cuppa", slug="carers-cuppa", last_reviewed=CHECKED
    )


def state(service) -> str:
    return Service.objects.get(pk=service.pk).freshness


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (DUE_ON - DAY, Freshness.CURRENT),
        (DUE_ON, Freshness.DUE),
        (CONFIRM_BY, Freshness.DUE),
        (CONFIRM_BY + DAY, Freshness.OVERDUE),
        (LAPSES_AFTER, Freshness.OVERDUE),
        (LAPSES_AFTER + DAY, Freshness.LAPSED),
    ],
)
def test_each_threshold_from_the_day_before_to_the_day_after(listing, day, expected):
    run_on(day)

    assert state(listing) == expected


def test_months_count_to_the_same_day_or_the_last_day_of_a_shorter_month():
    assert months_before(datetime.date(2026, 7, 15), 6) == datetime.date(2026, 1, 15)
    assert months_before(datetime.date(2026, 2, 28), 6) == datetime.date(2025, 8, 28)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2027, 1, 10), 12) == datetime.date(2026, 1, 10)


def test_thresholds_follow_the_settings(settings):
    settings.LISTING_REMIND_MONTHS, settings.LISTING_CONFIRM_MONTHS, settings.LISTING_LAPSE_MONTHS = 1, 2, 3
    today = datetime.date(2026, 6, 1)

    assert freshness_on(datetime.date(2026, 5, 2), today) == Freshness.CURRENT
    assert freshness_on(datetime.date(2026, 5, 1), today) == Freshness.DUE
    assert freshness_on(datetime.date(2026, 3, 31), today) == Freshness.OVERDUE
    assert freshness_on(datetime.date(2026, 2, 28), today) == Freshness.LAPSED


def test_a_reminder_goes_to_the_organisation_at_five_months_once(listing, staff_a, settings):
    run_on(DUE_ON - DAY)
    assert mail.outbox == []

    run_on(DUE_ON)
    (reminder,) = mail.outbox
    assert reminder.to == sorted(["office@charity-a.example.org", staff_a.email])
    assert reminder.subject == "Please check your listing: Carers' Cuppa"
    assert "Still correct" in reminder.body
    assert f"{settings.SITE_URL}/my-organisation/" in reminder.body
    assert "Please check it by 15 July 2026" in reminder.body
    assert Service.objects.get(pk=listing.pk).reminder_sent_on == DUE_ON

    run_on(DUE_ON + DAY)
    run_on(CONFIRM_BY)
    assert len(mail.outbox) == 1


def test_a_second_notice_goes_when_the_listing_becomes_overdue_once(listing):
    run_on(DUE_ON)
    run_on(CONFIRM_BY + DAY)

    assert len(mail.outbox) == 2
    notice = mail.outbox[1]
    assert notice.subject == "Your listing may be out of date: Carers' Cuppa"
    assert "Still correct" in notice.body and "/my-organisation/" in notice.body
    assert "it will leave search results" in notice.body
    assert Service.objects.get(pk=listing.pk).overdue_notice_sent_on == CONFIRM_BY + DAY

    run_on(CONFIRM_BY + 2 * DAY)
    run_on(LAPSES_AFTER + DAY)
    assert len(mail.outbox) == 2
    assert state(listing) == Freshness.LAPSED


def test_running_twice_a_day_sends_nothing_twice(listing):
    first = run_on(DUE_ON)
    second = run_on(DUE_ON)

    assert len(mail.outbox) == 1
    assert "sent 1 reminders and 0 overdue notices" in first
    assert "0 changed freshness; sent 0 reminders and 0 overdue notices" in second


def test_a_listing_that_skipped_due_gets_one_notice_not_two(listing):
    run_on(CONFIRM_BY + DAY)

    (notice,) = mail.outbox
    assert notice.subject.startswith("Your listing may be out of date")
    assert state(listing) == Freshness.OVERDUE


def test_a_listing_found_lapsed_is_told_it_has_left_search(listing):
    run_on(LAPSES_AFTER + DAY)

    (notice,) = mail.outbox
    assert notice.subject == "Your listing has left search: Carers' Cuppa"


def test_confirmed_again_it_is_current_on_the_next_run_and_the_next_round_reminds_again(listing):
    run_on(DUE_ON)
    run_on(CONFIRM_BY + DAY)
    confirmed = datetime.date(2026, 8, 1)
    Service.objects.filter(pk=listing.pk).update(last_reviewed=confirmed)

    run_on(confirmed + DAY)
    assert state(listing) == Freshness.CURRENT
    assert len(mail.outbox) == 2

    run_on(datetime.date(2027, 1, 1))  # five months after the confirmation
    assert state(listing) == Freshness.DUE
    assert len(mail.outbox) == 3
    assert mail.outbox[2].subject.startswith("Please check your listing")


def test_only_published_listings_are_checked_not_drafts_or_working_copies(listing, provider_a):
    draft = ServiceFactory(organisation=provider_a, status=ServiceStatus.DRAFT, last_reviewed=CHECKED)
    copy = ServiceFactory(
        organisation=provider_a, status=ServiceStatus.DRAFT, draft_of=listing, last_reviewed=CHECKED
    )

    output = run_on(CONFIRM_BY + DAY)

    assert "Checked 1 published listings" in output
    assert state(draft) == state(copy) == Freshness.CURRENT
    assert len(mail.outbox) == 1


def test_the_summary_counts_each_state(provider_a):
    ServiceFactory(organisation=provider_a, last_reviewed=DUE_ON)
    ServiceFactory(organisation=provider_a, last_reviewed=CHECKED)
    ServiceFactory(organisation=provider_a, last_reviewed=datetime.date(2025, 1, 1))

    output = run_on(CONFIRM_BY + DAY)

    assert "Checked 3 published listings (1 current, 0 due, 1 overdue, 1 lapsed)" in output
    assert "2 changed freshness" in output


def test_the_freshness_change_adds_no_entry_to_the_listing_history(listing):
    before = listing.history.count()

    run_on(CONFIRM_BY + DAY)

    assert listing.history.count() == before


def test_an_overdue_listing_is_marked_on_its_result_card(client, listing):
    run_on(CONFIRM_BY + DAY)

    with time_machine.travel(datetime.datetime.combine(CONFIRM_BY + DAY, datetime.time(12, 0)), tick=False):
        page = client.get("/services/?q=cuppa").content.decode()
    assert "Carers&#x27; Cuppa" in page
    assert "This listing may be out of date" in page
    assert '<time datetime="2026-01-15">15 January 2026</time>' in page


def test_a_lapsed_listing_leaves_search_but_its_page_and_organisation_page_stay(client, listing, provider_a):
    run_on(LAPSES_AFTER + DAY)

    assert "Carers&#x27; Cuppa" not in client.get("/services/?q=cuppa").content.decode()
    page = client.get("/services/carers-cuppa/")
    assert page.status_code == 200
    assert "has not confirmed it for over a year" in page.content.decode()
    organisation_page = client.get(provider_a.get_absolute_url()).content.decode()
    assert "Carers&#x27; Cuppa" in organisation_page
    assert "This listing may be out of date" in organisation_page

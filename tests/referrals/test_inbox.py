"""The provider inbox, /referrals/inbox/: scoping, roles, groups and filters, flags, answering,
the audit trail and a query count that does not grow with the rows."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from referrals.choices import SELF_REFERRAL_CONSENT_VERSION, AuditAction, ConsentMethod, Status
from referrals.models import AuditEvent, Referral
from referrals.services import (
    consent_withdraw,
    referral_accept,
    referral_complete,
    referral_mark_contacted,
    referral_record_contact_attempt,
)
from tests.factories import MembershipFactory, PersonFactory, ServiceFactory, make_referral, sign_in

pytestmark = pytest.mark.django_db

INBOX = "/referrals/inbox/"


def _references(response) -> list[str]:
    return re.findall(r'data-reference="([0-9A-F]{8})"', response.content.decode())


def _count(response, group: str) -> int:
    match = re.search(rf'data-group="{group}">(\d+)<', response.content.decode())
    return int(match.group(1))


def _refer(service, link_worker, link_worker_service, **fields):
    return make_referral(
        service=service, referrer=link_worker, referrer_organisation=link_worker_service, **fields
    )


# --- who may see it ----------------------------------------------------------------------------


def test_someone_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(INBOX)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_a_member_of_a_referrer_organisation_only_is_refused(client, link_worker):
    response = sign_in(client, link_worker).get(INBOX)

    assert response.status_code == 403


def test_someone_in_no_organisation_is_refused(client, public_user):
    assert sign_in(client, public_user).get(INBOX).status_code == 403


def test_a_provider_sees_referrals_to_their_services_and_never_another_organisations(
    client, staff_a, befriending_a, service_b, link_worker, link_worker_service
):
    ours = _refer(befriending_a, link_worker, link_worker_service)
    person = PersonFactory(organisation=link_worker_service, name="Theodora Quill", preferred_name="")
    theirs = _refer(service_b, link_worker, link_worker_service, person=person)

    response = sign_in(client, staff_a).get(INBOX + "?state=all")

    assert response.status_code == 200
    assert _references(response) == [ours.reference]
    assert theirs.reference not in response.content.decode()
    assert theirs.person.short_name not in response.content.decode()


def test_a_draft_to_a_providers_service_is_not_in_their_inbox(
    client, staff_a, befriending_a, link_worker, link_worker_service
):
    draft = _refer(befriending_a, link_worker, link_worker_service, send=False)

    response = sign_in(client, staff_a).get(INBOX + "?state=all")

    assert draft.reference not in response.content.decode()
    assert "Nobody has referred anyone to your services" in response.content.decode()


def test_the_page_is_never_cached(client, staff_a):
    response = sign_in(client, staff_a).get(INBOX)

    assert "no-store" in response["Cache-Control"]


# --- what a row shows --------------------------------------------------------------------------


def test_a_row_shows_the_persons_short_name_and_nothing_more(
    client, staff_a, befriending_a, link_worker, link_worker_service, provider_a
):
    person = PersonFactory(
        organisation=link_worker_service, name="Robert Andrew McDonald", preferred_name="", postcode="DD3 6HH"
    )
    referral = _refer(befriending_a, link_worker, link_worker_service, person=person)

    page = sign_in(client, staff_a).get(INBOX).content.decode()

    assert "Robert M." in page
    assert "McDonald" not in page
    assert "DD3 6HH" not in page
    assert person.phone not in page
    assert referral.reason not in page
    assert "Tayside Link Workers" in page


def test_a_self_referral_is_marked_clearly(client, staff_a, befriending_a, provider_a):
    person = PersonFactory(organisation=provider_a)
    make_referral(
        service=befriending_a,
        referrer=None,
        referrer_organisation=None,
        person=person,
        is_self_referral=True,
        consent_method=ConsentMethod.ONLINE,
        consent_wording_version=SELF_REFERRAL_CONSENT_VERSION,
    )

    page = sign_in(client, staff_a).get(INBOX).content.decode()

    assert 'class="badge text-bg-info referral-self">Self-referral<' in page


def test_withdrawn_consent_is_marked(client, staff_a, befriending_a, link_worker, link_worker_service):
    referral = _refer(befriending_a, link_worker, link_worker_service)
    consent_withdraw(referral=referral, user=link_worker)

    page = sign_in(client, staff_a).get(INBOX + "?state=closed").content.decode()

    assert "Consent withdrawn" in page


def test_a_referral_waiting_since_the_first_nudge_says_how_long_and_when_it_expires(
    client, staff_a, befriending_a, link_worker, link_worker_service
):
    sent = timezone.now() - datetime.timedelta(days=30)
    with time_machine.travel(sent, tick=False):
        _refer(befriending_a, link_worker, link_worker_service)
    sign_in(client, staff_a)

    with time_machine.travel(sent + datetime.timedelta(days=4, hours=23), tick=False):
        early = client.get(INBOX).content.decode()
    with time_machine.travel(sent + datetime.timedelta(days=6, hours=1), tick=False):
        later = client.get(INBOX).content.decode()
    with time_machine.travel(sent + datetime.timedelta(days=14, hours=1), tick=False):
        last_day = client.get(INBOX).content.decode()

    assert "referral-flag-waiting" not in early
    assert "Waiting 6 days – expires in 8 days" in later
    assert "Waiting 14 days – expires today" in last_day


def test_an_accepted_referral_with_no_contact_for_a_week_says_not_contacted_yet(
    client, staff_a, befriending_a, link_worker, link_worker_service
):
    accepted_at = timezone.now() - datetime.timedelta(days=30)
    with time_machine.travel(accepted_at, tick=False):
        quiet = _refer(befriending_a, link_worker, link_worker_service)
        tried = _refer(befriending_a, link_worker, link_worker_service)
        reached = _refer(befriending_a, link_worker, link_worker_service)
        for referral in (quiet, tried, reached):
            referral_accept(referral=referral, user=staff_a)
        referral_record_contact_attempt(referral=tried, user=staff_a, outcome="no_answer")
        referral_mark_contacted(referral=reached, user=staff_a)
    sign_in(client, staff_a)

    with time_machine.travel(accepted_at + datetime.timedelta(days=6), tick=False):
        early = client.get(INBOX + "?state=open").content.decode()
    with time_machine.travel(accepted_at + datetime.timedelta(days=8), tick=False):
        late = client.get(INBOX + "?state=open").content.decode()

    assert "Not contacted yet" not in early
    rows = dict(re.findall(r'data-reference="([0-9A-F]{8})">(.*?)</tr>', late, re.S))
    assert "Not contacted yet" in rows[quiet.reference]
    assert "Not contacted yet" not in rows[tried.reference]
    assert "Not contacted yet" not in rows[reached.reference]


# --- groups, filters, order, pages -------------------------------------------------------------


@pytest.fixture
def mixed_inbox(staff_a, befriending_a, link_worker, link_worker_service, provider_a):
    """Two new, two open (accepted; in progress) and one closed referral for Charity A, one of them
    to a second service."""
    second = ServiceFactory(
        organisation=provider_a, name="Walk and Talk", slug="walk-and-talk", accepts_supportmap_referrals=True
    )
    new = [
        _refer(befriending_a, link_worker, link_worker_service),
        _refer(second, link_worker, link_worker_service),
    ]
    accepted = referral_accept(referral=_refer(befriending_a, link_worker, link_worker_service), user=staff_a)
    completed = _refer(befriending_a, link_worker, link_worker_service)
    referral_accept(referral=completed, user=staff_a)
    referral_mark_contacted(referral=completed, user=staff_a)
    referral_complete(referral=completed, user=staff_a, outcome_summary="Joined the Tuesday group.")
    in_progress = _refer(second, link_worker, link_worker_service)
    referral_accept(referral=in_progress, user=staff_a)
    referral_mark_contacted(referral=in_progress, user=staff_a)
    return {"new": new, "open": [accepted, in_progress], "closed": [completed], "second": second}


def test_the_inbox_opens_on_the_new_referrals_with_counts_for_every_group(client, staff_a, mixed_inbox):
    response = sign_in(client, staff_a).get(INBOX)

    assert sorted(_references(response)) == sorted(r.reference for r in mixed_inbox["new"])
    assert [_count(response, key) for key in ("new", "open", "closed", "all")] == [2, 2, 1, 5]


@pytest.mark.parametrize("state", ["open", "closed", "all"])
def test_each_group_lists_its_referrals(client, staff_a, mixed_inbox, state):
    expected = (
        mixed_inbox["new"] + mixed_inbox["open"] + mixed_inbox["closed"]
        if state == "all"
        else mixed_inbox[state]
    )

    response = sign_in(client, staff_a).get(INBOX, {"state": state})

    assert sorted(_references(response)) == sorted(r.reference for r in expected)


def test_filtering_by_service_narrows_the_rows_and_the_counts(client, staff_a, mixed_inbox):
    response = sign_in(client, staff_a).get(INBOX, {"state": "all", "service": "walk-and-talk"})

    assert sorted(_references(response)) == sorted(
        [mixed_inbox["new"][1].reference, mixed_inbox["open"][1].reference]
    )
    assert [_count(response, key) for key in ("new", "open", "closed", "all")] == [1, 1, 0, 2]


def test_an_unknown_group_or_service_is_a_clear_400(client, staff_a, mixed_inbox, service_b):
    sign_in(client, staff_a)

    bad_state = client.get(INBOX, {"state": "everything"})
    other_service = client.get(INBOX, {"service": service_b.slug})

    assert bad_state.status_code == 400
    assert "That is not one of the lists below" in bad_state.content.decode()
    assert other_service.status_code == 400
    assert "That is not one of your services" in other_service.content.decode()
    assert service_b.name not in other_service.content.decode()


def test_rows_come_newest_activity_first(client, staff_a, befriending_a, link_worker, link_worker_service):
    start = timezone.now() - datetime.timedelta(days=3)
    with time_machine.travel(start, tick=False):
        older = _refer(befriending_a, link_worker, link_worker_service)
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        newer = _refer(befriending_a, link_worker, link_worker_service)
    with time_machine.travel(start + datetime.timedelta(days=2), tick=False):
        referral_accept(referral=older, user=staff_a)

    response = sign_in(client, staff_a).get(INBOX, {"state": "all"})

    assert _references(response) == [older.reference, newer.reference]


def test_the_inbox_is_paginated_and_a_bad_page_is_a_clear_message(
    client, staff_a, befriending_a, link_worker, link_worker_service, monkeypatch
):
    from referrals import views_inbox

    monkeypatch.setattr(views_inbox, "PER_PAGE", 2)
    for _ in range(3):
        _refer(befriending_a, link_worker, link_worker_service)
    sign_in(client, staff_a)

    first, second = client.get(INBOX), client.get(INBOX, {"page": "2"})
    beyond, nonsense = client.get(INBOX, {"page": "9"}), client.get(INBOX, {"page": "two"})

    assert len(_references(first)) == 2
    assert len(_references(second)) == 1
    assert 'href="?state=new&amp;page=2"' in first.content.decode()
    assert beyond.status_code == 404
    assert "There is no page 9" in beyond.content.decode()
    assert nonsense.status_code == 400
    assert "is not a page number" in nonsense.content.decode()


def test_each_row_shown_is_audited_as_seen_in_a_list(
    client, staff_a, befriending_a, link_worker, link_worker_service, provider_a
):
    shown = _refer(befriending_a, link_worker, link_worker_service)
    accepted = referral_accept(referral=_refer(befriending_a, link_worker, link_worker_service), user=staff_a)

    sign_in(client, staff_a).get(INBOX)

    events = list(AuditEvent.objects.filter(action=AuditAction.LIST))
    assert [(e.referral_uuid, e.person_uuid, e.user_id, e.organisation_id) for e in events] == [
        (shown.uuid, shown.person.uuid, staff_a.pk, provider_a.pk)
    ]
    assert accepted.uuid not in {e.referral_uuid for e in events}


# --- answering from the inbox ------------------------------------------------------------------


def test_a_new_referral_offers_accept_as_one_button_and_decline_as_a_link(
    client, staff_a, befriending_a, link_worker, link_worker_service
):
    referral = _refer(befriending_a, link_worker, link_worker_service)

    page = sign_in(client, staff_a).get(INBOX).content.decode()

    accept_url = reverse("referrals:act", args=[referral.uuid, "accept"])
    decline_url = reverse("referrals:decline", args=[referral.uuid])
    assert f'action="{accept_url}"' in page
    assert 'name="next" value="/referrals/inbox/?state=new"' in page
    assert f'href="{decline_url}?next=/referrals/inbox/%3Fstate%3Dnew"' in page


def test_accepting_from_the_inbox_takes_one_click_and_comes_back_with_a_message(
    client, staff_a, befriending_a, link_worker, link_worker_service
):
    referral = _refer(befriending_a, link_worker, link_worker_service)
    sign_in(client, staff_a)

    response = client.post(
        reverse("referrals:act", args=[referral.uuid, "accept"]),
        {"next": "/referrals/inbox/?state=new"},
        follow=True,
    )

    referral.refresh_from_db()
    assert referral.status == Status.ACCEPTED
    assert response.redirect_chain[-1][0] == "/referrals/inbox/?state=new"
    assert any(message.level_tag == "success" for message in response.context["messages"])


# --- queries -----------------------------------------------------------------------------------


def _fill(n, service, link_worker, link_worker_service, staff_a):
    for index in range(n):
        referral = _refer(service, link_worker, link_worker_service)
        if index % 3 == 1:
            referral_accept(referral=referral, user=staff_a)


@pytest.mark.parametrize("rows", [3, 30])
def test_the_inbox_answers_in_a_fixed_number_of_queries(
    client,
    staff_a,
    befriending_a,
    link_worker,
    link_worker_service,
    django_assert_max_num_queries,
    rows,
    monkeypatch,
):
    from referrals import views_inbox

    monkeypatch.setattr(views_inbox, "PER_PAGE", 50)
    _fill(rows, befriending_a, link_worker, link_worker_service, staff_a)
    sign_in(client, staff_a)

    with django_assert_max_num_queries(12):  # the page's ids, then its rows
        response = client.get(INBOX, {"state": "all"})

    assert len(_references(response)) == rows
    assert Referral.objects.count() == rows


def test_a_member_of_two_providers_sees_both_inboxes(
    client, staff_a, provider_b, befriending_a, service_b, link_worker, link_worker_service
):
    MembershipFactory(user=staff_a, organisation=provider_b)
    ours = _refer(befriending_a, link_worker, link_worker_service)
    theirs = _refer(service_b, link_worker, link_worker_service)

    response = sign_in(client, staff_a).get(INBOX)

    assert sorted(_references(response)) == sorted([ours.reference, theirs.reference])
    assert "(Charity B)" in response.content.decode()

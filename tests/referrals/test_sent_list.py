"""The referrer's "My referrals", /referrals/: scoping, roles, filters, drafts, audit and queries."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from referrals.choices import AuditAction
from referrals.models import AuditEvent
from referrals.services import referral_accept, referral_decline
from tests.factories import MembershipFactory, PersonFactory, UserFactory, make_referral, sign_in

pytestmark = pytest.mark.django_db

LIST = "/referrals/"


def _references(response) -> list[str]:
    return re.findall(r'data-reference="([0-9A-F]{8})"', response.content.decode())


def _count(response, group: str) -> int:
    return int(re.search(rf'data-group="{group}">(\d+)<', response.content.decode()).group(1))


@pytest.fixture
def colleague(link_worker_service):
    user = UserFactory(email="colleague@nhs.example.org", full_name="Col League")
    MembershipFactory(user=user, organisation=link_worker_service)
    return user


def test_someone_not_signed_in_is_sent_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["staff_a", "public_user"])
def test_only_members_of_referrer_organisations_may_see_it(client, request, who):
    user = request.getfixturevalue(who)

    assert sign_in(client, user).get(LIST).status_code == 403


def test_the_page_is_never_cached(client, link_worker):
    assert "no-store" in sign_in(client, link_worker).get(LIST)["Cache-Control"]


def test_a_referrer_sees_their_organisations_referrals_and_never_anothers(
    client, link_worker, colleague, gp, gp_practice, link_worker_service, befriending_a
):
    mine = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    colleagues = make_referral(
        service=befriending_a, referrer=colleague, referrer_organisation=link_worker_service
    )
    person = PersonFactory(organisation=gp_practice, name="Theodora Quill", preferred_name="")
    other_practice = make_referral(
        service=befriending_a, referrer=gp, referrer_organisation=gp_practice, person=person
    )

    response = sign_in(client, link_worker).get(LIST)

    assert sorted(_references(response)) == sorted([mine.reference, colleagues.reference])
    page = response.content.decode()
    assert other_practice.reference not in page
    assert "Theodora" not in page


def test_a_row_shows_state_service_provider_short_name_and_who_referred(
    client, link_worker, colleague, link_worker_service, befriending_a, staff_a
):
    person = PersonFactory(organisation=link_worker_service, name="Robert Andrew McDonald", preferred_name="")
    referral = make_referral(
        service=befriending_a, referrer=colleague, referrer_organisation=link_worker_service, person=person
    )
    referral_accept(referral=referral, user=staff_a)

    page = sign_in(client, link_worker).get(LIST).content.decode()

    row = re.search(rf'data-reference="{referral.reference}">(.*?)</tr>', page, re.S).group(1)
    assert "Robert M." in row
    assert "McDonald" not in page
    assert "Dundee Befriending" in row and "Charity A" in row
    assert "Col League" in row
    assert "Accepted" in row
    assert reverse("referrals:detail", args=[referral.uuid]) in row


def test_drafts_are_listed_with_a_link_to_finish_them(
    client, link_worker, link_worker_service, befriending_a
):
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )

    response = sign_in(client, link_worker).get(LIST, {"state": "drafts"})

    assert _references(response) == [draft.reference]
    assert reverse("refer:edit_draft", args=[draft.uuid]) in response.content.decode()


def test_state_groups_and_only_mine_filter_the_rows_and_the_counts(
    client, link_worker, colleague, link_worker_service, befriending_a, staff_a
):
    waiting = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    declined = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    referral_decline(referral=declined, user=staff_a, reason="no_capacity")
    theirs = make_referral(
        service=befriending_a, referrer=colleague, referrer_organisation=link_worker_service
    )
    referral_accept(referral=theirs, user=staff_a)
    sign_in(client, link_worker)

    everything = client.get(LIST)
    closed = client.get(LIST, {"state": "closed"})
    only_mine = client.get(LIST, {"state": "open", "mine": "1"})
    mine_all = client.get(LIST, {"state": "all", "mine": "1"})

    assert sorted(_references(everything)) == sorted(r.reference for r in (waiting, declined, theirs))
    assert [_count(everything, key) for key in ("waiting", "open", "closed", "drafts", "all")] == [
        1,
        1,
        1,
        0,
        3,
    ]
    assert _references(closed) == [declined.reference]
    assert _references(only_mine) == []
    assert "No referrals are open of yours" in only_mine.content.decode()
    assert sorted(_references(mine_all)) == sorted([waiting.reference, declined.reference])
    assert [_count(mine_all, key) for key in ("waiting", "open", "closed", "drafts", "all")] == [
        1,
        0,
        1,
        0,
        2,
    ]
    assert 'href="?state=closed&amp;mine=1"' in mine_all.content.decode()


def test_an_unknown_group_is_a_clear_400(client, link_worker):
    response = sign_in(client, link_worker).get(LIST, {"state": "lost"})

    assert response.status_code == 400
    assert "That is not one of the lists below" in response.content.decode()


def test_an_empty_list_says_how_to_refer_and_links_to_signposting(client, link_worker):
    page = sign_in(client, link_worker).get(LIST).content.decode()

    assert "Your organisation has not referred anyone through SupportMap yet" in page
    assert reverse("referrals:signposting_new") in page
    assert reverse("referrals:signposting_list") in page


def test_rows_come_newest_activity_first_and_a_waiting_one_shows_its_flag(
    client, link_worker, link_worker_service, befriending_a, staff_a
):
    start = timezone.now() - datetime.timedelta(days=10)
    with time_machine.travel(start, tick=False):
        older = make_referral(
            service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
        )
    with time_machine.travel(start + datetime.timedelta(days=1), tick=False):
        newer = make_referral(
            service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
        )

    response = sign_in(client, link_worker).get(LIST)

    assert _references(response) == [newer.reference, older.reference]
    assert "Waiting 10 days – expires in 4 days" in response.content.decode()


def test_each_row_shown_is_audited(client, link_worker, link_worker_service, befriending_a):
    referral = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )

    sign_in(client, link_worker).get(LIST)

    events = list(AuditEvent.objects.filter(action=AuditAction.LIST))
    assert [(e.referral_uuid, e.person_uuid, e.user_id, e.organisation_id) for e in events] == [
        (referral.uuid, referral.person.uuid, link_worker.pk, link_worker_service.pk)
    ]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_answers_in_a_fixed_number_of_queries(
    client, link_worker, link_worker_service, befriending_a, django_assert_max_num_queries, rows, monkeypatch
):
    from referrals import views_inbox

    monkeypatch.setattr(views_inbox, "PER_PAGE", 50)
    for index in range(rows):
        make_referral(
            service=befriending_a,
            referrer=link_worker,
            referrer_organisation=link_worker_service,
            send=index % 4 != 0,
        )
    sign_in(client, link_worker)

    with django_assert_max_num_queries(11):  # the page's ids, then its rows
        response = client.get(LIST)

    assert len(_references(response)) == rows

"""Capacity from the referral inbox: POST /referrals/inbox/capacity/<slug>/, live at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory import listings
from directory.choices import Capacity
from directory.models import Service
from tests.factories import ServiceFactory, sign_in

pytestmark = pytest.mark.django_db


def _url(service) -> str:
    return reverse("referrals:capacity", args=[service.slug])


def test_the_inbox_has_a_capacity_form_for_each_published_service(client, staff_a, befriending_a, provider_a):
    ServiceFactory(organisation=provider_a, name="Unfinished Draft", slug="unfinished-draft", status="draft")

    page = sign_in(client, staff_a).get("/referrals/inbox/").content.decode()

    assert f'action="{_url(befriending_a)}"' in page
    assert "unfinished-draft/" not in page
    assert f'id="id_waiting_weeks_{befriending_a.pk}"' in page


def test_a_member_puts_a_service_on_a_waiting_list_live_at_once_and_in_its_history(
    client, staff_a, befriending_a
):
    sign_in(client, staff_a)

    response = client.post(
        _url(befriending_a), {"capacity": "waiting_list", "waiting_weeks": "6"}, follow=True
    )

    befriending_a.refresh_from_db()
    assert (befriending_a.capacity, befriending_a.waiting_weeks) == (Capacity.WAITING_LIST, 6)
    assert response.redirect_chain == [("/referrals/inbox/#capacity", 302)]
    assert "Dundee Befriending now shows “Waiting list, typically 6 weeks”" in response.content.decode()
    latest = befriending_a.history.first()
    assert (latest.capacity, latest.waiting_weeks, latest.history_user) == ("waiting_list", 6, staff_a)
    public = client.get(befriending_a.get_absolute_url()).content.decode()
    assert "Waiting list" in public


def test_leaving_the_waiting_list_clears_the_wait(client, staff_a, befriending_a):
    Service.objects.filter(pk=befriending_a.pk).update(capacity=Capacity.WAITING_LIST, waiting_weeks=4)

    sign_in(client, staff_a).post(_url(befriending_a), {"capacity": "open", "waiting_weeks": ""})

    befriending_a.refresh_from_db()
    assert (befriending_a.capacity, befriending_a.waiting_weeks) == (Capacity.OPEN, None)


def test_a_pending_edit_carries_the_new_capacity_so_approving_it_does_not_undo_it(
    client, staff_a, befriending_a
):
    copy = listings.service_start_edit(service=befriending_a, by=staff_a)

    sign_in(client, staff_a).post(_url(befriending_a), {"capacity": "full"})

    copy.refresh_from_db()
    befriending_a.refresh_from_db()
    assert befriending_a.capacity == copy.capacity == Capacity.FULL
    assert copy.draft_of_id == befriending_a.pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"capacity": "open", "waiting_weeks": "6"}, "Give a typical wait only for a waiting list"),
        ({"capacity": "bursting"}, "Choose one of the options."),
        ({}, "Choose whether the service can take new people."),
        ({"capacity": "waiting_list", "waiting_weeks": "six"}, "whole number of weeks"),
        ({"capacity": "waiting_list", "waiting_weeks": "0"}, "from 1 to 104 weeks"),
        ({"capacity": "waiting_list", "waiting_weeks": "99999999999999999999"}, "from 1 to 104 weeks"),
    ],
)
def test_bad_input_is_a_clear_400_that_keeps_what_was_typed_and_changes_nothing(
    client, staff_a, befriending_a, data, message
):
    response = sign_in(client, staff_a).post(_url(befriending_a), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "There is a problem" in page
    if data.get("waiting_weeks"):
        assert f'value="{data["waiting_weeks"]}"' in page
    befriending_a.refresh_from_db()
    assert (befriending_a.capacity, befriending_a.waiting_weeks) == (Capacity.OPEN, None)


def test_another_organisations_service_is_not_found(client, manager_b, befriending_a):
    response = sign_in(client, manager_b).post(_url(befriending_a), {"capacity": "full"})

    assert response.status_code == 404
    befriending_a.refresh_from_db()
    assert befriending_a.capacity == Capacity.OPEN


def test_a_member_of_a_referrer_only_organisation_is_refused(client, link_worker, link_worker_service):
    their_old_listing = ServiceFactory(organisation=link_worker_service, slug="old-listing")

    response = sign_in(client, link_worker).post(_url(their_old_listing), {"capacity": "full"})

    assert response.status_code == 403
    their_old_listing.refresh_from_db()
    assert their_old_listing.capacity == Capacity.OPEN


def test_capacity_changes_only_by_post_and_only_signed_in(client, staff_a, befriending_a):
    anonymous = client.post(_url(befriending_a), {"capacity": "full"})
    by_get = sign_in(client, staff_a).get(_url(befriending_a))

    assert anonymous.status_code == 302
    assert by_get.status_code == 405
    befriending_a.refresh_from_db()
    assert befriending_a.capacity == Capacity.OPEN

"""The provider area's front page: the person's organisations, their listings, status and freshness."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory import listings
from directory.choices import ServiceStatus
from tests.factories import MembershipFactory, OrganisationFactory, ServiceFactory, sign_in

pytestmark = pytest.mark.django_db

DASHBOARD = "/my-organisation/"


def test_the_provider_area_lives_at_my_organisation():
    assert reverse("manage:dashboard") == DASHBOARD


def test_someone_with_one_organisation_sees_it_directly(client, staff_a, provider_a):
    ServiceFactory(organisation=provider_a, name="Walk and Talk")
    sign_in(client, staff_a)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Charity A" in html and "Walk and Talk" in html
    assert "Add a service" in html


def test_someone_with_several_organisations_chooses_one(client, staff_a, provider_b):
    MembershipFactory(user=staff_a, organisation=provider_b)
    sign_in(client, staff_a)
    html = client.get(DASHBOARD).content.decode()
    assert reverse("manage:organisation", args=["charity-a"]) in html
    assert reverse("manage:organisation", args=["charity-b"]) in html


def test_someone_without_an_organisation_is_pointed_to_list_your_service(client, public_user):
    sign_in(client, public_user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert "not part of an organisation" in response.content.decode()


def test_the_area_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_referrer_only_organisation_is_shown_how_to_refer(client, link_worker):
    sign_in(client, link_worker)
    html = client.get(DASHBOARD).content.decode()
    assert 'href="/referrals/"' in html and "Refer someone to this service" in html
    assert "Add a service" not in html


def test_each_listing_shows_its_status_freshness_and_capacity(client, manager_a, provider_a):
    today = timezone.localdate()
    ServiceFactory(organisation=provider_a, name="Fresh", last_reviewed=today - datetime.timedelta(days=95))
    ServiceFactory(organisation=provider_a, name="Due one", freshness="due")
    ServiceFactory(organisation=provider_a, name="Old one", freshness="overdue")
    ServiceFactory(organisation=provider_a, name="New one", status=ServiceStatus.DRAFT, last_reviewed=None)
    ServiceFactory(
        organisation=provider_a, name="Waiting one", status=ServiceStatus.PENDING_REVIEW, last_reviewed=None
    )
    edited = ServiceFactory(organisation=provider_a, name="Edited one", capacity="waiting_list")
    listings.service_start_edit(service=edited, by=manager_a)
    ServiceFactory(name="Someone else's")
    sign_in(client, manager_a)
    html = client.get(DASHBOARD).content.decode()
    assert "Checked 3 months ago." in html
    assert "Due: please check it" in html
    assert "May be out of date" in html
    assert "Draft: not yet sent for review" in html
    assert "Waiting for review by a directory editor" in html
    assert "You have saved changes that are not yet sent for review." in html
    assert "Waiting list" in html
    assert "live at once, no review needed" in html
    assert "Someone else&#x27;s" not in html and "Someone else's" not in html
    # The working copy is not a listing of its own.
    assert html.count('<h2 class="h4 card-title">Edited one</h2>') == 1


def test_the_organisation_page_makes_a_fixed_number_of_queries(
    client, manager_a, provider_a, django_assert_max_num_queries
):
    for number in range(12):
        service = ServiceFactory(organisation=provider_a, name=f"Group {number}")
        if number % 3 == 0:
            listings.service_start_edit(service=service, by=manager_a)
    sign_in(client, manager_a)
    with django_assert_max_num_queries(12):
        response = client.get(DASHBOARD)
    assert response.content.decode().count("listing-row") >= 12


def test_the_list_of_organisations_makes_a_fixed_number_of_queries(
    client, staff_a, django_assert_max_num_queries
):
    for _ in range(8):
        MembershipFactory(user=staff_a, organisation=OrganisationFactory())
    sign_in(client, staff_a)
    with django_assert_max_num_queries(8):
        assert client.get(DASHBOARD).status_code == 200


def test_each_listing_links_to_its_history_of_changes(client, staff_a, provider_a):
    service = ServiceFactory(organisation=provider_a, name="Walk and Talk")
    sign_in(client, staff_a)
    html = client.get(reverse("manage:organisation", args=[provider_a.slug])).content.decode()
    history = reverse("review:service_history", args=[service.slug])
    assert history in html
    assert client.get(history).status_code == 200

"""Who may open what in the provider area: strangers get 404, the wrong role 403, and nothing changes."""

import pytest
from django.urls import reverse

from accounts.models import Invitation, Membership
from directory import listings
from directory.models import Service
from tests.factories import ServiceFactory, sign_in

pytestmark = pytest.mark.django_db

STRANGERS = ["manager_b", "link_worker", "public_user", "editor"]


@pytest.fixture
def world(provider_a, manager_a, staff_a, manager_b, link_worker, public_user, editor):
    service = ServiceFactory(organisation=provider_a, slug="walk-and-talk", name="Walk and Talk")
    invitation, _ = listings.invitation_send(
        organisation=provider_a, by=manager_a, email="new@example.org", role="member"
    )
    return {
        "service": service,
        "membership": Membership.objects.get(user=staff_a),
        "invitation": invitation,
        "people": {
            "manager_a": manager_a,
            "staff_a": staff_a,
            "manager_b": manager_b,
            "link_worker": link_worker,
            "public_user": public_user,
            "editor": editor,
        },
    }


def snapshot():
    return (
        list(Service.objects.order_by("pk").values_list("pk", "name", "status", "capacity", "last_reviewed")),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "withdrawn_at")),
    )


def pages(world):
    slug, org = world["service"].slug, "charity-a"
    return {
        # name: (method, url, data, what a plain member gets)
        "organisation": ("get", reverse("manage:organisation", args=[org]), None, 200),
        "service_create": ("get", reverse("manage:service_create", args=[org]), None, 200),
        "service_edit": ("get", reverse("manage:service_edit", args=[slug]), None, 200),
        "members": ("get", reverse("manage:members", args=[org]), None, 200),
        "invite": ("get", reverse("manage:invite", args=[org]), None, 403),
        "invite_post": (
            "post",
            reverse("manage:invite", args=[org]),
            {"email": "x@example.org", "role": "member"},
            403,
        ),
        "service_edit_post": (
            "post",
            reverse("manage:service_edit", args=[slug]),
            {"name": "Hijacked"},
            None,
        ),
        "service_submit": ("post", reverse("manage:service_submit", args=[slug]), {}, None),
        "service_capacity": (
            "post",
            reverse("manage:service_capacity", args=[slug]),
            {"capacity": "full"},
            None,
        ),
        "service_confirm": ("post", reverse("manage:service_confirm", args=[slug]), {}, None),
        "member_role": (
            "post",
            reverse("manage:member_role", args=[org, world["membership"].pk]),
            {"role": "manager"},
            403,
        ),
        "member_remove": (
            "post",
            reverse("manage:member_remove", args=[org, world["membership"].pk]),
            {},
            403,
        ),
        "invitation_withdraw": (
            "post",
            reverse("manage:invitation_withdraw", args=[org, world["invitation"].pk]),
            {},
            403,
        ),
    }


@pytest.mark.parametrize("person", STRANGERS)
def test_strangers_get_404_everywhere_and_nothing_changes(client, world, person):
    sign_in(client, world["people"][person])
    before = snapshot()
    for name, (method, url, data, _) in pages(world).items():
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (person, name, response.status_code)
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_changes(client, world):
    before = snapshot()
    for name, (method, url, data, _) in pages(world).items():
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    assert snapshot() == before


def test_a_plain_member_gets_403_on_manager_pages_and_nothing_changes(client, world):
    sign_in(client, world["people"]["staff_a"])
    for name, (method, url, data, expected) in pages(world).items():
        if expected is None:
            continue
        before = snapshot()
        response = getattr(client, method)(url, data or {})
        assert response.status_code == expected, (name, response.status_code)
        assert snapshot() == before, name


def test_a_manager_can_open_every_page(client, world):
    sign_in(client, world["people"]["manager_a"])
    for name, (method, url, _data, _) in pages(world).items():
        if method == "get":
            assert client.get(url).status_code == 200, name


def test_a_referrer_only_organisations_member_gets_403_on_listing_pages(
    client, link_worker, link_worker_service
):
    # A listing left over from before the organisation stopped running services.
    link_worker_service.is_provider = True
    link_worker_service.save()
    service = ServiceFactory(organisation=link_worker_service)
    link_worker_service.is_provider = False
    link_worker_service.save()
    sign_in(client, link_worker)
    assert client.get(reverse("manage:organisation", args=[link_worker_service.slug])).status_code == 200
    assert client.get(reverse("manage:service_create", args=[link_worker_service.slug])).status_code == 403
    assert client.get(reverse("manage:service_edit", args=[service.slug])).status_code == 403
    before = snapshot()
    assert (
        client.post(reverse("manage:service_capacity", args=[service.slug]), {"capacity": "full"}).status_code
        == 403
    )
    assert snapshot() == before


def test_a_working_copy_cannot_be_acted_on_as_a_listing_of_its_own(client, world):
    copy = listings.service_start_edit(service=world["service"], by=world["people"]["manager_a"])
    sign_in(client, world["people"]["manager_a"])
    response = client.post(reverse("manage:service_capacity", args=[copy.slug]), {"capacity": "full"})
    assert response.status_code == 404


def test_actions_need_a_csrf_token(world):
    from django.test import Client

    client = sign_in(Client(enforce_csrf_checks=True), world["people"]["manager_a"])
    response = client.post(
        reverse("manage:service_capacity", args=[world["service"].slug]), {"capacity": "full"}
    )
    assert response.status_code == 403
    world["service"].refresh_from_db()
    assert world["service"].capacity == "open"

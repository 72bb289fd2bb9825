"""Who may open the review pages: each role against each URL of the review area.

Anonymous people are sent to sign in; signed-in people who are not editors get 403 on the queue;
on a listing's pages a stranger gets 404 (they learn nothing), the listing's own organisation 403
(they know it exists), except its history, which they may read. Refusals change nothing.
"""

import pytest
from django.core import mail
from django.urls import get_resolver, reverse

from directory.models import OpeningTime, Service
from tests.directory.review_fixtures import *  # noqa: F403
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "public_user",
    "link_worker",
    "gp",
    "staff_a",
    "manager_a",
    "manager_b",
    "editor",
    "admin_user",
]

# Expected status per URL for each role; "login" means a redirect to the sign-in page.
REFUSED_ON_LISTING = {
    "public_user": 404,
    "link_worker": 404,
    "gp": 404,
    "manager_b": 404,
    "staff_a": 403,
    "manager_a": 403,
}
MATRIX = {
    ("queue", "GET"): {
        "anonymous": "login",
        **{role: 403 for role in ["public_user", "link_worker", "gp", "staff_a", "manager_a", "manager_b"]},
        "editor": 200,
        "admin_user": 200,
    },
    ("service_review", "GET"): {"anonymous": "login", **REFUSED_ON_LISTING, "editor": 200, "admin_user": 200},
    ("service_approve", "POST"): {
        "anonymous": "login",
        **REFUSED_ON_LISTING,
        "editor": 302,
        "admin_user": 302,
    },
    ("service_send_back", "POST"): {
        "anonymous": "login",
        **REFUSED_ON_LISTING,
        "editor": 302,
        "admin_user": 302,
    },
    ("service_history", "GET"): {
        "anonymous": "login",
        **REFUSED_ON_LISTING,
        "staff_a": 200,
        "manager_a": 200,
        "editor": 200,
        "admin_user": 200,
    },
}
WRITES = {"service_approve", "service_send_back"}


def test_every_review_url_is_in_the_access_matrix():
    names = {pattern.name for pattern in get_resolver().namespace_dict["review"][1].url_patterns}
    assert names == {name for name, _ in MATRIX}


def snapshot():
    return (
        list(Service.objects.order_by("pk").values()),
        list(OpeningTime.objects.order_by("pk").values()),
        Service.history.count(),
        len(mail.outbox),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name,method", list(MATRIX))
@pytest.mark.parametrize("which", ["new_listing", "working_copy"])
def test_access_matrix(request, client, role, url_name, method, which):
    listing = request.getfixturevalue(which)
    for name in [
        "staff_a",
        "manager_a",
        "manager_b",
        "link_worker",
        "gp",
        "public_user",
        "editor",
        "admin_user",
    ]:
        request.getfixturevalue(name)  # everyone exists, whoever is signed in
    if role != "anonymous":
        sign_in(client, request.getfixturevalue(role))
    url = (
        reverse(f"review:{url_name}")
        if url_name == "queue"
        else reverse(f"review:{url_name}", args=[listing.slug])
    )
    expected = MATRIX[(url_name, method)][role]
    before = snapshot()
    if method == "POST":
        response = client.post(url, {"reason": "Please say where it meets."})
    else:
        response = client.get(url)
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    if url_name in WRITES and expected == 302:
        assert snapshot() != before
    else:
        assert snapshot() == before


@pytest.mark.parametrize("url_name", ["service_approve", "service_send_back"])
def test_decisions_refuse_get(client, editor, new_listing, url_name):
    sign_in(client, editor)
    before = snapshot()
    assert client.get(reverse(f"review:{url_name}", args=[new_listing.slug])).status_code == 405
    assert snapshot() == before


def test_unknown_listing_is_404_for_editors(client, editor):
    sign_in(client, editor)
    assert client.get(reverse("review:service_review", args=["no-such-listing"])).status_code == 404
    assert client.post(reverse("review:service_approve", args=["no-such-listing"])).status_code == 404


@pytest.mark.parametrize("url_name,method", list(MATRIX))
def test_an_editor_without_the_second_factor_is_sent_to_give_it(
    client, editor, new_listing, url_name, method
):
    sign_in(client, editor, verified=False)
    url = (
        reverse(f"review:{url_name}")
        if url_name == "queue"
        else reverse(f"review:{url_name}", args=[new_listing.slug])
    )
    before = snapshot()
    response = client.post(url, {"reason": "No."}) if method == "POST" else client.get(url)
    assert response.status_code == 302
    assert "two-factor" in response["Location"]
    assert snapshot() == before

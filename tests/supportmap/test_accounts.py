"""People sign in with their email address; the admin covers every directory model."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from tests.factories import (
    LocationFactory,
    OpeningTimeFactory,
    PostcodeFactory,
    ServiceAreaFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def test_user_signs_in_with_email_in_any_case(client):
    get_user_model().objects.create_user(email="Link.Worker@example.org", password="a long enough password")
    response = client.post(
        "/accounts/login/", {"username": "link.worker@EXAMPLE.org", "password": "a long enough password"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "Link.Worker@example.org"


def test_wrong_password_keeps_the_email_and_explains(client):
    get_user_model().objects.create_user(email="gp@example.org", password="a long enough password")
    response = client.post("/accounts/login/", {"username": "gp@example.org", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'value="gp@example.org"' in html


def test_two_accounts_cannot_differ_only_by_email_case():
    get_user_model().objects.create_user(email="editor@example.org", password="x" * 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create(email="EDITOR@example.org")


@pytest.mark.parametrize(
    "model",
    ["organisation", "service", "location", "servicearea", "openingtime", "postcode", "audience", "topic"],
)
def test_admin_lists_and_searches_every_directory_model(admin_client, model):
    service = ServiceFactory()
    LocationFactory(organisation=service.organisation)
    OpeningTimeFactory(service=service)
    ServiceAreaFactory(service=service)
    PostcodeFactory()
    response = admin_client.get(f"/admin/directory/{model}/", {"q": "d"})
    assert response.status_code == 200


def test_admin_service_edit_page_renders(admin_client):
    service = ServiceFactory()
    assert admin_client.get(f"/admin/directory/service/{service.pk}/change/").status_code == 200


def test_admin_organisation_edit_page_renders(admin_client):
    service = ServiceFactory()
    assert (
        admin_client.get(f"/admin/directory/organisation/{service.organisation.pk}/change/").status_code
        == 200
    )

"""The public organisation pages."""

import pytest

from directory.choices import ServiceStatus
from tests.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_organisation_page_lists_its_published_services(client):
    organisation = OrganisationFactory(name="Angus Carers Together", charity_number="SC999001")
    ServiceFactory(organisation=organisation, name="Carers Cuppa")
    ServiceFactory(
        organisation=organisation, name="Hidden Draft", status=ServiceStatus.DRAFT, last_reviewed=None
    )
    ServiceFactory(name="Someone Else's Group")
    response = client.get(f"/organisations/{organisation.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Angus Carers Together" in html
    assert "Scottish charity SC999001" in html
    assert "Carers Cuppa" in html
    assert "Hidden Draft" not in html
    assert "Someone Else" not in html
    assert "Services (1)" in html


def test_organisation_without_published_services_is_not_public(client):
    service = ServiceFactory(status=ServiceStatus.DRAFT, last_reviewed=None)
    assert client.get(f"/organisations/{service.organisation.slug}/").status_code == 404


def test_unknown_organisation_gives_404(client):
    assert client.get("/organisations/nobody/").status_code == 404


def test_organisation_list_shows_public_organisations_with_bounded_queries(
    client, django_assert_max_num_queries
):
    for number in range(12):
        ServiceFactory(organisation=OrganisationFactory(name=f"Org {number:02d}"))
    hidden = OrganisationFactory(name="Only Drafts")
    ServiceFactory(organisation=hidden, status=ServiceStatus.DRAFT, last_reviewed=None)
    with django_assert_max_num_queries(2):
        response = client.get("/organisations/")
    html = response.content.decode()
    assert "Org 00" in html and "Org 11" in html
    assert "Only Drafts" not in html


def test_organisation_list_bad_page_is_a_clear_404(client):
    ServiceFactory()
    response = client.get("/organisations/", {"page": 5})
    assert response.status_code == 404
    assert b"There is no page 5" in response.content


def test_organisation_page_query_count_is_bounded(client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    for number in range(15):
        ServiceFactory(organisation=organisation, name=f"Group {number:02d}")
    # organisation, its services, their locations, their opening times (the cards' "When").
    with django_assert_max_num_queries(4):
        response = client.get(f"/organisations/{organisation.slug}/")
    assert response.content.decode().count('class="card service-card') == 15

"""List your service: the page and its links, finding an organisation, and adding a new one."""

import pytest
from django.urls import reverse

from accounts.models import Membership
from directory.models import Organisation
from tests.factories import OrganisationFactory, ServiceFactory, sign_in

pytestmark = pytest.mark.django_db

LIST_URL = "/list-your-service/"
START_URL = "/list-your-service/organisation/"
NEW_URL = "/list-your-service/organisation/new/"

GOOD_ORGANISATION = {
    "name": "Broughty Ferry Walking Friends",
    "kind": "community_group",
    "is_provider": "on",
    "charity_number": "sc 045123",
    "website": "https://walking-friends.example.org",
    "email": "hello@walking-friends.example.org",
    "phone": "01382 000000",
    "description": "Weekly walks for people who would like company.",
}


def test_list_your_service_is_at_its_agreed_address():
    assert reverse("onboarding:list_your_service") == LIST_URL


def test_list_your_service_explains_each_step_to_anyone(client):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    text = response.content.decode()
    for words in (
        "You make an account",
        "second way to prove it is you",
        "add your organisation, or ask to manage it",
        "You describe your service",
        "An editor checks it before it is published",
        "confirm it every 6 months",
    ):
        assert words in text


@pytest.mark.parametrize("path", ["/", "/guide/"])
def test_home_page_and_guide_link_to_list_your_service(client, path):
    response = client.get(path)
    assert f'href="{LIST_URL}"' in response.content.decode()


def test_every_page_footer_links_to_list_your_service(client):
    text = client.get("/services/").content.decode()
    footer = text[text.index("<footer") :]
    assert f'href="{LIST_URL}"' in footer


def test_a_signed_out_visitor_is_offered_sign_up_that_comes_back_to_the_organisation_step(client):
    text = client.get(LIST_URL).content.decode()
    assert 'href="/accounts/signup/?next=%2Flist-your-service%2Forganisation%2F"' in text
    assert 'href="/accounts/login/?next=%2Flist-your-service%2Forganisation%2F"' in text


def test_a_signed_out_visitor_to_the_organisation_step_is_sent_to_sign_up(client):
    response = client.get(START_URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/?next=%2Flist-your-service%2Forganisation%2F"


def test_a_signed_in_person_is_offered_the_organisation_step(client, public_user):
    sign_in(client, public_user)
    text = client.get(LIST_URL).content.decode()
    assert f'href="{START_URL}"' in text


def test_organisation_search_ignores_case_and_finds_organisations_with_nothing_published(client, public_user):
    listed = ServiceFactory(organisation__name="Dundee Carers Centre").organisation
    unlisted = OrganisationFactory(name="Carers Of Angus")
    OrganisationFactory(name="Men's Shed Arbroath")
    sign_in(client, public_user)

    response = client.get(START_URL, {"q": "CARERS"})

    assert response.status_code == 200
    text = response.content.decode()
    assert listed.name in text
    assert unlisted.name in text
    assert "Men&#x27;s Shed" not in text
    assert reverse("onboarding:claim_create", args=[unlisted.slug]) in text


def test_organisation_search_offers_to_add_a_new_one_when_nothing_matches(client, public_user):
    sign_in(client, public_user)
    text = client.get(START_URL, {"q": "Nowhere Knitters"}).content.decode()
    assert "No organisation is listed" in text
    assert f"{NEW_URL}?name=Nowhere+Knitters" in text


def test_organisation_search_page_queries_are_bounded(client, public_user, django_assert_max_num_queries):
    for number in range(30):
        OrganisationFactory(name=f"Befriending Group {number}")
    sign_in(client, public_user)
    with django_assert_max_num_queries(12):
        response = client.get(START_URL, {"q": "befriending"})
    assert "type more of the name" in response.content.decode()


def test_registering_an_organisation_makes_the_person_its_manager(client, public_user):
    sign_in(client, public_user)

    response = client.post(NEW_URL, GOOD_ORGANISATION)

    assert response.status_code == 302
    assert response["Location"] == "/my-organisation/"
    organisation = Organisation.objects.get(name="Broughty Ferry Walking Friends")
    assert organisation.slug == "broughty-ferry-walking-friends"
    assert organisation.charity_number == "SC045123"
    assert organisation.is_provider and not organisation.is_referrer
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (public_user, "manager")


def test_a_new_organisation_gets_a_slug_no_other_has(client, public_user):
    OrganisationFactory(name="Other", slug="broughty-ferry-walking-friends")
    OrganisationFactory(name="Other 2", slug="broughty-ferry-walking-friends-2")
    sign_in(client, public_user)

    client.post(NEW_URL, GOOD_ORGANISATION)

    assert Organisation.objects.get(name=GOOD_ORGANISATION["name"]).slug == "broughty-ferry-walking-friends-3"


def test_bad_input_is_shown_by_its_field_with_400_and_nothing_typed_lost(client, public_user):
    sign_in(client, public_user)
    bad = {**GOOD_ORGANISATION, "charity_number": "12345", "website": "not a website", "is_provider": ""}

    response = client.post(NEW_URL, bad)

    assert response.status_code == 400
    form = response.context["form"]
    assert "SC followed by six digits" in form.errors["charity_number"][0]
    assert "website" in form.errors
    assert form.errors["is_provider"] == ["Tick at least one: it runs services, refers people, or both."]
    text = response.content.decode()
    assert 'value="Broughty Ferry Walking Friends"' in text
    assert "Weekly walks for people who would like company." in text
    assert 'value="01382 000000"' in text
    assert "There is a problem" in text
    assert not Organisation.objects.filter(name=GOOD_ORGANISATION["name"]).exists()
    assert not Membership.objects.filter(user=public_user).exists()


def test_an_organisation_named_like_one_already_listed_is_warned_about_with_a_link_to_claim(
    client, public_user
):
    existing = OrganisationFactory(name="Broughty Ferry WALKING Friends")
    sign_in(client, public_user)

    response = client.post(NEW_URL, {**GOOD_ORGANISATION, "name": "  broughty ferry walking friends "})

    assert response.status_code == 400
    text = response.content.decode()
    assert "already listed" in text
    assert reverse("onboarding:claim_create", args=[existing.slug]) in text
    assert Organisation.objects.count() == 1


def test_a_different_organisation_with_the_same_name_can_be_added_once_confirmed(client, public_user):
    OrganisationFactory(name="Broughty Ferry Walking Friends", slug="bfwf")
    sign_in(client, public_user)

    response = client.post(NEW_URL, {**GOOD_ORGANISATION, "same_name_confirmed": "on"})

    assert response.status_code == 302
    assert Organisation.objects.filter(name__iexact=GOOD_ORGANISATION["name"]).count() == 2


def test_the_new_organisation_form_starts_with_the_name_searched_for(client, public_user):
    sign_in(client, public_user)
    text = client.get(NEW_URL, {"name": "Nowhere Knitters"}).content.decode()
    assert 'value="Nowhere Knitters"' in text


def test_a_signed_out_visitor_cannot_add_an_organisation(client):
    response = client.post(NEW_URL, GOOD_ORGANISATION)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/signup/")
    assert not Organisation.objects.exists()

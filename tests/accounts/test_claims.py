"""Claims: a person asks to manage an organisation already listed; an editor approves or denies."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership, OrganisationClaim
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db

CLAIM_LIST = "/review/claims/"


def claim_url(organisation):
    return reverse("onboarding:claim_create", args=[organisation.slug])


def decide_url(claim):
    return reverse("claims:claim_decide", args=[claim.pk])


@pytest.fixture
def imported(db):
    """An organisation listed from a register, that nobody manages yet."""
    return OrganisationFactory(name="Arbroath Men's Shed", slug="arbroath-mens-shed")


@pytest.fixture
def claim(imported, public_user):
    return OrganisationClaim.objects.create(
        organisation=imported,
        user=public_user,
        role_at_organisation="Treasurer",
        message="Our chair, Jo, on 01241 000000.",
    )


def test_claims_list_is_at_its_agreed_address():
    assert reverse("claims:claim_list") == CLAIM_LIST


def test_a_person_asks_to_manage_an_organisation_and_editors_are_told(client, public_user, imported, editor):
    sign_in(client, public_user)

    response = client.post(
        claim_url(imported), {"role_at_organisation": "Treasurer", "message": "Ask our chair, Jo."}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding:my_requests")
    claim = OrganisationClaim.objects.get()
    assert (claim.user, claim.organisation, claim.status) == (public_user, imported, "pending")
    assert claim.role_at_organisation == "Treasurer"
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert decide_url(claim) in mail.outbox[0].body


def test_a_second_request_while_one_is_pending_gets_a_friendly_message(client, public_user, imported, claim):
    sign_in(client, public_user)

    response = client.post(claim_url(imported), {"role_at_organisation": "Chair", "message": "Again"})

    assert response.status_code == 400
    assert "You have already asked to manage Arbroath Men&#x27;s Shed" in response.content.decode()
    assert OrganisationClaim.objects.count() == 1


def test_the_claim_page_says_a_request_is_already_waiting(client, public_user, imported, claim):
    sign_in(client, public_user)
    text = client.get(claim_url(imported)).content.decode()
    assert "An editor will decide soon" in text
    assert "<form" not in text.split("<main")[1]


def test_a_claim_needs_a_role_and_a_way_to_check_and_keeps_what_was_typed(client, public_user, imported):
    sign_in(client, public_user)

    response = client.post(claim_url(imported), {"role_at_organisation": "", "message": "Phone Jo"})

    assert response.status_code == 400
    assert "role_at_organisation" in response.context["form"].errors
    assert "Phone Jo" in response.content.decode()
    assert not OrganisationClaim.objects.exists()


def test_a_signed_out_visitor_is_sent_to_sign_up_before_claiming(client, imported):
    response = client.get(claim_url(imported))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/signup/?next=")


def test_the_claimant_sees_the_status_of_their_requests(client, public_user, claim, editor):
    other = OrganisationClaim.objects.create(
        organisation=OrganisationFactory(name="Forfar Friends"),
        user=public_user,
        role_at_organisation="Chair",
    )
    OrganisationClaim.objects.filter(pk=other.pk).update(
        status="denied", decided_at=claim.created, decision_note="Nobody there knew you."
    )
    sign_in(client, public_user)

    text = client.get(reverse("onboarding:my_requests")).content.decode()

    assert "Arbroath Men&#x27;s Shed" in text
    assert "Waiting for a decision" in text
    assert "Not approved" in text
    assert "Nobody there knew you." in text


def test_a_person_sees_only_their_own_requests(client, claim):
    stranger = UserFactory()
    sign_in(client, stranger)
    text = client.get(reverse("onboarding:my_requests")).content.decode()
    assert "Arbroath" not in text


def test_editors_see_pending_claims_with_claimant_message_and_managers(client, editor, claim, imported):
    existing = UserFactory(full_name="Mo Existing", email="mo@shed.example.org")
    MembershipFactory(user=existing, organisation=imported, role="manager")
    sign_in(client, editor)

    response = client.get(CLAIM_LIST)

    assert response.status_code == 200
    text = response.content.decode()
    for words in (
        "Arbroath Men&#x27;s Shed",
        "someone@example.com",
        "Treasurer",
        "Our chair, Jo",
        "mo@shed.example.org",
    ):
        assert words in text
    assert decide_url(claim) in text


def test_decided_claims_leave_the_list(client, editor, claim):
    OrganisationClaim.objects.filter(pk=claim.pk).update(status="approved", decided_at=claim.created)
    sign_in(client, editor)
    assert "There are no requests waiting" in client.get(CLAIM_LIST).content.decode()


def test_the_claims_list_takes_a_fixed_number_of_queries(client, editor, django_assert_max_num_queries):
    for number in range(15):
        organisation = OrganisationFactory()
        MembershipFactory(organisation=organisation, role="manager", user__email=f"first{number}@example.org")
        MembershipFactory(
            organisation=organisation, role="manager", user__email=f"second{number}@example.org"
        )
        OrganisationClaim.objects.create(
            organisation=organisation, user=UserFactory(), role_at_organisation=f"Volunteer {number}"
        )
    sign_in(client, editor)
    with django_assert_max_num_queries(10):
        response = client.get(CLAIM_LIST)
    text = response.content.decode()
    assert text.count("Volunteer ") == 15
    assert "first14@example.org" in text and "second0@example.org" in text


@pytest.mark.parametrize("who", ["public_user", "manager_a", "staff_a", "link_worker", "gp"])
def test_only_editors_see_the_claims_list(client, request, who, claim):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(CLAIM_LIST).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in_from_the_claims_list(client):
    response = client.get(CLAIM_LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_editor_approves_a_claim_and_the_claimant_and_existing_managers_are_told(
    client, editor, claim, imported
):
    existing = UserFactory(email="mo@shed.example.org")
    MembershipFactory(user=existing, organisation=imported, role="manager")
    sign_in(client, editor)

    response = client.post(decide_url(claim), {"decision": "approve", "note": ""})

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("approved", editor)
    assert claim.decided_at is not None
    managers = set(
        Membership.objects.filter(organisation=imported, role="manager").values_list("user__email", flat=True)
    )
    assert managers == {"mo@shed.example.org", "someone@example.com"}
    emails = {message.to[0]: message for message in mail.outbox}
    assert set(emails) == {"someone@example.com", "mo@shed.example.org"}
    assert "You now manage Arbroath Men's Shed" in emails["someone@example.com"].subject
    assert "/my-organisation/" in emails["someone@example.com"].body
    assert "is now a manager of Arbroath Men's Shed" in emails["mo@shed.example.org"].subject
    assert "/my-organisation/arbroath-mens-shed/members/" in emails["mo@shed.example.org"].body


def test_approving_a_member_makes_them_a_manager(client, editor, claim, imported, public_user):
    MembershipFactory(user=public_user, organisation=imported, role="member")
    sign_in(client, editor)

    client.post(decide_url(claim), {"decision": "approve"})

    assert Membership.objects.get(user=public_user, organisation=imported).role == "manager"


def test_an_editor_denies_a_claim_with_a_reason_and_the_claimant_is_told(client, editor, claim, public_user):
    sign_in(client, editor)

    response = client.post(decide_url(claim), {"decision": "deny", "note": "The chair did not know you."})

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.decision_note) == ("denied", "The chair did not know you.")
    assert not Membership.objects.filter(user=public_user).exists()
    assert [message.to for message in mail.outbox] == [["someone@example.com"]]
    assert "The chair did not know you." in mail.outbox[0].body


def test_denying_needs_a_reason(client, editor, claim):
    sign_in(client, editor)

    response = client.post(decide_url(claim), {"decision": "deny", "note": "  "})

    assert response.status_code == 400
    assert "Say why" in response.context["form"].errors["note"][0]
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert mail.outbox == []


def test_a_decision_needs_a_choice(client, editor, claim):
    sign_in(client, editor)
    response = client.post(decide_url(claim), {"note": "Hmm"})
    assert response.status_code == 400
    assert "Hmm</textarea>" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_a_claim_cannot_be_decided_twice(client, editor, claim):
    sign_in(client, editor)
    client.post(decide_url(claim), {"decision": "deny", "note": "No"})
    mail.outbox.clear()

    response = client.post(decide_url(claim), {"decision": "approve"})

    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.status == "denied"
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_the_claimant_gets_403_on_their_own_claims_decision_page(client, public_user, claim):
    sign_in(client, public_user)
    assert client.get(decide_url(claim)).status_code == 403
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert not Membership.objects.exists()


@pytest.mark.parametrize("who", ["manager_a", "staff_a", "manager_b", "link_worker", "gp"])
def test_anyone_else_gets_404_on_a_decision_page(client, request, who, claim):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(decide_url(claim)).status_code == 404
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 404
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_the_decision_page_shows_what_an_editor_needs(client, editor, claim):
    sign_in(client, editor)
    text = client.get(decide_url(claim)).content.decode()
    assert "Treasurer" in text
    assert "Our chair, Jo, on 01241 000000." in text
    assert "nobody manages it yet" in text


def test_an_administrator_may_decide_claims(client, admin_user, claim):
    sign_in(client, admin_user)
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 302


def test_a_signed_out_visitor_is_sent_to_sign_in_from_a_decision_page_and_nothing_changes(client, claim):
    for response in (client.get(decide_url(claim)), client.post(decide_url(claim), {"decision": "approve"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert not Membership.objects.exists()


def test_a_claim_on_an_organisation_of_a_person_already_managing_it_is_refused(client, manager_a, provider_a):
    sign_in(client, manager_a)
    response = client.post(claim_url(provider_a), {"role_at_organisation": "Chair", "message": "Me"})
    assert response.status_code == 400
    assert "You already manage Charity A" in response.content.decode()
    assert not OrganisationClaim.objects.exists()

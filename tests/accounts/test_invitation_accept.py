"""Accepting an invitation from its one-time link: new people, existing people, the wrong person,
and links that were used, withdrawn or have expired."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership
from tests.factories import UserFactory, sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase about kites"


def invite(organisation, inviter, email="new.colleague@charity-a.example.org", role="member", **extra):
    token = Invitation.new_token()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=inviter,
        expires_at=timezone.now() + datetime.timedelta(days=7),
        **extra,
    )
    invitation.set_token(token)
    invitation.save()
    return invitation, reverse("onboarding:accept_invitation", args=[token])


def new_account(url, client, **changes):
    data = {"full_name": "Nina Newcomer", "password1": PASSWORD, "password2": PASSWORD, **changes}
    return client.post(url, data)


def test_the_link_is_under_accounts():
    assert reverse("onboarding:accept_invitation", args=["abc"]) == "/accounts/invitations/abc/"


def test_a_new_person_sees_the_invitation_and_a_form_for_their_account(client, provider_a, manager_a):
    _, url = invite(provider_a, manager_a)
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Morag Manager has invited you" in text
    assert "Charity A" in text
    assert "new.colleague@charity-a.example.org" in text


def test_a_new_person_creates_their_account_from_the_link_and_joins(client, provider_a, manager_a):
    invitation, url = invite(provider_a, manager_a)

    response = new_account(url, client)

    assert response.status_code == 302
    assert response["Location"] == "/my-organisation/"
    user = get_user_model().objects.get(email="new.colleague@charity-a.example.org")
    assert user.full_name == "Nina Newcomer"
    assert user.check_password(PASSWORD)
    assert user.email_verified_at is not None
    assert Membership.objects.get(user=user).organisation == provider_a
    assert Membership.objects.get(user=user).role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == user
    assert int(client.session["_auth_user_id"]) == user.pk
    assert [message.to for message in mail.outbox] == [["manager@charity-a.example.org"]]
    assert "Nina Newcomer has joined Charity A" in mail.outbox[0].subject
    assert "/my-organisation/charity-a/members/" in mail.outbox[0].body


def test_the_invitation_decides_the_role(client, provider_a, manager_a):
    _, url = invite(provider_a, manager_a, role="manager")
    new_account(url, client)
    assert Membership.objects.get(user__full_name="Nina Newcomer").role == "manager"


def test_a_weak_or_mismatched_password_is_refused_by_the_field_and_the_name_kept(
    client, provider_a, manager_a
):
    invitation, url = invite(provider_a, manager_a)

    weak = new_account(url, client, password1="password", password2="password")
    mismatched = new_account(url, client, password2="a different long passphrase")

    assert weak.status_code == 400
    assert "password1" in weak.context["form"].errors
    assert 'value="Nina Newcomer"' in weak.content.decode()
    assert mismatched.status_code == 400
    assert mismatched.context["form"].errors["password2"] == ["The two passwords are not the same."]
    assert not get_user_model().objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_password_like_the_email_address_is_refused(client, provider_a, manager_a):
    _, url = invite(provider_a, manager_a, email="kitesandkites@example.org")
    response = new_account(url, client, password1="kitesandkites1", password2="kitesandkites1")
    assert response.status_code == 400
    assert "too similar" in str(response.context["form"].errors["password1"])


def test_the_email_address_cannot_be_changed_by_the_form(client, provider_a, manager_a):
    _, url = invite(provider_a, manager_a)
    new_account(url, client, email="someone.else@example.org")
    assert not get_user_model().objects.filter(email="someone.else@example.org").exists()
    assert get_user_model().objects.filter(email="new.colleague@charity-a.example.org").exists()


def test_an_existing_signed_in_person_confirms_and_joins(client, provider_a, manager_a, public_user):
    invitation, url = invite(provider_a, manager_a, email="SOMEONE@example.com")
    sign_in(client, public_user)

    page = client.get(url)
    response = client.post(url)

    assert page.status_code == 200
    assert "Join Charity A" in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/my-organisation/"
    assert Membership.objects.get(user=public_user).organisation == provider_a
    invitation.refresh_from_db()
    assert invitation.accepted_by == public_user
    assert len(mail.outbox) == 1


def test_looking_at_the_link_does_not_accept_it(client, provider_a, manager_a, public_user):
    invitation, url = invite(provider_a, manager_a, email=public_user.email)
    sign_in(client, public_user)
    client.get(url)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not Membership.objects.filter(user=public_user).exists()


def test_an_existing_person_signed_out_is_asked_to_sign_in_first(client, provider_a, manager_a, public_user):
    _, url = invite(provider_a, manager_a, email=public_user.email)

    page = client.get(url)
    post = client.post(url, {"full_name": "Impostor", "password1": PASSWORD, "password2": PASSWORD})

    assert page.status_code == 200
    assert f'href="/accounts/login/?next={url.replace("/", "%2F")}"' in page.content.decode()
    assert post.status_code == 302
    assert post["Location"].startswith("/accounts/login/")
    public_user.refresh_from_db()
    assert public_user.full_name == "Pat Public"
    assert not Membership.objects.filter(user=public_user).exists()


def test_the_wrong_person_is_told_and_offered_to_sign_out(client, provider_a, manager_a, manager_b):
    invitation, url = invite(provider_a, manager_a)
    sign_in(client, manager_b)

    page = client.get(url)
    post = client.post(url)

    assert page.status_code == 403
    text = page.content.decode()
    assert "This invitation is for someone else" in text
    assert 'action="/accounts/logout/"' in text
    assert f'name="next" value="{url}"' in text
    assert post.status_code == 403
    assert not Membership.objects.filter(user=manager_b, organisation=provider_a).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_works_only_once(client, provider_a, manager_a):
    invitation, url = invite(provider_a, manager_a)
    new_account(url, client)
    client.logout()
    mail.outbox.clear()

    again = client.get(url)
    second_try = new_account(url, client, full_name="Second Go")

    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert second_try.status_code == 410
    assert Membership.objects.filter(organisation=provider_a).count() == 2
    assert mail.outbox == []


def test_an_invitation_accepted_by_its_person_cannot_be_accepted_again_by_them(
    client, provider_a, manager_a, public_user
):
    _, url = invite(provider_a, manager_a, email=public_user.email)
    sign_in(client, public_user)
    client.post(url)
    mail.outbox.clear()

    assert client.post(url).status_code == 410
    assert mail.outbox == []


def test_an_expired_invitation_says_so_and_to_ask_for_a_new_one(client, provider_a, manager_a):
    invitation, url = invite(provider_a, manager_a)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    response = client.get(url)
    post = new_account(url, client)

    assert response.status_code == 410
    text = response.content.decode()
    assert "This invitation has expired" in text
    assert "ask its manager to send you a new invitation" in text
    assert post.status_code == 410
    assert not get_user_model().objects.filter(email=invitation.email).exists()


def test_a_withdrawn_invitation_says_so(client, provider_a, manager_a):
    invitation, url = invite(provider_a, manager_a, withdrawn_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in response.content.decode()
    assert new_account(url, client).status_code == 410
    assert not get_user_model().objects.filter(email=invitation.email).exists()


def test_an_unknown_link_is_not_found_and_says_what_to_do(client):
    response = client.get(reverse("onboarding:accept_invitation", args=["not-a-real-token"]))
    assert response.status_code == 404
    text = response.content.decode()
    assert "This invitation link is not recognised" in text
    assert "ask its manager to send you a new invitation" in text


def test_an_invitation_to_manage_raises_a_member_to_manager(client, provider_a, manager_a, staff_a):
    _, url = invite(provider_a, manager_a, email=staff_a.email, role="manager")
    sign_in(client, staff_a)
    client.post(url)
    assert Membership.objects.get(user=staff_a, organisation=provider_a).role == "manager"


def test_an_invitation_to_be_a_member_never_lowers_a_manager(client, provider_a, manager_a):
    _, url = invite(provider_a, manager_a, email=manager_a.email, role="member")
    sign_in(client, manager_a)
    client.post(url)
    assert Membership.objects.get(user=manager_a, organisation=provider_a).role == "manager"


def test_an_account_made_meanwhile_with_that_email_is_not_overwritten(client, provider_a, manager_a):
    invitation, url = invite(provider_a, manager_a)
    form_page = client.get(url)
    UserFactory(email=invitation.email.upper(), full_name="Already Here")

    response = new_account(url, client)

    assert form_page.status_code == 200
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert get_user_model().objects.get(email__iexact=invitation.email).full_name == "Already Here"


@pytest.mark.parametrize("state", ["accepted", "withdrawn", "expired"])
def test_the_service_refuses_an_invitation_that_cannot_be_used(provider_a, manager_a, public_user, state):
    # The page checks first; the service checks again inside its transaction, in case two
    # requests with the same link arrive together.
    invitation, _ = invite(provider_a, manager_a, email=public_user.email)
    changes = {
        "accepted": {"accepted_at": timezone.now()},
        "withdrawn": {"withdrawn_at": timezone.now()},
        "expired": {"expires_at": timezone.now() - datetime.timedelta(seconds=1)},
    }[state]
    Invitation.objects.filter(pk=invitation.pk).update(**changes)

    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=public_user)
    assert not Membership.objects.filter(user=public_user).exists()


def test_the_service_refuses_someone_the_invitation_was_not_sent_to(provider_a, manager_a, manager_b):
    invitation, _ = invite(provider_a, manager_a)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=manager_b)
    assert not Membership.objects.filter(user=manager_b, organisation=provider_a).exists()

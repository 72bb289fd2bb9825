"""Members and invitations: managers invite, change roles and remove; an organisation keeps a manager."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, token_digest
from tests.factories import MembershipFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db


def members_url(organisation):
    return reverse("manage:members", args=[organisation.slug])


def test_a_manager_invites_a_colleague_by_email_with_a_one_time_link(client, manager_a, provider_a, settings):
    settings.INVITATION_VALID_DAYS = 5
    sign_in(client, manager_a)
    response = client.post(
        reverse("manage:invite", args=[provider_a.slug]),
        {"email": " New.Person@Charity-A.example.org ", "role": "member"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@charity-a.example.org"
    assert invitation.organisation == provider_a
    assert invitation.invited_by == manager_a
    assert invitation.role == "member"
    expected_expiry = timezone.now() + datetime.timedelta(days=5)
    assert abs((invitation.expires_at - expected_expiry).total_seconds()) < 60

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["new.person@charity-a.example.org"]
    assert "Charity A" in email.subject
    match = re.search(r"https?://[^\s]+/accounts/invitations/([^/\s]+)/", email.body)
    assert match, email.body
    token = match.group(1)
    assert token_digest(token) == invitation.token_hash  # the link's token is the stored one
    assert token not in invitation.token_hash  # and only its hash is stored
    assert "5 days" in email.body

    page = client.get(members_url(provider_a)).content.decode()
    assert "new.person@charity-a.example.org" in page


def test_a_bad_email_address_is_shown_next_to_the_field(client, manager_a, provider_a):
    sign_in(client, manager_a)
    response = client.post(
        reverse("manage:invite", args=[provider_a.slug]), {"email": "not-an-address", "role": "member"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'value="not-an-address"' in html
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_member_cannot_be_invited_again(client, manager_a, staff_a, provider_a):
    sign_in(client, manager_a)
    response = client.post(
        reverse("manage:invite", args=[provider_a.slug]), {"email": staff_a.email, "role": "member"}
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()


def test_inviting_the_same_address_again_replaces_the_old_link(client, manager_a, provider_a):
    sign_in(client, manager_a)
    url = reverse("manage:invite", args=[provider_a.slug])
    client.post(url, {"email": "new@example.org", "role": "member"})
    client.post(url, {"email": "new@example.org", "role": "manager"})
    assert Invitation.objects.usable().count() == 1
    assert Invitation.objects.usable().get().role == "manager"


def test_a_manager_withdraws_an_invitation(client, manager_a, provider_a):
    sign_in(client, manager_a)
    client.post(
        reverse("manage:invite", args=[provider_a.slug]), {"email": "new@example.org", "role": "member"}
    )
    invitation = Invitation.objects.get()
    response = client.post(reverse("manage:invitation_withdraw", args=[provider_a.slug, invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None and not invitation.is_usable


def test_a_manager_makes_a_member_a_manager_and_back(client, manager_a, staff_a, provider_a):
    membership = Membership.objects.get(user=staff_a)
    sign_in(client, manager_a)
    url = reverse("manage:member_role", args=[provider_a.slug, membership.pk])
    assert client.post(url, {"role": "manager"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "manager"
    assert client.post(url, {"role": "member"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "member"


def test_the_last_manager_cannot_step_down_or_leave(client, manager_a, staff_a, provider_a):
    own = Membership.objects.get(user=manager_a)
    sign_in(client, manager_a)
    response = client.post(reverse("manage:member_role", args=[provider_a.slug, own.pk]), {"role": "member"})
    assert response.status_code == 400
    assert "needs at least one manager" in response.content.decode()
    response = client.post(reverse("manage:member_remove", args=[provider_a.slug, own.pk]))
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.role == "manager"


def test_with_a_second_manager_a_manager_may_leave(client, manager_a, provider_a):
    MembershipFactory(user=UserFactory(), organisation=provider_a, role="manager")
    own = Membership.objects.get(user=manager_a)
    sign_in(client, manager_a)
    response = client.post(reverse("manage:member_remove", args=[provider_a.slug, own.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_a_manager_removes_a_member(client, manager_a, staff_a, provider_a):
    membership = Membership.objects.get(user=staff_a)
    sign_in(client, manager_a)
    assert (
        client.post(reverse("manage:member_remove", args=[provider_a.slug, membership.pk])).status_code == 302
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_member_sees_the_list_read_only(client, manager_a, staff_a, provider_a):
    sign_in(client, staff_a)
    response = client.get(members_url(provider_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert manager_a.email in html and staff_a.email in html
    assert "Invite a colleague" not in html and "Change role" not in html


def test_a_membership_of_another_organisation_is_not_found(client, manager_a, manager_b, provider_a):
    theirs = Membership.objects.get(user=manager_b)
    sign_in(client, manager_a)
    response = client.post(reverse("manage:member_remove", args=[provider_a.slug, theirs.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_the_members_page_makes_a_fixed_number_of_queries(
    client, manager_a, provider_a, django_assert_max_num_queries
):
    for _ in range(10):
        MembershipFactory(organisation=provider_a)
    sign_in(client, manager_a)
    with django_assert_max_num_queries(10):
        assert client.get(members_url(provider_a)).status_code == 200

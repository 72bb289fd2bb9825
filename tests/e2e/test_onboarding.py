"""Onboarding in real Chromium: every new page is clean under axe-core, including its error states,
and the story of a colleague who joins from an invitation link."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation, Membership, OrganisationClaim
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def invitation_link(organisation, inviter, email, **extra):
    token = Invitation.new_token()
    invitation = Invitation(
        organisation=organisation,
        email=email,
        invited_by=inviter,
        expires_at=timezone.now() + datetime.timedelta(days=7),
        **extra,
    )
    invitation.set_token(token)
    invitation.save()
    return f"/accounts/invitations/{token}/"


def check(page, url, problems):
    page.goto(url)
    found = serious_violations(page)
    if found:
        problems[page.url] = found


def submit(page, button_name, problems):
    page.get_by_role("button", name=button_name).click()
    page.wait_for_load_state()
    found = serious_violations(page)
    if found:
        problems[page.url + " (after " + button_name + ")"] = found


def test_onboarding_pages_have_no_serious_accessibility_violations(live_server, page):
    base = live_server.url
    problems = {}
    charity = OrganisationFactory(name="Carers of Angus", slug="carers-of-angus")
    manager = UserFactory(email="manager@carers.example.org", full_name="Mags Manager")
    MembershipFactory(user=manager, organisation=charity, role="manager")
    person = UserFactory(email="person@example.org", full_name="Pat Person")
    editor = UserFactory(email="editor@example.org", site_role="editor", full_name="Eddie Editor")

    # Signed out: the explanation, and invitation pages for a newcomer.
    check(page, base + "/list-your-service/", problems)
    new_person_link = invitation_link(charity, manager, "new@example.org")
    check(page, base + new_person_link, problems)
    page.get_by_label("Your full name").fill("Nina Newcomer")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("The same password again").fill("different")
    submit(page, "Make my account and join", problems)
    assert page.locator(".error-summary").is_visible()
    check(page, base + invitation_link(charity, manager, "person@example.org"), problems)  # sign in first
    check(page, base + "/accounts/invitations/no-such-token/", problems)
    check(
        page, base + invitation_link(charity, manager, "x@example.org", withdrawn_at=timezone.now()), problems
    )

    # Signed in as a person with no organisation yet.
    sign_in_browser(page, live_server, person)
    check(page, base + "/list-your-service/", problems)
    check(page, base + "/list-your-service/organisation/", problems)
    check(page, base + "/list-your-service/organisation/?q=carers", problems)
    check(page, base + "/list-your-service/organisation/?q=nothing+like+it", problems)
    check(page, base + "/list-your-service/organisation/new/", problems)
    submit(page, "Add the organisation", problems)  # nothing filled in
    assert page.locator(".error-summary").is_visible()
    page.get_by_label("Name of the organisation").fill("CARERS OF ANGUS")
    page.get_by_label("What kind of organisation is it?").select_option("charity")
    submit(page, "Add the organisation", problems)  # the same name: warned
    assert page.locator(".same-name-warning").is_visible()
    check(page, base + "/list-your-service/organisation/carers-of-angus/claim/", problems)
    submit(page, "Send the request", problems)  # nothing filled in
    page.get_by_label("Your role at the organisation").fill("Volunteer coordinator")
    page.get_by_label("How can an editor check").fill("Ask Mags.")
    submit(page, "Send the request", problems)
    assert "/list-your-service/requests/" in page.url
    check(
        page, base + invitation_link(charity, manager, "someone.else@example.org"), problems
    )  # wrong person
    check(page, base + invitation_link(charity, manager, "person@example.org"), problems)  # confirm

    # The editor decides.
    page.context.clear_cookies()
    sign_in_browser(page, live_server, editor)
    check(page, base + "/review/claims/", problems)
    claim = OrganisationClaim.objects.get()
    check(page, base + f"/review/claims/{claim.pk}/", problems)
    page.get_by_label("Do not approve").check()
    submit(page, "Record the decision", problems)  # no reason given
    assert page.locator(".error-summary").is_visible()

    assert problems == {}


def test_a_manager_invites_a_colleague_who_makes_their_account_from_the_link(live_server, page):
    import re

    charity = OrganisationFactory(name="Broughty Befrienders", slug="broughty-befrienders")
    manager = UserFactory(email="mags@befrienders.example.org", full_name="Mags Manager")
    MembershipFactory(user=manager, organisation=charity, role="manager")

    # The manager invites a colleague from the provider area.
    sign_in_browser(page, live_server, manager)
    page.goto(live_server.url + "/my-organisation/broughty-befrienders/members/invite/")
    page.get_by_label("Their email address").fill("colleague@befrienders.example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    (invitation_email,) = [m for m in mail.outbox if m.to == ["colleague@befrienders.example.org"]]
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", invitation_email.body).group(0)
    path = link[link.index("/accounts/") :]
    mail.outbox.clear()

    # The colleague, in their own browser, opens the link and makes their account there.
    page.context.clear_cookies()
    page.goto(live_server.url + path)
    assert "Mags Manager has invited you to join Broughty Befrienders" in page.locator(".lead").inner_text()
    assert page.get_by_label("Email address").input_value() == "colleague@befrienders.example.org"
    page.get_by_label("Your full name").fill("Colin Colleague")
    page.get_by_label("Choose a password").fill("a long passphrase about kites")
    page.get_by_label("The same password again").fill("a long passphrase about kites")
    page.get_by_role("button", name="Make my account and join").click()
    page.wait_for_load_state()

    membership = Membership.objects.get(user__email="colleague@befrienders.example.org")
    assert (membership.organisation, membership.role) == (charity, "member")
    assert membership.user.email_verified_at is not None
    # On to the provider area, where the second factor is asked for before anything private shows.
    assert page.url.startswith(live_server.url + "/my-organisation/") or "/accounts/" in page.url
    assert [message.to for message in mail.outbox] == [["mags@befrienders.example.org"]]
    assert "Colin Colleague has joined Broughty Befrienders" in mail.outbox[0].subject

    # The link is now spent.
    page.context.clear_cookies()
    response = page.goto(live_server.url + path)
    assert response.status == 410
    assert "already been used" in page.content()

"""Issue 9 tried as a new user would, in real Chromium, from start to finish:

a GP searches for befriending near a Dundee postcode, finds the service and refers a lonely older
man to it with his consent; the charity sees the referral in its inbox and accepts it in one click,
writes to the GP and completes it with an outcome; the GP sees the outcome under "My referrals";
the practice manager sees on the man's record who looked at it. No email on the way names him.
"""

import pytest
from django.core import mail

from referrals.models import AuditEvent, Referral
from tests.e2e.conftest import sign_in_browser
from tests.factories import LocationFactory, MembershipFactory, PostcodeFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("relaxed_sign_in_limits"),
]

NAME = "Robert McLonely"


def test_a_gp_refers_the_charity_accepts_and_completes_and_the_gp_sees_the_outcome(
    live_server, browser, gp, gp_practice, staff_a, befriending_a, provider_a
):
    PostcodeFactory(postcode="DD4 7AA")
    befriending_a.locations.add(LocationFactory(organisation=provider_a))
    practice_manager = UserFactory(email="practice.manager@nhs.example.org", full_name="Pat Practice")
    MembershipFactory(user=practice_manager, organisation=gp_practice, role="manager")
    new_page = lambda: browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # noqa: E731

    # 1. The GP finds befriending near the man's postcode and refers him, with his consent.
    page = new_page()
    sign_in_browser(page, live_server, gp)
    page.goto(f"{live_server.url}/services/?q=befriending&postcode=DD4+7AA")
    page.get_by_role("link", name="Dundee Befriending").first.click()
    page.get_by_role("link", name="Refer someone to this service").click()
    assert page.get_by_text("116 123").first.is_visible(), "crisis contacts shown on the referral form"
    page.get_by_label("Full name").fill(NAME)
    page.get_by_label("Age band (if the date of birth is not known)").select_option(label="75 or over")
    page.get_by_label("Phone number").fill("01382 123456")
    page.get_by_role("group", name="Is it safe to leave a message?").get_by_label("Yes").check()
    page.get_by_label("Friendship and peer support").check()
    page.get_by_label("Reason for the referral").fill("Lonely since his wife died; no family nearby.")
    page.get_by_label("Phone call").check()
    page.get_by_role("group", name=f"agreed to share their details with {provider_a.name}").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("Verbally (in person or by phone)").check()
    page.get_by_role("button", name="Send referral").click()
    page.wait_for_url(f"{live_server.url}/referrals/*/")
    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.consent_given and referral.referrer == gp
    assert "Sent" in page.locator(".referral-status").inner_text()
    page.context.close()

    # 2. The charity sees it in its inbox, accepts in one click, writes to the GP and completes it.
    page = new_page()
    sign_in_browser(page, live_server, staff_a)
    page.goto(f"{live_server.url}/referrals/inbox/")
    row = page.get_by_role("row").filter(has_text="Robert M.")
    assert row.is_visible() and NAME not in page.content(), "lists show a short name only"
    row.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    assert Referral.objects.get().status == "accepted"
    page.goto(f"{live_server.url}/referrals/{referral.uuid}/")
    page.get_by_role("button", name="Mark as contacted").click()
    page.wait_for_load_state()
    page.get_by_label("Your message").fill("We rang him: a volunteer will visit on Tuesdays.")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Complete with an outcome").click()
    page.get_by_label("Outcome summary").fill("Visited weekly by a volunteer; says he feels less alone.")
    page.get_by_role("button", name="Complete the referral").click()
    page.wait_for_load_state()
    assert "Completed" in page.locator(".referral-status").inner_text()
    page.context.close()

    # 3. The GP sees the outcome and the message.
    page = new_page()
    sign_in_browser(page, live_server, gp)
    page.goto(f"{live_server.url}/referrals/")
    page.get_by_role("link", name=referral.reference).first.click()
    assert page.get_by_text("Visited weekly by a volunteer; says he feels less alone.").first.is_visible()
    assert page.get_by_text("We rang him: a volunteer will visit on Tuesdays.").is_visible()
    page.context.close()

    # 4. The practice manager sees who looked at his record.
    page = new_page()
    sign_in_browser(page, live_server, practice_manager)
    page.goto(f"{live_server.url}/people/{referral.person.uuid}/")
    trail = page.locator("#audit-heading + *, section:has(#audit-heading)").first.inner_text()
    assert gp.email in trail or gp.full_name in trail
    assert staff_a.email in trail or staff_a.full_name in trail
    page.context.close()
    assert AuditEvent.objects.filter(person_uuid=referral.person.uuid, user=staff_a, action="view").exists()

    # Emails went to both sides along the way, and none named him or said why he was referred.
    assert {address for message in mail.outbox for address in message.to} >= {gp.email, staff_a.email}
    for message in mail.outbox:
        assert "McLonely" not in message.subject + message.body
        assert "wife" not in message.body

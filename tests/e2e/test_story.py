"""Issue 8 tried as a new user would, in real Chromium, from start to finish:

a charity manager invites a colleague, who makes their account and sets up a second factor, edits
a listing and submits it; an editor approves it with the diff in view; a member of the public
reports a wrong phone number and gets a reply.
"""

import re
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP

from directory.models import ProblemReport, Service
from tests.directory.review_fixtures import published  # noqa: F401 (a fixture)
from tests.e2e.conftest import sign_in_browser

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("relaxed_sign_in_limits"),
]


def code_from_key(shown_key: str) -> str:
    """What an authenticator app shows for the key printed on the set-up page."""
    key = b32decode(shown_key.replace(" ", "") + "=" * (-len(shown_key.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def link_in(message, path_start: str) -> str:
    link = re.search(r"https?://\S+", message.body[message.body.index(path_start) - 40 :]).group(0)
    return link[link.index(path_start) :]


def test_invite_join_edit_submit_approve_then_a_public_report_gets_a_reply(
    live_server,
    browser,
    published,  # noqa: F811
    manager_a,
    editor,
):
    published.phone = "01382 000 111"
    published.save()
    new_context = lambda: browser.new_context(viewport={"width": 1280, "height": 900})  # noqa: E731

    # 1. The manager invites a colleague.
    manager = new_context()
    page = manager.new_page()
    sign_in_browser(page, live_server, manager_a)
    page.goto(f"{live_server.url}/my-organisation/charity-a/members/invite/")
    page.get_by_label("Their email address").fill("colin@charity-a.example.org")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    manager.close()
    (invitation,) = [m for m in mail.outbox if m.to == ["colin@charity-a.example.org"]]
    mail.outbox.clear()

    # 2. The colleague makes an account from the link, and sets up an authenticator app.
    colleague = new_context()
    page = colleague.new_page()
    page.goto(live_server.url + link_in(invitation, "/accounts/invitations/"))
    page.get_by_label("Your full name").fill("Colin Colleague")
    page.get_by_label("Choose a password").fill("kites over the tay in april")
    page.get_by_label("The same password again").fill("kites over the tay in april")
    page.get_by_role("button", name="Make my account and join").click()
    page.wait_for_url("**/two-factor/set-up/**")
    key = page.locator("#otp-secret").inner_text()
    page.get_by_label("The 6-digit code your app shows now").fill(code_from_key(key))
    page.get_by_role("button", name="Check the code and finish").click()
    page.wait_for_url("**/two-factor/backup-codes/**")
    page.get_by_role("link", name="I have kept my codes: continue").click()
    page.wait_for_url("**/my-organisation/**")

    # 3. They correct the phone number and send the change for review.
    page.goto(f"{live_server.url}/my-organisation/services/{published.slug}/edit/")
    page.fill("#id_phone", "01382 000 222")
    page.click("button[name=save]")
    page.goto(f"{live_server.url}/my-organisation/charity-a/")
    page.get_by_role("button", name="Submit changes for review").click()
    page.wait_for_load_state()
    colleague.close()
    copy = Service.objects.get(draft_of=published)
    assert copy.submitted_by.email == "colin@charity-a.example.org"

    # The public still sees the published number.
    public = new_context()
    public_page = public.new_page()
    public_page.goto(f"{live_server.url}/services/{published.slug}/")
    assert "01382 000 111" in public_page.content()

    # 4. An editor approves it with the diff in view.
    reviewing = new_context()
    page = reviewing.new_page()
    sign_in_browser(page, live_server, editor)
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("link", name="Tuesday Tea Group").click()
    phone_row = page.locator("tr[data-field=phone]")
    assert "01382 000 111" in phone_row.locator(".diff-old").inner_text()
    assert "01382 000 222" in phone_row.locator(".diff-new").inner_text()
    page.get_by_role("button", name="Approve the changes").click()
    page.wait_for_load_state()

    public_page.goto(f"{live_server.url}/services/{published.slug}/")
    assert "01382 000 222" in public_page.content()

    # 5. A member of the public reports that the number is wrong, and leaves an email address.
    public_page.get_by_role("link", name="Report a problem with this listing").click()
    public_page.get_by_label("Wrong contact details").check()
    public_page.get_by_label("Tell us more").fill("The new number rings a hairdresser.")
    public_page.get_by_label("Your email address (optional)").fill("pat@example.com")
    public_page.get_by_role("button", name="Send report").click()
    assert "Thank you for your report" in public_page.content()
    public.close()
    report = ProblemReport.objects.get()

    # 6. The editor resolves it with a note, and the reporter gets the reply.
    mail.outbox.clear()
    page.goto(f"{live_server.url}/review/problems/")
    page.get_by_role("link", name="Wrong contact details").click()
    page.get_by_label("How was it resolved?").fill("Thank you: the charity has corrected the number.")
    page.get_by_role("button", name="Resolve the report").click()
    page.wait_for_load_state()
    reviewing.close()

    report.refresh_from_db()
    assert report.status == "resolved"
    (reply,) = [m for m in mail.outbox if m.to == ["pat@example.com"]]
    assert "the charity has corrected the number" in reply.body

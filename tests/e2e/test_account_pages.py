"""The account pages in real Chromium: axe-core finds no serious violations on any of them, with and
without form errors, no Content-Security-Policy reports, and setting up an app works by keyboard."""

import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("relaxed_sign_in_limits"),
]

PASSWORD = "correct horse battery"


@pytest.fixture
def csp_reports(page):
    reports = []
    page.on(
        "console",
        lambda message: reports.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return reports


def code_for(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def check(page, heading: str):
    page.wait_for_load_state()
    assert heading in page.locator("h1").inner_text()
    assert serious_violations(page) == [], page.url


def submit(page, button: str):
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_sign_up_confirmation_and_password_pages_are_accessible(live_server, page, csp_reports):
    url = live_server.url
    page.goto(url + "/accounts/signup/")
    check(page, "Create an account")
    page.get_by_label("Email address").fill("not an address")
    page.locator("#id_password1").fill("short")
    submit(page, "Create account")
    check(page, "Create an account")
    assert page.locator(".error-summary").is_visible()

    page.get_by_label("Email address").fill("new.person@example.org")
    page.get_by_label("Full name").fill("Nina New")
    page.locator("#id_password1").fill("tea and biscuits at the hall")
    page.locator("#id_password2").fill("tea and biscuits at the hall")
    submit(page, "Create account")
    check(page, "Check your email")

    link = re.search(r"http://\S+/accounts/verify/\S+", mail.outbox[-1].body).group(0)
    page.goto(url + link.split("8000", 1)[1])
    check(page, "Email address confirmed")
    page.goto(url + "/accounts/verify/not-a-real-token/")
    check(page, "This link does not work")
    page.goto(url + "/accounts/verify/resend/")
    check(page, "Send a new link")
    page.get_by_label("Email address").fill("nonsense")
    submit(page, "Send a new link")
    check(page, "Send a new link")

    page.goto(url + "/accounts/password_reset/")
    check(page, "Forgotten your password?")
    page.get_by_label("Email address").fill("nonsense")
    submit(page, "Send the link")
    check(page, "Forgotten your password?")
    page.get_by_label("Email address").fill("new.person@example.org")
    submit(page, "Send the link")
    check(page, "Check your email")
    reset = re.search(r"http://\S+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    page.goto(url + reset)
    check(page, "Choose a new password")
    page.locator("#id_new_password1").fill("short")
    page.locator("#id_new_password2").fill("different")
    submit(page, "Save the new password")
    check(page, "Choose a new password")
    page.locator("#id_new_password1").fill("a new passphrase for me")
    page.locator("#id_new_password2").fill("a new passphrase for me")
    submit(page, "Save the new password")
    check(page, "Password changed")
    page.goto(url + "/accounts/reset/MQ/not-a-token/")
    check(page, "This link does not work")
    page.goto(url + "/accounts/two-factor/recovery/")
    check(page, "Lost your phone or your codes")
    page.goto(url + "/accounts/login/")
    check(page, "Sign in")
    assert csp_reports == []


def test_second_factor_and_account_pages_are_accessible(live_server, page, csp_reports):
    url = live_server.url
    user = UserFactory(email="member@example.org")
    MembershipFactory(user=user, organisation=OrganisationFactory())
    sign_in_browser(page, live_server, user, verified=False)
    page.goto(url + "/accounts/")
    check(page, "Set up an authenticator app")
    assert page.locator("svg.qr-code").is_visible()
    page.get_by_label("The 6-digit code your app shows now").fill("12")
    submit(page, "Check the code and finish")
    check(page, "Set up an authenticator app")
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("The 6-digit code your app shows now").fill(code_for(device))
    submit(page, "Check the code and finish")
    check(page, "Backup codes")
    assert page.locator(".backup-codes li").count() == 10
    page.get_by_role("link", name="I have kept my codes: continue").click()
    check(page, "Your account")
    page.goto(url + "/accounts/password_change/")
    check(page, "Change your password")
    page.locator("#id_old_password").fill("wrong")
    submit(page, "Change password")
    check(page, "Change your password")
    page.goto(url + "/accounts/two-factor/backup-codes/")
    check(page, "Backup codes")

    # Signed out and back in: the code page, with a wrong code.
    page.get_by_role("button", name="Sign out").first.click()
    page.goto(url + "/accounts/login/?next=/accounts/")
    page.get_by_label("Email").fill("member@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Password").press("Enter")
    check(page, "Enter your code")
    page.get_by_label("Code from your app, or a backup code").fill("nonsense")
    submit(page, "Continue")
    check(page, "Enter your code")
    assert csp_reports == []


def test_setting_up_an_app_by_keyboard_alone(live_server, page):
    user = UserFactory(email="keyboard@example.org")
    MembershipFactory(user=user, organisation=OrganisationFactory())
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").focus()
    page.keyboard.type("keyboard@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/two-factor/set-up/**")
    assert page.locator("h1").inner_text() == "Set up an authenticator app", page.locator("main").inner_text()

    device = TOTPDevice.objects.get(user=user)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_code":
            break
    else:
        pytest.fail("the code field cannot be reached with the Tab key")
    page.keyboard.type(code_for(device))
    page.keyboard.press("Enter")
    page.wait_for_url("**/two-factor/backup-codes/**")
    assert page.locator("h1").inner_text() == "Backup codes", page.locator("main").inner_text()
    for _ in range(80):
        page.keyboard.press("Tab")
        if "continue" in page.evaluate("document.activeElement.textContent || ''"):
            break
    else:
        pytest.fail("the continue link cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my-organisation/")

"""The referral forms in real Chromium: axe-core on every page (the staff form, with errors, the
duplicate panel, the stop page, self-referral and its sent page), and a keyboard-only referral."""

import datetime

import pytest
from django.core.cache import cache

from referrals.models import Person, Referral
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    cache.clear()
    yield
    cache.clear()


def tab_to(page, name, *, value=None, limit=80):
    """Press Tab until the field called `name` (and `value`) has the focus: the keyboard only."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
        if focused[0] == name and (value is None or focused[1] == value):
            return
    raise AssertionError(f"Tab never reached {name}")


def test_a_gp_refers_someone_with_the_keyboard_only(live_server, page, gp, befriending_a, provider_a):
    sign_in_browser(page, live_server, gp)
    page.goto(f"{live_server.url}/services/{befriending_a.slug}/refer/")
    assert "not for crises" in page.content()

    tab_to(page, "name")
    page.keyboard.type("Robert McLonely")
    tab_to(page, "age_band")
    page.keyboard.type("75")
    tab_to(page, "phone")
    page.keyboard.type("01382 123456")
    tab_to(page, "safe_to_leave_message")
    page.keyboard.press("Space")  # the first answer: Yes
    tab_to(page, "elements")
    page.keyboard.press("Space")  # friendship and peer support
    tab_to(page, "reason")
    page.keyboard.type("Lonely since his wife died.")
    tab_to(page, "contact_method")
    page.keyboard.press("Space")  # phone call
    tab_to(page, f"consent_{provider_a.pk}")
    page.keyboard.press("Space")  # Yes
    tab_to(page, "consent_method")
    page.keyboard.press("Space")  # verbally
    tab_to(page, "action", value="send")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/referrals/**")

    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.referrer == gp
    assert referral.person.name == "Robert McLonely" and referral.person.age_band == "75_plus"
    assert referral.person.safe_to_leave_message and referral.person.seeks_friendship
    assert referral.consent_method == "verbal"


def test_the_staff_form_its_errors_the_duplicate_panel_and_the_stop_page_are_accessible(
    live_server, page, gp, gp_practice, befriending_a, provider_a
):
    PersonFactory(organisation=gp_practice, name="Robert McLonely", date_of_birth=datetime.date(1948, 3, 14))
    sign_in_browser(page, live_server, gp)
    page.goto(f"{live_server.url}/services/{befriending_a.slug}/refer/")
    assert serious_violations(page) == []

    # Sent empty: the error summary and each message beside its field.
    page.get_by_role("button", name="Send referral").click()
    assert "There is a problem" in page.content()
    assert serious_violations(page) == []

    page.get_by_label("Full name").fill("Robert McLonely")
    page.get_by_label("Date of birth", exact=True).fill("1948-03-14")
    page.get_by_label("Phone number").fill("01382 123456")
    page.locator("input[name=safe_to_leave_message][value=yes]").check()
    page.get_by_label("Reason for the referral").fill("Lonely since his wife died.")
    page.locator("input[name=contact_method][value=phone]").check()
    page.locator(f"input[name=consent_{provider_a.pk}][value=yes]").check()
    page.locator("input[name=consent_method][value=verbal]").check()
    page.get_by_role("button", name="Send referral").click()
    assert "Is this someone you already have on record?" in page.content()
    assert serious_violations(page) == []

    page.locator(f"input[name=consent_{provider_a.pk}][value=no]").check()
    page.get_by_role("button", name="Send referral").click()
    assert "cannot be sent without consent" in page.content()
    assert serious_violations(page) == []
    assert not Referral.objects.exists()

    page.get_by_role("button", name="Go back to the form").click()
    assert page.get_by_label("Full name").input_value() == "Robert McLonely"
    assert serious_violations(page) == []


def test_the_self_referral_form_and_its_sent_page_are_accessible(live_server, page, befriending_a):
    page.goto(f"{live_server.url}/services/{befriending_a.slug}/self-refer/")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Send my referral").click()
    assert "There is a problem" in page.content()
    assert serious_violations(page) == []

    page.get_by_label("Your full name").fill("Agnes Alone")
    page.get_by_label("Your age (if you would rather not give your date of birth)").select_option("65_74")
    page.get_by_label("Your email address").fill("agnes@example.com")
    page.locator("input[name=safe_to_leave_message][value=yes]").check()
    page.locator("input[name=contact_method][value=email]").check()
    page.get_by_label("What do you hope for from this service?").fill("To meet people nearby.")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Send my referral").click()
    assert "Your referral has been sent" in page.content()
    assert "Agnes" not in page.url
    assert serious_violations(page) == []
    assert Referral.objects.get().is_self_referral
    assert Person.objects.get().organisation == befriending_a.organisation


def test_the_keyboard_never_reaches_the_self_referral_honeypot(live_server, page, befriending_a):
    page.goto(f"{live_server.url}/services/{befriending_a.slug}/self-refer/")
    page.get_by_label("What do you hope for from this service?").focus()

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.name") == "consent"
    box = page.locator("input[name=website]").bounding_box()
    assert box["x"] + box["width"] <= 0

"""Report a problem in real Chromium: keyboard, the honeypot out of reach, axe-core on every page
(the form, its error state, the thank-you page, the editors' list and resolve page)."""

import pytest
from django.core.cache import cache

from directory.choices import ProblemKind
from directory.models import ProblemReport
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service(provider_a):
    return ServiceFactory(organisation=provider_a, name="Carers Cuppa", slug="carers-cuppa")


def test_a_member_of_the_public_reports_a_wrong_phone_number(live_server, page, service, editor):
    page.goto(f"{live_server.url}/services/{service.slug}/")
    page.get_by_role("link", name="Report a problem with this listing").click()
    assert serious_violations(page) == []

    # Sent empty: the error summary, then each message beside its field, all checked by axe.
    page.get_by_role("button", name="Send report").click()
    assert "There is a problem" in page.content()
    assert serious_violations(page) == []

    page.get_by_label("Wrong contact details").check()
    page.get_by_label("Tell us more").fill("The phone number rings a hairdresser.")
    page.get_by_label("Your email address (optional)").fill("pat@example.com")
    page.get_by_role("button", name="Send report").click()
    assert "Thank you for your report" in page.content()
    assert serious_violations(page) == []
    report = ProblemReport.objects.get()
    assert (report.kind, report.reporter_email) == (ProblemKind.WRONG_CONTACT, "pat@example.com")


def test_the_keyboard_never_reaches_the_honeypot(live_server, page, service):
    page.goto(f"{live_server.url}/services/{service.slug}/report/")
    page.get_by_label("Your email address (optional)").focus()

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.name") == "send"
    # Off the screen (robots that skip hidden fields still fill it in), not merely small.
    box = page.locator("input[name=website]").bounding_box()
    assert box["x"] + box["width"] <= 0


def test_the_editors_pages_have_no_serious_accessibility_violations(live_server, page, service, editor):
    report = ProblemReport.objects.create(
        service=service, kind=ProblemKind.SAFEGUARDING, details="Worried about a volunteer."
    )
    sign_in_browser(page, live_server, editor)

    page.goto(f"{live_server.url}/review/problems/")
    assert "Carers Cuppa" in page.content()
    assert serious_violations(page) == []

    page.get_by_role("link", name="A safeguarding concern").click()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Resolve the report").click()
    assert "Say how the report was resolved." in page.content()
    assert serious_violations(page) == []

    page.get_by_label("How was it resolved?").fill("Passed to the charity's safeguarding lead.")
    page.get_by_role("button", name="Resolve the report").click()
    assert "How it was resolved" in page.content()
    assert serious_violations(page) == []
    report.refresh_from_db()
    assert report.status == "resolved"

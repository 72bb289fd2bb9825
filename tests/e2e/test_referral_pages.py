"""One referral's pages in real Chromium: axe-core clean for both sides and the decline, complete and
refer-on pages; the provider's accept, message and complete by keyboard alone; copy and print."""

import pytest
from django.urls import reverse

from referrals import services
from referrals.choices import ContactOutcome, Status
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import make_referral

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _url(live_server, name, referral):
    return live_server.url + reverse(name, args=[referral.uuid])


def _check(page, url, problems):
    page.goto(url)
    found = serious_violations(page)
    if found:
        problems[url] = found


def test_the_referral_pages_have_no_serious_accessibility_violations(
    live_server, page, sent_referral, staff_a, link_worker, befriending_a, link_worker_service, service_b
):
    engaged = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    services.referral_accept(referral=engaged, user=staff_a, note="We will ring on Monday.")
    services.referral_record_contact_attempt(referral=engaged, user=staff_a, outcome=ContactOutcome.NO_ANSWER)
    services.referral_mark_contacted(referral=engaged, user=staff_a)
    services.message_post(referral=engaged, user=link_worker, body="He prefers mornings.")
    problems = {}

    sign_in_browser(page, live_server, staff_a)
    for referral in (sent_referral, engaged):
        _check(page, _url(live_server, "referrals:detail", referral), problems)
    _check(page, _url(live_server, "referrals:decline", sent_referral), problems)
    _check(page, _url(live_server, "referrals:complete", engaged), problems)
    _check(page, _url(live_server, "referrals:refer_on", engaged), problems)
    # The forms with their errors shown: submitted empty.
    for name, referral, button in [
        ("referrals:decline", sent_referral, "Decline the referral"),
        ("referrals:complete", engaged, "Complete the referral"),
        ("referrals:refer_on", engaged, "Refer on"),
    ]:
        page.goto(_url(live_server, name, referral))
        page.get_by_role("button", name=button).click()
        page.wait_for_load_state()
        assert page.get_by_text("There is a problem").is_visible()
        found = serious_violations(page)
        if found:
            problems[name + " with errors"] = found

    sign_in_browser(page, live_server, link_worker)
    _check(page, _url(live_server, "referrals:detail", engaged), problems)
    assert problems == {}


def _tab_to(page, name, limit=120):
    """Press Tab until the focused element is the one named `name` (as a screen reader names it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el) return "";
                if (el.labels && el.labels.length) return el.labels[0].innerText.trim();
                return (el.innerText || el.value || "").trim();
            }"""
        )
        if label.startswith(name):
            return
    raise AssertionError(f"Tab never reached {name!r}")


def _press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_provider_accepts_messages_and_completes_by_keyboard(live_server, page, sent_referral, staff_a):
    sign_in_browser(page, live_server, staff_a)
    page.goto(_url(live_server, "referrals:detail", sent_referral))

    _tab_to(page, "Note for the timeline")
    page.keyboard.type("We will ring on Monday.")
    _tab_to(page, "Accept")
    _press_enter_and_wait(page)
    assert page.get_by_role("status").filter(has_text="accepted").is_visible()

    _tab_to(page, "Mark as contacted")
    _press_enter_and_wait(page)

    _tab_to(page, "Your message")
    page.keyboard.type("We spoke today: he will come on Tuesday.")
    _tab_to(page, "Send message")
    _press_enter_and_wait(page)
    assert page.get_by_text("We spoke today: he will come on Tuesday.").is_visible()

    _tab_to(page, "Complete with an outcome")
    _press_enter_and_wait(page)
    assert page.locator("h1").inner_text().startswith("Complete referral")
    _tab_to(page, "Outcome summary")
    page.keyboard.type("Comes to the Tuesday lunch club every week.")
    _tab_to(page, "Complete the referral")
    _press_enter_and_wait(page)
    assert "Completed" in page.locator(".referral-status").inner_text()
    assert page.get_by_text("Comes to the Tuesday lunch club every week.").first.is_visible()
    sent_referral.refresh_from_db()
    assert sent_referral.status == Status.COMPLETED
    assert sent_referral.messages.get().body == "We spoke today: he will come on Tuesday."
    assert sent_referral.events.filter(note="We will ring on Monday.").exists()


def test_the_gp_summary_copies_with_javascript_and_is_selectable_without(
    live_server, page, page_without_js, sent_referral, link_worker
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in_browser(page, live_server, link_worker)
    page.goto(_url(live_server, "referrals:detail", sent_referral))
    button = page.get_by_role("button", name="Copy the summary")
    assert button.is_visible()
    button.click()
    page.get_by_text("Copied.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("Referral to social prescribing service (SNOMED CT 871731000000106)")

    sign_in_browser(page_without_js, live_server, link_worker)
    page_without_js.goto(_url(live_server, "referrals:detail", sent_referral))
    assert page_without_js.get_by_role("button", name="Copy the summary").count() == 0
    summary = page_without_js.get_by_label("Summary for the GP record")
    assert "871731000000106" in summary.input_value()


def test_a_printed_referral_keeps_the_record_and_leaves_out_the_controls(
    live_server, page, sent_referral, link_worker
):
    sign_in_browser(page, live_server, link_worker)
    page.goto(_url(live_server, "referrals:detail", sent_referral))
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator(".referral-actions").is_hidden()
    assert page.locator(".referral-message-form").is_hidden()
    assert page.locator("#gp-summary-text").is_hidden()
    assert page.locator(".gp-summary-print").is_visible()
    assert page.locator(".print-summary").is_visible()
    assert page.get_by_role("heading", name="Timeline").is_visible()
    assert page.get_by_text(sent_referral.person.name).is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

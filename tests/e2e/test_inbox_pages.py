"""The referral inbox and My referrals in real Chromium: axe-core clean with rows (and a capacity
form error), and a referral accepted from the inbox with the keyboard alone."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from referrals.choices import Status
from referrals.services import consent_withdraw, referral_accept
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import make_referral

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def referrals(befriending_a, link_worker, link_worker_service, staff_a):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=8)):
        waiting = make_referral(
            service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
        )
        quiet = referral_accept(
            referral=make_referral(
                service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
            ),
            user=staff_a,
        )
    withdrawn = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    consent_withdraw(referral=withdrawn, user=link_worker)
    fresh = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    return {"waiting": waiting, "quiet": quiet, "withdrawn": withdrawn, "fresh": fresh, "draft": draft}


def test_the_inbox_and_my_referrals_have_no_serious_accessibility_violations(
    live_server, page, referrals, staff_a, link_worker, befriending_a
):
    problems = {}
    sign_in_browser(page, live_server, staff_a)
    for path in ("/referrals/inbox/", "/referrals/inbox/?state=open", "/referrals/inbox/?state=all"):
        page.goto(live_server.url + path)
        assert page.locator(".referral-row").count() > 0
        problems[path] = serious_violations(page)
    page.goto(live_server.url + "/referrals/inbox/")
    page.select_option(f"#id_capacity_{befriending_a.pk}", "open")
    page.fill(f"#id_waiting_weeks_{befriending_a.pk}", "6")
    page.get_by_role("button", name=f"Update capacity of {befriending_a.name}").click()
    assert "There is a problem" in page.content()
    problems["capacity error"] = serious_violations(page)

    page.context.clear_cookies()
    sign_in_browser(page, live_server, link_worker)
    for path in ("/referrals/", "/referrals/?state=drafts", "/referrals/?state=all&mine=1"):
        page.goto(live_server.url + path)
        assert page.locator(".referral-row").count() > 0
        problems[path] = serious_violations(page)

    assert {path: found for path, found in problems.items() if found} == {}


def test_a_provider_accepts_a_referral_from_the_inbox_with_the_keyboard(
    live_server, page, referrals, staff_a
):
    fresh = referrals["fresh"]
    sign_in_browser(page, live_server, staff_a)
    page.goto(live_server.url + "/referrals/inbox/")

    button = page.get_by_role("button", name=f"Accept referral {fresh.reference}")
    for _ in range(200):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("The Accept button is not reachable with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()

    fresh.refresh_from_db()
    assert fresh.status == Status.ACCEPTED
    assert page.locator(".alert-success").count() == 1

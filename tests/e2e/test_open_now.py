"""The "Open now" and "Time of day" filters in real Chromium: reached and used by keyboard alone,
kept after the search updates, and free of serious axe-core violations (issue 10, point 7)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_open_now_and_time_of_day_work_by_keyboard_alone(demo_site, page):
    page.goto(demo_site.url + "/services/?q=group")
    day = page.get_by_label("Open on")
    day.focus()
    page.keyboard.press("Tab")
    time_of_day = page.get_by_label("Time of day")
    expect(time_of_day).to_be_focused()
    page.keyboard.press("ArrowDown")  # a closed list changes with the arrow keys
    expect(page).to_have_url(re.compile(r"time=morning"))
    expect(page.get_by_label("Time of day")).to_have_value("morning")

    page.get_by_label("Time of day").focus()
    page.keyboard.press("Tab")
    open_now = page.get_by_role("checkbox", name="Open now")
    expect(open_now).to_be_focused()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"open_now=1"))
    expect(page.get_by_role("checkbox", name="Open now")).to_be_checked()
    expect(page.get_by_label("Time of day")).to_have_value("morning")
    expect(page.locator(".results-count")).to_be_visible()
    assert serious_violations(page) == []


def test_a_bad_value_is_explained_and_axe_clean(demo_site, page):
    response = page.goto(demo_site.url + "/services/?q=group&time=midnight&open_now=maybe")
    assert response.status == 400
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("“midnight” is not a time of day we know")
    expect(summary).to_contain_text("“maybe” is not a yes or no")
    expect(page.get_by_label("What are you looking for?")).to_have_value("group")
    # The summary's link takes the keyboard to the filter (the folded filters open for an error).
    summary.get_by_role("link", name=re.compile("midnight")).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#id_time$"))
    assert serious_violations(page) == []

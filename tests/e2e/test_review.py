"""The review flow in real Chromium: a provider edits a published listing, an editor approves it
with the diff in view, and the public sees the change; axe-core on every review page."""

import pytest

from directory.models import Service
from tests.directory.review_fixtures import *  # noqa: F403
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_provider_edits_editor_approves_and_the_public_sees_the_change(
    live_server, browser, published, manager_a, editor
):
    provider = browser.new_context(viewport={"width": 1280, "height": 900})
    page = provider.new_page()
    sign_in_browser(page, live_server, manager_a)
    page.goto(f"{live_server.url}/my-organisation/services/{published.slug}/edit/")
    page.fill("#id_name", "Tuesday Tea and Toast")
    page.click("button[name=save]")
    page.goto(f"{live_server.url}/my-organisation/charity-a/")
    page.get_by_role("button", name="Submit changes for review").click()
    provider.close()

    # Until an editor approves, the public sees the published listing.
    public = browser.new_context()
    public_page = public.new_page()
    public_page.goto(f"{live_server.url}/services/{published.slug}/")
    assert "Tuesday Tea Group" in public_page.content()
    assert "Tuesday Tea and Toast" not in public_page.content()

    review = browser.new_context(viewport={"width": 1280, "height": 900})
    page = review.new_page()
    sign_in_browser(page, live_server, editor)
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("link", name="Tuesday Tea and Toast").click()
    name_row = page.locator("tr[data-field=name]")
    assert "Tuesday Tea Group" in name_row.locator(".diff-old").inner_text()
    assert "Tuesday Tea and Toast" in name_row.locator(".diff-new").inner_text()
    page.get_by_role("button", name="Approve the changes").click()
    assert "are approved and now public" in page.content()
    assert "Nothing is waiting for review." in page.content()
    review.close()

    public_page.goto(f"{live_server.url}/services/{published.slug}/")
    assert "Tuesday Tea and Toast" in public_page.content()
    public.close()
    assert not Service.objects.filter(draft_of=published).exists()


def test_review_pages_have_no_serious_accessibility_violations(
    live_server, page, working_copy, new_listing, editor
):
    sign_in_browser(page, live_server, editor)
    problems = {}
    paths = [
        "/review/",
        f"/review/services/{working_copy.slug}/",
        f"/review/services/{new_listing.slug}/",
        f"/review/services/{working_copy.draft_of.slug}/history/",
    ]
    for path in paths:
        page.goto(live_server.url + path)
        if found := serious_violations(page):
            problems[path] = found

    # Sending back without a reason: the error summary and the message beside the field.
    page.goto(f"{live_server.url}/review/services/{working_copy.slug}/")
    page.get_by_role("button", name="Send back to the organisation").click()
    assert page.locator(".error-summary").is_visible()
    assert "Say why the listing is being sent back." in page.content()
    if found := serious_violations(page):
        problems["send back without a reason"] = found

    # The history after an approval, with its changes.
    page.goto(f"{live_server.url}/review/services/{working_copy.slug}/")
    page.get_by_role("button", name="Approve the changes").click()
    page.goto(f"{live_server.url}/review/services/{working_copy.draft_of.slug}/history/")
    assert "Approved changes submitted by Sam Staff" in page.content()
    if found := serious_violations(page):
        problems["history after approval"] = found
    assert problems == {}

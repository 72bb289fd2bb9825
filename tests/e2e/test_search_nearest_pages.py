"""Nothing nearby, then what is nearest (issue 10, point 5), in real Chromium: a postcode search
with too few services inside its radius shows the nearest beyond it and the services by phone or
online, each group under its own heading, its links reached by keyboard, free of serious axe-core
violations, on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from tests.directory.test_search import ORIGIN, located
from tests.e2e.test_accessibility import serious_violations
from tests.factories import PostcodeFactory, ServiceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def few_nearby(db):
    PostcodeFactory()  # DD4 7AA, at ORIGIN
    north = lambda km: (ORIGIN[0] + km / 111.2, ORIGIN[1])  # noqa: E731
    located("Befriending Here", *north(2), summary="Befriending over a cup of tea.")
    located("Arbroath Befriending", *north(26), summary="Befriending by telephone and visits.")
    located("Forfar Befriending", *north(30), summary="Befriending in Forfar.")
    ServiceFactory(
        name="Befriending Line", summary="Befriending calls every week.", mode_group=False, mode_phone=True
    )


@pytest.mark.parametrize("device", ["page", "phone"])
def test_the_nearest_beyond_and_the_phone_or_online_groups_are_labelled_and_reachable(
    live_server, few_nearby, device, request
):
    page = request.getfixturevalue(device)
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/services/?q=befriending&postcode=DD4+7AA&radius=10")
    nearest = page.locator("section", has=page.get_by_role("heading", name="Nearest beyond"))
    expect(nearest.get_by_role("heading", level=2)).to_contain_text("6.2 miles (10 km)")
    expect(nearest.get_by_role("link", name="Arbroath Befriending")).to_be_visible()
    remote = page.locator("section", has=page.get_by_role("heading", name="Available by phone or online"))
    link = remote.get_by_role("link", name="Befriending Line")
    expect(link).to_be_visible()
    # By keyboard: Tab from the last of the nearest group's links reaches the next group's.
    nearest.get_by_role("link").last.focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Befriending Line")).to_be_visible()
    page.go_back()
    expect(nearest.get_by_role("link", name="Arbroath Befriending")).to_be_visible()
    assert serious_violations(page) == []

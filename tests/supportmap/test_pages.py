"""The site's own pages: home, guide, error pages, and the headers every page carries."""

import re

import pytest
from django.test import RequestFactory

from directory.choices import Element
from supportmap.views import server_error
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_home_offers_a_search_box_and_the_five_elements(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'action="/services/" role="search"' in html
    assert '<label for="home-q"' in html
    assert '<label for="home-postcode"' in html
    for element in Element:
        assert f'href="/services/?element={element.value}"' in html
        assert element.label in html


def test_guide_explains_elements_structures_peer_support_and_the_six_risks(client):
    html = client.get("/guide/").content.decode()
    for words in [
        "Constructing meaning",
        "Semi-formal",
        "Peer-led",
        "Confidentiality",
        "Catastrophising",
        "An unequal relationship",
        "Strain on relationships",
        "Unhelpful advice",
        "Unclear boundaries",
        "PVG",
        "For groups and organisations",
    ]:
        assert words in html, words


def test_unknown_address_gets_the_helpful_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We can\xe2\x80\x99t find that page" in response.content


def test_server_error_page_is_plain_and_helpful():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, something went wrong on our side" in response.content
    assert b"116 123" in response.content


@pytest.mark.parametrize("path", ["/", "/guide/", "/services/", "/organisations/", "/accounts/login/"])
def test_pages_send_a_strict_content_security_policy_and_security_headers(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts_or_styles(client):
    service = ServiceFactory()
    for path in [
        "/",
        "/guide/",
        "/services/",
        f"/services/{service.slug}/",
        f"/organisations/{service.organisation.slug}/",
        "/nope/",
    ]:
        html = client.get(path).content.decode()
        assert "<style" not in html, path
        assert not re.search(r"\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path
        for script in re.findall(r"<script[^>]*>", html):
            assert " src=" in script, (path, script)


def test_map_tiles_host_is_the_only_other_image_source(client, settings):
    policy = client.get("/services/").headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy

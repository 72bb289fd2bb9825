"""Bad page numbers and unexpected HTTP methods get a clear 4xx on every public page, never a 500."""

import pytest

from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PAGINATED = ["/services/", "/organisations/"]

BAD_PAGES = [
    "%C2%B2",  # superscript two: str.isdigit() says yes, int() says no
    "%E2%91%A0",  # circled one
    "%D9%A2",  # Arabic-Indic two
    "%EF%BC%92",  # fullwidth two
    "-1",
    "%2B2",  # +2
    "0",
    "1.5",
    "1e3",
    "%201%202",  # " 1 2"
    "two",
    "9" * 5000,  # beyond Python's int() digit limit
    "99999999999999999999",
]


@pytest.fixture
def listings():
    ServiceFactory.create_batch(3)


@pytest.mark.parametrize("url", PAGINATED)
@pytest.mark.parametrize("page", BAD_PAGES)
def test_a_page_number_that_is_not_ascii_digits_is_a_clear_400(client, listings, url, page):
    response = client.get(f"{url}?page={page}")
    assert response.status_code == 400
    assert "is not a page number" in response.content.decode()


@pytest.mark.parametrize("url", PAGINATED)
def test_repeated_page_parameters_are_a_clear_400(client, listings, url):
    response = client.get(f"{url}?page=1&page=2")
    assert response.status_code == 400
    assert "more than one page" in response.content.decode()


@pytest.mark.parametrize("url", PAGINATED)
def test_plain_page_numbers_still_work(client, listings, url):
    assert client.get(f"{url}?page=1").status_code == 200
    assert client.get(f"{url}?page=%201%20").status_code == 200  # spaces around are forgiven
    response = client.get(f"{url}?page=7")
    assert response.status_code == 404
    assert "There is no page 7" in response.content.decode()


def public_urls():
    service = ServiceFactory()
    return [
        "/",
        "/guide/",
        "/services/",
        "/services/?q=lonely",
        service.get_absolute_url(),
        "/organisations/",
        service.organisation.get_absolute_url(),
    ]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_public_pages_answer_only_get_and_head(client, method):
    for url in public_urls():
        response = client.generic(method.upper(), url)
        assert response.status_code == 405, (method, url)
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}, url


def test_head_answers_like_get_without_a_body(client):
    for url in public_urls():
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b""

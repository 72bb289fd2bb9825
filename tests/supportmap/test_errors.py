"""Errors reach someone: the 500 page says what really happens, ADMINS get an email, logs are JSON."""

import json
import logging

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from supportmap.logs import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.supportmap.failing_urls"
    return Client(raise_request_exception=False)


def test_a_server_error_emails_the_admins_and_the_page_says_they_were_told(failing_site, settings):
    settings.ADMINS = [("Ops", "ops@example.org")]
    response = failing_site.get("/fails/")
    assert response.status_code == 500
    assert "the people who run this site have been told" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.org"]
    assert "/fails/" in mail.outbox[0].subject


def test_without_admins_the_page_does_not_claim_anyone_was_told(failing_site, settings):
    settings.ADMINS = []
    response = failing_site.get("/fails/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "The problem has been recorded" in html
    assert "have been told" not in html
    assert mail.outbox == []


def test_a_server_error_is_logged_with_its_path_and_status(failing_site, caplog):
    with caplog.at_level(logging.INFO):
        failing_site.get("/fails/")
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert errors and errors[0].status_code == 500 and errors[0].request.path == "/fails/"
    requests = [r for r in caplog.records if r.name == "supportmap.requests"]
    assert [(r.request.path, r.status_code) for r in requests] == [("/fails/", 500)]


def test_the_json_formatter_writes_one_object_with_path_and_status():
    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    request = RequestFactory().get("/services/?q=private+words")
    record = logging.LogRecord(
        "supportmap.requests", logging.INFO, __file__, 1, "GET /services/ 200", (), None
    )
    record.request, record.status_code, record.duration_ms = request, 200, 12.5
    line = formatter.format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["path"] == "/services/"
    assert data["status"] == 200
    assert data["method"] == "GET"
    assert data["level"] == "INFO"
    assert data["logger"] == "supportmap.requests"
    assert "private" not in line  # the query string can hold what a person typed about themselves


def test_a_form_without_its_security_token_gets_the_branded_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "a", "password": "b"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in html
    assert "Reload it" in html
    assert "<style" not in html and " style=" not in html
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]

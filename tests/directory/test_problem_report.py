"""Report a problem with a listing: the form, the honeypot, the rate limit and the emails."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from directory.choices import Freshness, ProblemKind, ProblemStatus, ServiceStatus
from directory.models import ProblemReport
from tests.factories import ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    # The rate limit counts in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service(provider_a, staff_a):
    return ServiceFactory(organisation=provider_a, name="Carers' Cuppa", slug="carers-cuppa")


def report_url(service):
    return f"/services/{service.slug}/report/"


GOOD = {"kind": ProblemKind.WRONG_CONTACT, "details": "The phone number rings a hairdresser.", "website": ""}


def test_every_service_page_links_to_report_a_problem(client, service):
    page = client.get(service.get_absolute_url()).content.decode()

    assert f'href="{report_url(service)}"' in page
    assert "Report a problem with this listing" in page


def test_a_lapsed_listing_can_still_be_reported(client, service):
    service.freshness = Freshness.LAPSED
    service.save()

    assert client.get(report_url(service)).status_code == 200


def test_an_unpublished_service_cannot_be_reported(client, provider_a):
    draft = ServiceFactory(organisation=provider_a, status=ServiceStatus.DRAFT, last_reviewed=None)

    assert client.get(report_url(draft)).status_code == 404
    assert client.post(report_url(draft), GOOD).status_code == 404
    assert not ProblemReport.objects.exists()


def test_the_form_offers_each_kind_of_problem_and_says_what_the_email_is_for(client, service):
    page = client.get(report_url(service)).content.decode()

    for kind in ProblemKind:
        assert f'value="{kind.value}"' in page
    assert "Only if you would like a reply" in page
    assert "delete it 30 days after the report is resolved" in page


def test_the_honeypot_is_hidden_from_people_screen_readers_and_the_tab_key(client, service):
    page = client.get(report_url(service)).content.decode()

    start = page.index('class="problem-extra-field"')
    wrapper = page[page.rindex("<div", 0, start) : page.index("</div>", start)]
    assert 'aria-hidden="true"' in wrapper
    field = wrapper[wrapper.index('<input type="text" name="website"') :]
    field = field[: field.index(">")]
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert "style=" not in wrapper


def test_a_report_is_saved_and_reaches_the_organisation_and_the_editors(client, service, staff_a, editor):
    administrator = UserFactory(email="admin@supportmap.example.org", site_role="administrator")

    response = client.post(report_url(service), {**GOOD, "reporter_email": "pat@example.com"})

    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    assert "What happens next" in response.content.decode()
    report = ProblemReport.objects.get()
    assert (report.service, report.kind, report.status) == (
        service,
        ProblemKind.WRONG_CONTACT,
        ProblemStatus.OPEN,
    )
    assert report.reporter_email == "pat@example.com"
    to_organisation, to_editors = mail.outbox
    assert to_organisation.to == sorted(["office@charity-a.example.org", staff_a.email])
    assert to_organisation.subject == "Problem reported with your listing: Carers' Cuppa"
    assert "The phone number rings a hairdresser." in to_organisation.body
    assert "pat@example.com" not in to_organisation.body
    assert to_editors.to == sorted([editor.email, administrator.email])
    assert f"/review/problems/{report.pk}/" in to_editors.body


def test_a_safeguarding_concern_says_so_in_the_subject(client, service, editor):
    client.post(report_url(service), {**GOOD, "kind": ProblemKind.SAFEGUARDING})

    assert [message.subject.startswith("SAFEGUARDING CONCERN") for message in mail.outbox] == [True, True]
    assert all("THIS IS A SAFEGUARDING CONCERN" in message.body for message in mail.outbox)


def test_the_thank_you_page_says_there_will_be_no_reply_without_an_email(client, service):
    page = client.post(report_url(service), GOOD).content.decode()

    assert "we will not be able to reply to you" in page


def test_bad_input_is_refused_with_400_and_nothing_typed_is_lost(client, service):
    response = client.post(
        report_url(service), {"kind": "", "details": "Closed since May.", "reporter_email": "pat-at-example"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose what the problem is." in page
    assert "Enter an email address like name@example.org" in page
    assert "Closed since May." in page
    assert 'value="pat-at-example"' in page
    assert not ProblemReport.objects.exists()
    assert mail.outbox == []


def test_a_kind_that_is_not_offered_is_refused(client, service):
    response = client.post(report_url(service), {**GOOD, "kind": "bribe"})

    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


def test_a_filled_honeypot_looks_like_success_but_saves_and_sends_nothing(client, service, editor):
    response = client.post(report_url(service), {**GOOD, "website": "https://spam.example"})

    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    assert not ProblemReport.objects.exists()
    assert mail.outbox == []


def test_reports_beyond_the_rate_limit_from_one_address_are_refused_with_429(client, service, settings):
    settings.PROBLEM_REPORT_RATE_LIMIT = "2/h"

    statuses = [client.post(report_url(service), GOOD).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert ProblemReport.objects.count() == 2
    refused = client.post(report_url(service), GOOD)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Too many reports" in refused.content.decode()


def test_the_rate_limit_counts_each_address_on_its_own(client, service, settings):
    settings.PROBLEM_REPORT_RATE_LIMIT = "1/h"
    client.post(report_url(service), GOOD, REMOTE_ADDR="192.0.2.1")

    assert client.post(report_url(service), GOOD, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post(report_url(service), GOOD, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_mistakes_corrected_do_not_count_towards_the_limit(client, service, settings):
    settings.PROBLEM_REPORT_RATE_LIMIT = "1/h"

    assert client.post(report_url(service), {**GOOD, "details": ""}).status_code == 400
    assert client.post(report_url(service), GOOD).status_code == 200
    assert ProblemReport.objects.count() == 1


def test_a_report_still_goes_through_when_the_rate_limit_cache_is_down(client, service, caplog):
    # Nothing listens on port 1: the connection is refused at once. A safeguarding concern must
    # not be lost because the cache that counts reports is down.
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead_redis):
        response = client.post(report_url(service), {**GOOD, "kind": ProblemKind.SAFEGUARDING})

    assert response.status_code == 200
    assert ProblemReport.objects.get().kind == ProblemKind.SAFEGUARDING
    assert any(
        record.levelname == "ERROR" and "Problem report rate limit skipped" in record.getMessage()
        for record in caplog.records
    )

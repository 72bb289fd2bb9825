"""/review/problems/: editors list and resolve reports; members read their own; others are kept out."""

import pytest
from django.core import mail

from directory.choices import ProblemKind, ProblemStatus
from directory.models import ProblemReport
from tests.factories import ServiceFactory, sign_in

pytestmark = pytest.mark.django_db
LIST = "/review/problems/"


@pytest.fixture
def service(provider_a):
    return ServiceFactory(organisation=provider_a, name="Carers' Cuppa", slug="carers-cuppa")


@pytest.fixture
def report(service):
    return ProblemReport.objects.create(
        service=service,
        kind=ProblemKind.WRONG_CONTACT,
        details="The phone number rings a hairdresser.",
        reporter_email="pat@example.com",
    )


def detail(report):
    return f"/review/problems/{report.pk}/"


def as_user(client, fixture_name, request):
    if fixture_name == "anonymous":
        return client
    return sign_in(client, request.getfixturevalue(fixture_name))


@pytest.mark.parametrize(
    ("who", "list_status", "get_status", "post_status"),
    [
        ("anonymous", 302, 302, 302),
        ("public_user", 403, 404, 404),
        ("staff_a", 200, 200, 403),
        ("manager_a", 200, 200, 403),
        ("manager_b", 200, 404, 404),
        ("link_worker", 200, 404, 404),
        ("editor", 200, 200, 302),
        ("admin_user", 200, 200, 302),
    ],
)
def test_who_may_see_and_resolve_a_report(client, request, report, who, list_status, get_status, post_status):
    as_user(client, who, request)

    assert client.get(LIST).status_code == list_status
    assert client.get(detail(report)).status_code == get_status
    assert client.post(detail(report), {"note": "Phone number corrected."}).status_code == post_status
    report.refresh_from_db()
    resolved = who in {"editor", "admin_user"}
    assert report.status == (ProblemStatus.RESOLVED if resolved else ProblemStatus.OPEN)


def test_anonymous_people_are_sent_to_sign_in(client, report):
    response = client.get(detail(report))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_report_that_does_not_exist_is_404_for_an_editor(client, editor):
    sign_in(client, editor)

    assert client.get("/review/problems/999999/").status_code == 404


def test_the_list_shows_open_reports_safeguarding_first_then_oldest_first(
    client, editor, service, provider_b
):
    other = ServiceFactory(organisation=provider_b, name="Walk and Talk")
    first = ProblemReport.objects.create(service=service, kind=ProblemKind.CLOSED, details="Closed?")
    second = ProblemReport.objects.create(service=other, kind=ProblemKind.OTHER, details="Odd.")
    concern = ProblemReport.objects.create(service=other, kind=ProblemKind.SAFEGUARDING, details="Worried.")
    ProblemReport.objects.create(
        service=service,
        kind=ProblemKind.OTHER,
        details="Done.",
        status=ProblemStatus.RESOLVED,
        resolution_note="Fixed.",
        resolved_at="2026-01-01T00:00Z",
    )
    sign_in(client, editor)

    page = client.get(LIST).content.decode()

    links = [detail(concern), detail(first), detail(second)]
    assert [page.index(f'href="{link}"') for link in links] == sorted(
        page.index(f'href="{link}"') for link in links
    )
    assert page.count('href="/review/problems/') - page.count(f'href="{LIST}"') == 3
    assert "Charity A" in page and "Walk and Talk" in page
    assert "Safeguarding" in page


def test_members_see_only_their_own_organisations_reports(client, staff_a, report, provider_b):
    theirs = ProblemReport.objects.create(
        service=ServiceFactory(organisation=provider_b), kind=ProblemKind.OTHER, details="Elsewhere."
    )
    sign_in(client, staff_a)

    page = client.get(LIST).content.decode()

    assert detail(report) in page
    assert detail(theirs) not in page
    assert "Resolve this report" not in client.get(detail(report)).content.decode()


def test_members_do_not_see_the_reporters_email_address(client, staff_a, report):
    sign_in(client, staff_a)

    assert "pat@example.com" not in client.get(detail(report)).content.decode()


def test_resolving_needs_a_note_and_keeps_the_report_open_without_one(client, editor, report):
    sign_in(client, editor)

    response = client.post(detail(report), {"note": "   "})

    assert response.status_code == 400
    assert "Say how the report was resolved." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ProblemStatus.OPEN
    assert mail.outbox == []


def test_resolving_records_who_and_when_and_tells_the_reporter(client, editor, report):
    sign_in(client, editor)

    response = client.post(detail(report), {"note": "We rang the group and corrected the number."})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProblemStatus.RESOLVED
    assert report.resolved_by == editor
    assert report.resolved_at is not None
    assert report.resolution_note == "We rang the group and corrected the number."
    (reply,) = mail.outbox
    assert reply.to == ["pat@example.com"]
    assert reply.subject == "Your report about Carers' Cuppa on SupportMap"
    assert "We rang the group and corrected the number." in reply.body
    page = client.get(detail(report)).content.decode()
    assert "How it was resolved" in page
    assert "Resolve this report" not in page
    assert detail(report) not in client.get(LIST).content.decode()


def test_no_email_is_sent_when_the_reporter_left_none(client, editor, report):
    ProblemReport.objects.filter(pk=report.pk).update(reporter_email="")
    sign_in(client, editor)

    client.post(detail(report), {"note": "Corrected."})

    assert mail.outbox == []


def test_a_resolved_report_cannot_be_resolved_again(client, editor, report):
    sign_in(client, editor)
    client.post(detail(report), {"note": "First."})

    response = client.post(detail(report), {"note": "Second."})

    assert response.status_code == 409
    report.refresh_from_db()
    assert report.resolution_note == "First."
    assert len(mail.outbox) == 1


def test_the_list_takes_a_fixed_number_of_queries(client, editor, django_assert_max_num_queries, provider_b):
    for number in range(30):
        ProblemReport.objects.create(
            service=ServiceFactory(organisation=provider_b),
            kind=ProblemKind.OTHER,
            details=f"Report {number}",
        )
    sign_in(client, editor)

    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.content.decode().count('href="/review/problems/') >= 30


def test_the_list_takes_a_fixed_number_of_queries_for_a_member(
    client, staff_a, provider_a, django_assert_max_num_queries
):
    for number in range(30):
        ProblemReport.objects.create(
            service=ServiceFactory(organisation=provider_a),
            kind=ProblemKind.OTHER,
            details=f"Report {number}",
        )
    sign_in(client, staff_a)

    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200


def test_a_page_number_that_is_not_one_is_refused_clearly(client, editor):
    sign_in(client, editor)

    response = client.get(LIST + "?page=abc")

    assert response.status_code == 400
    assert "is not a page number" in response.content.decode()

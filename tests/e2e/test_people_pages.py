"""A person's pages in real Chromium: axe-core clean on the record (a manager's view, with who has
looked at it) and on the edit form with its errors; the edit form works without JavaScript."""

import pytest
from django.urls import reverse

from directory.models import Topic
from referrals import services
from referrals.choices import AuditAction, CaringRelationship
from referrals.models import AuditEvent, Person, Signposting
from tests.e2e.conftest import sign_in_browser
from tests.e2e.test_accessibility import serious_violations
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def record(sent_referral, staff_a, link_worker, link_worker_service, service_b):
    person = sent_referral.person
    person.is_carer = True
    person.caring_relationship = CaringRelationship.POSITIVE
    person.save()
    Topic.objects.get_or_create(slug="loneliness-e2e", defaults={"name": "Loneliness (e2e)"})
    services.referral_accept(referral=sent_referral, user=staff_a)
    signposting = Signposting.objects.create(
        organisation=link_worker_service, recorded_by=link_worker, person=person, note="Gave a leaflet."
    )
    signposting.services.add(service_b)
    for _ in range(3):
        AuditEvent.objects.create(
            user=link_worker,
            organisation=link_worker_service,
            action=AuditAction.VIEW,
            person_uuid=person.uuid,
        )
    manager = UserFactory(email="lw.manager@nhs.example.org", full_name="Lorna Lead")
    MembershipFactory(user=manager, organisation=link_worker_service, role="manager")
    return person, manager


def test_the_person_pages_have_no_serious_accessibility_violations(live_server, page, record):
    person, manager = record
    sign_in_browser(page, live_server, manager)
    detail = live_server.url + reverse("people:detail", kwargs={"person_uuid": person.uuid})
    edit = live_server.url + reverse("people:edit", kwargs={"person_uuid": person.uuid})
    problems = {}

    page.goto(detail)
    assert page.get_by_role("heading", name="Who has looked at this record").is_visible()
    assert page.locator("table.audit-trail tbody tr").count() >= 4
    problems["detail"] = serious_violations(page)

    page.goto(edit)
    problems["edit"] = serious_violations(page)

    # Errors: no date of birth or age band, a caring relationship for someone no longer a carer,
    # a CHI number with the wrong check digit.
    page.fill("#id_date_of_birth", "")
    page.uncheck("#id_is_carer")
    page.fill("#id_chi_number", "1403481238")
    page.click("form.person-form button[type=submit]")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "Give a date of birth or choose an age band." in summary.inner_text()
    assert "check digit" in summary.inner_text()
    assert page.input_value("#id_chi_number") == "1403481238"
    problems["edit with errors"] = serious_violations(page)

    assert {name: found for name, found in problems.items() if found} == {}


def test_editing_works_without_javascript(live_server, page_without_js, record):
    person, manager = record
    page = page_without_js
    sign_in_browser(page, live_server, manager)

    page.goto(live_server.url + reverse("people:edit", kwargs={"person_uuid": person.uuid}))
    page.fill("#id_phone", "07700 900456")
    page.check("#id_seeks_practical")
    page.click("form.person-form button[type=submit]")

    assert page.get_by_text("The record is saved.").is_visible()
    person = Person.objects.get(pk=person.pk)
    assert person.phone == "07700 900456" and person.seeks_practical

"""Who may do what (accounts/rules.py), and the scoped querysets behind the access helper.

Organisation kinds decide what members can do: members of a referrer organisation can refer,
members of a provider organisation keep listings, members of one that is both can do both.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import access
from directory.choices import ProblemKind
from directory.models import ProblemReport
from tests.factories import MembershipFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_link_worker_can_refer_but_keeps_no_listings(link_worker, link_worker_service):
    assert link_worker.has_perm("referrals.refer")
    assert link_worker.has_perm("referrals.refer_from", link_worker_service)
    assert not link_worker.has_perm("directory.edit_listings", link_worker_service)


def test_provider_staff_keep_listings_but_cannot_refer(staff_a, provider_a):
    assert staff_a.has_perm("directory.edit_listings", provider_a)
    assert not staff_a.has_perm("referrals.refer")
    assert not staff_a.has_perm("referrals.refer_from", provider_a)


def test_members_of_an_organisation_that_both_refers_and_provides_can_do_both(public_user):
    both = OrganisationFactory(is_referrer=True, is_provider=True)
    MembershipFactory(user=public_user, organisation=both)
    assert public_user.has_perm("referrals.refer_from", both)
    assert public_user.has_perm("directory.edit_listings", both)


def test_nobody_may_refer_from_an_organisation_they_do_not_belong_to(link_worker, gp_practice):
    assert not link_worker.has_perm("referrals.refer_from", gp_practice)


def test_permissions_follow_a_report_or_a_service_to_its_organisation(staff_a, manager_b, provider_a):
    service = ServiceFactory(organisation=provider_a)
    report = ProblemReport.objects.create(service=service, kind=ProblemKind.OTHER, details="Closed?")
    assert staff_a.has_perm("directory.edit_service", service)
    assert staff_a.has_perm("directory.view_problem_report", report)
    assert not manager_b.has_perm("directory.edit_service", service)
    assert not manager_b.has_perm("directory.view_problem_report", report)


def test_a_permission_on_nothing_or_on_an_unrelated_object_is_refused(staff_a):
    assert not staff_a.has_perm("directory.edit_service", None)
    assert not staff_a.has_perm("directory.edit_service", object())


def test_anonymous_visitors_have_no_permissions_and_empty_scopes(provider_a):
    anonymous = AnonymousUser()
    assert not anonymous.has_perm("directory.edit_listings", provider_a)
    assert not anonymous.has_perm("referrals.refer")
    ServiceFactory(organisation=provider_a)
    assert not access.organisations_for(anonymous).exists()
    assert not access.services_for(anonymous).exists()
    assert not access.problem_reports_for(anonymous).exists()
    assert not access.claims_for(anonymous).exists()

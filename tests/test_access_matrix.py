"""The access matrix: every private URL that takes an id or slug, for every kind of person.

For each URL pattern that names a private object, each role asks for an object of their own
organisation ("same") and of another ("other"), by GET and by POST as the URL accepts, and the test
checks the answer against the table below:

- "ok": the page or action works (not 403, 404, 405, a sign-in redirect, nor a server error);
- 403: the person may know the object exists but lacks the role (a plain member on a manager's
  page, a referrer organisation on listing pages, a provider on the editors' review page);
- 404: a stranger, who learns nothing;
- "login": not signed in, sent to sign in.

Every refused request must leave the database as it was. A URL pattern with an id or slug that is
neither in the table, nor in PUBLIC_OR_TOKEN, nor in the referrals' own matrix
(tests/referrals/test_referral_access_matrix.py: a referral has two sides) makes the test fail, so a new private page cannot be
added without saying who may use it.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Invitation, Membership, OrganisationClaim
from directory.choices import ProblemKind, ServiceStatus
from directory.models import OpeningTime, ProblemReport, Service
from tests.factories import MembershipFactory, ServiceFactory, UserFactory, sign_in
from tests.referrals.test_referral_access_matrix import COVERED as REFERRAL_URLS

# URL patterns with an id, slug or token that are not private objects, and why.
PUBLIC_OR_TOKEN = {
    "directory:service_detail": "a published listing's public page",
    "directory:organisation_detail": "a public organisation page",
    "directory:report_problem": "anyone may report a problem with a listing",
    "accounts:verify_email": "the signed token in the link is the authority",
    "accounts:password_reset_confirm": "the token in the emailed link is the authority",
    "onboarding:accept_invitation": "the one-time token in the emailed link is the authority",
    "onboarding:claim_create": "any signed-in person may ask to manage any organisation listed",
    "refer:self": "anyone may refer themselves to a published service that takes self-referrals",
    "refer:self_sent": "the public page that says a self-referral was sent (no personal data)",
    "shortlist:add": "anyone may add a published service to their own shortlist",
    "shortlist:remove": "anyone may take a service off their own shortlist",
}

ROLES = ["anonymous", "public", "link_worker", "gp", "staff_a", "manager_a", "manager_b", "editor", "admin"]

# Expected answers, by role, for an object of the role's own organisation and of another one.
# Roles that belong to no organisation have only "other". Link workers and GPs are plain members
# of referrer organisations (they do not run services).
OWN = "ok"
LISTING = {  # the provider area's listing pages: members of a provider organisation
    "anonymous": {"other": "login"},
    "public": {"other": 404},
    "link_worker": {"same": 403, "other": 404},
    "gp": {"same": 403, "other": 404},
    "staff_a": {"same": OWN, "other": 404},
    "manager_a": {"same": OWN, "other": 404},
    "manager_b": {"same": OWN, "other": 404},
    "editor": {"other": 404},
    "admin": {"other": 404},
}
ANY_MEMBER = {**LISTING, "link_worker": {"same": OWN, "other": 404}, "gp": {"same": OWN, "other": 404}}
MANAGER = {**LISTING, "staff_a": {"same": 403, "other": 404}}
EDITOR = {
    "anonymous": {"other": "login"},
    "public": {"other": 404},
    "link_worker": {"same": 403, "other": 404},
    "gp": {"same": 403, "other": 404},
    "staff_a": {"same": 403, "other": 404},
    "manager_a": {"same": 403, "other": 404},
    "manager_b": {"same": 403, "other": 404},
    "editor": {"other": OWN},
    "admin": {"other": OWN},
}
# Claims are seen by editors and by the person who made them; an organisation's members are
# strangers to a claim on it.
CLAIM = {
    **EDITOR,
    "link_worker": {"same": 404, "other": 404},
    "gp": {"same": 404, "other": 404},
    "staff_a": {"same": 404, "other": 404},
    "manager_a": {"same": 404, "other": 404},
    "manager_b": {"same": 404, "other": 404},
}
# Problem reports: the listing's own members may read them; only editors resolve them.
PROBLEM_READ = {
    **EDITOR,
    "link_worker": {"same": OWN, "other": 404},
    "gp": {"same": OWN, "other": 404},
    "staff_a": {"same": OWN, "other": 404},
    "manager_a": {"same": OWN, "other": 404},
    "manager_b": {"same": OWN, "other": 404},
}
# A listing's history: editors, and the listing's own organisation.
HISTORY = PROBLEM_READ

# URL name -> (which object of an organisation it takes, {method: expected table}).
MATRIX = {
    "manage:organisation": ("organisation", {"GET": ANY_MEMBER}),
    "manage:service_create": ("organisation", {"GET": LISTING, "POST": LISTING}),
    "manage:service_edit": ("published", {"GET": LISTING, "POST": LISTING}),
    "manage:service_submit": ("draft", {"POST": LISTING}),
    "manage:service_capacity": ("published", {"POST": LISTING}),
    "manage:service_confirm": ("published", {"POST": LISTING}),
    "manage:members": ("organisation", {"GET": ANY_MEMBER}),
    "manage:invite": ("organisation", {"GET": MANAGER, "POST": MANAGER}),
    "manage:member_role": ("membership", {"POST": MANAGER}),
    "manage:member_remove": ("membership", {"POST": MANAGER}),
    "manage:invitation_withdraw": ("invitation", {"POST": MANAGER}),
    "review:service_review": ("pending", {"GET": EDITOR}),
    "review:service_approve": ("pending", {"POST": EDITOR}),
    "review:service_send_back": ("pending", {"POST": EDITOR}),
    "review:service_history": ("published", {"GET": HISTORY}),
    "claims:claim_decide": ("claim", {"GET": CLAIM, "POST": CLAIM}),
    "problems:report_detail": ("problem", {"GET": PROBLEM_READ, "POST": EDITOR}),
    # The inbox's capacity form: as the provider area's own capacity form.
    "referrals:capacity": ("published", {"POST": LISTING}),
}

POST_DATA = {
    "manage:service_capacity": {"capacity": "full"},
    "referrals:capacity": {"capacity": "full"},
    "manage:member_role": {"role": "manager"},
    "manage:invite": {"email": "new.colleague@example.org", "role": "member"},
    "review:service_send_back": {"reason": "Please add the opening times."},
    "claims:claim_decide": {"decision": "deny", "note": "We could not check this."},
    "problems:report_detail": {"resolution_note": "Phone number corrected."},
}


def _patterns(resolver=None, namespace=""):
    """(view name, converters) for every URL pattern, admin aside (Django's own object checks)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", set(entry.pattern.converters)


def test_every_url_that_names_an_object_is_in_the_access_matrix():
    with_ids = {name for name, converters in _patterns() if converters}
    covered = set(MATRIX) | set(PUBLIC_OR_TOKEN) | REFERRAL_URLS
    uncovered = with_ids - covered
    assert uncovered == set(), f"Say who may use these in tests/test_access_matrix.py: {sorted(uncovered)}"
    gone = covered - with_ids
    assert gone == set(), f"No longer URL patterns with an id or slug: {sorted(gone)}"


def _objects_of(organisation, claimant):
    today = timezone.localdate()
    published = ServiceFactory(organisation=organisation, last_reviewed=today - datetime.timedelta(days=20))
    OpeningTime.objects.create(service=published, weekday=2, opens="10:00", closes="12:00")
    draft = ServiceFactory(organisation=organisation, status=ServiceStatus.DRAFT, last_reviewed=None)
    pending = ServiceFactory(
        organisation=organisation,
        status=ServiceStatus.PENDING_REVIEW,
        last_reviewed=None,
        submitted_at=timezone.now(),
    )
    colleague = MembershipFactory(organisation=organisation, role="member")
    invitation = Invitation(
        organisation=organisation,
        email="invited@example.org",
        expires_at=timezone.now() + datetime.timedelta(days=3),
    )
    invitation.set_token(Invitation.new_token())
    invitation.save()
    claim = OrganisationClaim.objects.create(
        organisation=organisation, user=claimant, role_at_organisation="Volunteer"
    )
    problem = ProblemReport.objects.create(
        service=published, kind=ProblemKind.WRONG_CONTACT, details="Old phone"
    )
    return {
        "organisation": {"org_slug": organisation.slug},
        "published": {"slug": published.slug},
        "draft": {"slug": draft.slug},
        "pending": {"slug": pending.slug},
        "membership": {"org_slug": organisation.slug, "pk": colleague.pk},
        "invitation": {"org_slug": organisation.slug, "pk": invitation.pk},
        "claim": {"pk": claim.pk},
        "problem": {"pk": problem.pk},
    }


def _snapshot():
    """What a refused request must not change."""
    return (
        list(
            Service.objects.order_by("pk").values_list(
                "pk", "name", "status", "capacity", "last_reviewed", "freshness", "draft_of", "review_note"
            )
        ),
        list(Membership.objects.order_by("pk").values_list("pk", "role")),
        list(Invitation.objects.order_by("pk").values_list("pk", "accepted_at", "withdrawn_at")),
        list(OrganisationClaim.objects.order_by("pk").values_list("pk", "status")),
        list(ProblemReport.objects.order_by("pk").values_list("pk", "status", "resolution_note")),
        OpeningTime.objects.count(),
        Service.history.count(),
    )


def _outcome(response) -> object:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    if response.status_code in {403, 404, 405} or response.status_code >= 500:
        return response.status_code
    return "ok"


@pytest.fixture
def people(
    provider_a,
    provider_b,
    link_worker_service,
    gp_practice,
    staff_a,
    manager_a,
    manager_b,
    link_worker,
    gp,
    editor,
    admin_user,
    public_user,
):
    own = {
        "staff_a": provider_a,
        "manager_a": provider_a,
        "manager_b": provider_b,
        "link_worker": link_worker_service,
        "gp": gp_practice,
    }
    users = {
        "public": public_user,
        "link_worker": link_worker,
        "gp": gp,
        "staff_a": staff_a,
        "manager_a": manager_a,
        "manager_b": manager_b,
        "editor": editor,
        "admin": admin_user,
    }
    return own, users


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access_matrix(url_name, people, provider_a, provider_b, link_worker_service, gp_practice):
    own, users = people
    claimant = UserFactory(email="claimant@example.org")
    objects = {
        org.pk: _objects_of(org, claimant)
        for org in (provider_a, provider_b, link_worker_service, gp_practice)
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = sign_in(Client(), user)
    kind, methods = MATRIX[url_name]

    wrong = []
    for method, table in methods.items():
        for role in ROLES:
            for relation, expected in table[role].items():
                if relation == "same":
                    organisation = own[role]
                else:
                    organisation = provider_b if own.get(role) == provider_a else provider_a
                url = reverse(url_name, kwargs=objects[organisation.pk][kind])
                with transaction.atomic():
                    before = _snapshot()
                    if method == "GET":
                        response = clients[role].get(url)
                    else:
                        response = clients[role].post(url, POST_DATA.get(url_name, {}))
                    got = _outcome(response)
                    if got != expected:
                        wrong.append(f"{method} {url} as {role} ({relation}): expected {expected}, got {got}")
                    elif got != "ok" and _snapshot() != before:
                        wrong.append(
                            f"{method} {url} as {role} ({relation}) was refused but changed the database"
                        )
                    transaction.set_rollback(True)
    assert wrong == [], "\n".join(wrong)

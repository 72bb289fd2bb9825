"""The access matrix of every private referral URL, for every kind of person.

A referral has two sides: the link worker's organisation sent it, Charity A received it. Each
role asks for the same referral, draft, person and service, by every method the URL accepts:

- "ok": the page or action works (not 403, 404, 405, a sign-in redirect, nor a server error; a
  409 "someone else changed it" is the action being allowed and the state not fitting);
- 403: the person may know the record exists but lacks the role (the provider trying to
  withdraw, the referrer trying to accept, a plain member asking for a subject access export);
- 404: a stranger, who learns nothing;
- "login": not signed in, sent to sign in.

A refused request must change nothing, and write no audit event: it saw nothing.
tests/test_access_matrix.py fails when a URL with an id is in neither table.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from referrals.models import AuditEvent, Message, Person, Referral, ReferralEvent, Signposting
from tests.factories import MembershipFactory, UserFactory, make_referral, sign_in

ROLES = [
    "anonymous",
    "public",
    "link_worker",
    "lw_manager",
    "gp",
    "staff_a",
    "manager_a",
    "manager_b",
    "editor",
    "admin",
]

# Who may see the referral: both sides and site administrators.
VIEW = {
    "anonymous": "login",
    "public": 404,
    "link_worker": "ok",
    "lw_manager": "ok",
    "gp": 404,
    "staff_a": "ok",
    "manager_a": "ok",
    "manager_b": 404,
    "editor": 404,
    "admin": "ok",
}
# The receiving organisation answers, contacts and completes.
PROVIDER = {**VIEW, "link_worker": 403, "lw_manager": 403, "admin": 403}
# The referrer's organisation withdraws it, and records that consent was withdrawn.
REFERRER = {**VIEW, "staff_a": 403, "manager_a": 403, "admin": 403}
# The messages thread: the two sides only.
MESSAGES = {**VIEW, "admin": 403}
# Entered in error: site administrators only.
ADMIN = {**VIEW, "link_worker": 403, "lw_manager": 403, "staff_a": 403, "manager_a": 403}
# A draft is the referrer's alone: the provider does not know it exists.
DRAFT = {**REFERRER, "staff_a": 404, "manager_a": 404}
# A person's record: the organisation holding it; the provider who received a referral for them
# knows they exist (403), everyone else is a stranger.
PERSON = {**VIEW, "staff_a": 403, "manager_a": 403, "admin": 404}
# Subject access export: managers of the organisation holding the record.
PERSON_MANAGER = {**PERSON, "link_worker": 403}
# The staff referral form: members of referrer organisations; anyone else may see the service.
REFER = {
    "anonymous": "login",
    "public": 403,
    "link_worker": "ok",
    "lw_manager": "ok",
    "gp": "ok",
    "staff_a": 403,
    "manager_a": 403,
    "manager_b": 403,
    "editor": 403,
    "admin": 403,
}

# (URL name, the object it takes, extra URL arguments, {method: table}, POST data)
CASES = [
    ("referrals:detail", "referral", {}, {"GET": VIEW}, {}),
    ("referrals:act", "referral", {"action": "accept"}, {"POST": PROVIDER}, {}),
    (
        "referrals:act",
        "referral",
        {"action": "withdraw"},
        {"POST": REFERRER},
        {"action-note": "No longer needed."},
    ),
    (
        "referrals:act",
        "referral",
        {"action": "enter_in_error"},
        {"POST": ADMIN},
        {"action-note": "Wrong person."},
    ),
    ("referrals:decline", "referral", {}, {"GET": PROVIDER, "POST": PROVIDER}, {"reason": "no_capacity"}),
    (
        "referrals:complete",
        "referral",
        {},
        {"GET": PROVIDER, "POST": PROVIDER},
        {"outcome_summary": "Went well."},
    ),
    (
        "referrals:contact_attempt",
        "referral",
        {},
        {"POST": PROVIDER},
        {"contact-outcome": "no_answer", "contact-note": "Rang."},
    ),
    ("referrals:message", "referral", {}, {"POST": MESSAGES}, {"message-body": "Any news?"}),
    # The role is checked before what was typed: the wrong side gets 403 for an empty form too.
    ("referrals:contact_attempt", "referral", {}, {"POST": PROVIDER}, {}),
    ("referrals:message", "referral", {}, {"POST": MESSAGES}, {}),
    ("referrals:decline", "referral", {}, {"POST": PROVIDER}, {}),
    ("referrals:complete", "referral", {}, {"POST": PROVIDER}, {}),
    ("referrals:withdraw_consent", "referral", {}, {"POST": REFERRER}, {}),
    ("referrals:refer_on", "referral", {}, {"GET": PROVIDER}, {}),
    (
        "referrals:withdraw_consent",
        "referral",
        {},
        {"POST": REFERRER},
        {"consent-confirm": "on", "consent-note": "Changed their mind."},
    ),
    ("refer:edit_draft", "draft", {}, {"GET": DRAFT}, {}),
    ("people:detail", "person", {}, {"GET": PERSON}, {}),
    ("people:edit", "person", {}, {"GET": PERSON}, {}),
    ("people:export", "person", {}, {"GET": PERSON_MANAGER}, {}),
    ("refer:staff", "service", {}, {"GET": REFER}, {}),
]

# Covered here, for tests/test_access_matrix.py's check that every URL with an id is covered.
COVERED = {name for name, *_ in CASES}


def _snapshot():
    return (
        list(
            Referral.objects.order_by("pk").values_list(
                "pk", "status", "consent_withdrawn_at", "decline_reason"
            )
        ),
        list(Person.objects.order_by("pk").values_list("pk", "name", "postcode")),
        ReferralEvent.objects.count(),
        Message.objects.count(),
        Signposting.objects.count(),
        AuditEvent.objects.count(),
    )


def _outcome(response) -> object:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    if response.status_code in {403, 404, 405} or response.status_code >= 500:
        return response.status_code
    return "ok"


@pytest.fixture
def clients(
    link_worker, link_worker_service, gp, staff_a, manager_a, manager_b, editor, admin_user, public_user
):
    lw_manager = UserFactory(email="lw.manager@nhs.example.org")
    MembershipFactory(user=lw_manager, organisation=link_worker_service, role="manager")
    users = {
        "public": public_user,
        "link_worker": link_worker,
        "lw_manager": lw_manager,
        "gp": gp,
        "staff_a": staff_a,
        "manager_a": manager_a,
        "manager_b": manager_b,
        "editor": editor,
        "admin": admin_user,
    }
    made = {"anonymous": Client()}
    for role, user in users.items():
        made[role] = sign_in(Client(), user)
    return made


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "kind", "extra", "methods", "data"),
    CASES,
    ids=[
        f"{name}{'-' + extra['action'] if extra else ''}{'' if data or 'POST' not in methods else '-empty'}"
        for name, _, extra, methods, data in CASES
    ],
)
def test_referral_access_matrix(
    url_name,
    kind,
    extra,
    methods,
    data,
    clients,
    sent_referral,
    befriending_a,
    link_worker,
    link_worker_service,
):
    draft = make_referral(
        service=befriending_a,
        referrer=link_worker,
        referrer_organisation=link_worker_service,
        person=sent_referral.person,
        send=False,
    )
    objects = {
        "referral": {"referral_uuid": sent_referral.uuid},
        "draft": {"referral_uuid": draft.uuid},
        "person": {"person_uuid": sent_referral.person.uuid},
        "service": {"slug": befriending_a.slug},
    }
    url = reverse(url_name, kwargs={**objects[kind], **extra})
    wrong = []
    for method, table in methods.items():
        for role in ROLES:
            expected = table[role]
            with transaction.atomic():
                before = _snapshot()
                response = clients[role].get(url) if method == "GET" else clients[role].post(url, data)
                got = _outcome(response)
                if got != expected:
                    wrong.append(f"{method} {url} as {role}: expected {expected}, got {got}")
                elif got != "ok" and _snapshot() != before:
                    wrong.append(f"{method} {url} as {role} was refused but changed the database")
                transaction.set_rollback(True)
    assert wrong == [], "\n".join(wrong)

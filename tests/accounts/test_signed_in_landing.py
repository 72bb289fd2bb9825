"""Where a sign-in without a `next` lands: the right next step for each kind of person."""

import pytest

from accounts.models import OrganisationClaim
from tests.factories import OrganisationFactory, sign_in

pytestmark = pytest.mark.django_db

LANDING = "/accounts/signed-in/"


def test_a_member_lands_in_their_organisation(client, staff_a):
    assert sign_in(client, staff_a).get(LANDING)["Location"] == "/my-organisation/"


def test_an_editor_lands_on_the_review_queue(client, editor):
    assert sign_in(client, editor).get(LANDING)["Location"] == "/review/"


def test_someone_just_signed_up_goes_on_to_find_or_add_their_organisation(client, public_user):
    # Signing up from "List your service" means confirming the email address and signing in, in
    # between which the page they came from is forgotten: the sign-in takes them on to that step.
    assert sign_in(client, public_user).get(LANDING)["Location"] == "/list-your-service/organisation/"


def test_someone_waiting_for_a_claim_sees_their_requests(client, public_user):
    OrganisationClaim.objects.create(
        organisation=OrganisationFactory(), user=public_user, role_at_organisation="Treasurer"
    )
    assert sign_in(client, public_user).get(LANDING)["Location"] == "/list-your-service/requests/"

"""Drafts: saved from the referral form, opened again by the referrer's organisation to finish and send."""

import pytest
from django.core import mail
from django.urls import reverse

from referrals.choices import CONSENT_WORDING_VERSION, AuditAction, Status
from referrals.models import AuditEvent, Referral
from tests.factories import MembershipFactory, make_referral, sign_in
from tests.referrals.test_refer_form import good_post

pytestmark = pytest.mark.django_db


def edit_url(referral):
    return reverse("refer:edit_draft", args=[referral.uuid])


@pytest.fixture
def draft(client, gp, befriending_a, provider_a):
    """A draft the GP saved with the person's consent, before writing the reason."""
    sign_in(client, gp)
    response = client.post(
        reverse("refer:staff", args=[befriending_a.slug]),
        good_post(provider_a, reason="", action="draft"),
    )
    assert response.status_code == 302
    return Referral.objects.get()


def test_a_draft_needs_no_reason_and_tells_nobody(client, draft, gp):
    assert draft.status == Status.DRAFT and draft.reason == ""
    assert draft.consent_given and draft.consent_recorded_by == gp
    assert draft.consent_wording_version == CONSENT_WORDING_VERSION
    assert mail.outbox == []


def test_a_draft_is_saved_only_with_the_persons_consent(client, gp, befriending_a):
    sign_in(client, gp)

    response = client.post(reverse("refer:staff", args=[befriending_a.slug]), good_post(action="draft"))

    assert response.status_code == 422
    assert "Say whether the person agreed" in response.content.decode()
    assert not Referral.objects.exists()


def test_saving_a_draft_goes_to_my_referrals(client, gp, befriending_a, provider_a):
    sign_in(client, gp)

    response = client.post(
        reverse("refer:staff", args=[befriending_a.slug]), good_post(provider_a, action="draft")
    )

    assert response["Location"] == reverse("referrals:list")
    referral = Referral.objects.get()
    # Consent already asked is recorded with the draft.
    assert referral.status == Status.DRAFT and referral.consent_given
    assert referral.consent_wording_version == CONSENT_WORDING_VERSION


def test_the_referrers_organisation_opens_the_draft_with_what_was_saved(client, draft, gp_practice):
    colleague = MembershipFactory(organisation=gp_practice).user
    sign_in(client, colleague)

    response = client.get(edit_url(draft))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Finish the draft referral to Dundee Befriending" in page
    assert "To get out of the house once a week." in page
    assert "not for crises" in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        user=colleague, action=AuditAction.VIEW, referral_uuid=draft.uuid
    ).exists()


@pytest.mark.parametrize(("who", "status"), [("manager_a", 404), ("link_worker", 404), ("public_user", 404)])
def test_nobody_outside_the_referrers_organisation_opens_a_draft(client, draft, who, status, request):
    # The provider never sees a draft: it has not been sent to them.
    sign_in(client, request.getfixturevalue(who))

    assert client.get(edit_url(draft)).status_code == status
    assert client.post(edit_url(draft), good_post()).status_code == status


def test_the_provider_of_a_sent_referral_may_not_edit_it(client, sent_referral, manager_a):
    sign_in(client, manager_a)

    assert client.get(edit_url(sent_referral)).status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client, draft):
    client.logout()

    response = client.get(edit_url(draft))

    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_referral_already_sent_is_not_edited_and_says_why(client, sent_referral, link_worker):
    sign_in(client, link_worker)

    response = client.post(edit_url(sent_referral), good_post(sent_referral.provider_organisation))

    assert response.status_code == 409
    assert "This referral is no longer a draft" in response.content.decode()
    sent_referral.refresh_from_db()
    assert sent_referral.reason == "Lonely since his wife died; would like company."


def test_finishing_a_draft_records_consent_and_sends_it(client, draft, gp, provider_a):
    response = client.post(
        edit_url(draft), good_post(provider_a, reason="Now with a reason.", consent_method="written")
    )

    draft.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[draft.uuid])
    assert draft.status == Status.SENT and draft.reason == "Now with a reason."
    assert draft.consent_given and draft.consent_method == "written" and draft.consent_recorded_by == gp
    assert draft.consent_wording_version == CONSENT_WORDING_VERSION
    assert AuditEvent.objects.filter(action=AuditAction.CHANGE, referral_uuid=draft.uuid).exists()
    assert [message.to for message in mail.outbox] == [["office@charity-a.example.org"]]


def test_a_draft_saved_again_stays_a_draft(client, draft, provider_a):
    response = client.post(edit_url(draft), good_post(provider_a, reason="Half done.", action="draft"))

    draft.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("referrals:list")
    assert draft.status == Status.DRAFT and draft.reason == "Half done."
    assert mail.outbox == []


def test_sending_a_draft_without_a_reason_is_refused_and_keeps_what_was_typed(client, draft, provider_a):
    response = client.post(edit_url(draft), good_post(provider_a, reason="", hopes="Typed before the error."))

    assert response.status_code == 422
    assert "Say why you are referring them." in response.content.decode()
    assert "Typed before the error." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_refused_consent_on_a_draft_shows_the_stop_page_and_sends_nothing(client, draft, provider_a):
    response = client.post(edit_url(draft), good_post(**{f"consent_{provider_a.pk}": "no"}))

    assert "cannot be sent without consent" in response.content.decode()
    assert "the draft has not been sent" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and mail.outbox == []


def test_a_draft_to_a_service_that_stopped_taking_referrals_cannot_be_sent(
    client, draft, befriending_a, provider_a
):
    befriending_a.accepts_supportmap_referrals = False
    befriending_a.save()

    response = client.post(edit_url(draft), good_post(provider_a))

    assert response.status_code == 409
    assert "no longer takes referrals through SupportMap" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_reopening_a_draft_with_consent_keeps_when_it_was_first_recorded(
    client, gp, befriending_a, provider_a
):
    sign_in(client, gp)
    client.post(reverse("refer:staff", args=[befriending_a.slug]), good_post(provider_a, action="draft"))
    referral = Referral.objects.get()
    first_recorded = referral.consent_recorded_at

    page = client.get(edit_url(referral)).content.decode()
    client.post(edit_url(referral), good_post(provider_a))

    referral.refresh_from_db()
    assert 'value="yes"' in page and "checked" in page
    assert referral.status == Status.SENT
    assert referral.consent_recorded_at == first_recorded


def test_a_changed_way_of_consenting_is_recorded_again(client, draft, gp, provider_a):
    first_recorded = draft.consent_recorded_at

    client.post(edit_url(draft), good_post(provider_a, consent_method="written", action="draft"))

    draft.refresh_from_db()
    assert draft.consent_method == "written" and draft.consent_recorded_at > first_recorded


def test_a_draft_made_by_the_factory_opens_too(client, befriending_a, link_worker, link_worker_service):
    referral = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    sign_in(client, link_worker)

    assert client.get(edit_url(referral)).status_code == 200


def test_the_draft_service_refuses_the_provider_a_sent_referral_and_fields_it_does_not_keep(
    draft, staff_a, gp, sent_referral, link_worker
):
    from django.core.exceptions import PermissionDenied

    from referrals.services import TransitionNotAllowed, referral_update_draft

    consent = {"consent_method": "verbal", "consent_wording_version": CONSENT_WORDING_VERSION}
    with pytest.raises(PermissionDenied):
        referral_update_draft(referral=draft, user=staff_a, fields={"reason": "Mine now"}, **consent)
    with pytest.raises(TransitionNotAllowed):
        referral_update_draft(
            referral=sent_referral, user=link_worker, fields={"reason": "Changed"}, **consent
        )
    with pytest.raises(ValueError):
        referral_update_draft(referral=draft, user=gp, fields={"status": "sent"}, **consent)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.reason != "Mine now"


def test_saving_a_draft_again_restarts_the_abandoned_draft_clock(draft, gp, settings):
    import datetime

    import time_machine

    from referrals.retention import anonymise_people
    from referrals.services import referral_update_draft

    settings.REFERRAL_DRAFT_RETENTION_DAYS = 30
    start = draft.last_activity_at
    with time_machine.travel(start + datetime.timedelta(days=25), tick=False):
        referral_update_draft(
            referral=draft,
            user=gp,
            fields={"reason": "Still working on it with him."},
            consent_method="verbal",
            consent_wording_version=CONSENT_WORDING_VERSION,
        )
    with time_machine.travel(start + datetime.timedelta(days=40), tick=False):
        anonymise_people()

    draft.refresh_from_db()
    assert draft.reason == "Still working on it with him."

"""The summary for the GP record (issue 9, point 9): SNOMED CT codes, no more than the GP holds."""

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from referrals import services
from referrals.gp_summary import gp_record_summary
from tests.factories import make_referral, sign_in

pytestmark = pytest.mark.django_db


def test_a_sent_referral_is_summarised_with_the_referral_code(sent_referral):
    summary = gp_record_summary(sent_referral)
    lines = summary.splitlines()
    assert lines[0] == "Referral to social prescribing service (SNOMED CT 871731000000106)"
    assert f"Date: {localtime(sent_referral.sent_at):%-d %B %Y}" in lines
    assert "Service: Dundee Befriending" in lines
    assert "Organisation: Charity A" in lines
    assert f"Reference: {sent_referral.reference} (SupportMap)" in lines
    assert "Status: Sent, waiting for an answer" in lines
    assert "871711000000103" not in summary


def test_the_summary_holds_no_more_than_the_gp_already_knows(befriending_a, link_worker, link_worker_service):
    referral = make_referral(
        service=befriending_a,
        referrer=link_worker,
        referrer_organisation=link_worker_service,
        risk_notes="Lives alone; has had thoughts of self-harm.",
        reason="Bereaved in March.",
    )
    summary = gp_record_summary(referral)
    for private in ["self-harm", "Bereaved", referral.person.name, "Bob", "DD3", "01382", "football"]:
        assert private not in summary


def test_the_person_declining_adds_the_declined_code(sent_referral, staff_a):
    services.referral_accept(referral=sent_referral, user=staff_a)
    services.referral_mark_contacted(referral=sent_referral, user=staff_a)
    services.referral_person_declined(referral=sent_referral, user=staff_a)
    summary = gp_record_summary(sent_referral)
    assert summary.startswith("Referral to social prescribing service (SNOMED CT 871731000000106)")
    assert "Social prescribing declined (SNOMED CT 871711000000103)" in summary
    assert f"Date: {localtime(sent_referral.closed_at):%-d %B %Y}" in summary.split("declined")[-1]


def test_nothing_to_record_for_a_draft_or_a_referral_entered_in_error(
    befriending_a, link_worker, link_worker_service, sent_referral, admin_user
):
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    assert gp_record_summary(draft) == ""
    services.referral_enter_in_error(referral=sent_referral, user=admin_user)
    assert gp_record_summary(sent_referral) == ""


def test_the_referrer_gets_it_in_a_readonly_box_with_a_copy_button(client, sent_referral, link_worker):
    sign_in(client, link_worker)
    html = client.get(reverse("referrals:detail", args=[sent_referral.uuid])).content.decode()
    assert "For the GP record" in html
    assert 'id="gp-summary-text"' in html
    assert "readonly>Referral to social prescribing service (SNOMED CT 871731000000106)" in html
    # Without JavaScript the button stays hidden and the text is there to select.
    assert 'data-copy-target="#gp-summary-text" hidden' in html
    assert "js/copy.js" in html


def test_the_provider_does_not_get_it(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    html = client.get(reverse("referrals:detail", args=[sent_referral.uuid])).content.decode()
    assert "For the GP record" not in html

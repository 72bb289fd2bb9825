"""The messages thread on a referral: both organisations, nobody else."""

import pytest
from django.urls import reverse

from referrals import services
from referrals.choices import AuditAction
from referrals.models import AuditEvent, Message
from tests.factories import make_referral, sign_in

pytestmark = pytest.mark.django_db


def _post(client, referral, body):
    return client.post(reverse("referrals:message", args=[referral.uuid]), {"message-body": body})


def _page(client, referral):
    return client.get(reverse("referrals:detail", args=[referral.uuid])).content.decode()


def test_both_sides_write_and_read_the_thread(client, sent_referral, staff_a, link_worker):
    sign_in(client, staff_a)
    response = _post(client, sent_referral, "Could you tell us which days suit him?")
    assert response.status_code == 302
    assert response["Location"].endswith("#messages")
    sign_in(client, link_worker)
    assert "Could you tell us which days suit him?" in _page(client, sent_referral)
    assert _post(client, sent_referral, "Tuesdays and Thursdays.").status_code == 302
    sign_in(client, staff_a)
    html = _page(client, sent_referral)
    assert "Tuesdays and Thursdays." in html
    assert "Lee Linkworker, Tayside Link Workers" in html
    message = Message.objects.get(body="Tuesdays and Thursdays.")
    assert message.author == link_worker
    assert message.author_organisation == sent_referral.referrer_organisation
    assert AuditEvent.objects.filter(user=link_worker, action=AuditAction.CHANGE).count() == 1


def test_the_referrer_is_emailed_a_link_not_the_message(client, sent_referral, staff_a, mailoutbox):
    sign_in(client, staff_a)
    _post(client, sent_referral, "He has a hospital appointment on Monday.")
    assert mailoutbox
    assert all("hospital" not in email.body for email in mailoutbox)


@pytest.mark.parametrize("who", ["manager_b", "editor", "gp"])
def test_nobody_else_reads_or_writes(client, sent_referral, staff_a, who, request):
    services.message_post(referral=sent_referral, user=staff_a, body="Private between us.")
    sign_in(client, request.getfixturevalue(who))
    assert client.get(reverse("referrals:detail", args=[sent_referral.uuid])).status_code == 404
    assert _post(client, sent_referral, "Let me in").status_code == 404
    assert Message.objects.count() == 1


def test_a_site_administrator_does_not_read_or_write_the_thread(client, sent_referral, staff_a, admin_user):
    services.message_post(referral=sent_referral, user=staff_a, body="Private between us.")
    sign_in(client, admin_user)
    html = _page(client, sent_referral)
    assert "Private between us." not in html
    assert "Messages are shown only to the two organisations." in html
    assert _post(client, sent_referral, "Admin here").status_code == 403


def test_an_empty_message_is_refused(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    response = _post(client, sent_referral, "   ")
    assert response.status_code == 422
    assert "Write a message." in response.content.decode()
    assert Message.objects.count() == 0


def test_a_message_too_long_is_refused_and_kept(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    body = "Long story. " * 400
    response = _post(client, sent_referral, body)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Keep it to 4,000 characters or fewer" in html
    assert body.strip() in html
    assert Message.objects.count() == 0


def test_messages_are_plain_text(client, sent_referral, staff_a):
    sign_in(client, staff_a)
    _post(client, sent_referral, '<a href="https://evil.example.org">click</a>\nsecond line')
    html = _page(client, sent_referral)
    assert '<a href="https://evil.example.org">' not in html
    assert "&lt;a href=&quot;https://evil.example.org&quot;&gt;click&lt;/a&gt;<br>second line" in html


def test_a_draft_has_no_thread_yet(client, befriending_a, link_worker, link_worker_service):
    draft = make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service, send=False
    )
    sign_in(client, link_worker)
    assert reverse("referrals:message", args=[draft.uuid]) not in _page(client, draft)
    assert _post(client, draft, "Hello").status_code == 403

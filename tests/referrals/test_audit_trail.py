"""The personal-data audit trail is append-only: not through the app, not in the admin, and on
PostgreSQL not even with raw SQL. And it holds no health details."""

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.urls import reverse

from referrals.audit import audit
from referrals.choices import AuditAction
from referrals.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(sent_referral, link_worker):
    return audit(link_worker, AuditAction.VIEW, referral=sent_referral)


def test_an_event_names_who_for_which_organisation_what_and_when(event, sent_referral, link_worker):
    assert event.user == link_worker
    assert event.organisation == sent_referral.referrer_organisation
    assert event.person_uuid == sent_referral.person.uuid
    assert event.referral_uuid == sent_referral.uuid
    assert event.created is not None


def test_an_event_cannot_be_saved_again(event):
    event.action = AuditAction.CHANGE

    with pytest.raises(PermissionError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_queryset_refuses_to_update_or_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.CHANGE)
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_an_event_holds_no_free_text():
    """Only choices, ids and a time: there is nowhere to put a health detail."""
    for field in AuditEvent._meta.concrete_fields:
        assert not isinstance(field, models.TextField), field.name
        if isinstance(field, models.CharField):
            assert field.choices, f"{field.name} is free text"
    assert {field.name for field in AuditEvent._meta.concrete_fields} == {
        "id",
        "user",
        "organisation",
        "action",
        "person_uuid",
        "referral_uuid",
        "created",
    }


def test_the_admin_shows_events_read_only(event, admin_client):
    listing = admin_client.get(reverse("admin:referrals_auditevent_changelist"))
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    assert str(event.person_uuid) in listing.content.decode()

    page = admin_client.get(reverse("admin:referrals_auditevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        admin_client.post(
            reverse("admin:referrals_auditevent_change", args=[event.pk]), {"action": "change"}
        ).status_code
        == 403
    )

    assert admin_client.get(reverse("admin:referrals_auditevent_add")).status_code == 403
    assert admin_client.get(reverse("admin:referrals_auditevent_delete", args=[event.pk])).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:referrals_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_the_admin_finds_a_persons_events_and_survives_a_bad_search(event, admin_client):
    changelist = reverse("admin:referrals_auditevent_changelist")

    found = admin_client.get(changelist, {"q": str(event.person_uuid)})
    assert found.status_code == 200 and "1 audit event" in found.content.decode()
    assert admin_client.get(changelist, {"q": "not a uuid"}).status_code == 200


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The trigger that refuses UPDATE and DELETE exists on PostgreSQL only (set DATABASE_URL).",
)


@postgresql_only
def test_on_postgresql_raw_sql_cannot_change_an_event(event):
    with (
        pytest.raises(DatabaseError, match="audit events cannot be changed or deleted"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE referrals_auditevent SET action = 'change' WHERE id = %s", [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


@postgresql_only
def test_on_postgresql_raw_sql_cannot_delete_an_event(event):
    with (
        pytest.raises(DatabaseError, match="audit events cannot be changed or deleted"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM referrals_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()

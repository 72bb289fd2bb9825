"""Emails, sent through the task queue (django-tasks): a page never waits for the mail server.

    notify(to=["a@example.org"], template="emails/listing_approved.txt", context={...})

The template's first line is the subject; the rest is the body. Links in emails are absolute,
built on SITE_URL, because an email has no request to take the site's address from.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(*, to: list[str], subject: str, body: str, reply_to: list[str] | None = None) -> int:
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    return message.send()


def editor_emails() -> list[str]:
    """Directory editors and administrators (as User.is_editor): who reviews listings, reports, claims."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from supportmap.models import SiteRole

    editors = get_user_model().objects.filter(
        Q(site_role__in=[SiteRole.EDITOR, SiteRole.ADMINISTRATOR]) | Q(is_superuser=True), is_active=True
    )
    return list(editors.values_list("email", flat=True))


def organisation_emails(organisation) -> list[str]:
    """An organisation's own address and its active members' addresses."""
    members = organisation.memberships.filter(user__is_active=True).values_list("user__email", flat=True)
    return [organisation.email, *members]


def site_url(path: str) -> str:
    """An absolute link to a path on this site, for an email."""
    return f"{settings.SITE_URL}{path}"


def render_email(template: str, context: dict) -> tuple[str, str]:
    text = render_to_string(
        template, {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}, using="email"
    )
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def notify(*, to: list[str] | str, template: str, context: dict, reply_to: list[str] | None = None) -> None:
    """Queue one email to these addresses (blank ones are dropped; nobody left means no email)."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    subject, body = render_email(template, context)
    send_email.enqueue(to=recipients, subject=subject, body=body, reply_to=reply_to)
    logger.info("email queued", extra={"template": template, "recipients": len(recipients)})

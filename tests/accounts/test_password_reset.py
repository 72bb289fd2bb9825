"""Forgotten password (end to end, the email through the task queue) and changing a password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

OLD = "correct horse battery"
NEW = "a brand new passphrase with spaces"


def test_forgotten_password_end_to_end(client, public_user, django_capture_on_commit_callbacks):
    response = client.post("/accounts/password_reset/", {"email": "SOMEONE@example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    [message] = mail.outbox
    assert message.to == ["someone@example.com"]
    assert message.subject == "Choose a new password for SupportMap"
    link = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/\S+)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    mismatch = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW + "x"})
    assert mismatch.status_code == 400
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == "/accounts/reset/done/"
    public_user.refresh_from_db()
    assert public_user.check_password(NEW)

    # The link works once.
    assert "This link does not work" in client.get(link, follow=True).content.decode()
    signed_in = client.post("/accounts/login/", {"username": "someone@example.com", "password": NEW})
    assert signed_in.status_code == 302


def test_the_reset_email_goes_through_the_task_queue(client, public_user, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post("/accounts/password_reset/", {"email": "someone@example.com"})
    assert mail.outbox == [], "queued for the worker, not sent by the page"
    task = DBTaskResult.objects.get()
    assert task.task_path == "supportmap.notify.send_email"
    assert task.args_kwargs["kwargs"]["to"] == ["someone@example.com"]


def test_an_unknown_address_gets_the_same_page_and_no_email(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_bad_address_is_explained_and_kept(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody at example"})
    assert response.status_code == 400
    assert 'value="nobody at example"' in response.content.decode()


def test_changing_the_password_needs_the_old_one(client, public_user):
    sign_in(client, public_user, verified=False)
    wrong = client.post(
        "/accounts/password_change/",
        {"old_password": "not it at all", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 400 and "Your old password was entered incorrectly" in wrong.content.decode()
    right = client.post(
        "/accounts/password_change/", {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}
    )
    assert right["Location"] == "/accounts/password_change/done/"
    assert get_user_model().objects.get(pk=public_user.pk).check_password(NEW)
    assert client.get("/accounts/password_change/done/").status_code == 200, "still signed in"


def test_the_sign_in_page_links_to_password_reset_and_sign_up(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/"' in html and 'href="/accounts/signup/"' in html

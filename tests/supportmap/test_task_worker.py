"""The task queue for real: an email queued in the database is sent by `manage.py db_worker`.

Everywhere else the tests run tasks at once (tests/conftest.py); this one uses the database
backend and the worker process that production runs, so it needs PostgreSQL, which the worker
process shares with the test.
"""

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from supportmap.notify import notify
from tests.supportmap.processes import database_url, manage

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker is another process, which needs a database it can share (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_a_queued_email_waits_in_the_database_until_the_worker_sends_it(settings, tmp_path, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    notify(
        to="carer@example.org",
        template="emails/test_worker.txt",
        context={"service_name": "Carers' Cuppa"},
    )

    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert mailoutbox == []  # nothing is sent by the web process itself

    result = manage(
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        DEBUG="1",
        DATABASE_URL=database_url(),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL", queued.traceback
    sent = [path.read_text() for path in tmp_path.iterdir()]
    assert len(sent) == 1
    assert "To: carer@example.org" in sent[0]
    assert "Subject: Carers' Cuppa: a test of the task worker" in sent[0]

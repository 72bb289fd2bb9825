"""supportmap.notify: emails rendered from a template, queued, and sent by the task (run at once here)."""

from supportmap.notify import notify


def test_an_email_takes_its_subject_from_the_first_line_and_is_not_html_escaped(mailoutbox, settings):
    settings.SITE_URL = "https://supportmap.example.org"
    notify(
        to=["a@example.org", "a@example.org", ""],
        template="emails/test_worker.txt",
        context={"service_name": "Carers' Cuppa & Chat"},
    )

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["a@example.org"]
    assert email.subject == "Carers' Cuppa & Chat: a test of the task worker"
    assert email.body == "This email was queued in the database and sent by the worker.\n"


def test_no_email_is_sent_when_nobody_has_an_address(mailoutbox):
    notify(to=["", ""], template="emails/test_worker.txt", context={"service_name": "Anything"})

    assert mailoutbox == []

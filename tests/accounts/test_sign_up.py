"""Sign-up, confirming an email address (good, expired and tampered links) and asking again."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

SIGNUP = "/accounts/signup/"
PASSPHRASE = "tea and biscuits at the hall on tuesday"


def sign_up(client, email="new.person@example.org", password=PASSPHRASE, password2=None, name="Nina New"):
    return client.post(
        SIGNUP,
        {"email": email, "full_name": name, "password1": password, "password2": password2 or password},
    )


def link_in(message) -> str:
    return re.search(r"http://\S+", message.body).group(0)


def test_signing_up_makes_an_unconfirmed_account_and_emails_a_link(client):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/check-your-email/"
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.full_name == "Nina New" and user.email_verified_at is None
    assert user.check_password(PASSPHRASE)
    [message] = mail.outbox
    assert message.to == ["new.person@example.org"]
    assert message.subject == "Confirm your email address for SupportMap"
    assert "/accounts/verify/" in link_in(message)
    page = client.get(response["Location"]).content.decode()
    assert "new.person@example.org" in page


@pytest.mark.parametrize(
    "password",
    [
        "x7" * 100,  # 200 characters
        "correct horse battery staple on a long walk by the tay " * 4,  # spaces kept, 220 characters
        "  starts and ends with spaces  ",
    ],
)
def test_long_passwords_and_passphrases_with_spaces_are_accepted_and_work(client, password):
    assert sign_up(client, password=password).status_code == 302
    response = client.post("/accounts/login/", {"username": "new.person@example.org", "password": password})
    assert response.status_code == 302, "the exact password, spaces and all, signs in"
    if password != password.strip():
        assert not get_user_model().objects.get().check_password(password.strip())


@pytest.mark.parametrize(
    ("password", "password2", "message"),
    [
        ("short one", None, "at least 12 characters"),
        ("123456789012345", None, "entirely numeric"),
        ("password1234", None, "too common"),
        (PASSPHRASE, PASSPHRASE + "!", "The two passwords are different"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused_next_to_the_field_keeping_what_was_typed(
    client, password, password2, message
):
    response = sign_up(client, password=password, password2=password2)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "There is a problem" in html
    assert 'value="new.person@example.org"' in html and 'value="Nina New"' in html
    assert not get_user_model().objects.exists()


def test_a_password_like_the_email_address_is_refused(client):
    response = sign_up(client, email="margaret.thatcher@example.org", password="margaret.thatcher")
    assert response.status_code == 400
    assert "too similar" in response.content.decode()


def test_signing_up_again_with_a_used_address_says_nothing_new_and_emails_the_owner(client):
    get_user_model().objects.create_user(email="Taken@example.org", password=PASSPHRASE)
    response = sign_up(client, email="taken@EXAMPLE.org", password="another long passphrase here")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/check-your-email/"
    assert get_user_model().objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["Taken@example.org"]
    assert "already have an account" in message.subject
    assert "/accounts/password_reset/" in message.body
    assert get_user_model().objects.get().check_password(PASSPHRASE), "the password is unchanged"


def test_the_link_confirms_the_address(client):
    sign_up(client)
    response = client.get(link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert "Thank you: your email address is confirmed" in response.content.decode()
    assert get_user_model().objects.get().email_verified_at is not None
    again = client.get(link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000"))
    assert "already confirmed" in again.content.decode()


def test_an_expired_link_is_refused_and_offers_a_new_one(client, settings):
    settings.EMAIL_VERIFICATION_DAYS = 3
    sign_up(client)
    path = link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        response = client.get(path)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert get_user_model().objects.get().email_verified_at is None
    with time_machine.travel(timezone.now() + timedelta(days=2, hours=23)):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("tamper", ["drop_last", "other_user", "garbage"])
def test_a_tampered_link_is_refused(client, tamper):
    from accounts.sign_up import verification_token

    sign_up(client)
    user = get_user_model().objects.get()
    other = get_user_model().objects.create_user(email="other@example.org", password=PASSPHRASE)
    token = verification_token(user)
    bad = {
        "drop_last": token[:-1],
        "other_user": token.replace(token.split(":")[0], verification_token(other).split(":")[0]),
        "garbage": "not-a-token",
    }[tamper]
    response = client.get(f"/accounts/verify/{bad}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not get_user_model().objects.filter(email_verified_at__isnull=False).exists()


def test_a_link_stops_working_when_the_address_changes(client):
    sign_up(client)
    user = get_user_model().objects.get()
    path = link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    user.email = "changed@example.org"
    user.save()
    assert client.get(path).status_code == 400


def test_asking_for_a_new_link_sends_one_only_to_an_unconfirmed_account(client):
    sign_up(client)
    mail.outbox.clear()
    response = client.post("/accounts/verify/resend/", {"email": "NEW.person@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/verify/" in mail.outbox[0].body
    client.post("/accounts/verify/resend/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1, "no email for an address without an account, and the page is the same"
    bad = client.post("/accounts/verify/resend/", {"email": "not an address"})
    assert bad.status_code == 400 and 'value="not an address"' in bad.content.decode()


def test_signed_in_people_are_sent_from_sign_up_to_their_account(client, public_user):
    from tests.factories import sign_in

    sign_in(client, public_user, verified=False)
    assert client.get(SIGNUP)["Location"] == "/accounts/"

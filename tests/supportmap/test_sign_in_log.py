"""The sign-in log: successes, failures, lockouts, sign-outs and wrong second-factor codes."""

import pytest

from supportmap.models import SignInEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

PASSWORD = "correct horse battery"
HOME = "192.0.2.10"


def kinds():
    return list(SignInEvent.objects.order_by("pk").values_list("kind", "email", "ip_address"))


def test_a_sign_in_and_a_sign_out_are_recorded_with_the_account_and_address(client, public_user):
    client.post(
        "/accounts/login/", {"username": " SOMEONE@example.com ", "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    client.post("/accounts/logout/", REMOTE_ADDR=HOME)
    assert kinds() == [
        ("signed_in", "someone@example.com", HOME),
        ("signed_out", "someone@example.com", HOME),
    ]
    assert {event.user for event in SignInEvent.objects.all()} == {public_user}


def test_a_failure_is_recorded_as_typed_trimmed_and_in_lower_case(client, public_user):
    client.post(
        "/accounts/login/", {"username": " Someone@Example.com", "password": "wrong"}, REMOTE_ADDR=HOME
    )
    client.post("/accounts/login/", {"username": "nobody@example.org", "password": "wrong"}, REMOTE_ADDR=HOME)
    assert kinds() == [("failed", "someone@example.com", HOME), ("failed", "nobody@example.org", HOME)]
    first, second = SignInEvent.objects.order_by("pk")
    assert first.user == public_user and second.user is None


def test_the_admin_sign_in_page_is_recorded_too(client, admin_user):
    client.post("/admin/login/", {"username": "admin@example.org", "password": "wrong"}, REMOTE_ADDR=HOME)
    assert kinds() == [("failed", "admin@example.org", HOME)]


def test_a_lockout_is_recorded_and_still_answers_429(client, public_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for attempt in range(3):
        response = client.post(
            "/accounts/login/",
            {"username": public_user.email, "password": f"wrong {attempt}"},
            REMOTE_ADDR=HOME,
        )
    assert response.status_code == 429
    assert "Retry-After" in response
    right = client.post(
        "/accounts/login/", {"username": public_user.email, "password": PASSWORD}, REMOTE_ADDR=HOME
    )
    assert right.status_code == 429, "the right password does not get through a lockout"
    recorded = [kind for kind, _, _ in kinds()]
    assert recorded.count("failed") >= 3
    assert recorded.count("locked_out") == 2
    assert "signed_in" not in recorded


def test_the_account_page_shows_a_persons_own_recent_sign_ins(client, public_user, staff_a):
    client.post(
        "/accounts/login/", {"username": staff_a.email, "password": "wrong"}, REMOTE_ADDR="192.0.2.99"
    )
    client.post("/accounts/login/", {"username": public_user.email, "password": "wrong"}, REMOTE_ADDR=HOME)
    client.post("/accounts/login/", {"username": public_user.email, "password": PASSWORD}, REMOTE_ADDR=HOME)
    html = client.get("/accounts/", REMOTE_ADDR=HOME).content.decode()
    assert "Recent sign-ins" in html
    assert "Wrong email or password" in html and "Signed in" in html
    assert "192.0.2.99" not in html, "only this person's own"

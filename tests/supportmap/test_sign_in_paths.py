"""The sign-in rate limit (per address and site-wide) covers every page that checks a password or a
second-factor code or sends an account email, answering 429 before any of them runs."""

import pytest
from django.core import mail
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from supportmap.models import SignInEvent
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

HOME = "192.0.2.10"


@pytest.fixture(autouse=True)
def _fresh_counts(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sign-in-paths"}
    }
    cache.clear()
    settings.LOGIN_SITE_RATE_LIMIT = "1000/m"


def test_second_factor_codes_are_rate_limited_per_address(client, editor, settings):
    settings.LOGIN_RATE_LIMIT = "3/m"
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    sign_in(client, editor, verified=False)
    statuses = [
        client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR=HOME).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429
    last = client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR=HOME)
    assert "Too many attempts to sign in" in last.content.decode() and "Retry-After" in last
    # The refused tries never reached the page: only the allowed ones were checked and recorded.
    assert SignInEvent.objects.filter(kind="otp_failed").count() == 3
    # Another address is not held up by this one.
    other = client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR="192.0.2.20")
    assert other.status_code in {400, 429} and "Too many attempts to sign in" not in other.content.decode()


def test_second_factor_codes_count_towards_the_site_wide_limit(client, editor, settings):
    settings.LOGIN_RATE_LIMIT = "1000/m"
    settings.LOGIN_SITE_RATE_LIMIT = "2/m"
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    sign_in(client, editor, verified=False)
    for number in range(2):
        client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR=f"192.0.2.{number + 1}")
    response = client.post("/accounts/two-factor/verify/", {"code": "000000"}, REMOTE_ADDR="192.0.2.50")
    assert response.status_code == 429
    # The rate limit's page, not django-otp's own wait after a wrong code.
    assert "Very many people have tried to sign in" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (
            "/accounts/signup/",
            {"email": "a@example.org", "full_name": "A", "password1": "x", "password2": "x"},
        ),
        ("/accounts/password_reset/", {"email": "someone@example.com"}),
        ("/accounts/reset/MQ/set-password/", {"new_password1": "x", "new_password2": "x"}),
        ("/accounts/verify/resend/", {"email": "someone@example.com"}),
        ("/accounts/password_change/", {"old_password": "x", "new_password1": "x", "new_password2": "x"}),
    ],
)
def test_every_new_sign_in_path_is_covered(client, public_user, settings, path, data):
    settings.LOGIN_RATE_LIMIT = "1/m"
    sign_in(client, public_user, verified=False)
    client.post(path, data, REMOTE_ADDR=HOME)
    mail.outbox.clear()
    response = client.post(path, data, REMOTE_ADDR=HOME)
    assert response.status_code == 429
    assert mail.outbox == []


def test_other_posts_are_not_counted(client, public_user, settings):
    settings.LOGIN_RATE_LIMIT = "1/m"
    sign_in(client, public_user, verified=False)
    for _ in range(3):
        assert client.post("/accounts/logout/", REMOTE_ADDR=HOME).status_code == 302

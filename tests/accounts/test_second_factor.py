"""The second factor: who must give one and where, setting up an app, backup codes, throttling.

Codes are computed from the device's own key with django_otp.oath.totp, as an app would.
"""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from supportmap.models import SignInEvent
from tests.factories import MembershipFactory, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

PASSWORD = "correct horse battery"
ENROL = "/accounts/two-factor/set-up/"
VERIFY = "/accounts/two-factor/verify/"
PRIVATE_PATHS = [
    "/my-organisation/",
    "/review/",
    "/review/claims/",
    "/admin/",
    "/admin/supportmap/user/",
    "/referrals/",
    "/accounts/",
    "/accounts/password_change/",
    "/accounts/two-factor/backup-codes/",
]
PUBLIC_PATHS = ["/", "/services/", "/guide/", "/accounts/login/", "/accounts/two-factor/recovery/"]
PEOPLE = ["staff_a", "manager_a", "link_worker", "gp", "editor", "admin_user", "staff_user"]


@pytest.fixture
def staff_user(db):
    from tests.factories import UserFactory

    return UserFactory(email="staff@supportmap.example.org", is_staff=True)


def code_for(device, at=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def app_for(user, **extra) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True, **extra)


def password_sign_in(client, user, next_path=""):
    data = {"username": user.email, "password": PASSWORD}
    if next_path:
        data["next"] = next_path
    return client.post("/accounts/login/", data)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_everyone_who_can_see_personal_data_is_sent_to_set_up_an_app_on_every_private_url(
    client, request, person, path
):
    user = request.getfixturevalue(person)
    sign_in(client, user, verified=False)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={quote(path, safe='')}"


@pytest.mark.parametrize("person", ["staff_a", "editor", "admin_user"])
@pytest.mark.parametrize("path", ["/my-organisation/", "/review/", "/admin/", "/accounts/"])
def test_someone_with_an_app_is_asked_for_its_code_and_a_post_is_stopped_too(client, request, person, path):
    user = request.getfixturevalue(person)
    app_for(user)
    sign_in(client, user, verified=False)
    for response in (client.get(path), client.post(path, {})):
        assert response.status_code == 302
        assert response["Location"] == f"{VERIFY}?next={quote(path, safe='')}"


@pytest.mark.parametrize("person", PEOPLE)
def test_public_pages_stay_public_for_anyone_without_a_second_factor(client, request, person):
    sign_in(client, request.getfixturevalue(person), verified=False)
    for path in PUBLIC_PATHS:
        assert client.get(path).status_code == 200, path


def test_a_member_of_the_public_without_an_organisation_is_not_asked(client, public_user):
    sign_in(client, public_user, verified=False)
    assert client.get("/accounts/").status_code == 200
    assert client.get("/accounts/password_change/").status_code == 200
    response = client.get("/my-organisation/")
    assert not response.get("Location", "").startswith(("/accounts/two-factor/",))


def test_a_member_of_the_public_who_chose_an_app_is_held_to_it(client, public_user):
    app_for(public_user)
    sign_in(client, public_user, verified=False)
    assert client.get("/accounts/")["Location"].startswith(VERIFY)


@pytest.mark.parametrize("person", ["staff_a", "editor", "admin_user"])
def test_with_the_second_factor_given_private_pages_open(client, request, person):
    user = request.getfixturevalue(person)
    sign_in(client, user)
    assert client.get("/accounts/").status_code == 200
    if user.is_staff:
        assert client.get("/admin/").status_code == 200
    if user.is_editor:
        assert client.get("/review/").status_code == 200
    if user.memberships.exists():
        assert client.get("/my-organisation/").status_code == 200


def test_becoming_a_member_later_brings_the_second_factor_in(client, public_user, provider_a):
    sign_in(client, public_user, verified=False)
    assert client.get("/accounts/").status_code == 200
    MembershipFactory(user=public_user, organisation=provider_a)
    assert client.get("/accounts/")["Location"].startswith(ENROL)


def test_setting_up_an_app_from_sign_in_to_the_backup_codes(client, staff_a):
    response = password_sign_in(client, staff_a)
    assert response["Location"] == "/accounts/signed-in/"
    response = client.get(response["Location"])
    assert response["Location"] == f"{ENROL}?next=%2Faccounts%2Fsigned-in%2F"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=staff_a, confirmed=False)
    secret = re.search(r'<code class="otp-secret" id="otp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    from base64 import b32decode

    assert b32decode(secret.replace(" ", "")) == device.bin_key
    assert '<svg role="img" aria-label="QR code' in html and "<path" in html
    assert " style=" not in html and "<style" not in html
    # The same secret on a second visit: an app that scanned the first page still works.
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=staff_a).count() == 1

    response = client.post(ENROL, {"code": code_for(device), "next": "/accounts/signed-in/"})
    assert response["Location"] == "/accounts/two-factor/backup-codes/?next=%2Faccounts%2Fsigned-in%2F"
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(response["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(shown) == 10
    assert sorted(shown) == sorted(
        StaticToken.objects.filter(device__user=staff_a).values_list("token", flat=True)
    )
    assert "<code>" not in client.get("/accounts/two-factor/backup-codes/").content.decode(), "shown once"

    # Signed in with the second factor: on to the member's organisation.
    assert client.get("/accounts/signed-in/")["Location"] == "/my-organisation/"
    assert client.get("/my-organisation/").status_code == 200


def test_a_wrong_code_at_set_up_is_explained_and_changes_nothing(client, staff_a):
    sign_in(client, staff_a, verified=False)
    client.get(ENROL)
    for code in ("000000", "12345", "abcdef"):
        response = client.post(ENROL, {"code": code})
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_a, confirmed=True).exists()
    assert client.get("/my-organisation/")["Location"].startswith(ENROL)


def test_nobody_adds_an_app_to_an_account_that_has_one_without_its_code(client, staff_a):
    app_for(staff_a)
    sign_in(client, staff_a, verified=False)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"})["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=staff_a).count() == 1


def test_signing_in_with_the_app_code_returns_to_where_the_person_was_going(client, editor):
    device = app_for(editor)
    response = password_sign_in(client, editor, next_path="/review/")
    assert response["Location"] == "/review/"
    response = client.get("/review/")
    assert response["Location"] == f"{VERIFY}?next=%2Freview%2F"
    response = client.post(VERIFY, {"code": code_for(device), "next": "/review/"})
    assert response["Location"] == "/review/"
    assert client.get("/review/").status_code == 200


def test_next_never_leads_off_the_site(client, editor):
    device = app_for(editor)
    sign_in(client, editor, verified=False)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_backup_code_works_once(client, staff_a):
    app_for(staff_a)
    StaticToken.objects.create(
        device=StaticDevice.objects.create(user=staff_a, name="Backup codes"), token="abcd2345"
    )
    StaticToken.objects.create(device=StaticDevice.objects.get(user=staff_a), token="wxyz6789")
    sign_in(client, staff_a, verified=False)
    response = client.post(VERIFY, {"code": " ABCD-2345 ", "next": "/my-organisation/"})
    assert response["Location"] == "/my-organisation/"
    assert "1 left" in client.get("/my-organisation/").content.decode()

    client.post("/accounts/logout/")
    sign_in(client, staff_a, verified=False)
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        again = client.post(VERIFY, {"code": "abcd2345"})
    assert again.status_code == 400
    assert "That code is not right" in again.content.decode()
    assert SignInEvent.objects.filter(kind="otp_failed", user=staff_a).count() == 1


def test_wrong_codes_are_recorded_and_throttled_by_django_otp(client, gp):
    device = app_for(gp)
    sign_in(client, gp, verified=False)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        wrong = client.post(VERIFY, {"code": "000000" if code_for(device) != "000000" else "111111"})
        assert wrong.status_code == 400
        # Right away, even the right code is refused: the app waits 1 second after one wrong code.
        throttled = client.post(VERIFY, {"code": code_for(device)})
        assert throttled.status_code == 429
        assert "Too many wrong codes in a row" in throttled.content.decode()
    assert SignInEvent.objects.filter(kind="otp_failed", user=gp).count() == 2
    event = SignInEvent.objects.filter(kind="otp_failed").first()
    assert event.email == "gp@nhs.example.org" and event.ip_address == "127.0.0.1"
    with time_machine.travel(start + timedelta(seconds=35), tick=False):
        response = client.post(VERIFY, {"code": code_for(device)})
    assert response.status_code == 302, "after the wait the right code works"


def test_making_new_backup_codes_replaces_the_old_ones(client, manager_a):
    old = StaticToken.objects.create(
        device=StaticDevice.objects.create(user=manager_a, name="Backup codes"), token="oldcode2"
    )
    sign_in(client, manager_a)
    response = client.post("/accounts/two-factor/backup-codes/")
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert len(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)) == 10
    assert not StaticToken.objects.filter(pk=old.pk).exists()


def test_someone_without_a_second_factor_cannot_make_backup_codes(client, public_user):
    sign_in(client, public_user, verified=False)
    assert client.post("/accounts/two-factor/backup-codes/")["Location"].startswith(ENROL)
    assert not StaticDevice.objects.exists()


def test_the_recovery_page_explains_backup_codes_and_asking_an_administrator(client):
    html = client.get("/accounts/two-factor/recovery/").content.decode()
    assert "backup code" in html and "Ask an administrator" in html


def test_an_administrator_resets_a_persons_second_factor(client, admin_client, staff_a):
    app_for(staff_a)
    StaticDevice.objects.create(user=staff_a, name="Backup codes")
    response = admin_client.post(
        "/admin/supportmap/user/",
        {"action": "reset_second_factor", "_selected_action": [staff_a.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Second factor reset for 1 account" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_a).exists()
    assert not StaticDevice.objects.filter(user=staff_a).exists()
    sign_in(client, staff_a, verified=False)
    assert client.get("/my-organisation/")["Location"].startswith(ENROL)


def test_the_admin_shows_site_roles_and_the_sign_in_log_read_only(admin_client, editor):
    SignInEvent.objects.create(kind="failed", email="someone@example.org", ip_address="192.0.2.1")
    users = admin_client.get("/admin/supportmap/user/").content.decode()
    assert "Directory editor" in users
    assert (
        "email_verified_at"
        in admin_client.get(f"/admin/supportmap/user/{editor.pk}/change/").content.decode()
    )
    log = admin_client.get("/admin/supportmap/signinevent/")
    assert log.status_code == 200 and "someone@example.org" in log.content.decode()
    assert admin_client.get("/admin/supportmap/signinevent/add/").status_code == 403
    event = SignInEvent.objects.get(kind="failed")
    assert (
        admin_client.post(f"/admin/supportmap/signinevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert SignInEvent.objects.filter(pk=event.pk).exists()

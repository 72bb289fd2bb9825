"""create_demo_accounts: working accounts for each role with DEBUG on, never with DEBUG off."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.management.commands.create_demo_accounts import DEMO_PASSWORD
from accounts.models import Membership
from tests.supportmap.processes import manage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("relaxed_sign_in_limits")]

PRODUCTION_SECRET = "a production secret key for the tests, long and random enough: 8f3Kq!"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def test_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="never made with DEBUG off"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()


def test_refused_with_debug_off_in_a_real_process_with_a_non_zero_exit():
    result = manage(
        "create_demo_accounts",
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="supportmap.example.org",
    )
    assert result.returncode != 0
    assert "never made with DEBUG off" in result.stderr


def test_refused_before_the_demo_data_is_loaded(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_demo_data"):
        call_command("create_demo_accounts")


def test_makes_one_account_for_each_role_and_prints_password_and_codes(demo):
    users = {user.email: user for user in get_user_model().objects.all()}
    assert set(users) == {
        "demo.provider@example.org",
        "demo.linkworker@example.org",
        "demo.gp@example.org",
        "demo.editor@example.org",
    }
    assert all(user.full_name.startswith("Demo ") for user in users.values()), "clearly marked"
    provider = Membership.objects.get(user=users["demo.provider@example.org"])
    assert provider.role == "manager" and provider.organisation.services.exists()
    link_workers = Membership.objects.get(user=users["demo.linkworker@example.org"]).organisation
    assert (
        link_workers.kind == "link_worker_service"
        and link_workers.is_referrer
        and not link_workers.is_provider
    )
    gp_practice = Membership.objects.get(user=users["demo.gp@example.org"]).organisation
    assert gp_practice.kind == "gp_practice" and gp_practice.is_referrer
    assert users["demo.editor@example.org"].is_editor
    for user in users.values():
        assert user.check_password(DEMO_PASSWORD)
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
        codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        assert len(codes) == 5
        assert all(code in demo for code in codes)
    assert DEMO_PASSWORD in demo


def test_a_demo_account_signs_in_with_a_backup_code(client, demo):
    response = client.post(
        "/accounts/login/", {"username": "demo.provider@example.org", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/verify/")
    response = client.post(
        "/accounts/two-factor/verify/", {"code": "provider1", "next": "/my-organisation/"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/my-organisation/"


def test_running_again_keeps_the_accounts_and_renews_the_codes(client, demo, settings):
    user = get_user_model().objects.get(email="demo.gp@example.org")
    key = TOTPDevice.objects.get(user=user).key
    StaticToken.objects.filter(device__user=user, token="gp1").delete()  # one used up
    user.set_password("somebody changed it")
    user.save()
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    assert get_user_model().objects.count() == 4 and Membership.objects.count() == 3
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert TOTPDevice.objects.get(user=user).key == key
    assert sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == [
        "gp1",
        "gp2",
        "gp3",
        "gp4",
        "gp5",
    ]
    assert out.getvalue() == demo, "the same accounts, password, keys and codes each time"


def test_demo_referrals_fill_the_inbox_and_my_referrals_once(settings, db):
    """The demo link worker has referred three invented people to the demo provider: one waiting,
    one accepted with a message, one completed; running the command again makes no more."""
    from referrals.models import Referral

    settings.DEBUG = True
    call_command("load_demo_data", stdout=StringIO())
    call_command("create_demo_accounts", stdout=StringIO())
    call_command("create_demo_accounts", stdout=StringIO())
    referrals = Referral.objects.filter(referrer__email="demo.linkworker@example.org")
    assert sorted(referrals.values_list("status", flat=True)) == ["accepted", "completed", "sent"]
    assert referrals.filter(provider_organisation__slug="tay-valley-befriending").count() == 3
    provider = get_user_model().objects.get(email="demo.provider@example.org")
    assert Referral.objects.received_by(provider).count() == 3

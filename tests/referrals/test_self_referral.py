"""Self-referral: a member of the public refers themselves to a service that accepts it."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from directory.choices import Capacity, ServiceStatus
from referrals.choices import SELF_REFERRAL_CONSENT_VERSION, AuditAction, ConsentMethod, Status
from referrals.models import AuditEvent, Person, Referral
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts():
    # The rate limit counts in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def self_url(service):
    return reverse("refer:self", args=[service.slug])


GOOD = {
    "name": "Agnes Alone",
    "preferred_name": "Nessie",
    "date_of_birth": "",
    "age_band": "65_74",
    "postcode": "DD4 7AA",
    "phone": "",
    "email": "agnes@example.com",
    "safe_to_leave_message": "yes",
    "contact_method": "email",
    "contact_times": "Afternoons",
    "hopes": "To meet people nearby.",
    "consent": "on",
    "website": "",
}


def test_the_form_shows_crisis_lines_and_the_consent_statement(client, befriending_a):
    response = client.get(self_url(befriending_a))

    page = response.content.decode()
    assert response.status_code == 200
    assert "not for crises" in page
    for number in ("111", "116 123", "0800 83 85 87"):
        assert number in page
    assert "the details I give here can be shared with Charity A" in page
    assert SELF_REFERRAL_CONSENT_VERSION in page
    assert "Through the referrer" not in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_someone_refers_themselves_and_the_provider_is_told(client, befriending_a, provider_a):
    response = client.post(self_url(befriending_a), GOOD)

    assert response.status_code == 302
    assert response["Location"] == reverse("refer:self_sent", args=[befriending_a.slug])
    referral = Referral.objects.get()
    assert referral.is_self_referral and referral.referrer is None and referral.referrer_organisation is None
    assert referral.status == Status.SENT and referral.provider_organisation == provider_a
    assert referral.consent_given and referral.consent_method == ConsentMethod.ONLINE
    assert referral.consent_wording_version == SELF_REFERRAL_CONSENT_VERSION
    assert (referral.hopes, referral.contact_method, referral.contact_times) == (
        "To meet people nearby.",
        "email",
        "Afternoons",
    )
    person = referral.person
    assert person.organisation == provider_a and person.created_by is None
    assert (person.name, person.age_band, person.email) == ("Agnes Alone", "65_74", "agnes@example.com")
    assert person.own_words == "To meet people nearby."
    assert [message.to for message in mail.outbox] == [["office@charity-a.example.org"]]
    assert "Agnes" not in mail.outbox[0].body
    # The record's trail starts with its making, by someone signed out.
    (event,) = AuditEvent.objects.filter(referral_uuid=referral.uuid)
    assert (event.action, event.user, event.person_uuid) == (AuditAction.CREATE, None, person.uuid)


def test_the_sent_page_says_what_happens_next_without_personal_data(client, befriending_a):
    response = client.post(self_url(befriending_a), GOOD, follow=True)

    page = response.content.decode()
    assert "Your referral has been sent" in page
    assert "What happens next" in page
    assert "Agnes" not in page and "agnes@example.com" not in page
    assert "Agnes" not in response.redirect_chain[-1][0]


def test_consent_is_required(client, befriending_a):
    response = client.post(self_url(befriending_a), {**GOOD, "consent": ""})

    page = response.content.decode()
    assert response.status_code == 422
    assert "Tick to agree that your details can be shared" in page
    assert 'value="Agnes Alone"' in page
    assert not Referral.objects.exists() and not Person.objects.exists()


def test_a_phone_number_or_an_email_address_is_required(client, befriending_a):
    response = client.post(self_url(befriending_a), {**GOOD, "email": "", "contact_method": "letter"})

    assert response.status_code == 422
    assert "Give a phone number or an email address" in response.content.decode()
    assert not Referral.objects.exists()


def test_through_the_referrer_is_not_a_choice_for_a_self_referral(client, befriending_a):
    response = client.post(self_url(befriending_a), {**GOOD, "contact_method": "through_referrer"})

    assert response.status_code == 422
    assert not Referral.objects.exists()


def test_a_filled_honeypot_pretends_success_and_saves_nothing(client, befriending_a):
    response = client.post(self_url(befriending_a), {**GOOD, "website": "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == reverse("refer:self_sent", args=[befriending_a.slug])
    assert not Referral.objects.exists() and not Person.objects.exists()
    assert mail.outbox == []


def test_beyond_the_rate_limit_self_referrals_are_refused_with_429(client, befriending_a, settings):
    settings.SELF_REFERRAL_RATE_LIMIT = "2/h"

    statuses = [client.post(self_url(befriending_a), GOOD).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert Referral.objects.count() == 2
    refused = client.post(self_url(befriending_a), GOOD)
    assert int(refused["Retry-After"]) > 0
    assert "Too many referrals from your network" in refused.content.decode()


def test_the_rate_limit_counts_each_address_on_its_own_and_not_mistakes(client, befriending_a, settings):
    settings.SELF_REFERRAL_RATE_LIMIT = "1/h"

    assert (
        client.post(self_url(befriending_a), {**GOOD, "consent": ""}, REMOTE_ADDR="192.0.2.1").status_code
        == 422
    )
    assert client.post(self_url(befriending_a), GOOD, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post(self_url(befriending_a), GOOD, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post(self_url(befriending_a), GOOD, REMOTE_ADDR="192.0.2.2").status_code == 302


def test_a_self_referral_still_goes_through_when_the_rate_limit_cache_is_down(client, befriending_a):
    dead_redis = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with override_settings(CACHES=dead_redis):
        response = client.post(self_url(befriending_a), GOOD)

    assert response.status_code == 302
    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"self_referral": False, "professional_referral": True},
        {"accepts_supportmap_referrals": False},
        {"status": ServiceStatus.DRAFT, "last_reviewed": None},
    ],
)
def test_self_referral_is_not_offered_where_the_service_does_not_take_it(client, provider_a, fields):
    service = ServiceFactory(
        organisation=provider_a, **{"accepts_supportmap_referrals": True, "self_referral": True, **fields}
    )

    assert client.get(self_url(service)).status_code == 404
    assert client.post(self_url(service), GOOD).status_code == 404
    assert client.get(reverse("refer:self_sent", args=[service.slug])).status_code == 404
    assert not Referral.objects.exists()


def test_a_full_service_warns_before_someone_refers_themselves(client, befriending_a):
    befriending_a.capacity = Capacity.FULL
    befriending_a.save()

    page = client.get(self_url(befriending_a)).content.decode()

    assert "Dundee Befriending is full at the moment" in page


def test_a_signed_in_member_of_the_public_refers_themselves_the_same_way(client, befriending_a, public_user):
    client.force_login(public_user)

    assert client.post(self_url(befriending_a), GOOD).status_code == 302
    assert Referral.objects.get().referrer is None

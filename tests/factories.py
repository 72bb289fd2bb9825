import datetime

import factory
from django.utils import timezone

from directory.choices import AreaKind, OrganisationKind, ServiceStatus, Structure
from directory.models import Location, OpeningTime, Organisation, Postcode, Service, ServiceArea


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Tayside Support Group {n}")
    slug = factory.Sequence(lambda n: f"tayside-support-group-{n}")
    kind = OrganisationKind.CHARITY
    description = "A small charity that runs support groups."


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Community Hall {n}")
    address_1 = "1 High Street"
    town = "Dundee"
    postcode = "DD1 4HN"
    latitude = "56.458000"
    longitude = "-2.982000"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Support Service {n}")
    slug = factory.Sequence(lambda n: f"support-service-{n}")
    summary = "A weekly group for people who feel lonely."
    description = "People meet each week for tea and a chat."
    offers_friendship = True
    structure = Structure.SEMI_FORMAL
    mode_group = True
    status = ServiceStatus.PUBLISHED
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if create and extracted:
            for location in extracted:
                self.locations.add(location)


class OpeningTimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningTime

    service = factory.SubFactory(ServiceFactory)
    weekday = 1
    opens = datetime.time(10, 0)
    closes = datetime.time(12, 0)


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    service = factory.SubFactory(ServiceFactory)
    kind = AreaKind.COUNCIL
    code = "S12000042"
    name = "Dundee City"


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode

    postcode = "DD4 7AA"
    latitude = "56.474500"
    longitude = "-2.927000"
    council_code = "S12000042"
    health_board_code = "S08000030"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supportmap.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("correct horse battery")
    email_verified_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "member"


def sign_in(client, user, *, verified: bool = True):
    """Sign `user` in on this test client; with `verified`, as if they had given their second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if verified:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Phone", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


class PersonFactory(factory.django.DjangoModelFactory):
    """Someone referred. Pass organisation= (the referrer's organisation that holds the record)."""

    class Meta:
        model = "referrals.Person"

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Robert McPerson{n}")
    preferred_name = "Bob"
    date_of_birth = datetime.date(1948, 3, 14)
    postcode = "DD3 6HH"
    phone = "01382 000000"
    safe_to_leave_message = True
    seeks_friendship = True
    own_words = "Someone to talk to about the football."


def make_referral(*, service, referrer, referrer_organisation, person=None, send=True, **fields):
    """A referral made the way the referral form makes one (referrals.services.referral_create),
    with consent recorded; sent unless send=False."""
    from referrals.choices import CONSENT_WORDING_VERSION, ConsentMethod
    from referrals.services import referral_create

    if person is None:
        person = PersonFactory(organisation=referrer_organisation, created_by=referrer)
    defaults = {
        "reason": "Lonely since his wife died; would like company.",
        "hopes": "To get out of the house once a week.",
        "contact_method": "phone",
        "consent_method": ConsentMethod.VERBAL,
        "consent_wording_version": CONSENT_WORDING_VERSION,
    }
    defaults.update(fields)
    return referral_create(
        person=person,
        service=service,
        referrer=referrer,
        referrer_organisation=referrer_organisation,
        send=send,
        **defaults,
    )


def seed_vocabulary():
    """The audiences and topics a migration seeds, which the benchmark generators need: an earlier
    transactional test's flush (a browser test's, say) may have emptied their tables."""
    import importlib

    from django.apps import apps

    importlib.import_module("directory.migrations.0002_seed_audiences_and_topics").seed(apps, None)

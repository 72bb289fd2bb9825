import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        email="admin@example.org", password="correct horse battery"
    )


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # Tests run each task for real, at once, in the test's own process (emails land in mail.outbox).
    # tests/supportmap/test_task_worker.py runs the database backend and the worker instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# The named people of the tests (DESIGN.md): two charities that run services, a link worker
# service and a GP practice that refer, an editor, an administrator and a member of the public.
@pytest.fixture
def provider_a(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Charity A", slug="charity-a", email="office@charity-a.example.org")


@pytest.fixture
def provider_b(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(name="Charity B", slug="charity-b", email="office@charity-b.example.org")


@pytest.fixture
def link_worker_service(db):
    from directory.choices import OrganisationKind
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Tayside Link Workers",
        slug="tayside-link-workers",
        kind=OrganisationKind.LINK_WORKER_SERVICE,
        is_referrer=True,
        is_provider=False,
    )


@pytest.fixture
def gp_practice(db):
    from directory.choices import OrganisationKind
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Hilltown Medical Practice",
        slug="hilltown-medical-practice",
        kind=OrganisationKind.GP_PRACTICE,
        is_referrer=True,
        is_provider=False,
    )


def _member(organisation, email, role="member", **extra):
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(email=email, **extra)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def manager_a(provider_a):
    return _member(provider_a, "manager@charity-a.example.org", role="manager", full_name="Morag Manager")


@pytest.fixture
def staff_a(provider_a):
    return _member(provider_a, "staff@charity-a.example.org", full_name="Sam Staff")


@pytest.fixture
def manager_b(provider_b):
    return _member(provider_b, "manager@charity-b.example.org", role="manager", full_name="Bea Manager")


@pytest.fixture
def link_worker(link_worker_service):
    return _member(link_worker_service, "link.worker@nhs.example.org", full_name="Lee Linkworker")


@pytest.fixture
def gp(gp_practice):
    return _member(gp_practice, "gp@nhs.example.org", full_name="Dr Gill Practitioner")


@pytest.fixture
def editor(db):
    from tests.factories import UserFactory

    return UserFactory(email="editor@supportmap.example.org", site_role="editor", full_name="Eddie Editor")


@pytest.fixture
def public_user(db):
    from tests.factories import UserFactory

    return UserFactory(email="someone@example.com", full_name="Pat Public")


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client, signed in with the second factor given: the admin, like every
    private URL, needs one (accounts/middleware.py)."""
    from django.test import Client

    from tests.factories import sign_in

    return sign_in(Client(), admin_user)


@pytest.fixture
def relaxed_sign_in_limits(settings):
    """For tests that sign in many times: the sign-in rate limits out of the way, their counts cleared.

    The counts live in the cache, which outlives a test's database transaction."""
    from django.core.cache import cache

    settings.LOGIN_RATE_LIMIT = "1000/m"
    settings.LOGIN_SITE_RATE_LIMIT = "1000/m"
    cache.clear()
    yield
    cache.clear()


# Referrals (issue 9): a befriending service of Charity A that takes referrals through SupportMap,
# and one referral to it from the link worker, sent and waiting for an answer.
@pytest.fixture
def befriending_a(provider_a):
    from tests.factories import ServiceFactory

    return ServiceFactory(
        organisation=provider_a,
        name="Dundee Befriending",
        slug="dundee-befriending",
        accepts_supportmap_referrals=True,
        professional_referral=True,
        self_referral=True,
    )


@pytest.fixture
def service_b(provider_b):
    from tests.factories import ServiceFactory

    return ServiceFactory(
        organisation=provider_b,
        name="Trauma Support B",
        slug="trauma-support-b",
        accepts_supportmap_referrals=True,
        professional_referral=True,
    )


@pytest.fixture
def sent_referral(befriending_a, link_worker, link_worker_service):
    from tests.factories import make_referral

    return make_referral(
        service=befriending_a, referrer=link_worker, referrer_organisation=link_worker_service
    )


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory, loaded once for a module of read-only tests, and removed after it."""
    from django.core.management import call_command

    from directory.models import Location, Organisation, Postcode, SearchWord, Service

    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        Service.objects.all().delete()
        Location.objects.all().delete()
        Organisation.objects.all().delete()
        Postcode.objects.all().delete()
        SearchWord.objects.all().delete()

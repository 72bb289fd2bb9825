"""`manage.py create_demo_accounts`: clearly marked demo accounts, one for each role, to try the
site without an authenticator app. Only with DEBUG on: their password is printed and published.

Each gets the known password, a confirmed authenticator app (its key printed, to add to a real
app if wanted) and 5 single-use backup codes. The key and the codes are fixed, so that the README
can list them: running the command again sets the password, the key and all 5 codes back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership
from accounts.second_factor import APP_DEVICE_NAME, BACKUP_DEVICE_NAME, secret_for_people
from directory.choices import MemberRole, OrganisationKind
from directory.models import Organisation

DEMO_PASSWORD = "demo password, not for real use"  # noqa: S105 (published on purpose; DEBUG only)
DEMO_BACKUP_CODES = 5
PROVIDER_SLUG = "tay-valley-befriending"  # runs several services in the demo data
GP_PRACTICE_SLUG = "ferryside-medical-practice"
LINK_WORKER_SERVICE = {
    "slug": "demo-tayside-link-workers",
    "name": "Demo: Tayside Community Link Workers",
    "kind": OrganisationKind.LINK_WORKER_SERVICE,
    "description": "A demo link worker service, made by create_demo_accounts. It is not a real service.",
    "is_referrer": True,
    "is_provider": False,
}


@dataclass
class DemoAccount:
    role: str
    email: str
    full_name: str
    organisation_slug: str = ""
    member_role: str = MemberRole.MEMBER
    site_role: str = ""

    @property
    def code_word(self) -> str:
        return self.email.split("@")[0].removeprefix("demo.")

    @property
    def backup_codes(self) -> list[str]:
        return [f"{self.code_word}{n}" for n in range(1, DEMO_BACKUP_CODES + 1)]

    @property
    def app_key(self) -> str:
        # 20 bytes, as django-otp makes them, but the same on every machine.
        return hashlib.sha1(f"supportmap demo {self.email}".encode(), usedforsecurity=False).hexdigest()


DEMO_ACCOUNTS = [
    DemoAccount(
        "Provider manager",
        "demo.provider@example.org",
        "Demo Provider Manager",
        PROVIDER_SLUG,
        MemberRole.MANAGER,
    ),
    DemoAccount(
        "Link worker", "demo.linkworker@example.org", "Demo Link Worker", LINK_WORKER_SERVICE["slug"]
    ),
    DemoAccount("GP", "demo.gp@example.org", "Demo GP", GP_PRACTICE_SLUG),
    DemoAccount("Directory editor", "demo.editor@example.org", "Demo Editor", site_role="editor"),
]


class Command(BaseCommand):
    help = "Create (or reset) demo accounts for each role. Refuses to run when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts are never made with DEBUG off: their password and codes are published. "
                "Run this only on a development copy (DEBUG=1)."
            )
        with transaction.atomic():
            organisations = self.organisations()
            made = [self.account(demo, organisations) for demo in DEMO_ACCOUNTS]
            referrals_made = self.referrals(organisations)
        self.report(made)
        if referrals_made:
            self.stdout.write(
                f"Made {referrals_made} demo referrals from the demo link worker to {PROVIDER_SLUG}."
            )

    def referrals(self, organisations) -> int:
        """A few referrals between the demo accounts, so the inbox and "My referrals" have something
        in them: one waiting for an answer, one accepted with a message, one completed. Made once;
        the people are invented and marked as demo records."""
        from datetime import date

        from directory.models import Service
        from referrals import services as referral_services
        from referrals.choices import CONSENT_WORDING_VERSION, ConsentMethod
        from referrals.models import Referral

        link_workers = organisations[LINK_WORKER_SERVICE["slug"]]
        existing = Referral.objects.filter(referrer_organisation=link_workers).count()
        if existing:
            return existing
        User = get_user_model()
        link_worker = User.objects.get(email="demo.linkworker@example.org")
        provider = User.objects.get(email="demo.provider@example.org")
        services = list(
            Service.objects.published()
            .filter(organisation__slug=PROVIDER_SLUG, accepts_supportmap_referrals=True)
            .order_by("slug")
        )
        if not services:
            return 0
        people = [
            (
                "Demo person: Alex Example",
                "Alex",
                date(1946, 5, 2),
                "Would like someone to chat to each week.",
            ),
            ("Demo person: Jo Sample", "Jo", date(1958, 11, 20), "Wants to get out of the house more."),
            (
                "Demo person: Sam Specimen",
                "",
                date(1939, 1, 9),
                "Misses the company since moving to sheltered housing.",
            ),
        ]
        made = []
        for index, (name, preferred, born, words) in enumerate(people):
            person = referral_services.person_create(
                organisation=link_workers,
                created_by=link_worker,
                name=name,
                preferred_name=preferred,
                date_of_birth=born,
                postcode="DD1 1AA",
                phone="01382 000000",
                safe_to_leave_message=True,
                seeks_friendship=True,
                own_words=words,
            )
            made.append(
                referral_services.referral_create(
                    person=person,
                    service=services[index % len(services)],
                    referrer=link_worker,
                    referrer_organisation=link_workers,
                    consent_method=ConsentMethod.VERBAL,
                    consent_wording_version=CONSENT_WORDING_VERSION,
                    reason="Lonely since a bereavement; no family nearby.",
                    hopes=words,
                    contact_method="phone",
                    contact_times="Weekday mornings",
                )
            )
        referral_services.referral_accept(referral=made[1], user=provider)
        referral_services.message_post(
            referral=made[1],
            user=provider,
            body="Thanks: we will ring on Tuesday morning to arrange a first visit.",
        )
        done = referral_services.referral_accept(referral=made[2], user=provider)
        referral_services.referral_mark_contacted(referral=done, user=provider, note="Spoke on the phone.")
        referral_services.referral_complete(
            referral=done,
            user=provider,
            outcome_summary="Matched with a volunteer; visits weekly and enjoys it.",
        )
        return len(made)

    def organisations(self) -> dict[str, Organisation]:
        found = {o.slug: o for o in Organisation.objects.filter(slug__in=[PROVIDER_SLUG, GP_PRACTICE_SLUG])}
        missing = {PROVIDER_SLUG, GP_PRACTICE_SLUG} - set(found)
        if missing:
            raise CommandError(
                f"The demo data is not loaded (no {', '.join(sorted(missing))}): "
                "run `python manage.py load_demo_data` first."
            )
        gp_practice = found[GP_PRACTICE_SLUG]
        if not gp_practice.is_referrer:
            gp_practice.is_referrer = True
            gp_practice.full_clean()
            gp_practice.save(update_fields=["is_referrer"])
        defaults = {key: value for key, value in LINK_WORKER_SERVICE.items() if key != "slug"}
        link_workers, _ = Organisation.objects.get_or_create(
            slug=LINK_WORKER_SERVICE["slug"], defaults=defaults
        )
        found[link_workers.slug] = link_workers
        return found

    def account(self, demo: DemoAccount, organisations):
        User = get_user_model()
        user = User.objects.filter(email__iexact=demo.email).first() or User(email=demo.email)
        user.full_name = demo.full_name
        user.site_role = demo.site_role
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        if user.email_verified_at is None:
            from django.utils import timezone

            user.email_verified_at = timezone.now()
        user.full_clean(exclude=["password"])
        user.save()
        if demo.organisation_slug:
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[demo.organisation_slug],
                defaults={"role": demo.member_role},
            )
        TOTPDevice.objects.filter(user=user).exclude(key=demo.app_key).delete()
        device, _ = TOTPDevice.objects.update_or_create(
            user=user, key=demo.app_key, defaults={"name": APP_DEVICE_NAME, "confirmed": True}
        )
        StaticDevice.objects.filter(user=user).delete()
        backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        codes = demo.backup_codes
        StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
        organisation = organisations[demo.organisation_slug].name if demo.organisation_slug else ""
        return demo, organisation, secret_for_people(device), codes

    def report(self, made) -> None:
        out = self.stdout
        out.write(self.style.WARNING("Demo accounts (DEBUG only; never use these anywhere real):"))
        out.write(f"Password for every demo account: {DEMO_PASSWORD}")
        for demo, organisation, secret, codes in made:
            where = f", {organisation}" if organisation else ""
            out.write("")
            out.write(f"  {demo.role}{where}")
            out.write(f"    email:        {demo.email}")
            out.write(f"    backup codes: {' '.join(codes)}")
            out.write(f"    app key:      {secret}")
        out.write("")
        out.write(
            "Sign in at /accounts/login/, then type a backup code when asked for a code (each works once; "
            "run this command again to renew all five), or add the app key to an authenticator app."
        )

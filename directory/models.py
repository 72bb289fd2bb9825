"""The directory: organisations, the services they offer, where and when, and the areas covered.

Every data rule is a named database constraint, and the same rule lives in clean() so that forms
and the admin show a friendly message before the database has to refuse the row.
"""

from __future__ import annotations

import uuid
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from simple_history.models import HistoricalRecords

from directory.choices import (
    NATIONAL_AREA_KINDS,
    AreaKind,
    Capacity,
    Cost,
    DeliveryMode,
    Element,
    Frequency,
    Freshness,
    OrganisationKind,
    ProblemKind,
    ProblemStatus,
    ServiceStatus,
    Structure,
    Weekday,
    WeekOfMonth,
)
from directory.postcodes import POSTCODE_DB_PATTERN, InvalidPostcode, normalise_postcode

OSCR_PATTERN = r"^SC[0-9]{6}$"
oscr_validator = RegexValidator(
    OSCR_PATTERN,
    "A Scottish charity number is SC followed by six digits, for example SC012345.",
)


def element_field(key: str) -> str:
    """The boolean column that records whether a service offers the element `key`."""
    return f"offers_{key}"


def mode_field(key: str) -> str:
    """The boolean column that records whether a service is delivered in mode `key`."""
    return f"mode_{key}"


def any_true(fields: list[str]) -> Q:
    """True when any of these boolean columns is: "offers any of these elements", and the like."""
    condition = Q()
    for name in fields:
        condition |= Q(**{name: True})
    return condition


def offers_any(element_keys) -> Q:
    return any_true([element_field(key) for key in element_keys])


def delivered_by_any(mode_keys) -> Q:
    return any_true([mode_field(key) for key in mode_keys])


ELEMENT_FIELDS = [element_field(key) for key in Element.values]
MODE_FIELDS = [mode_field(key) for key in DeliveryMode.values]


# A home's location is stored as the centre of its cell in this grid (degrees of latitude and
# longitude): about 2.2 km by 2.2 km in Scotland, so a group that meets in a home is never placed
# more finely than that (Location.save, migration 0012_near_home_cells).
HOME_CELL_LATITUDE, HOME_CELL_LONGITUDE = Decimal("0.02"), Decimal("0.035")


def home_cell_centre(latitude, longitude) -> tuple[Decimal, Decimal]:
    """The centre of the grid cell holding the point (HOME_CELL_LATITUDE by HOME_CELL_LONGITUDE)."""

    def centre(value, step: Decimal) -> Decimal:
        value = Decimal(str(value))
        return ((value / step).to_integral_value(rounding=ROUND_FLOOR) * step + step / 2).quantize(
            Decimal("0.000001")
        )

    return centre(latitude, HOME_CELL_LATITUDE), centre(longitude, HOME_CELL_LONGITUDE)


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OrganisationQuerySet(models.QuerySet):
    def with_published_services(self):
        """Organisations the public may see: those with at least one published service."""
        return self.filter(pk__in=Service.objects.published().values("organisation_id"))

    def with_member(self, user):
        """The organisations this person belongs to, in any role: the scope of "My organisation"."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(TimeStamped):
    """A charity, community group, NHS body or other body. Some provide, some refer, some both."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind)
    charity_number = models.CharField(
        "Scottish charity number",
        max_length=8,
        blank=True,
        validators=[oscr_validator],
        help_text="From the OSCR register: SC followed by six digits.",
    )
    other_registration = models.CharField(
        max_length=100,
        blank=True,
        help_text="Another registration, such as a company number or a charity number outside Scotland.",
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # What its members can do: referrers refer people (GP practices, link worker services, NHS
    # teams, charities that refer on); providers list services and receive referrals. Both is fine.
    is_referrer = models.BooleanField("refers people to services", default=False)
    is_provider = models.BooleanField("runs services", default=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(charity_number="") | Q(charity_number__regex=OSCR_PATTERN),
                name="organisation_charity_number_oscr_format",
                violation_error_message=oscr_validator.message,
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="organisation_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(is_referrer=True) | Q(is_provider=True),
                name="organisation_refers_or_provides",
                violation_error_message="An organisation refers people, runs services, or both.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation_detail", args=[self.slug])

    def clean_fields(self, exclude=None):
        # Tidy before the field checks, so "sc 012345" is accepted as SC012345.
        self.charity_number = (self.charity_number or "").upper().replace(" ", "")
        super().clean_fields(exclude=exclude)

    def clean(self):
        if not (self.is_referrer or self.is_provider):
            raise ValidationError({"is_provider": "An organisation refers people, runs services, or both."})


class Audience(models.Model):
    """Who a service is for (carers, young people, veterans...). Seeded by a migration."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """What a service helps with (loneliness, bereavement, debt...). Seeded by a migration."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Location(TimeStamped):
    """A place where an organisation meets people. Groups that meet in homes hide the address.

    On PostgreSQL, moving a location (latitude, longitude) makes the trigger
    directory_location_moved recompute its services' place columns (directory/sql/search.sql).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    address_1 = models.CharField("address line 1", max_length=200, blank=True)
    address_2 = models.CharField("address line 2", max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8, help_text="A full UK postcode, such as DD1 4HN.")
    latitude = models.DecimalField(max_digits=8, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    hide_exact_address = models.BooleanField(
        default=False,
        help_text="Show only the town and the first half of the postcode, for groups that meet in homes.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["town", "name"]
        indexes = [
            # Search near a postcode: the bounding box narrows locations by latitude, then longitude.
            models.Index(fields=["latitude", "longitude"], name="location_lat_lng_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(postcode__regex=POSTCODE_DB_PATTERN),
                name="location_postcode_normalised",
                violation_error_message="A location needs a full UK postcode, such as DD1 4HN.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="location_lat_lng_together",
                violation_error_message="Give both latitude and longitude, or neither.",
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.town}"

    def save(self, *args, **kwargs):
        # A home's exact point is never stored: the search measures distances from the centre of
        # its grid cell (about 2 km across), so no search, from any postcode, can find the house.
        if self.hide_exact_address and self.latitude is not None and self.longitude is not None:
            self.latitude, self.longitude = home_cell_centre(self.latitude, self.longitude)
        super().save(*args, **kwargs)

    @property
    def outward_code(self) -> str:
        return self.postcode.split(" ")[0]

    @property
    def public_address_lines(self) -> list[str]:
        """The address as the public may see it: only the town and district when hidden."""
        if self.hide_exact_address:
            return [self.town, self.outward_code]
        return [
            line for line in (self.name, self.address_1, self.address_2, self.town, self.postcode) if line
        ]

    def clean_fields(self, exclude=None):
        # Tidy before the field checks, so " dd1  4hn " is stored as DD1 4HN.
        errors: dict = {}
        try:
            self.postcode = normalise_postcode(self.postcode)
        except InvalidPostcode as exc:
            errors["postcode"] = [str(exc)]
            exclude = {*(exclude or ()), "postcode"}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = "Latitude must be between -90 and 90."
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = "Longitude must be between -180 and 180."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Give both latitude and longitude, or neither."
        if errors:
            raise ValidationError(errors)


class ServiceQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Every public view starts here."""
        return self.filter(status=ServiceStatus.PUBLISHED)

    def offering_any(self, element_keys):
        return self.filter(offers_any(element_keys))

    def delivered_by_any(self, mode_keys):
        return self.filter(delivered_by_any(mode_keys))

    def listings(self):
        """Services as their organisations see them: without the working copies of pending edits."""
        return self.filter(draft_of__isnull=True)

    def of_organisations_with_member(self, user):
        """Services of the organisations this person belongs to (drafts and edits included)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)


class Service(TimeStamped):
    """An offer of support by an organisation, classified by element(s) and one structure.

    On PostgreSQL the table also has columns the search derives, which no Django code writes:
    search_vector (declared below) and five columns that exist on PostgreSQL only (listed beside
    search_vector). The triggers that keep them, and the functions and indexes the search needs,
    are defined in directory/sql/search.sql (run by a migration; its header explains each one).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=200, help_text="One line: what it is and who it is for.")
    description = models.TextField()

    # The five elements, one column each: a row can be filtered and counted by element in one pass,
    # each has a partial index, and "at least one" is a database constraint.
    offers_friendship = models.BooleanField("friendship and peer support", default=False)
    offers_emotional = models.BooleanField("emotional support", default=False)
    offers_meaning = models.BooleanField("constructing meaning", default=False)
    offers_practical = models.BooleanField("practical advice", default=False)
    offers_material = models.BooleanField("material assistance", default=False)
    structure = models.CharField(max_length=16, choices=Structure)

    peer_led = models.BooleanField(default=False, help_text="Run by people with lived experience.")
    mutual = models.BooleanField(default=False, help_text="Members support each other.")

    mode_in_person = models.BooleanField("in person", default=False)
    mode_group = models.BooleanField("group", default=False)
    mode_one_to_one = models.BooleanField("one-to-one", default=False)
    mode_home_visit = models.BooleanField("home visit", default=False)
    mode_phone = models.BooleanField("phone", default=False)
    mode_online = models.BooleanField("online", default=False)
    mode_text_chat = models.BooleanField("text or chat", default=False)

    age_min = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    audiences = models.ManyToManyField(Audience, blank=True, related_name="services")
    topics = models.ManyToManyField(Topic, blank=True, related_name="services")

    cost = models.CharField(max_length=16, choices=Cost, default=Cost.FREE)
    cost_note = models.CharField(max_length=200, blank=True)

    self_referral = models.BooleanField("people can refer themselves", default=True)
    professional_referral = models.BooleanField("accepts referrals from professionals", default=False)
    accepts_supportmap_referrals = models.BooleanField("accepts referrals through SupportMap", default=False)

    contact_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    languages = models.CharField(max_length=200, default="English")
    accessibility_notes = models.TextField(blank=True)

    # Safeguards against the known risks of informal support (DOMAIN.md).
    has_confidentiality_policy = models.BooleanField("confidentiality policy", default=False)
    has_boundaries_policy = models.BooleanField("boundaries or code-of-conduct policy", default=False)
    trained_volunteers = models.BooleanField(default=False)
    supervision = models.BooleanField("supervision for volunteers and staff", default=False)
    pvg_checked_volunteers = models.BooleanField("PVG-checked volunteers", default=False)
    has_safeguarding_lead = models.BooleanField("a safeguarding lead", default=False)
    refers_on_to = models.TextField(
        blank=True, help_text="Where people are pointed when informal support is not enough."
    )

    capacity = models.CharField(max_length=24, choices=Capacity, default=Capacity.OPEN)
    waiting_weeks = models.PositiveSmallIntegerField(
        "typical wait in weeks", null=True, blank=True, help_text="Only for a waiting list."
    )

    status = models.CharField(max_length=16, choices=ServiceStatus, default=ServiceStatus.DRAFT)
    last_reviewed = models.DateField(
        "last checked", null=True, blank=True, help_text="When the provider last confirmed the listing."
    )

    # Listing management. An edit to a published service is made on a working copy (draft_of
    # points at the published service), so the public keeps seeing the published version until
    # an editor approves the copy; then its content replaces the published one and the copy goes.
    draft_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="pending_edit"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(
        blank=True, help_text="Why an editor sent the listing back, shown to its organisation."
    )

    # Freshness: kept by `manage.py check_freshness`, run daily (see the README).
    freshness = models.CharField(max_length=16, choices=Freshness, default=Freshness.CURRENT)
    reminder_sent_on = models.DateField(null=True, blank=True)
    overdue_notice_sent_on = models.DateField(null=True, blank=True)

    locations = models.ManyToManyField(
        Location, through="ServiceAtLocation", blank=True, related_name="services"
    )

    # Derived by the database on PostgreSQL (directory/sql/search.sql); Django never sets them.
    #
    # search_vector: the weighted full-text document: the name (A); the summary, the names of the
    # topics and audiences, words for the delivery modes (B); the description, words for peer-led
    # and mutual (C). Written by the trigger directory_service_document on every insert, on any
    # change to those columns, and when a topic or audience is added or removed; GIN-indexed for
    # websearch_to_tsquery. On SQLite it stays empty: the FTS5 index directory_service_fts (kept
    # by directory/search/sqlite.py) plays its part.
    search_vector = SearchVectorField(null=True, editable=False)
    # Not model fields, PostgreSQL only, written by the trigger directory_service_place from the
    # service's links whenever a location, area, opening time, topic or audience changes, and read
    # by directory/search/postgres.py with raw SQL:
    #   place_box (cube): the box around its locations' points on the earth (a point for one);
    #   place_points (cube[]): each location's point, when it has several;
    #   place_cells (integer[]): the grid cells of its locations (directory_place_cell);
    #   place_areas (text[]): the codes of the areas it covers, or 'uk' / 'scotland';
    #   search_tags (text[]): 'audience:<slug>', 'topic:<slug>', 'day:<weekday>'.

    objects = ServiceQuerySet.as_manager()
    # Who changed what and when, on both databases; drives the review diff (diff_against).
    history = HistoricalRecords(excluded_fields=["search_vector"], m2m_fields=[audiences, topics])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(draft_of__isnull=True)
                | Q(status__in=[ServiceStatus.DRAFT, ServiceStatus.PENDING_REVIEW]),
                name="service_edit_copy_never_published",
            ),
            models.CheckConstraint(
                condition=Q(freshness__in=Freshness.values), name="service_freshness_valid"
            ),
            models.CheckConstraint(
                condition=any_true(ELEMENT_FIELDS),
                name="service_offers_at_least_one_element",
                violation_error_message="Choose at least one element of support.",
            ),
            models.CheckConstraint(
                condition=any_true(MODE_FIELDS),
                name="service_has_a_delivery_mode",
                violation_error_message="Choose at least one way the service is delivered.",
            ),
            models.CheckConstraint(
                condition=Q(self_referral=True)
                | Q(professional_referral=True)
                | Q(accepts_supportmap_referrals=True),
                name="service_has_an_access_route",
                violation_error_message="Say how people can get to the service.",
            ),
            models.CheckConstraint(
                condition=Q(structure__in=Structure.values), name="service_structure_valid"
            ),
            models.CheckConstraint(condition=Q(cost__in=Cost.values), name="service_cost_valid"),
            models.CheckConstraint(condition=Q(capacity__in=Capacity.values), name="service_capacity_valid"),
            models.CheckConstraint(condition=Q(status__in=ServiceStatus.values), name="service_status_valid"),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=models.F("age_max")),
                name="service_age_min_not_above_max",
                violation_error_message="The youngest age cannot be above the oldest age.",
            ),
            models.CheckConstraint(
                condition=Q(age_max__isnull=True) | Q(age_max__lte=120),
                name="service_age_max_plausible",
                violation_error_message="The oldest age must be 120 or under.",
            ),
            models.CheckConstraint(
                condition=Q(capacity=Capacity.WAITING_LIST) | Q(waiting_weeks__isnull=True),
                name="service_waiting_weeks_only_for_waiting_list",
                violation_error_message="Give a waiting time only when the service has a waiting list.",
            ),
            models.CheckConstraint(
                condition=~Q(status=ServiceStatus.PUBLISHED) | Q(last_reviewed__isnull=False),
                name="service_published_has_last_reviewed",
                violation_error_message="A published service needs the date it was last checked.",
            ),
        ]
        indexes = [
            # The services list filters published rows by structure and orders by name.
            models.Index(fields=["status", "structure", "name"], name="service_status_structure_idx"),
            models.Index(fields=["status", "name"], name="service_status_name_idx"),
            # Filtering by one element: a partial index per element over published rows.
            *[
                models.Index(
                    fields=["structure", "name"],
                    condition=Q(**{element_field(key): True}, status=ServiceStatus.PUBLISHED),
                    name=f"service_pub_{key}_idx",
                )
                for key in Element.values
            ],
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:service_detail", args=[self.slug])

    # Fields that are not the listing's content: identity, workflow and bookkeeping. Everything
    # else is content, which a working copy carries and an approval copies onto the published row.
    NOT_CONTENT_FIELDS = frozenset(
        {
            "id",
            "uuid",
            "slug",
            "organisation",
            "status",
            "last_reviewed",
            "draft_of",
            "submitted_at",
            "submitted_by",
            "review_note",
            "freshness",
            "reminder_sent_on",
            "overdue_notice_sent_on",
            "created",
            "updated",
            "search_vector",
        }
    )

    @classmethod
    def content_field_names(cls) -> list[str]:
        """The concrete, non-relation-set fields a provider edits (many-to-many ones are separate)."""
        return [f.name for f in cls._meta.concrete_fields if f.name not in cls.NOT_CONTENT_FIELDS]

    def set_locations(self, location_ids) -> None:
        """Offer the service at exactly these locations. Links that stay keep their own ids, which
        Open Referral publishes as service_at_location ids, so they must not change on every edit."""
        wanted = set(location_ids)
        self.service_at_locations.exclude(location_id__in=wanted).delete()
        kept = set(self.service_at_locations.values_list("location_id", flat=True))
        ServiceAtLocation.objects.bulk_create(
            [ServiceAtLocation(service=self, location_id=pk) for pk in sorted(wanted - kept)]
        )

    @property
    def elements(self) -> list[Element]:
        return [Element(key) for key in Element.values if getattr(self, element_field(key))]

    @property
    def delivery_modes(self) -> list[DeliveryMode]:
        return [DeliveryMode(key) for key in DeliveryMode.values if getattr(self, mode_field(key))]

    @property
    def is_stale(self) -> bool:
        """Overdue or lapsed: the public pages say it may be out of date (directory.freshness)."""
        return self.freshness in (Freshness.OVERDUE, Freshness.LAPSED)

    def clean(self):
        errors = {}
        if not any(getattr(self, name) for name in ELEMENT_FIELDS):
            errors[ELEMENT_FIELDS[0]] = "Choose at least one element of support."
        if not any(getattr(self, name) for name in MODE_FIELDS):
            errors[MODE_FIELDS[0]] = "Choose at least one way the service is delivered."
        if not (self.self_referral or self.professional_referral or self.accepts_supportmap_referrals):
            errors["self_referral"] = "Say how people can get to the service."
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = "The youngest age cannot be above the oldest age."
        if self.age_max is not None and self.age_max > 120:
            errors["age_max"] = "The oldest age must be 120 or under."
        if self.capacity != Capacity.WAITING_LIST and self.waiting_weeks is not None:
            errors["waiting_weeks"] = "Give a waiting time only when the service has a waiting list."
        if self.status == ServiceStatus.PUBLISHED and self.last_reviewed is None:
            errors["last_reviewed"] = "A published service needs the date it was last checked."
        if errors:
            raise ValidationError(errors)


class ServiceAtLocation(models.Model):
    """A service offered at a location: its own stable id, as Open Referral expects.

    On PostgreSQL a change here recomputes the service's place columns (the trigger
    directory_service_locations_changed, directory/sql/search.sql).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location_unique"),
        ]

    def __str__(self):
        return f"{self.service} at {self.location}"


class OpeningTime(models.Model):
    """When a service is open or a group meets, optionally at one of its locations.

    Weekly, fortnightly (counted from a first date) and monthly (the nth weekday) openings have a
    weekday and both times, so the day filter sees them; "by appointment" may have neither.
    On PostgreSQL a change here recomputes the service's search_tags (the trigger
    directory_service_opening_changed, directory/sql/search.sql).
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_times")
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="opening_times"
    )
    frequency = models.CharField(max_length=16, choices=Frequency, default=Frequency.WEEKLY)
    weekday = models.PositiveSmallIntegerField(choices=Weekday, null=True, blank=True)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    starts_on = models.DateField(
        "first date", null=True, blank=True, help_text="For every other week: a date it meets."
    )
    week_of_month = models.SmallIntegerField(
        "week of the month",
        choices=WeekOfMonth,
        null=True,
        blank=True,
        help_text="For once a month: which one, such as the first Monday.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="For example: not in school holidays.")

    history = HistoricalRecords()

    class Meta:
        # Day by day through the week; "by appointment" without a day last on both databases.
        ordering = [models.F("weekday").asc(nulls_last=True), "opens", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens__isnull=True) | Q(closes__isnull=True) | Q(opens__lt=models.F("closes")),
                name="opening_time_opens_before_closes",
                violation_error_message="Opening time must be before closing time.",
            ),
            models.CheckConstraint(
                condition=Q(weekday__isnull=True) | Q(weekday__gte=0, weekday__lte=6),
                name="opening_time_weekday_valid",
            ),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="opening_time_frequency_valid"
            ),
            models.CheckConstraint(
                condition=Q(opens__isnull=True, closes__isnull=True)
                | Q(opens__isnull=False, closes__isnull=False),
                name="opening_time_times_together",
                violation_error_message="Give both the opening and the closing time, or neither.",
            ),
            models.CheckConstraint(
                condition=Q(frequency=Frequency.BY_APPOINTMENT)
                | Q(weekday__isnull=False, opens__isnull=False),
                name="opening_time_scheduled_has_day_and_times",
                violation_error_message="Give the day and the times.",
            ),
            models.CheckConstraint(
                condition=~Q(frequency=Frequency.FORTNIGHTLY) | Q(starts_on__isnull=False),
                name="opening_time_fortnightly_has_first_date",
                violation_error_message="Give a date it meets, to count the weeks from.",
            ),
            models.CheckConstraint(
                # "isnull=False" too: a CHECK passes when its condition is unknown, and NULL IN
                # (...) is unknown, so without it a monthly row with no week would get through.
                condition=(
                    Q(frequency=Frequency.MONTHLY)
                    & Q(week_of_month__isnull=False)
                    & Q(week_of_month__in=WeekOfMonth.values)
                )
                | (~Q(frequency=Frequency.MONTHLY) & Q(week_of_month__isnull=True)),
                name="opening_time_week_of_month_only_monthly",
                violation_error_message="Say which week of the month, for a monthly meeting only.",
            ),
        ]

    def __str__(self):
        return self.describe()

    @property
    def claims_a_day(self) -> bool:
        """Whether the day filter counts this opening on its weekday: weekly, fortnightly and
        monthly ones do; "by appointment" does not, even when it names a usual day."""
        return self.frequency != Frequency.BY_APPOINTMENT and self.weekday is not None

    def describe(self) -> str:
        """In plain words: "Tuesday 10:00–12:00", "Every other Tuesday 10:00–12:00 (from 6 Jan
        2026)", "First Monday of the month 14:00–16:00", "By appointment"."""
        times = f" {self.opens:%H:%M}–{self.closes:%H:%M}" if self.opens and self.closes else ""
        day = self.get_weekday_display() if self.weekday is not None else ""
        if self.frequency == Frequency.BY_APPOINTMENT:
            return f"By appointment{(', ' + day) if day else ''}{times}"
        if self.frequency == Frequency.FORTNIGHTLY:
            start = f" (from {self.starts_on.day} {self.starts_on:%b %Y})" if self.starts_on else ""
            return f"Every other {day}{times}{start}"
        if self.frequency == Frequency.MONTHLY:
            return f"{self.get_week_of_month_display()} {day} of the month{times}"
        return f"{day}{times}"

    # Open Referral's two-letter days (RFC 5545), Monday first as Weekday counts.
    RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

    def schedule(self) -> dict:
        """The Open Referral UK 3.0 schedule fields for this opening (RFC 5545 recurrence):
        weekly is freq WEEKLY, interval 1, byday "TU"; fortnightly is interval 2 with dtstart, the
        first date, to count from; monthly is freq MONTHLY with byday "1MO" or "-1FR" (the last).
        "By appointment" has no recurrence: a description says so. Empty fields are left out, as
        Open Referral asks; the id and service ids are the API's to add. Times are local
        (Scotland's clock), so they carry no fixed UTC offset that summer time would make wrong."""
        fields: dict = {}
        if self.frequency == Frequency.BY_APPOINTMENT:
            fields["description"] = self.describe()
        else:
            day = self.RRULE_DAYS[self.weekday]
            if self.frequency == Frequency.MONTHLY:
                fields.update(freq="MONTHLY", interval=1, byday=f"{self.week_of_month}{day}")
            else:
                fields.update(freq="WEEKLY", interval=2 if self.frequency == Frequency.FORTNIGHTLY else 1)
                fields["byday"] = day
                if self.frequency == Frequency.FORTNIGHTLY:
                    fields["dtstart"] = self.starts_on.isoformat()
        if self.opens is not None and self.closes is not None:
            fields.update(opens_at=f"{self.opens:%H:%M}", closes_at=f"{self.closes:%H:%M}")
        if self.note:
            fields["notes"] = self.note
        return fields

    def clean(self):
        errors = {}
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            errors["closes"] = "Opening time must be before closing time."
        if (self.opens is None) != (self.closes is None):
            errors["closes" if self.opens is not None else "opens"] = (
                "Give both the opening and the closing time, or neither."
            )
        if self.frequency != Frequency.BY_APPOINTMENT:
            if self.weekday is None:
                errors["weekday"] = "Choose the day."
            if self.opens is None and self.closes is None:
                errors["opens"] = "Give the opening and closing times."
        if self.frequency == Frequency.FORTNIGHTLY:
            if self.starts_on is None:
                errors["starts_on"] = "Give a date it meets, to count the weeks from."
            elif self.weekday is not None and self.starts_on.weekday() != self.weekday:
                errors["starts_on"] = "This date is not on the day chosen."
        if self.frequency == Frequency.MONTHLY:
            if self.week_of_month is None:
                errors["week_of_month"] = "Say which week of the month, such as the first."
        else:
            self.week_of_month = None
        if errors:
            raise ValidationError(errors)


class ServiceArea(models.Model):
    """Where a service is available: a council area, an NHS health board, or national coverage.

    On PostgreSQL a change here recomputes the service's place_areas (the trigger
    directory_service_areas_changed, directory/sql/search.sql).
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas")
    kind = models.CharField(max_length=16, choices=AreaKind)
    code = models.CharField(
        max_length=9, blank=True, help_text="The official GSS code, such as S12000042 for Dundee City."
    )
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["kind", "name"]
        indexes = [
            # Search near a postcode: services covering its council, health board or the nation.
            models.Index(fields=["kind", "code"], name="service_area_kind_code_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AreaKind.values), name="service_area_kind_valid"),
            models.CheckConstraint(
                condition=(Q(kind__in=NATIONAL_AREA_KINDS) & Q(code=""))
                | (~Q(kind__in=NATIONAL_AREA_KINDS) & Q(code__regex=r"^[A-Z][0-9]{8}$")),
                name="service_area_code_matches_kind",
                violation_error_message=(
                    "Council areas and health boards need their 9-character code; national coverage has none."
                ),
            ),
            models.UniqueConstraint(fields=["service", "kind", "code"], name="service_area_unique"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.code = self.code.strip().upper()
        national = self.kind in NATIONAL_AREA_KINDS
        if national and self.code:
            raise ValidationError({"code": "National coverage has no area code."})
        if not national and not (len(self.code) == 9 and self.code[0].isalpha() and self.code[1:].isdigit()):
            raise ValidationError({"code": "Give the 9-character official code, such as S12000042."})


class Postcode(models.Model):
    """A postcode with its centre and areas, for offline lookups. Filled by an importer."""

    postcode = models.CharField(max_length=8, primary_key=True)
    # The first half ("DD4"): searches by district average the postcodes that share it.
    outward = models.CharField(max_length=4, db_index=True, editable=False)
    latitude = models.DecimalField(max_digits=8, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    council_code = models.CharField(max_length=9, blank=True)
    health_board_code = models.CharField(max_length=9, blank=True)

    class Meta:
        ordering = ["postcode"]
        constraints = [
            models.CheckConstraint(
                condition=Q(postcode__regex=POSTCODE_DB_PATTERN), name="postcode_normalised"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="postcode_latitude_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180), name="postcode_longitude_range"
            ),
        ]

    def __str__(self):
        return self.postcode

    def save(self, *args, **kwargs):
        self.outward = self.postcode.split(" ")[0]
        super().save(*args, **kwargs)


class SearchWord(models.Model):
    """A word that appears in listings, for "did you mean" suggestions when a search has a typo.

    Rebuilt from the published listings by `manage.py rebuild_search_words` (and after the demo
    data loads). On PostgreSQL a trigram index serves the nearest-word lookup
    (searchword_word_trgm, directory/sql/search.sql).
    """

    word = models.CharField(max_length=40, unique=True)
    services = models.PositiveIntegerField(default=0, help_text="How many listings use the word.")

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


# The search vocabulary's version in the cache: a new value after any change to an entry, a
# topic or an audience, so every process reads the vocabulary again at its next search.
SEARCH_VOCABULARY_VERSION_KEY = "directory:search-vocabulary:version"


class SearchTerm(TimeStamped):
    """An entry of the search vocabulary: a word or phrase people type, and what it means in the
    directory's own terms. A search that contains the phrase finds listings that use any of the
    listing words, or carry any of the topics or audiences, as well as the phrase itself
    (directory/thesaurus.py). Seeded from directory/data/thesaurus.csv by a migration; editors
    change it in the admin and searches use the change within seconds, without a deploy.
    """

    phrase = models.CharField(
        max_length=100,
        unique=True,
        help_text=(
            'What people type, in lower case: one word or several ("passed away", "ex-raf"). '
            'It is matched as whole words, so "bi" never matches inside "bike"; hyphens and '
            "spaces count as the same."
        ),
    )
    topics = models.ManyToManyField(
        Topic,
        blank=True,
        related_name="search_terms",
        help_text="Services with these topics are found, whatever words their listing uses.",
    )
    audiences = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="search_terms",
        help_text="Services for these people are found, whatever words their listing uses.",
    )
    # The elements of support the phrase points to, one column each as on Service. Recorded for
    # editors and for ranking later; the search does not match on them yet.
    offers_friendship = models.BooleanField("friendship and peer support", default=False)
    offers_emotional = models.BooleanField("emotional support", default=False)
    offers_meaning = models.BooleanField("constructing meaning", default=False)
    offers_practical = models.BooleanField("practical advice", default=False)
    offers_material = models.BooleanField("material assistance", default=False)
    words = models.TextField(
        "listing words",
        blank=True,
        help_text=(
            "The words and phrases listings use for the same thing, separated by semicolons "
            '("bereavement; grief; lost a partner"). A listing with any of them is found.'
        ),
    )
    note = models.TextField(blank=True, help_text="For editors: why the entry is here, or what to watch for.")

    history = HistoricalRecords(m2m_fields=[topics, audiences])

    class Meta:
        ordering = ["phrase"]
        verbose_name = "search vocabulary entry"
        verbose_name_plural = "search vocabulary"
        constraints = [
            models.CheckConstraint(
                condition=Q(phrase=Lower("phrase")) & ~Q(phrase=""),
                name="search_term_phrase_lower_case",
                violation_error_message="Write the phrase in lower case.",
            ),
        ]

    def __str__(self):
        return self.phrase

    @property
    def listing_words(self) -> list[str]:
        return split_words(self.words)

    def clean(self):
        self.phrase = " ".join((self.phrase or "").lower().split())
        if not self.phrase:
            raise ValidationError({"phrase": "Write the word or phrase people type."})


def split_words(text: str) -> list[str]:
    """A semicolon-separated list of words or phrases, tidied: lower case, single spaces, no blanks."""
    return [" ".join(word.lower().split()) for word in (text or "").split(";") if word.strip()]


class ProblemReport(models.Model):
    """Someone's report that a listing is wrong, or a concern about it. Editors resolve it.

    The reporter's email address is optional and only for a reply; it is cleared once the report
    has been resolved for PROBLEM_REPORT_EMAIL_RETENTION_DAYS (manage.py purge_personal_data).
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="problem_reports")
    kind = models.CharField(max_length=24, choices=ProblemKind)
    details = models.TextField()
    reporter_email = models.EmailField("email for a reply", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=ProblemStatus, default=ProblemStatus.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [
            # The editors' queue lists open reports, oldest first.
            models.Index(fields=["status", "created"], name="problem_report_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProblemKind.values), name="problem_report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ProblemStatus.values), name="problem_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ProblemStatus.OPEN)
                | (Q(resolved_at__isnull=False) & ~Q(resolution_note="")),
                name="problem_report_resolved_has_note",
                violation_error_message="Say how the report was resolved.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.service}"

    def clean(self):
        if self.status == ProblemStatus.RESOLVED and not self.resolution_note.strip():
            raise ValidationError({"resolution_note": "Say how the report was resolved."})


def _search_vocabulary_changed(sender, **kwargs):
    """Any change to the vocabulary, or to a topic's or audience's name, takes effect at the next
    search in every process (directory.thesaurus reads the version at each search)."""
    from django.core.cache import cache

    cache.set(SEARCH_VOCABULARY_VERSION_KEY, uuid.uuid4().hex, None)


for _model in (SearchTerm, Topic, Audience):
    post_save.connect(
        _search_vocabulary_changed, sender=_model, dispatch_uid=f"vocabulary-save-{_model.__name__}"
    )
    post_delete.connect(
        _search_vocabulary_changed, sender=_model, dispatch_uid=f"vocabulary-delete-{_model.__name__}"
    )
for _through in (SearchTerm.topics.through, SearchTerm.audiences.through):
    m2m_changed.connect(
        _search_vocabulary_changed, sender=_through, dispatch_uid=f"vocabulary-m2m-{_through.__name__}"
    )

"""Fill the current (PostgreSQL) database with n synthetic published services, fast, with COPY.

    from tests.bench.generate import generate, truncate_directory
    truncate_directory()
    generate(200_000)

Every row satisfies the models' CHECK constraints. Text comes from the word banks in themes.py and
places from places.py; a fixed seed makes the data the same on every run. Besides the n published
services there are about 2% drafts, pending and archived listings, so searches must filter by status.

COPY lists its columns explicitly (the columns of migrations 0001, 0003 and 0007), so a nullable
column (like the search_vector a trigger keeps) need not be named; a NOT NULL one must be, since
Django's field defaults are not the database's. Topic
and audience links, locations, areas and opening times are copied before the services they belong to (the foreign
keys are deferred to commit), so the triggers that build a service's search document and place
columns from them see them on the service's INSERT, rather than updating every service again.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import time as clock
from datetime import timedelta
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.choices import Freshness
from directory.freshness import freshness_on
from directory.models import (
    Audience,
    Location,
    OpeningTime,
    Organisation,
    Postcode,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Topic,
)
from tests.bench.places import PLACES, Area, Place, areas_by_outward
from tests.bench.themes import (
    ACCESSIBILITY,
    DAYS,
    GENERIC_SENTENCES,
    LANGUAGES,
    MEETING_SENTENCES,
    REFERS_ON,
    REMOTE_SENTENCES,
    STREETS,
    THEMES,
    TIMES,
    VENUES,
    Theme,
)

SEED = 20261126
CHUNK_SIZE = 20_000
SERVICES_PER_ORGANISATION = 4
UNPUBLISHED_EVERY = 50  # one extra draft/pending/archived listing per 50 published
JITTER_KM = 5.0
INWARD_CODES = ("1AA", "2AB", "3BD", "4DE", "5EF", "6FG")
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

ORGANISATION_COLUMNS = (
    "id",
    "created",
    "updated",
    "uuid",
    "name",
    "slug",
    "kind",
    "charity_number",
    "other_registration",
    "description",
    "website",
    "email",
    "phone",
    "is_referrer",
    "is_provider",
)
SERVICE_COLUMNS = (
    "id",
    "created",
    "updated",
    "uuid",
    "organisation_id",
    "name",
    "slug",
    "summary",
    "description",
    "offers_friendship",
    "offers_emotional",
    "offers_meaning",
    "offers_practical",
    "offers_material",
    "structure",
    "peer_led",
    "mutual",
    "mode_group",
    "mode_one_to_one",
    "mode_home_visit",
    "mode_phone",
    "mode_online",
    "mode_text_chat",
    "age_min",
    "age_max",
    "cost",
    "cost_note",
    "self_referral",
    "professional_referral",
    "accepts_supportmap_referrals",
    "contact_name",
    "email",
    "phone",
    "website",
    "languages",
    "accessibility_notes",
    "has_confidentiality_policy",
    "has_boundaries_policy",
    "trained_volunteers",
    "supervision",
    "pvg_checked_volunteers",
    "has_safeguarding_lead",
    "refers_on_to",
    "capacity",
    "waiting_weeks",
    "status",
    "last_reviewed",
    "mode_in_person",
    "review_note",
    "freshness",
)
LOCATION_COLUMNS = (
    "id",
    "created",
    "updated",
    "uuid",
    "organisation_id",
    "name",
    "address_1",
    "address_2",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "hide_exact_address",
)
SERVICE_AT_LOCATION_COLUMNS = ("id", "uuid", "service_id", "location_id")
SERVICE_AREA_COLUMNS = ("id", "service_id", "kind", "code", "name")
OPENING_TIME_COLUMNS = ("id", "service_id", "location_id", "weekday", "opens", "closes", "note", "frequency")
POSTCODE_COLUMNS = ("postcode", "outward", "latitude", "longitude", "council_code", "health_board_code")
TOPIC_LINK_COLUMNS = ("id", "service_id", "topic_id")
AUDIENCE_LINK_COLUMNS = ("id", "service_id", "audience_id")

ELEMENTS = ("friendship", "emotional", "meaning", "practical", "material")
MODES = ("group", "one_to_one", "home_visit", "phone", "online", "text_chat")
REMOTE_MODES = ("phone", "online", "text_chat")
CAPACITIES = (("open", 80), ("waiting_list", 10), ("full", 6), ("temporarily_closed", 4))
COSTS = (("free", 75), ("low_cost", 18), ("paid", 7))
COST_NOTES = {
    "free": ("", "", "Donations welcome."),
    "low_cost": ("£2 a session, tea included.", "£3 a week, or pay what you can.", "£5 a term."),
    "paid": ("£25 a session; reduced fees available.", "£10 a month membership.", "Sliding scale from £15."),
}
SLOTS = (
    (clock(9, 30), clock(11, 30)),
    (clock(10, 0), clock(12, 0)),
    (clock(13, 0), clock(15, 0)),
    (clock(14, 0), clock(16, 0)),
    (clock(18, 0), clock(20, 0)),
    (clock(19, 0), clock(21, 0)),
)
OPENING_NOTES = ("", "", "", "", "Fortnightly", "Term time only", "First week of the month")
FIRST_NAMES = (
    "Ann",
    "David",
    "Fiona",
    "Iain",
    "Karen",
    "Morag",
    "Priya",
    "Tom",
    "Aisha",
    "Gareth",
    "Siobhan",
)
SURNAMES = ("Campbell", "Smith", "Khan", "Jones", "Murray", "O'Neill", "Robertson", "Patel", "Evans", "Reid")
ORGANISATION_KINDS = ("charity", "community_group", "peer_support_group", "social_enterprise", "other")


def directory_tables() -> list[str]:
    """The tables the generator fills (the seeded audience and topic tables are not among them)."""
    return [
        Organisation._meta.db_table,
        Location._meta.db_table,
        Service._meta.db_table,
        Service.topics.through._meta.db_table,
        Service.audiences.through._meta.db_table,
        ServiceAtLocation._meta.db_table,
        ServiceArea._meta.db_table,
        OpeningTime._meta.db_table,
        Postcode._meta.db_table,
    ]


def truncate_directory() -> None:
    """Empty the generated tables (and whatever refers to them, such as referrals)."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(directory_tables())} RESTART IDENTITY CASCADE")


class _Picker:
    """Weighted choice from a fixed list, with the cumulative weights computed once."""

    def __init__(self, items: Sequence, weights: Sequence[int]):
        self.items = list(items)
        self.cumulative = list(accumulate(weights))

    def __call__(self, rng: random.Random):
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def _jitter(rng: random.Random, latitude: float, longitude: float, km: float) -> tuple[str, str]:
    """A point uniformly within `km` of the centre, as the 6-decimal strings the columns store."""
    distance = km * math.sqrt(rng.random())
    bearing = rng.random() * 2 * math.pi
    dlat = distance * math.cos(bearing) / 111.2
    dlng = distance * math.sin(bearing) / (111.2 * math.cos(math.radians(latitude)))
    return f"{latitude + dlat:.6f}", f"{longitude + dlng:.6f}"


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _copy(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


class _Ids:
    """The next primary key of each generated table (the tables start empty)."""

    def __init__(self):
        self.location = self.service_at_location = self.area = self.opening = 0
        self.topic_link = self.audience_link = 0


class _Batch:
    """Rows of every table for one chunk of services."""

    def __init__(self):
        self.services: list[tuple] = []
        self.locations: list[tuple] = []
        self.service_at_locations: list[tuple] = []
        self.areas: list[tuple] = []
        self.openings: list[tuple] = []
        self.topic_links: list[tuple] = []
        self.audience_links: list[tuple] = []


class Generator:
    def __init__(self, n: int, seed: int = SEED):
        self.n = n
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.areas: dict[str, Area] = areas_by_outward()
        self.pick_place = _Picker(PLACES, [place.weight for place in PLACES])
        self.pick_theme = _Picker(THEMES, [theme.weight for theme in THEMES])
        self.pick_capacity = _Picker(*zip(*CAPACITIES, strict=True))
        self.pick_cost = _Picker(*zip(*COSTS, strict=True))
        self.pick_language = _Picker(*zip(*LANGUAGES, strict=True))
        self.structure_pickers = {
            theme.key: _Picker(*zip(*theme.structures, strict=True)) for theme in THEMES
        }
        self.topic_ids = dict(Topic.objects.values_list("slug", "id"))
        self.audience_ids = dict(Audience.objects.values_list("slug", "id"))
        self.all_topics = sorted(self.topic_ids)
        self.n_organisations = max(1, n // SERVICES_PER_ORGANISATION)
        self.organisation_theme: list[Theme] = []
        self.organisation_place: list[Place] = []
        self.ids = _Ids()

    # --- postcodes and organisations ------------------------------------------------------------

    def postcode_rows(self) -> list[tuple]:
        from directory.demo.data import AREAS, EXTRA_POSTCODES, HEALTH_BOARD_CODE

        rows = {}
        for code, latitude, longitude, council in EXTRA_POSTCODES:  # the demo's DD4 7AA and friends
            rows[code] = (code, code.split()[0], f"{latitude:.6f}", f"{longitude:.6f}")
            rows[code] += (AREAS[council][1], HEALTH_BOARD_CODE)
        for place in PLACES:
            area = self.areas[place.outward]
            for inward in INWARD_CODES:
                code = f"{place.outward} {inward}"
                if code not in rows:
                    latitude, longitude = _jitter(self.rng, place.latitude, place.longitude, 1.5)
                    rows[code] = (
                        code,
                        place.outward,
                        latitude,
                        longitude,
                        area.council_code,
                        area.board_code,
                    )
        return list(rows.values())

    def organisation_rows(self) -> Iterable[tuple]:
        rng = self.rng
        for org_id in range(1, self.n_organisations + 1):
            theme = self.pick_theme(rng)
            place = self.pick_place(rng)
            self.organisation_theme.append(theme)
            self.organisation_place.append(place)
            name = f"{place.town} {rng.choice(theme.org_names)}"
            kind = theme.org_kind if rng.random() < 0.8 else rng.choice(ORGANISATION_KINDS)
            charity_number = other_registration = ""
            if kind == "charity":
                if place.country == "S":
                    charity_number = f"SC{rng.randrange(1_000_000):06d}"
                else:
                    other_registration = f"Registered charity {rng.randrange(200_000, 1_200_000)}"
            slug = f"{slugify(name)}-{org_id}"
            created = self.now - timedelta(days=rng.randrange(30, 3000))
            yield (
                org_id,
                created,
                created,
                _uuid(rng),
                name,
                slug,
                kind,
                charity_number,
                other_registration,
                f"{name} supports people in and around {place.town}. {rng.choice(theme.sentences)}",
                f"https://example.org/{slug}",
                f"hello@{slug[:40]}.example.org",
                f"0131 496 {org_id % 10_000:04d}",
                False,
                True,
            )

    # --- services -------------------------------------------------------------------------------

    def _elements(self, theme: Theme, peer_led: bool) -> set[str]:
        chosen = set(theme.elements)
        for element in ELEMENTS:
            if self.rng.random() < 0.15:
                chosen.add(element)
        if peer_led:
            chosen.add("friendship")  # peer support sits in friendship (DOMAIN.md)
        return chosen

    def _modes(self, theme: Theme, reach: str) -> set[str]:
        rng = self.rng
        if reach == "national":
            candidates = [mode for mode in theme.modes if mode in REMOTE_MODES] or ["phone"]
        elif reach == "area":
            candidates = ["home_visit", "phone"]
        else:
            candidates = list(theme.modes)
        chosen = {candidates[0] if rng.random() < 0.6 else rng.choice(candidates)}
        for mode in candidates:
            if rng.random() < 0.3:
                chosen.add(mode)
        if reach == "located" and rng.random() < 0.05:
            chosen.add(rng.choice(MODES))
        return chosen

    def _tags(self, theme: Theme) -> tuple[set[str], set[str]]:
        rng = self.rng
        topics = {theme.topics[0]} if rng.random() < 0.85 else set()
        topics.update(topic for topic in theme.topics[1:] if rng.random() < 0.35)
        if rng.random() < 0.05 or not topics:
            topics.add(rng.choice(self.all_topics))
        audiences = {theme.audiences[0]} if rng.random() < 0.6 else set()
        audiences.update(audience for audience in theme.audiences[1:] if rng.random() < 0.2)
        return topics, audiences

    def _ages(self, audiences: set[str]) -> tuple[int | None, int | None]:
        rng = self.rng
        if "children" in audiences:
            return 5, 12
        if "young_people" in audiences:
            return rng.choice((11, 12, 14, 16)), rng.choice((18, 21, 25))
        if "older_people" in audiences:
            return rng.choice((50, 55, 60, 65)), None
        if rng.random() < 0.15:
            return rng.choice((16, 18)), None
        return None, None

    def _name(self, theme: Theme, place: Place, reach: str) -> str:
        rng = self.rng
        base = rng.choice(theme.names)
        if reach == "national":
            return base if rng.random() < 0.5 else f"{rng.choice(theme.org_names)} {base}"
        r = rng.random()
        if r < 0.45:
            return f"{place.town} {base}"
        if r < 0.6:
            return f"{base} in {place.town}"
        if r < 0.7:
            return f"{rng.choice(DAYS)} {base}"
        return base

    def _description(self, theme: Theme, place: Place, reach: str, group: bool) -> str:
        rng = self.rng
        sentences = rng.sample(theme.sentences, rng.randint(2, 3))
        if reach == "national":
            sentences.append(rng.choice(REMOTE_SENTENCES))
        elif group:
            meeting = rng.choice(MEETING_SENTENCES)
            sentences.insert(
                1, meeting.format(day=rng.choice(DAYS), time=rng.choice(TIMES), venue=rng.choice(VENUES))
            )
        else:
            sentences.append(f"We support people across {place.town} and the surrounding area.")
        sentences.extend(rng.sample(GENERIC_SENTENCES, rng.randint(2, 4)))
        if rng.random() < 0.3:
            middle = len(sentences) // 2
            return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])
        return " ".join(sentences)

    def _locations(self, batch: _Batch, service_id: int, org_id: int, place: Place, group: bool) -> None:
        rng, ids = self.rng, self.ids
        for index in range(2 if rng.random() < 0.06 else 1):
            where = place if index == 0 or rng.random() < 0.5 else self.pick_place(rng)
            latitude, longitude = _jitter(rng, where.latitude, where.longitude, JITTER_KM)
            unit = f"{rng.randint(1, 9)}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
            ids.location += 1
            batch.locations.append(
                (
                    ids.location,
                    self.now,
                    self.now,
                    _uuid(rng),
                    org_id,
                    f"{where.town} {rng.choice(VENUES).title()}",
                    f"{rng.randint(1, 250)} {rng.choice(STREETS)}",
                    "",
                    where.town,
                    f"{where.outward} {unit}",
                    latitude,
                    longitude,
                    rng.random() < 0.05,
                )
            )
            ids.service_at_location += 1
            batch.service_at_locations.append((ids.service_at_location, _uuid(rng), service_id, ids.location))
            if group or rng.random() < 0.5:
                for _ in range(rng.choices((0, 1, 2), weights=(1, 7, 2))[0]):
                    opens, closes = rng.choice(SLOTS)
                    weekday = rng.choices(range(7), weights=(5, 5, 5, 5, 4, 2, 1))[0]
                    ids.opening += 1
                    batch.openings.append(
                        (
                            ids.opening,
                            service_id,
                            ids.location,
                            weekday,
                            opens,
                            closes,
                            rng.choice(OPENING_NOTES),
                            "weekly",
                        )
                    )

    def _area(self, batch: _Batch, service_id: int, kind: str, code: str, name: str) -> None:
        self.ids.area += 1
        batch.areas.append((self.ids.area, service_id, kind, code, name))

    def add_service(self, batch: _Batch, service_id: int, published: bool) -> None:
        rng = self.rng
        org_index = rng.randrange(self.n_organisations)
        theme = self.organisation_theme[org_index] if rng.random() < 0.65 else self.pick_theme(rng)
        place = self.organisation_place[org_index] if rng.random() < 0.85 else self.pick_place(rng)
        r = rng.random()
        reach = "national" if r < theme.national else "area" if r < theme.national + 0.04 else "located"
        peer_led = rng.random() < theme.peer_led
        elements = self._elements(theme, peer_led)
        modes = self._modes(theme, reach)
        topics, audiences = self._tags(theme)
        age_min, age_max = self._ages(audiences)
        structure = self.structure_pickers[theme.key](rng)
        cost = "low_cost" if theme.key == "counselling" and rng.random() < 0.5 else self.pick_cost(rng)
        self_referral = rng.random() < 0.85
        professional = rng.random() < 0.5
        supportmap = rng.random() < 0.35
        if not (self_referral or professional or supportmap):
            self_referral = True
        careful = {"formal": 0.9, "semi_formal": 0.7, "close": 0.5}.get(structure, 0.4)
        safeguards = tuple(rng.random() < careful for _ in range(6))
        capacity = self.pick_capacity(rng)
        waiting_weeks = rng.randint(1, 16) if capacity == "waiting_list" and rng.random() < 0.7 else None
        reviewed_days = int(900 * rng.random() ** 1.3)
        if published:
            status, last_reviewed = "published", self.today - timedelta(days=reviewed_days)
        else:
            status = rng.choice(("draft", "pending_review", "archived"))
            last_reviewed = None if status == "draft" else self.today - timedelta(days=reviewed_days)
        created = self.now - timedelta(days=reviewed_days + rng.randrange(0, 700))
        updated = self.now - timedelta(days=reviewed_days)
        name = self._name(theme, place, reach)
        summary = rng.choice(theme.summaries)
        if reach != "national" and rng.random() < 0.3:
            summary = f"{place.town}: {summary}"
        slug = f"{slugify(name)[:180]}-{service_id}"
        contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" if rng.random() < 0.4 else ""
        batch.services.append(
            (
                service_id,
                created,
                updated,
                _uuid(rng),
                org_index + 1,
                name,
                slug,
                summary,
                self._description(theme, place, reach, "group" in modes),
                *(element in elements for element in ELEMENTS),
                structure,
                peer_led,
                peer_led and rng.random() < 0.7 or rng.random() < 0.1,
                *(mode in modes for mode in MODES),
                age_min,
                age_max,
                cost,
                rng.choice(COST_NOTES[cost]),
                self_referral,
                professional,
                supportmap,
                contact,
                f"info{service_id}@example.org",
                f"0113 496 {service_id % 10_000:04d}",
                f"https://example.org/{slug}" if rng.random() < 0.6 else "",
                self.pick_language(rng),
                rng.choice(ACCESSIBILITY),
                *safeguards,
                rng.choice(REFERS_ON),
                capacity,
                waiting_weeks,
                status,
                last_reviewed,
                "in_person" in modes,
                "",
                freshness_on(last_reviewed, self.today) if published else Freshness.CURRENT,
            )
        )
        for topic in topics:
            self.ids.topic_link += 1
            batch.topic_links.append((self.ids.topic_link, service_id, self.topic_ids[topic]))
        for audience in audiences:
            self.ids.audience_link += 1
            batch.audience_links.append((self.ids.audience_link, service_id, self.audience_ids[audience]))

        area = self.areas[place.outward]
        if reach == "national":
            if place.country == "S" and rng.random() < 0.5:
                self._area(batch, service_id, "scotland", "", "Scotland")
            else:
                self._area(batch, service_id, "uk", "", "United Kingdom")
            if "phone" in modes and rng.random() < 0.4:
                for weekday in range(5):
                    self.ids.opening += 1
                    batch.openings.append(
                        (self.ids.opening, service_id, None, weekday, clock(9), clock(17), "", "weekly")
                    )
            return
        self._area(batch, service_id, "council", area.council_code, area.council_name)
        if area.board_code and rng.random() < 0.4:
            self._area(batch, service_id, "health_board", area.board_code, area.board_name)
        if reach == "located":
            self._locations(batch, service_id, org_index + 1, place, "group" in modes)

    def write(self, batch: _Batch) -> None:
        """One chunk in one transaction. What a service links to first: see the module docstring."""
        with transaction.atomic(), connection.connection.cursor() as cursor:
            _copy(cursor, Service.topics.through._meta.db_table, TOPIC_LINK_COLUMNS, batch.topic_links)
            _copy(
                cursor, Service.audiences.through._meta.db_table, AUDIENCE_LINK_COLUMNS, batch.audience_links
            )
            _copy(cursor, Location._meta.db_table, LOCATION_COLUMNS, batch.locations)
            _copy(
                cursor,
                ServiceAtLocation._meta.db_table,
                SERVICE_AT_LOCATION_COLUMNS,
                batch.service_at_locations,
            )
            _copy(cursor, ServiceArea._meta.db_table, SERVICE_AREA_COLUMNS, batch.areas)
            _copy(cursor, OpeningTime._meta.db_table, OPENING_TIME_COLUMNS, batch.openings)
            _copy(cursor, Service._meta.db_table, SERVICE_COLUMNS, batch.services)


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for table in directory_tables():
            if table == Postcode._meta.db_table:
                continue
            cursor.execute(
                # The table names come from the models, never from input.
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)",  # noqa: S608
                [table],
            )


def _rebuild_search_words(log: Callable[[str], None]) -> None:
    """The search's "did you mean" vocabulary, when the search provides one."""
    try:
        from directory.search.words import rebuild_search_words
    except ImportError:
        return
    started = time.perf_counter()
    words = rebuild_search_words()
    log(f"  search vocabulary: {words:,} words ({time.perf_counter() - started:.1f} s)")


def generate(
    n: int, *, seed: int = SEED, chunk_size: int = CHUNK_SIZE, log: Callable[[str], None] = print
) -> dict:
    """Load n published services (and their organisations, places, times and areas). Tables must be empty."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark generator needs PostgreSQL (it loads with COPY).")
    if Service.objects.exists() or Organisation.objects.exists() or Postcode.objects.exists():
        raise RuntimeError("The directory tables are not empty: call truncate_directory() first.")
    connection.ensure_connection()
    started = time.perf_counter()
    generator = Generator(n, seed)

    with transaction.atomic(), connection.connection.cursor() as cursor:
        postcodes = _copy(cursor, Postcode._meta.db_table, POSTCODE_COLUMNS, generator.postcode_rows())
        organisations = _copy(
            cursor, Organisation._meta.db_table, ORGANISATION_COLUMNS, generator.organisation_rows()
        )
    log(f"  {postcodes:,} postcodes, {organisations:,} organisations ({time.perf_counter() - started:.1f} s)")

    service_id = published = 0
    while published < n:
        batch = _Batch()
        for _ in range(min(chunk_size, n - published)):
            service_id += 1
            published += 1
            generator.add_service(batch, service_id, published=True)
            if published % UNPUBLISHED_EVERY == 0:
                service_id += 1
                generator.add_service(batch, service_id, published=False)
        generator.write(batch)
        elapsed = time.perf_counter() - started
        log(f"  services {published:,}/{n:,} ({elapsed:.1f} s, {published / elapsed:,.0f}/s)")

    _reset_sequences()
    _rebuild_search_words(log)
    analyse_started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(directory_tables())}")
    ids = generator.ids
    counts = {
        "services": service_id,
        "published": published,
        "organisations": organisations,
        "locations": ids.location,
        "service_at_locations": ids.service_at_location,
        "areas": ids.area,
        "opening_times": ids.opening,
        "topic_links": ids.topic_link,
        "audience_links": ids.audience_link,
        "postcodes": postcodes,
        "seconds": round(time.perf_counter() - started, 1),
    }
    log(f"  vacuum + analyze ({time.perf_counter() - analyse_started:.1f} s)")
    log("  " + ", ".join(f"{key} {value:,}" for key, value in counts.items()))
    return counts

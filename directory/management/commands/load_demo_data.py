"""`manage.py load_demo_data [--if-empty]`: load or refresh the fictional Tayside demo data.

Idempotent: rows are found by their natural keys (slugs, organisation and location name,
postcode) and updated in place, so a second run changes nothing and every UUID stays the same.
The data itself lives in directory/demo/data.py.
"""

from collections import Counter
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory.choices import DeliveryMode, Element, Frequency, ServiceStatus
from directory.demo import data
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
    element_field,
    home_cell_centre,
    mode_field,
)
from directory.postcodes import normalise_postcode
from directory.search import sqlite as search_sqlite
from directory.search.words import rebuild_search_words
from directory.taxonomy import AUDIENCES, TOPICS

# Keys of a service in data.SERVICES that are not plain Service fields.
RELATED_KEYS = (
    "organisation",
    "elements",
    "modes",
    "safeguards",
    "audiences",
    "topics",
    "locations",
    "areas",
    "times",
    "reviewed_days_ago",
)
SERVICE_DEFAULTS = {
    "peer_led": False,
    "mutual": False,
    "age_min": None,
    "age_max": None,
    "cost": "free",
    "cost_note": "",
    "self_referral": True,
    "professional_referral": False,
    "accepts_supportmap_referrals": False,
    "contact_name": "",
    "languages": "English",
    "accessibility_notes": "",
    "refers_on_to": "",
    "capacity": "open",
    "waiting_weeks": None,
}


def coordinate(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def save(instance):
    """Every row is validated (clean() and the model's constraints) before it is saved."""
    instance.full_clean()
    instance.save()
    return instance


def upsert(model, lookup: dict, values: dict):
    """Find the row by `lookup` (or start a new one), and save it only if something changed."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    changed = instance._state.adding or any(getattr(instance, k) != v for k, v in values.items())
    for name, value in values.items():
        setattr(instance, name, value)
    return save(instance) if changed else instance


def by_slug(model, slugs, what: str) -> list:
    found = {row.slug: row for row in model.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise CommandError(f"Unknown {what} in the demo data: {', '.join(missing)}.")
    return [found[slug] for slug in slugs]


def flags(field_for, chosen, allowed, what: str) -> dict:
    unknown = set(chosen) - set(allowed)
    if unknown:
        raise CommandError(f"Unknown {what} in the demo data: {', '.join(sorted(unknown))}.")
    return {field_for(key): key in chosen for key in allowed}


class Command(BaseCommand):
    help = "Load or refresh the fictional Tayside demo directory (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the directory already has any organisation.",
        )

    def handle(self, *args, if_empty=False, verbosity=1, **options):
        if if_empty and Organisation.objects.exists():
            if verbosity:
                self.stdout.write("The directory already has organisations: demo data not loaded.")
            return
        with transaction.atomic():
            self.ensure_taxonomy()
            postcodes = self.load_postcodes()
            locations = self.load_organisations()
            for spec in data.SERVICES:
                self.load_service(spec, locations)
            rebuild_search_words()
            search_sqlite.rebuild()  # SQLite's FTS5 index (signals keep it too; this is the whole of it)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded: {len(data.ORGANISATIONS)} organisations, "
                    f"{len(data.SERVICES)} services, {len(locations)} locations, "
                    f"{postcodes} postcodes."
                )
            )

    def ensure_taxonomy(self):
        """The standard audiences and topics (a migration seeds them; a flushed database has none)."""
        for model, entries in ((Audience, AUDIENCES), (Topic, TOPICS)):
            for slug, name in entries:
                upsert(model, {"slug": slug}, {"name": name})

    def load_postcodes(self) -> int:
        rows = {normalise_postcode(pc): (lat, lng, area) for pc, lat, lng, area in data.EXTRA_POSTCODES}
        for organisation in data.ORGANISATIONS:
            for place in organisation["locations"]:
                council = data.TOWN_COUNCILS[place["town"]]
                rows.setdefault(
                    normalise_postcode(place["postcode"]), (place["latitude"], place["longitude"], council)
                )
        for postcode, (lat, lng, council) in rows.items():
            values = {
                "latitude": coordinate(lat),
                "longitude": coordinate(lng),
                "council_code": data.AREAS[council][1],
                "health_board_code": data.HEALTH_BOARD_CODE,
            }
            upsert(Postcode, {"postcode": postcode}, values)
        return len(rows)

    def load_organisations(self) -> dict:
        """Save organisations and their locations; return locations by (organisation slug, name)."""
        locations = {}
        for spec in data.ORGANISATIONS:
            values = {
                "name": spec["name"],
                "kind": spec["kind"],
                "charity_number": spec.get("charity_number", ""),
                "other_registration": spec.get("other_registration", ""),
                "description": spec["description"],
                "website": spec["website"],
                "email": spec["email"],
                "phone": spec["phone"],
            }
            organisation = upsert(Organisation, {"slug": spec["slug"]}, values)
            for place in spec["locations"]:
                values = {
                    "address_1": place.get("address_1", ""),
                    "address_2": place.get("address_2", ""),
                    "town": place["town"],
                    "postcode": normalise_postcode(place["postcode"]),
                    "latitude": coordinate(place["latitude"]),
                    "longitude": coordinate(place["longitude"]),
                    "hide_exact_address": place.get("hide_exact_address", False),
                }
                if values["hide_exact_address"]:
                    # As Location.save() stores a home: its grid cell's centre, so a second load
                    # finds nothing changed.
                    values["latitude"], values["longitude"] = home_cell_centre(
                        values["latitude"], values["longitude"]
                    )
                lookup = {"organisation": organisation, "name": place["name"]}
                locations[(spec["slug"], place["name"])] = upsert(Location, lookup, values)
        return locations

    def load_service(self, spec: dict, locations: dict) -> Service:
        organisation = Organisation.objects.get(slug=spec["organisation"])
        fields = {key: value for key, value in spec.items() if key not in RELATED_KEYS}
        values = {
            **SERVICE_DEFAULTS,
            "email": organisation.email,
            "phone": organisation.phone,
            "website": organisation.website,
            **fields,
            **flags(element_field, spec["elements"], Element.values, "elements"),
            **flags(mode_field, spec["modes"], DeliveryMode.values, "delivery modes"),
            **{name: name in spec.get("safeguards", ()) for name in data.ALL_SAFEGUARDS},
            "organisation": organisation,
            "status": ServiceStatus.PUBLISHED,
            "last_reviewed": timezone.localdate() - timedelta(days=spec["reviewed_days_ago"]),
        }
        # As manage.py check_freshness would set it, so the demo shows overdue listings at once.
        values["freshness"] = freshness_on(values["last_reviewed"], timezone.localdate())
        service = upsert(Service, {"slug": spec["slug"]}, values)
        service.audiences.set(by_slug(Audience, spec.get("audiences", []), "audiences"))
        service.topics.set(by_slug(Topic, spec.get("topics", []), "topics"))

        places = {name: locations[(organisation.slug, name)] for name in spec.get("locations", [])}
        self.sync_locations(service, places.values())
        self.sync_areas(service, [data.AREAS[key] for key in spec["areas"]])
        self.sync_opening_times(service, spec.get("times", []), places)
        return service

    def sync_locations(self, service, wanted):
        """Keep existing service-at-location links (their UUIDs are public); add or drop the rest."""
        wanted_ids = {location.pk for location in wanted}
        service.service_at_locations.exclude(location_id__in=wanted_ids).delete()
        existing = set(service.service_at_locations.values_list("location_id", flat=True))
        for location_id in sorted(wanted_ids - existing):
            save(ServiceAtLocation(service=service, location_id=location_id))

    def sync_areas(self, service, wanted):
        current = Counter(service.areas.values_list("kind", "code", "name"))
        if current != Counter(wanted):
            service.areas.all().delete()
            for kind, code, name in wanted:
                save(ServiceArea(service=service, kind=kind, code=code, name=name))

    def sync_opening_times(self, service, entries, places):
        fields = (
            "frequency",
            "weekday",
            "opens",
            "closes",
            "starts_on",
            "week_of_month",
            "note",
            "location_id",
        )
        wanted = [self.opening_values(entry, places) for entry in entries]
        current = Counter(service.opening_times.values_list(*fields))
        if current != Counter(tuple(values[name] for name in fields) for values in wanted):
            service.opening_times.all().delete()
            for values in wanted:
                save(OpeningTime(service=service, **values))

    @staticmethod
    def opening_values(entry, places) -> dict:
        """An OpeningTime's fields from a weekly tuple (weekday, opens, closes[, note[, place]])
        or from a dict made by data.fortnightly(), data.monthly() or data.by_appointment()."""
        if not isinstance(entry, dict):
            weekday, opens, closes, *rest = entry
            entry = {
                "frequency": Frequency.WEEKLY,
                "weekday": weekday,
                "opens": opens,
                "closes": closes,
                "note": rest[0] if rest else "",
                "location": rest[1] if len(rest) > 1 else None,
            }
        starts_on = entry.get("starts_on")
        return {
            "frequency": entry["frequency"],
            "weekday": entry.get("weekday"),
            "opens": time.fromisoformat(entry["opens"]) if entry.get("opens") else None,
            "closes": time.fromisoformat(entry["closes"]) if entry.get("closes") else None,
            "starts_on": date.fromisoformat(starts_on) if starts_on else None,
            "week_of_month": entry.get("week_of_month"),
            "note": entry.get("note") or "",
            "location_id": places[entry["location"]].pk if entry.get("location") else None,
        }

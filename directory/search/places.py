"""Where the person searches from: the postcode's place, and distances from it.

page.search_services resolves the postcode once (resolve_origin, one query) into an Origin; the
candidates are then found near it by postgres.fetch_postgres (in its own SQL) or
portable.find_places (SQLite), and the cards and nearby groups measure distances with the same
haversine formula, in SQL (haversine_km) or in Python (great_circle_km).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db.models import Avg, Count, FloatField, Value
from django.db.models.functions import ASin, Cast, Cos, Radians, Sin, Sqrt

from directory.models import Postcode

EARTH_RADIUS_KM = 6371.0


@dataclass
class Origin:
    """Where the person searches from: a postcode's centre and its council and health board."""

    label: str
    latitude: float
    longitude: float
    council_code: str
    health_board_code: str

    @property
    def in_scotland(self) -> bool:
        return self.council_code.startswith("S")


def resolve_origin(kind: str, code: str) -> Origin | None:
    """One query: a full postcode's row, or the average of the postcodes in an outward code."""
    if kind == "full":
        row = Postcode.objects.filter(postcode=code).values_list(
            "latitude", "longitude", "council_code", "health_board_code"
        )
        row = row.first()
        return Origin(code, float(row[0]), float(row[1]), row[2], row[3]) if row else None
    groups = list(
        Postcode.objects.filter(outward=code)
        .values("council_code", "health_board_code")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lng=Avg("longitude"))
        .order_by("-n")
    )
    if not groups:
        return None
    n = sum(group["n"] for group in groups)
    latitude = sum(float(group["lat"]) * group["n"] for group in groups) / n
    longitude = sum(float(group["lng"]) * group["n"] for group in groups) / n
    return Origin(code, latitude, longitude, groups[0]["council_code"], groups[0]["health_board_code"])


def haversine_km(latitude: float, longitude: float, lat_field: str, lng_field: str):
    """Great-circle distance in km from a point to a row's coordinates, as a SQL expression."""
    lat1, lng1 = math.radians(latitude), math.radians(longitude)
    lat2 = Radians(Cast(lat_field, FloatField()))
    lng2 = Radians(Cast(lng_field, FloatField()))
    dlat = (lat2 - Value(lat1)) / Value(2.0)
    dlng = (lng2 - Value(lng1)) / Value(2.0)
    a = Sin(dlat) * Sin(dlat) + Value(math.cos(lat1)) * Cos(lat2) * Sin(dlng) * Sin(dlng)
    return Value(2.0 * EARTH_RADIUS_KM) * ASin(Sqrt(a))


def bounding_box(latitude: float, longitude: float, radius_km: float) -> dict:
    """A lat/lng box around the circle, so the indexed columns narrow the rows before any trig."""
    dlat = radius_km / 111.2
    dlng = radius_km / (111.2 * max(math.cos(math.radians(latitude)), 0.01))
    return {
        "location__latitude__range": (latitude - dlat, latitude + dlat),
        "location__longitude__range": (longitude - dlng, longitude + dlng),
    }


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The haversine formula, as the SQL in haversine_km() computes it."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))

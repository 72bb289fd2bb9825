"""PostgreSQL's candidates: the rows a search may show, narrow and bounded (plan -> here -> ranking).

plan.Plan.fetch calls fetch_postgres() with the filters as a queryset and the words as a
tsquery.TextQuery; it returns candidates.Candidate rows, which ranking orders and counts.

A broad search ("support", or any postcode in a city) matches tens of thousands of services.
Ranking, counting and faceting all of them is what made a search slow, so the search works on at
most `cap` + 1 candidates (SEARCH_RESULT_CAP), chosen so that they are the ones its order puts
first. On PostgreSQL:

- by name or by date checked: the database's own order, cut at `cap` + 1, read from covering
  indexes (migration 0006) without touching the wide service rows;
- by relevance, with words and no place: services whose name matches, then whose name or
  summary matches, then whose whole listing matches, each tier from its own GIN index. Ranking
  puts name and summary matches first anyway (weights A and B), so the tiers pick the best
  candidates without ranking every match;
- near a postcode: the nearest services first, from a GiST index on the box around each
  service's locations (earthdistance), then services covering the council area or health
  board, then national ones. Text, audiences, topics, opening days and areas are columns of the
  service itself (kept by triggers), so the planner can combine their indexes with the place.

When a tier is cut, more services match than the search shows ("more than 500"), and the
caller says so. SQLite, the small embedded database, has no such indexes: it reads every match,
and the caller cuts the sorted list to `cap` the same way (portable.fetch_all).
"""

from __future__ import annotations

import math

from django.db import connection
from django.db.models import FloatField, IntegerField, Q, Value
from django.db.models.expressions import RawSQL

from directory.choices import AreaKind, Weekday
from directory.search.candidates import (
    ANNOTATIONS,
    COVERS,
    FIELDS,
    NATIONAL,
    NEAR,
    NO_PLACE,
    Candidate,
    Fetched,
)
from directory.search.tsquery import FULL_DOCUMENT, HEAD_DOCUMENT, NAME_DOCUMENT, TextQuery, _sql_condition


def _columns(queryset, place: int, text: TextQuery | None, km=None):
    return queryset.annotate(
        covered=text.covered() if text else Value(0, output_field=IntegerField()),
        text_rank=text.rank() if text else Value(1.0, output_field=FloatField()),
        place=Value(place, output_field=IntegerField()),
        km=km if km is not None else Value(None, output_field=FloatField()),
    ).values_list(*FIELDS, *ANNOTATIONS)


def _sql_order(sort: str) -> list:
    if sort == "checked":
        # Published services always have the date, so no NULLS LAST: the index serves this order.
        return ["-last_reviewed", "name", "pk"]
    return ["name", "pk"]


def area_codes(origin) -> tuple[list[str], list[str]]:
    """The place_areas codes that hold the origin: its council and health board; the nation's."""
    local = [code for code in (origin.council_code, origin.health_board_code) if code]
    national = [AreaKind.UK.value, AreaKind.SCOTLAND.value] if origin.in_scotland else [AreaKind.UK.value]
    return local, national


def _covering(origin) -> tuple[RawSQL, RawSQL, RawSQL]:
    """Services covering the origin's council area or health board; the others among them;
    national services. All read the service's own place_areas column (migration 0006), which
    GIN indexes."""
    local, national = area_codes(origin)
    sql = '"directory_service"."place_areas" && %s::text[]'
    not_local = _sql_condition(f"NOT coalesce({sql}, false)", [local or ["-"]])
    return _sql_condition(sql, [local or ["-"]]), not_local, _sql_condition(sql, [national])


def tag_conditions(data: dict) -> dict[str, RawSQL]:
    """The audience, topic and day filters on the service's own search_tags column (migration
    0006), which GIN indexes with statistics, instead of a join per service."""
    tokens = {
        "audience": [f"audience:{slug}" for slug in data.get("audience") or []],
        "topic": [f"topic:{slug}" for slug in data.get("topic") or []],
        "day": [f"day:{Weekday[data['day'].upper()].value}"] if data.get("day") else [],
    }
    return {
        name: _sql_condition('"directory_service"."search_tags" && %s::text[]', [wanted])
        for name, wanted in tokens.items()
        if wanted
    }


CELL_LATITUDE, CELL_LONGITUDE = 0.1, 0.15  # degrees, as directory_place_cell() in migration 0006


def _cell_row(latitude: float) -> int:
    return math.floor(round(latitude / CELL_LATITUDE, 9))


def _cell_column(longitude: float) -> int:
    return math.floor(round(longitude / CELL_LONGITUDE, 9)) + 500


def place_cell(latitude: float, longitude: float) -> int:
    """The grid cell of a point, as the database's directory_place_cell() numbers it."""
    return _cell_row(latitude) * 1000 + _cell_column(longitude)


def cells_within(latitude: float, longitude: float, radius_km: float) -> list[int]:
    """Every grid cell that meets the circle's bounding box (with a little to spare)."""
    dlat = radius_km / 111.2 + 0.01
    dlng = radius_km / (111.2 * max(math.cos(math.radians(latitude)), 0.01)) + 0.01
    return [
        row * 1000 + column
        for row in range(_cell_row(latitude - dlat), _cell_row(latitude + dlat) + 1)
        for column in range(_cell_column(longitude - dlng), _cell_column(longitude + dlng) + 1)
    ]


# Distance in km from the origin to a service's nearest location: straight from its point for the
# usual single location, or the nearest of its points when it has several.
KM_SQL = """CASE WHEN cube_is_point("directory_service"."place_box")
  THEN sec_to_gc(cube_distance("directory_service"."place_box", ll_to_earth(%s, %s))) / 1000.0
  ELSE (SELECT min(sec_to_gc(cube_distance(point, ll_to_earth(%s, %s))))
          FROM unnest("directory_service"."place_points") AS point) / 1000.0 END"""


def _distance(origin) -> RawSQL:
    """km from the origin to the service's nearest location (KM_SQL)."""
    here = [origin.latitude, origin.longitude]
    return RawSQL(KM_SQL, here * 2, output_field=FloatField())


def _in_cells(origin, radius_km: float) -> RawSQL:
    return _sql_condition(
        '"directory_service"."place_cells" && %s::integer[]',
        [cells_within(origin.latitude, origin.longitude, radius_km)],
    )


AT_ONE_PLACE = 'cube_is_point("directory_service"."place_box")'


def _place_branches(matching, text: TextQuery | None, origin, radius: int, limit: int, collect_first: bool):
    """Near the origin, then covering its area, then national: the capped querysets in order."""
    here = [origin.latitude, origin.longitude]
    km = _distance(origin)
    # Near means a location within the radius, the nearest of several included: not just the box
    # around them (which may hold the origin with every location outside the radius).
    within = _sql_condition(f"coalesce(({KM_SQL}) <= %s, false)", [*km.params, radius])
    if collect_first:
        # Narrow words, audiences, topics or days: the grid cells let the planner combine the
        # place with their indexes (and their statistics tell it how crowded the place is). It
        # collects the matches and sorts them by true distance.
        near = matching.filter(_in_cells(origin, radius)).filter(within).order_by(km.asc())
    else:
        # Nothing narrows the place much (no words, or common ones): walk the GiST index of
        # services at one place nearest first, inside the radius's box, checking each, and stop
        # when the set is full (see _nearest_first). Services at several places follow in a
        # second query (_spread_near), as far out as these reached.
        in_box = _sql_condition(
            '"directory_service"."place_box" && earth_box(ll_to_earth(%s, %s), %s)', [*here, radius * 1000.0]
        )
        near = (
            matching.filter(_sql_condition(AT_ONE_PLACE, []))
            .filter(in_box)
            .filter(within)
            .order_by(RawSQL('"directory_service"."place_box" <-> ll_to_earth(%s, %s)', here))
        )
    # Services covering the area, then national ones, in no order: the caller sorts them. Each
    # branch leaves out the services an earlier one finds, so `limit` rows are `limit` services.
    local, not_local, national = _covering(origin)
    not_near = _sql_condition(f"NOT coalesce(({KM_SQL}) <= %s, false)", [*km.params, radius])
    covering = matching.filter(not_near).order_by()
    return [
        _columns(near, NEAR, text, km)[:limit],
        _columns(covering.filter(local), COVERS, text)[:limit],
        _columns(covering.filter(national).filter(not_local), NATIONAL, text)[:limit],
    ]


def _spread_near(matching, text: TextQuery | None, origin, km_limit: float, limit: int):
    """Services at several places, nearest location within km_limit, nearest first. Found by
    their grid cells: a box around far-apart places says little about how near any one is."""
    km = _distance(origin)
    queryset = (
        matching.filter(~Q(_sql_condition(AT_ONE_PLACE, [])))
        .filter(_in_cells(origin, km_limit))
        .filter(_sql_condition(f"({KM_SQL}) <= %s", [*km.params, km_limit]))
        .order_by(km.asc())
    )
    return _columns(queryset, NEAR, text, km)[:limit]


def _listing_branches(base, text: TextQuery | None, sort: str, limit: int) -> list:
    """Without a place: relevance tiers, or the database's own order, capped."""
    if text and text.widened:
        # Widened: by how many groups a listing matches (TextQuery.coverage_tiers), whatever the
        # order asked for; the caller sorts the rows.
        return [_columns(tier.order_by(), NO_PLACE, text)[:limit] for tier in text.coverage_tiers(base)]
    if text and sort == "relevance":
        # Each tier leaves out the one before, so no service takes two places in the set. The
        # outer limit means a tier is read only when those before it had fewer than `limit`
        # services, so leaving them out costs at most `limit` rows' checks.
        # An excluded word may be anywhere in a listing, so the whole listing must also match.
        whole = base.filter(text.matches(FULL_DOCUMENT)) if text.excludes else base
        documents = (NAME_DOCUMENT, HEAD_DOCUMENT, FULL_DOCUMENT)
        tiers = []
        for index, document in enumerate(documents):
            tier = whole.filter(text.matches(document))
            if index:
                tier = tier.exclude(text.matches(documents[index - 1]))
            tiers.append(_columns(tier.order_by(), NO_PLACE, text)[:limit])
        return tiers
    matching = base.filter(text.matches(FULL_DOCUMENT)) if text else base
    return [_columns(matching.order_by(*_sql_order(sort)), NO_PLACE, text)[:limit]]


def _rows(queryset, nearest_first: bool = False) -> list[tuple]:
    # Plain rows straight from the cursor: a few hundred narrow tuples need none of the ORM's
    # work. The columns come in values_list() order: FIELDS, then ANNOTATIONS.
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if nearest_first:
            return _nearest_first(cursor, sql, params)
        cursor.execute(sql, params)
        return cursor.fetchall()


def fetch_postgres(
    base, text: TextQuery | None, origin, radius: int, sort: str, cap: int, collect_first: bool = False
) -> Fetched:
    """The union of the capped branches in one query (two for a place search that walks
    outwards). The branches never share a service, so `limit` rows mean there is more.
    `collect_first`: near a postcode, what the search asks for is rare enough to collect all of
    it from its indexes and sort it by distance, rather than walk outwards checking each service."""
    limit = cap + 1
    if origin is not None:
        matching = text.matches_rare_then_common(base) if text else base
        branches = _place_branches(matching, text, origin, radius, limit, collect_first)
    else:
        branches = _listing_branches(base, text, sort, limit)
    # Best branch first; once the first branches fill the set, the rest are never read.
    union = branches[0].union(*branches[1:], all=True)[:limit] if len(branches) > 1 else branches[0]
    walks_outwards = origin is not None and not collect_first
    rows = _rows(union, nearest_first=walks_outwards)
    capped = len(rows) >= limit  # a full set was cut short
    if walks_outwards:
        # Services at several places, out to where the walk stopped (all the radius if it
        # did not fill the set). They are near, so no other branch found them.
        walked = [row[-1] for row in rows if row[-2] == NEAR]
        km_limit = max(walked) if len(walked) >= limit else float(radius)
        spread = _rows(_spread_near(matching, text, origin, km_limit, limit))
        capped = capped or len(spread) >= limit
        rows += spread
    return Fetched([Candidate.from_row(row) for row in rows], capped=capped)


def _nearest_first(cursor, sql: str, params) -> list[tuple]:
    """Run a place-only search's candidate query with sorting discouraged, in one statement.

    PostgreSQL cannot tell how many services lie in a radius (the cube operators have no
    statistics and it guesses a fraction of a percent), so left alone it reads every service in
    the radius and sorts them: near a city postcode, thousands of rows. Told not to sort, it
    walks the GiST index nearest first and stops once the candidate set is full. SET LOCAL lasts
    until the end of the string's implicit transaction, so nothing else is affected. (The two
    statements go as one string: Django's default client-side binding allows that.)
    """
    cursor.execute("SET LOCAL enable_sort = off; " + sql, params)
    cursor.nextset()
    return cursor.fetchall()

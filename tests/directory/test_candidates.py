"""The grid cells a place search narrows by: Python's numbering (directory.search.postgres) must be the
database's (directory_place_cell() in migration 0006), or _in_cells() would ask for the wrong
cells and lose services near a cell's edge."""

import math

import pytest
from django.db import connection

from directory.search.postgres import cells_within, place_cell
from tests.directory.test_search import by_hand_km, located

# Points on cell edges (56.3 is a row edge, -3.45, -2.7 and 0.15 column edges; in floating point
# 56.3 / 0.1 and -3.45 / 0.15 fall just short of whole numbers), either side of the meridian, and
# in the far north and south of the UK.
POINTS = [
    (56.4745, -2.9270),
    (56.3, -3.45),
    (56.5, -2.7),
    (56.299999, -3.150001),
    (51.5, 0.0),
    (51.5, 0.15),
    (51.5, -0.000001),
    (60.15, -1.149),
    (49.95, -6.3),
]


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a service's grid cells are a PostgreSQL column, kept by a trigger (migration 0006)",
)
@pytest.mark.parametrize(("latitude", "longitude"), POINTS)
def test_a_service_is_in_the_cell_python_numbers_for_its_location(latitude, longitude):
    service = located("Cell group", latitude, longitude)
    with connection.cursor() as cursor:
        cursor.execute("SELECT place_cells FROM directory_service WHERE id = %s", [service.pk])
        [cells] = cursor.fetchone()
    assert cells == [place_cell(latitude, longitude)]


@pytest.mark.parametrize(("latitude", "longitude"), POINTS)
@pytest.mark.parametrize("radius", [1, 10, 25])
def test_the_cells_within_a_radius_hold_every_point_in_it(latitude, longitude, radius):
    cells = set(cells_within(latitude, longitude, radius))
    for bearing in range(0, 360, 15):
        # A point just inside the circle, on this bearing (a flat-earth step, checked below).
        dlat = 0.99 * radius * math.cos(math.radians(bearing)) / 111.2
        dlng = 0.99 * radius * math.sin(math.radians(bearing)) / (111.2 * math.cos(math.radians(latitude)))
        point = (latitude + dlat, longitude + dlng)
        assert by_hand_km(latitude, longitude, *point) <= radius
        assert place_cell(*point) in cells, (bearing, point)

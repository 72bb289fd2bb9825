# Current definition of this SQL: directory/sql/search.sql (run by migration 0013); this is history.
# What bounded search candidates need (directory/candidates.py). PostgreSQL only: SQLite reads
# every match and needs none of it.
#
# Each service gets five derived columns, kept by triggers like its search document, and not in
# the Django model: `place_box`, the box around its locations as points on the earth (a point for
# the usual single location), with `place_points`, each location's point, when it has several;
# `place_cells`, the grid cells its locations fall in;
# `place_areas`, the codes of the council areas and health boards it covers, plus 'uk' or
# 'scotland' for national coverage; and `search_tags`, its audiences, topics and opening days as
# 'audience:carers', 'topic:debt', 'day:6'. GiST on the box answers "nearest first"; GIN on the
# others answers "here" and "for these people", with statistics that tell the planner how common
# each is, so it can choose between walking an index in order and collecting the matching
# services first, and can combine them with the text index on the one table.

from django.db import migrations

CANDIDATES = '''
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

-- Relevance tiers: services whose name matches, then whose name or summary matches. The
-- expressions must stay exactly as candidates.NAME_DOCUMENT and HEAD_DOCUMENT write them.
CREATE INDEX service_name_document_gin ON directory_service
  USING gin (to_tsvector('english'::regconfig, name));
CREATE INDEX service_head_document_gin ON directory_service
  USING gin (to_tsvector('english'::regconfig, name || ' ' || summary));

-- A grid cell: 0.1 degree of latitude by 0.15 of longitude (about 11 by 10 km in the UK).
-- candidates.place_cell() is the same sum in Python.
CREATE FUNCTION directory_place_cell(latitude numeric, longitude numeric) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (floor(latitude * 10) * 1000 + floor(longitude / 0.15) + 500)::integer $$;

ALTER TABLE directory_service
  ADD COLUMN place_box cube, ADD COLUMN place_cells integer[], ADD COLUMN place_areas text[],
  ADD COLUMN search_tags text[], ADD COLUMN place_points cube[];

CREATE FUNCTION directory_service_place() RETURNS trigger AS $$
BEGIN
  SELECT CASE WHEN count(*) > 0 THEN cube(
           ARRAY[min(cube_ll_coord(point, 1)), min(cube_ll_coord(point, 2)), min(cube_ll_coord(point, 3))],
           ARRAY[max(cube_ll_coord(point, 1)), max(cube_ll_coord(point, 2)), max(cube_ll_coord(point, 3))])
         END,
         array_agg(DISTINCT cell),
         CASE WHEN count(*) > 1 THEN array_agg(point) END
    INTO NEW.place_box, NEW.place_cells, NEW.place_points
    FROM (SELECT ll_to_earth(l.latitude::float8, l.longitude::float8) AS point,
                 directory_place_cell(l.latitude, l.longitude) AS cell
            FROM directory_serviceatlocation sal
            JOIN directory_location l ON l.id = sal.location_id
           WHERE sal.service_id = NEW.id AND l.latitude IS NOT NULL) AS points;
  SELECT array_agg(DISTINCT CASE WHEN a.code = '' THEN a.kind ELSE a.code END)
    INTO NEW.place_areas
    FROM directory_servicearea a WHERE a.service_id = NEW.id;
  SELECT array_agg(token) INTO NEW.search_tags FROM (
    SELECT 'audience:' || a.slug FROM directory_service_audiences sa
      JOIN directory_audience a ON a.id = sa.audience_id WHERE sa.service_id = NEW.id
    UNION SELECT 'topic:' || t.slug FROM directory_service_topics st
      JOIN directory_topic t ON t.id = st.topic_id WHERE st.service_id = NEW.id
    UNION SELECT 'day:' || o.weekday FROM directory_openingtime o WHERE o.service_id = NEW.id
  ) AS tokens(token);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

-- Inserting a service reads what is already linked to it (bulk loads link first); setting
-- place_box to NULL asks for all four columns to be worked out again.
CREATE TRIGGER directory_service_place BEFORE INSERT OR UPDATE OF place_box
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_place();

CREATE FUNCTION directory_service_links_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.service_id IS DISTINCT FROM NEW.service_id) THEN
    UPDATE directory_service SET place_box = NULL WHERE id = OLD.service_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE directory_service SET place_box = NULL WHERE id = NEW.service_id;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER directory_service_locations_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_serviceatlocation FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();
CREATE TRIGGER directory_service_areas_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_servicearea FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();
CREATE TRIGGER directory_service_opening_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_openingtime FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();

-- Topics and audiences already touch the service to rebuild its search document (migration
-- 0004): the same update now asks for its search_tags too.
CREATE OR REPLACE FUNCTION directory_service_tags_changed() RETURNS trigger AS $$
BEGIN
  UPDATE directory_service SET search_vector = NULL, place_box = NULL
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.service_id ELSE NEW.service_id END;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION directory_location_moved() RETURNS trigger AS $$
BEGIN
  UPDATE directory_service SET place_box = NULL
   WHERE id IN (SELECT service_id FROM directory_serviceatlocation WHERE location_id = NEW.id);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER directory_location_moved AFTER UPDATE OF latitude, longitude
  ON directory_location FOR EACH ROW EXECUTE FUNCTION directory_location_moved();

-- The search document no longer needs working out again when only the place changes.
DROP TRIGGER directory_service_document ON directory_service;
CREATE TRIGGER directory_service_document BEFORE INSERT OR UPDATE OF
  name, summary, description, peer_led, mutual, mode_group, mode_one_to_one, mode_home_visit,
  mode_phone, mode_online, mode_text_chat, search_vector
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_document();

UPDATE directory_service SET place_box = NULL;

-- Nearest first: GiST over the services at one place. A service at several places has a box,
-- whose distance from a point inside it is 0, so those are found by their cells instead.
CREATE INDEX service_place_point_gist ON directory_service USING gist (place_box)
  WHERE cube_is_point(place_box);
CREATE INDEX service_place_spread_cells_gin ON directory_service USING gin (place_cells)
  WHERE NOT cube_is_point(place_box);
CREATE INDEX service_place_cells_gin ON directory_service USING gin (place_cells);
CREATE INDEX service_place_areas_gin ON directory_service USING gin (place_areas);
CREATE INDEX service_search_tags_gin ON directory_service USING gin (search_tags);

-- Listing by name or by date checked, filtered: everything a candidate row needs is in these
-- indexes, so the scan reads them alone (index-only) instead of the wide service rows.
-- (Published services always have last_reviewed, so DESC needs no NULLS LAST.)
CREATE INDEX service_candidates_by_name ON directory_service (status, name, id)
  INCLUDE (last_reviewed, structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, mode_group, mode_one_to_one, mode_home_visit,
           mode_phone, mode_online, mode_text_chat, accepts_supportmap_referrals, cost, capacity,
           search_tags);
CREATE INDEX service_candidates_by_checked ON directory_service (status, last_reviewed DESC, name, id)
  INCLUDE (structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, mode_group, mode_one_to_one, mode_home_visit,
           mode_phone, mode_online, mode_text_chat, accepts_supportmap_referrals, cost, capacity,
           search_tags);
'''

DROP_CANDIDATES = '''
DROP INDEX IF EXISTS service_candidates_by_checked;
DROP INDEX IF EXISTS service_candidates_by_name;
DROP INDEX IF EXISTS service_search_tags_gin;
DROP INDEX IF EXISTS service_place_areas_gin;
DROP INDEX IF EXISTS service_place_cells_gin;
DROP INDEX IF EXISTS service_place_spread_cells_gin;
DROP INDEX IF EXISTS service_place_point_gist;
DROP TRIGGER IF EXISTS directory_service_document ON directory_service;
CREATE TRIGGER directory_service_document BEFORE INSERT OR UPDATE
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_document();
DROP TRIGGER IF EXISTS directory_location_moved ON directory_location;
DROP FUNCTION IF EXISTS directory_location_moved();
CREATE OR REPLACE FUNCTION directory_service_tags_changed() RETURNS trigger AS $$
BEGIN
  UPDATE directory_service SET search_vector = NULL
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.service_id ELSE NEW.service_id END;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS directory_service_opening_changed ON directory_openingtime;
DROP TRIGGER IF EXISTS directory_service_areas_changed ON directory_servicearea;
DROP TRIGGER IF EXISTS directory_service_locations_changed ON directory_serviceatlocation;
DROP FUNCTION IF EXISTS directory_service_links_changed();
DROP TRIGGER IF EXISTS directory_service_place ON directory_service;
DROP FUNCTION IF EXISTS directory_service_place();
ALTER TABLE directory_service DROP COLUMN IF EXISTS place_points, DROP COLUMN IF EXISTS search_tags,
  DROP COLUMN IF EXISTS place_areas, DROP COLUMN IF EXISTS place_cells, DROP COLUMN IF EXISTS place_box;
DROP FUNCTION IF EXISTS directory_place_cell(numeric, numeric);
DROP INDEX IF EXISTS service_head_document_gin;
DROP INDEX IF EXISTS service_name_document_gin;
'''


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_search_place_indexes'),
    ]

    operations = [
        migrations.RunPython(on_postgresql(CANDIDATES), on_postgresql(DROP_CANDIDATES)),
    ]

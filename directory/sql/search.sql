-- The SQL the PostgreSQL search relies on: every extension, derived column, function, trigger and
-- index it needs beyond what directory/models.py declares. PostgreSQL only (SQLite derives nothing:
-- its search reads the tables and its own FTS5 index, directory_service_fts, made by migration 0011).
--
-- This file is the current definition. Migrations 0004, 0006 and 0008 built the same things step
-- by step (they are history); migration 0013 runs this file, read at migration time. Running it
-- again changes nothing: CREATE ... IF NOT EXISTS, CREATE OR REPLACE FUNCTION, DROP TRIGGER IF
-- EXISTS then CREATE TRIGGER. To change anything here, change it here and add a migration that runs
-- the file again (directory.sql.apply_search_sql), then:
--   - an index: IF NOT EXISTS keeps the old one, so the new migration drops it first (or the index
--     gets a new name);
--   - what a derived column holds: the new migration also works the rows out again with
--     UPDATE directory_service SET search_vector = NULL, place_box = NULL;
-- tests/directory/test_search_sql.py checks that the database has exactly these definitions and
-- that the newest migration running the file was written for its present text.
--
-- Derived columns of directory_service. No Django code writes them; only search_vector is in the
-- model (a SearchVectorField Django never sets), the other five exist on PostgreSQL only.
--   search_vector  tsvector. The weighted search document: the name (weight A); the summary, the
--                  names of its topics and audiences, and words for how it is delivered ("group",
--                  "phone telephone", "in person face to face"...) (B); the description and words
--                  for peer-led and mutual support (C). Written by directory_service_document().
--   place_box      cube. The box around the service's locations as points on the earth
--                  (ll_to_earth); a point when it has one located place, NULL when none.
--   place_points   cube[]. Each location's point, only when it has several (else NULL).
--   place_cells    integer[]. The grid cells its locations fall in (directory_place_cell()).
--   place_areas    text[]. The codes of the council areas and health boards it covers
--                  (directory_servicearea), or the area's kind ('uk', 'scotland') for national cover.
--   search_tags    text[]. Its audiences, topics and opening days as 'audience:carers',
--                  'topic:debt', 'day:6' (weekly, fortnightly and monthly openings; "by
--                  appointment" claims no day).
--                  place_box, place_points, place_cells, place_areas and search_tags are all
--                  written by directory_service_place(); directory/search/postgres.py reads them.
--
-- Triggers. Setting a derived column to NULL is how the others ask for it to be worked out again.
--   directory_service_document (BEFORE INSERT, or UPDATE of the words' columns or search_vector,
--       on directory_service): directory_service_document() writes search_vector.
--   directory_service_place (BEFORE INSERT, or UPDATE OF place_box, on directory_service):
--       directory_service_place() writes the five place and tag columns from what is linked to the
--       service (bulk loads link first, then insert).
--   directory_service_topics_changed, directory_service_audiences_changed (AFTER INSERT OR DELETE
--       on the two many-to-many tables): directory_service_tags_changed() sets the service's
--       search_vector and place_box to NULL.
--   directory_service_locations_changed, directory_service_areas_changed,
--       directory_service_opening_changed (AFTER INSERT, UPDATE or DELETE on
--       directory_serviceatlocation, directory_servicearea, directory_openingtime):
--       directory_service_links_changed() sets place_box to NULL on the old and the new service.
--   directory_location_moved (AFTER UPDATE OF latitude, longitude on directory_location):
--       directory_location_moved() sets place_box to NULL on every service at the location.

-- Trigrams for "did you mean"; cube and earthdistance for places as points on the earth.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

ALTER TABLE directory_service
  ADD COLUMN IF NOT EXISTS place_box cube, ADD COLUMN IF NOT EXISTS place_cells integer[],
  ADD COLUMN IF NOT EXISTS place_areas text[], ADD COLUMN IF NOT EXISTS search_tags text[],
  ADD COLUMN IF NOT EXISTS place_points cube[];


-- The search document ------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION directory_service_document() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('english', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(NEW.summary, '') || ' ' || coalesce((
      SELECT string_agg(t.name, ' ') FROM directory_service_topics st
      JOIN directory_topic t ON t.id = st.topic_id WHERE st.service_id = NEW.id), '') || ' ' ||
      coalesce((
      SELECT string_agg(a.name, ' ') FROM directory_service_audiences sa
      JOIN directory_audience a ON a.id = sa.audience_id WHERE sa.service_id = NEW.id), '') || ' ' ||
      -- How it is delivered, in the words people search with ("bereavement group").
      concat_ws(' ',
        CASE WHEN NEW.mode_in_person THEN 'in person face to face face-to-face' END,
        CASE WHEN NEW.mode_group THEN 'group' END,
        CASE WHEN NEW.mode_one_to_one THEN 'one-to-one' END,
        CASE WHEN NEW.mode_home_visit THEN 'home visit' END,
        CASE WHEN NEW.mode_phone THEN 'phone telephone' END,
        CASE WHEN NEW.mode_online THEN 'online' END,
        CASE WHEN NEW.mode_text_chat THEN 'text chat' END)), 'B') ||
    setweight(to_tsvector('english', coalesce(NEW.description, '') || ' ' || concat_ws(' ',
        CASE WHEN NEW.peer_led THEN 'peer-led lived experience' END,
        CASE WHEN NEW.mutual THEN 'mutual support' END)), 'C');
  RETURN NEW;
END $$ LANGUAGE plpgsql;

-- Worked out again when a column it reads changes, or when search_vector is set (to NULL): not
-- when only the place columns change.
DROP TRIGGER IF EXISTS directory_service_document ON directory_service;
CREATE TRIGGER directory_service_document BEFORE INSERT OR UPDATE OF
  name, summary, description, peer_led, mutual, mode_in_person, mode_group, mode_one_to_one, mode_home_visit, mode_phone, mode_online, mode_text_chat, search_vector
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_document();

-- Topics and audiences are in the document and in search_tags: touching the service recomputes
-- both.
CREATE OR REPLACE FUNCTION directory_service_tags_changed() RETURNS trigger AS $$
BEGIN
  UPDATE directory_service SET search_vector = NULL, place_box = NULL
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.service_id ELSE NEW.service_id END;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS directory_service_topics_changed ON directory_service_topics;
CREATE TRIGGER directory_service_topics_changed AFTER INSERT OR DELETE ON directory_service_topics
  FOR EACH ROW EXECUTE FUNCTION directory_service_tags_changed();
DROP TRIGGER IF EXISTS directory_service_audiences_changed ON directory_service_audiences;
CREATE TRIGGER directory_service_audiences_changed AFTER INSERT OR DELETE ON directory_service_audiences
  FOR EACH ROW EXECUTE FUNCTION directory_service_tags_changed();


-- Places and tags (directory/search/postgres.py) --------------------------------------------------

-- A grid cell: 0.1 degree of latitude by 0.15 of longitude (about 11 by 10 km in the UK).
-- candidates.place_cell() is the same sum in Python.
CREATE OR REPLACE FUNCTION directory_place_cell(latitude numeric, longitude numeric) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT (floor(latitude * 10) * 1000 + floor(longitude / 0.15) + 500)::integer $$;

CREATE OR REPLACE FUNCTION directory_service_place() RETURNS trigger AS $$
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
    UNION SELECT 'day:' || o.weekday FROM directory_openingtime o
     WHERE o.service_id = NEW.id AND o.weekday IS NOT NULL AND o.frequency <> 'by_appointment'
  ) AS tokens(token);
  RETURN NEW;
END $$ LANGUAGE plpgsql;

-- Inserting a service reads what is already linked to it (bulk loads link first); setting
-- place_box to NULL asks for all five columns to be worked out again.
DROP TRIGGER IF EXISTS directory_service_place ON directory_service;
CREATE TRIGGER directory_service_place BEFORE INSERT OR UPDATE OF place_box
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_place();

CREATE OR REPLACE FUNCTION directory_service_links_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.service_id IS DISTINCT FROM NEW.service_id) THEN
    UPDATE directory_service SET place_box = NULL WHERE id = OLD.service_id;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    UPDATE directory_service SET place_box = NULL WHERE id = NEW.service_id;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS directory_service_locations_changed ON directory_serviceatlocation;
CREATE TRIGGER directory_service_locations_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_serviceatlocation FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();
DROP TRIGGER IF EXISTS directory_service_areas_changed ON directory_servicearea;
CREATE TRIGGER directory_service_areas_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_servicearea FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();
DROP TRIGGER IF EXISTS directory_service_opening_changed ON directory_openingtime;
CREATE TRIGGER directory_service_opening_changed AFTER INSERT OR UPDATE OR DELETE
  ON directory_openingtime FOR EACH ROW EXECUTE FUNCTION directory_service_links_changed();

CREATE OR REPLACE FUNCTION directory_location_moved() RETURNS trigger AS $$
BEGIN
  UPDATE directory_service SET place_box = NULL
   WHERE id IN (SELECT service_id FROM directory_serviceatlocation WHERE location_id = NEW.id);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS directory_location_moved ON directory_location;
CREATE TRIGGER directory_location_moved AFTER UPDATE OF latitude, longitude
  ON directory_location FOR EACH ROW EXECUTE FUNCTION directory_location_moved();


-- Indexes --------------------------------------------------------------------------------------

-- The ranked search: GIN over the document (the page filters with @@ websearch_to_tsquery).
CREATE INDEX IF NOT EXISTS service_search_vector_gin ON directory_service USING gin (search_vector);

-- "Did you mean": the nearest words by trigram distance (GiST serves ORDER BY word <-> input).
CREATE INDEX IF NOT EXISTS searchword_word_trgm ON directory_searchword USING gist (word gist_trgm_ops);

-- Relevance tiers: services whose name matches, then whose name or summary matches. The
-- expressions must stay exactly as candidates.NAME_DOCUMENT and HEAD_DOCUMENT write them.
CREATE INDEX IF NOT EXISTS service_name_document_gin ON directory_service
  USING gin (to_tsvector('english'::regconfig, name));
CREATE INDEX IF NOT EXISTS service_head_document_gin ON directory_service
  USING gin (to_tsvector('english'::regconfig, name || ' ' || summary));

-- Nearest first: GiST over the services at one place. A service at several places has a box,
-- whose distance from a point inside it is 0, so those are found by their cells instead.
CREATE INDEX IF NOT EXISTS service_place_point_gist ON directory_service USING gist (place_box)
  WHERE cube_is_point(place_box);
CREATE INDEX IF NOT EXISTS service_place_spread_cells_gin ON directory_service USING gin (place_cells)
  WHERE NOT cube_is_point(place_box);
-- The nearest beyond the radius (directory/search/nearby.py), among services at several places:
-- their few rows, read without the point index (a box is not a point).
CREATE INDEX IF NOT EXISTS service_place_spread ON directory_service (id)
  WHERE NOT cube_is_point(place_box);
-- "Available by phone or online" (directory/search/nearby.py): published services with no place
-- that work by phone, online or by text. A few per cent of the directory, so their own indexes
-- find the matching ones (by words), or the first by name, without reading the rest. The
-- predicate must stay exactly as nearby._remote_postgres writes its conditions.
CREATE INDEX IF NOT EXISTS service_remote_document_gin ON directory_service USING gin (search_vector)
  WHERE status = 'published' AND place_box IS NULL AND (mode_phone OR mode_online OR mode_text_chat);
CREATE INDEX IF NOT EXISTS service_remote_by_name ON directory_service (name, id)
  WHERE status = 'published' AND place_box IS NULL AND (mode_phone OR mode_online OR mode_text_chat);
-- "Here" and "for these people": GIN with statistics that tell the planner how common each cell,
-- area and tag is, so it can choose between walking an index in order and collecting the
-- matching services first, and can combine them with the text index.
CREATE INDEX IF NOT EXISTS service_place_cells_gin ON directory_service USING gin (place_cells);
CREATE INDEX IF NOT EXISTS service_place_areas_gin ON directory_service USING gin (place_areas);
CREATE INDEX IF NOT EXISTS service_search_tags_gin ON directory_service USING gin (search_tags);

-- Listing by name or by date checked, filtered: everything a candidate row needs is in these
-- indexes (every mode, freshness for searches that rank or leave out by it), so the scan reads
-- them alone (index-only) instead of the wide service rows. (Published services always have
-- last_reviewed, so DESC needs no NULLS LAST.)
CREATE INDEX IF NOT EXISTS service_candidates_by_name ON directory_service (status, name, id)
  INCLUDE (last_reviewed, structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, mode_in_person, mode_group, mode_one_to_one,
           mode_home_visit, mode_phone, mode_online, mode_text_chat, accepts_supportmap_referrals,
           cost, capacity, search_tags, freshness);
CREATE INDEX IF NOT EXISTS service_candidates_by_checked ON directory_service
  (status, last_reviewed DESC, name, id)
  INCLUDE (structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, mode_in_person, mode_group, mode_one_to_one,
           mode_home_visit, mode_phone, mode_online, mode_text_chat, accepts_supportmap_referrals,
           cost, capacity, search_tags, freshness);

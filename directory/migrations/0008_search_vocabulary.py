# Current definition of this SQL: directory/sql/search.sql (run by migration 0013); this is history.
# The new vocabulary in search (issue 8): the "in person" delivery mode and opening times with a
# frequency. PostgreSQL only, like 0004 and 0006 (SQLite derives nothing: directory/filters.py and
# the portable search read the same facts from the tables).
#
# - The search document says "in person, face to face" for in-person services, beside the other
#   ways of delivery (weight B), and is worked out again when mode_in_person changes.
# - search_tags' opening days ('day:1') come from weekly, fortnightly and monthly openings, which
#   all have a weekday; "by appointment" claims no day, even when it names a usual one.
# - The covering indexes of the candidate query carry mode_in_person (every candidate row reads
#   every mode) and freshness (so a search that ranks or leaves out listings by freshness still
#   reads the index alone).
# - OpeningTime orders "by appointment" (no weekday) last on both databases, and a monthly
#   opening must name its week (the old CHECK let a NULL week through).

from django.db import migrations, models

SERVICE_DOCUMENT = """
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
        CASE WHEN NEW.mode_in_person THEN %(in_person)s END,
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

DROP TRIGGER directory_service_document ON directory_service;
CREATE TRIGGER directory_service_document BEFORE INSERT OR UPDATE OF
  name, summary, description, peer_led, mutual, %(mode_columns)s, search_vector
  ON directory_service FOR EACH ROW EXECUTE FUNCTION directory_service_document();
"""

SERVICE_PLACE = """
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
     WHERE o.service_id = NEW.id %(claims_a_day)s
  ) AS tokens(token);
  RETURN NEW;
END $$ LANGUAGE plpgsql;
"""

CANDIDATE_INDEXES = """
DROP INDEX IF EXISTS service_candidates_by_checked;
DROP INDEX IF EXISTS service_candidates_by_name;
CREATE INDEX service_candidates_by_name ON directory_service (status, name, id)
  INCLUDE (last_reviewed, structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, %(mode_columns)s, accepts_supportmap_referrals, cost, capacity,
           search_tags%(more)s);
CREATE INDEX service_candidates_by_checked ON directory_service (status, last_reviewed DESC, name, id)
  INCLUDE (structure, peer_led, offers_friendship, offers_emotional, offers_meaning,
           offers_practical, offers_material, %(mode_columns)s, accepts_supportmap_referrals, cost, capacity,
           search_tags%(more)s);
"""

# Work every derived column out again for the rows already there.
REFRESH = "UPDATE directory_service SET search_vector = NULL, place_box = NULL;"

OLD_MODES = "mode_group, mode_one_to_one, mode_home_visit, mode_phone, mode_online, mode_text_chat"
NEW_MODES = "mode_in_person, " + OLD_MODES
# General words for meeting face to face, not any one kind of place: a search for "in person"
# keeps "person" ("in" is a stop word), and "face to face" keeps "face".
IN_PERSON_WORDS = "'in person face to face face-to-face'"
# A weekday, and not "by appointment".
CLAIMS_A_DAY = "AND o.weekday IS NOT NULL AND o.frequency <> 'by_appointment'"

FORWARD = (
    SERVICE_DOCUMENT % {"in_person": IN_PERSON_WORDS, "mode_columns": NEW_MODES}
    + SERVICE_PLACE % {"claims_a_day": CLAIMS_A_DAY}
    + CANDIDATE_INDEXES % {"mode_columns": NEW_MODES, "more": ", freshness"}
    + REFRESH
)
BACKWARD = (
    SERVICE_DOCUMENT % {"in_person": "NULL", "mode_columns": OLD_MODES}
    + SERVICE_PLACE % {"claims_a_day": ""}
    + CANDIDATE_INDEXES % {"mode_columns": OLD_MODES, "more": ""}
    + REFRESH
)


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_listing_management"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="openingtime",
            options={"ordering": [models.OrderBy(models.F("weekday"), nulls_last=True), "opens", "pk"]},
        ),
        # A monthly opening must say which week: NULL IN (...) is unknown, which a CHECK lets by.
        migrations.RemoveConstraint(
            model_name="openingtime",
            name="opening_time_week_of_month_only_monthly",
        ),
        migrations.AddConstraint(
            model_name="openingtime",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("frequency", "monthly"),
                        ("week_of_month__isnull", False),
                        ("week_of_month__in", [1, 2, 3, 4, -1]),
                    ),
                    models.Q(
                        models.Q(("frequency", "monthly"), _negated=True), ("week_of_month__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="opening_time_week_of_month_only_monthly",
                violation_error_message="Say which week of the month, for a monthly meeting only.",
            ),
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]

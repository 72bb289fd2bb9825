"""SQLite's text search: an FTS5 index of the listings, searched the way PostgreSQL searches its
weighted tsvector.

The index (directory_service_fts, created by migration 0011 on SQLite only) holds one row per
service, its rowid the service's id, in three columns weighted as PostgreSQL's document is:
  name      (A): the service's name;
  summary   (B): the summary, its topics' and audiences' names, and its ways of delivery in the
                 words people search with ("phone telephone", "in person face to face");
  description (C): the description, and "peer-led lived experience" / "mutual support" when ticked.
It uses the porter stemmer (tokenize='porter unicode61 remove_diacritics 2'), so "walks" finds "walking".

It is kept up to date by signals (connect_signals, from DirectoryConfig.ready): a service saved or
deleted, its topics or audiences changed, or a topic or audience renamed. Bulk writes that skip
signals (QuerySet.update, bulk_create) need `manage.py rebuild_search_index`; load_demo_data calls
rebuild() at its end anyway.

A search (fts_text, called by plan.Plan.fetch) gets the same groups of alternatives as
PostgreSQL (parsing.parse_terms, with the search vocabulary): each group is an OR of its alternatives (each quoted, so a phrase stays a
phrase), the groups are AND-ed; a widened search ORs them and counts in `covered` how many each
listing matches (one MATCH per group). Excluded words rule out any listing holding them. An
alternative loses PostgreSQL's stop words as websearch_to_tsquery does ("out of work" is "work";
"a friend for my mum" is "friend" NEAR "mum"). The rank is PostgreSQL's ts_rank, worked out in
Python from the index row (tsrank.pg_ts_rank, registered on each SQLite connection), with the
columns weighted 1 : 0.4 : 0.2 as PostgreSQL's A : B : C: FTS5's bm25 orders differently (its length
normalisation, its term frequencies), and the two databases must put the same services first.

plan.Plan uses it on SQLite only; the `portable` search on PostgreSQL (tests use it to compare)
keeps the ORM's word match (portable._simple_text), since PostgreSQL has no FTS5. Then
portable.fetch_all reads the matching rows as candidates.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import FloatField, IntegerField, Value
from django.db.models.expressions import RawSQL

from directory.search.tsrank import _stop_words, pg_ts_rank, rank_query

TABLE = "directory_service_fts"

CREATE_SQL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "name, summary, description, tokenize='porter unicode61 remove_diacritics 2')",
]
DROP_SQL = [f"DROP TABLE IF EXISTS {TABLE}"]

# The words PostgreSQL's document gives each way of delivery (migration 0008).
MODE_DOCUMENT = {
    "in_person": "in person face to face face-to-face",
    "group": "group",
    "one_to_one": "one-to-one",
    "home_visit": "home visit",
    "phone": "phone telephone",
    "online": "online",
    "text_chat": "text chat",
}

_DOCUMENT_SQL = """
SELECT s.id, coalesce(s.name, ''),
  coalesce(s.summary, '')
  || ' ' || coalesce((SELECT group_concat(t.name, ' ') FROM directory_service_topics st
       JOIN directory_topic t ON t.id = st.topic_id WHERE st.service_id = s.id), '')
  || ' ' || coalesce((SELECT group_concat(a.name, ' ') FROM directory_service_audiences sa
       JOIN directory_audience a ON a.id = sa.audience_id WHERE sa.service_id = s.id), '')
  || ' ' || {modes},
  coalesce(s.description, '')
  || CASE WHEN s.peer_led THEN ' peer-led lived experience' ELSE '' END
  || CASE WHEN s.mutual THEN ' mutual support' ELSE '' END
FROM directory_service s
"""


def _document_sql() -> str:
    modes = " || ".join(
        f"CASE WHEN s.mode_{key} THEN ' {words}' ELSE '' END" for key, words in MODE_DOCUMENT.items()
    )
    return _DOCUMENT_SQL.format(modes=modes)


def in_use() -> bool:
    return connection.vendor == "sqlite"


def reindex(service_ids, using=None) -> None:
    """Write the index rows of these services again (a service no longer there loses its row)."""
    from django.db import connections

    conn = connections[using] if using else connection
    if conn.vendor != "sqlite":
        return
    ids = [int(pk) for pk in service_ids]
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", ids)
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, name, summary, description) {_document_sql()} WHERE s.id IN ({marks})",
            ids,
        )


def rebuild(conn=None) -> None:
    """The whole index again, from the listings (the migration, load_demo_data, the command)."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"INSERT INTO {TABLE} (rowid, name, summary, description) {_document_sql()}")


# --- keeping it up to date ----------------------------------------------------------------------


def _service_saved(sender, instance, using=None, **kwargs):
    reindex([instance.pk], using)


def _service_deleted(sender, instance, using=None, **kwargs):
    reindex([instance.pk], using)


def _tags_changed(sender, instance, action, reverse, pk_set, using=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            reindex([instance.pk], using)
        return
    # From the topic's or audience's side: its services (pk_set, or all of them on a clear).
    if action == "pre_clear":
        instance._fts_cleared = list(instance.services.values_list("pk", flat=True))
        return
    ids = pk_set if action != "post_clear" else getattr(instance, "_fts_cleared", [])
    reindex(ids or [], using)


def _tag_saved(sender, instance, using=None, created=False, **kwargs):
    if not created:
        reindex(instance.services.values_list("pk", flat=True), using)


def connect_signals() -> None:
    from django.db.backends.signals import connection_created
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from directory.models import Audience, Service, Topic

    post_save.connect(_service_saved, sender=Service, dispatch_uid="fts_service_saved")
    post_delete.connect(_service_deleted, sender=Service, dispatch_uid="fts_service_deleted")
    m2m_changed.connect(_tags_changed, sender=Service.topics.through, dispatch_uid="fts_topics")
    m2m_changed.connect(_tags_changed, sender=Service.audiences.through, dispatch_uid="fts_audiences")
    post_save.connect(_tag_saved, sender=Topic, dispatch_uid="fts_topic_saved")
    post_save.connect(_tag_saved, sender=Audience, dispatch_uid="fts_audience_saved")
    connection_created.connect(register_functions, dispatch_uid="fts_functions")


# --- searching -----------------------------------------------------------------------------------


def _quoted(alternative: str) -> str:
    return '"' + alternative.replace('"', '""') + '"'


def alternative_query(alternative: str) -> str:
    """One alternative as PostgreSQL's websearch_to_tsquery reads it: its stop words dropped (an
    apostrophe or hyphen splits words, as PostgreSQL's parser does), the rest a phrase, with room
    for the dropped words between them (NEAR, as PostgreSQL's <N> distance). "" if nothing is left."""
    stop = _stop_words()
    words = re.findall(r"\w+", alternative.lower())
    while words and words[0] in stop:
        words.pop(0)
    while words and words[-1] in stop:
        words.pop()
    if not words:
        return ""
    runs: list[list[str]] = [[]]  # the words between stop words, each run a phrase
    for word in words:
        if word in stop:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(word)
    runs = [run for run in runs if run]
    if len(runs) == 1:
        return _quoted(" ".join(runs[0]))
    # NEAR's distance: the words between the end of the first run and the start of the last.
    between = len(words) - len(runs[0]) - len(runs[-1])
    return "NEAR(" + " ".join(_quoted(" ".join(run)) for run in runs) + f", {between})"


def group_query(alternatives) -> str:
    """An FTS5 query for one group: any of its alternatives. A group of stop words only: ""."""
    each = [query for query in map(alternative_query, alternatives) if query]
    return "(" + " OR ".join(each) + ")" if each else ""


def _matching(query: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query])


def _rank(query: str) -> RawSQL:
    """PostgreSQL's ts_rank of each listing (pg_ts_rank, below), from its index row."""
    return RawSQL(
        f"(SELECT pg_ts_rank(name, summary, description, %s) FROM {TABLE} "
        f"WHERE {TABLE}.rowid = directory_service.id)",
        [query],
        output_field=FloatField(),
    )


def fts_text(queryset, groups, excluded, widened: bool = False):
    """Filter and rank by text through the FTS5 index: every group (widened: any group, with
    `covered` counting how many), never an excluded word. Annotates text_rank and covered."""
    each = [query for query in map(group_query, groups) if query]
    if each:
        query = " OR ".join(each) if widened else " AND ".join(each)
        queryset = queryset.filter(pk__in=_matching(query))
        rank = _rank(rank_query(groups, excluded, widened))
    else:
        rank = Value(1.0, output_field=FloatField())
    for word in excluded:
        if alternative_query(word):
            queryset = queryset.exclude(pk__in=_matching(alternative_query(word)))
    if widened and len(each) > 1:
        parts = [
            f"(directory_service.id IN (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s))" for _ in each
        ]
        covered = RawSQL("(" + " + ".join(parts) + ")", list(each), output_field=IntegerField())
    else:
        covered = Value(len(groups), output_field=IntegerField())
    return queryset.annotate(text_rank=rank, covered=covered)


def register_functions(sender, connection, **kwargs) -> None:
    """On each new SQLite connection: pg_ts_rank(name, summary, description, rank_query)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("pg_ts_rank", 4, pg_ts_rank, deterministic=True)

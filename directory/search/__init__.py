"""The service search behind /services/: text, place, filters, facets and order, in a few queries.

PostgreSQL: a weighted tsvector (kept by a trigger) matched with websearch_to_tsquery in English,
with the search vocabulary; ts_rank blended with distance decay and freshness; trigram "did you
mean" for typos. SQLite: the same page and parameters, its text matched through an FTS5 index
and ranked with the same formula. A search works on a bounded set of candidates: at most
SEARCH_RESULT_CAP services, the ones its order puts first. Counting, facets and the order are
worked out in Python over those narrow rows. When more services match, the page says "more
than" and its counts are lower bounds.

How one query flows through the modules (each module's docstring says its own part):

  page.search_services      reads the form (directory.filters) and the postcode
    places.resolve_origin   the postcode's place, an Origin
  plan.Plan / plan._select  one search's fetch:
    parsing.parse_terms     the words as AND-ed groups of alternatives, phrases of the search
                            vocabulary (directory.thesaurus) expanded; both databases get these
    PostgreSQL:  words.group_share (how common each group is) -> tsquery.TextQuery ->
                 postgres.fetch_postgres (capped, from the indexes)
    SQLite (or `portable=True`):  portable.find_places (near a postcode) ->
                 sqlite.fts_text (FTS5, ranked by tsrank.pg_ts_rank) or, on PostgreSQL's
                 portable way, portable._simple_text -> portable.fetch_all (every match)
    -> candidates.Candidate rows
  ranking                   the order (_sort_key: rank x freshness x place), the cut to the
                            cap (plan._best), the facet counts (count_facets)
  spelling.suggest          "did you mean", when few match (words: the listings' vocabulary)
  widening._widen           too few for all the words: most of them, then any
  nearby                    near a postcode: by phone or online, and the nearest beyond
  page._paged               the page's services, with their locations and opening times
    cards.card_services     (one query)

The queries of one search on PostgreSQL: the postcode (1); the candidates (1, or 2 near a postcode
when it walks outwards, see postgres); a typo adds the suggestion (1) and, when the original found
nothing, the corrected search's candidates (1); too few results add the widened search's
candidates (1); near a postcode, nearby adds one (by phone or online, which results meet in a
home, and the nearest beyond the radius when fewer than three are inside it, in one union); then
the page's services with their locations and opening times (1, cards), read once for whichever
search is shown. A second search for the page (corrected or widened) never walks outwards, so its
candidates are one query. So eight at most, in the rare search that walked outwards (common words
only) and was corrected and widened. Each candidates fetch runs again with the ticked element,
structure, mode and peer-led filters when its first set was cut (1 each). SQLite adds one query
for the places near a postcode, and one for the nearest beyond the radius (its unions take no
limits). Now
and then: on PostgreSQL, a search with words near a postcode, or a widened one, reads the
listings' vocabulary once every ten minutes per process (words.word_shares); the search
vocabulary is read again after an edit, or every five minutes per process (1).

Outside the package: directory.thesaurus (the search vocabulary editors keep; its migration and
`manage.py load_search_vocabulary` use it too). SQLite's index is kept by signals that
DirectoryConfig.ready connects (sqlite.connect_signals). The names below are the search's public
surface, importable from `directory.search` as before the package.
"""

from directory.search.candidates import Candidate, Fetched, is_postgres
from directory.search.page import FEW_RESULTS, SearchResult, search_services
from directory.search.parsing import EXCLUDED, STOP_WORDS, SYNONYMS, parse_terms
from directory.search.places import (
    EARTH_RADIUS_KM,
    Origin,
    bounding_box,
    great_circle_km,
    haversine_km,
    resolve_origin,
)
from directory.search.plan import COMMON_WORDS_SHARE, PAGE_SIZE, Plan
from directory.search.portable import MODE_WORDS, MUTUAL_WORDS, PEER_LED_WORDS, Places, find_places
from directory.search.ranking import (
    ELEMENT_KEYS,
    MODE_KEYS,
    OVERDUE_RANK_FACTOR,
    STRUCTURE_KEYS,
    FacetOption,
    count_facets,
    freshness_factor,
)
from directory.search.widening import HANDFUL, MOST_GROUPS_SHARE, WIDENED_ANY, WIDENED_MOST, most_groups
from directory.search.words import TAG_SHARE, group_share

__all__ = [
    "COMMON_WORDS_SHARE",
    "EARTH_RADIUS_KM",
    "ELEMENT_KEYS",
    "EXCLUDED",
    "FEW_RESULTS",
    "HANDFUL",
    "MODE_KEYS",
    "MODE_WORDS",
    "MOST_GROUPS_SHARE",
    "MUTUAL_WORDS",
    "OVERDUE_RANK_FACTOR",
    "PAGE_SIZE",
    "PEER_LED_WORDS",
    "STOP_WORDS",
    "STRUCTURE_KEYS",
    "SYNONYMS",
    "TAG_SHARE",
    "WIDENED_ANY",
    "WIDENED_MOST",
    "Candidate",
    "FacetOption",
    "Fetched",
    "Origin",
    "Places",
    "Plan",
    "SearchResult",
    "bounding_box",
    "count_facets",
    "find_places",
    "freshness_factor",
    "great_circle_km",
    "group_share",
    "haversine_km",
    "is_postgres",
    "most_groups",
    "parse_terms",
    "resolve_origin",
    "search_services",
]

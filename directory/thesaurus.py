"""The search vocabulary: the words and phrases people type, and what they mean in the directory.

An entry (directory.models.SearchTerm, edited in the admin, seeded from directory/data/thesaurus.csv)
maps a phrase such as "passed away" to the words listings use ("bereavement", "grief", "lost a
partner") and to topics and audiences (Bereavement). `expand()` finds the phrases in what someone
typed, longest first and only as whole words ("bi" never inside "bike"; a hyphen counts as a
space, an apostrophe may be left out), and turns each into ONE group of alternatives: the phrase
itself, its listing words, and the names of its topics and audiences. The words a phrase used up
are not searched again on their own. directory.search.parse_terms feeds the groups to both
databases, so PostgreSQL and SQLite expand a search the same way; the topic and audience names
find services tagged with them (they are in PostgreSQL's search document, and SQLite's match
reads the tags' names).

The small built-in SYNONYMS list (word forms every search should treat alike) is the first layer
of the same vocabulary: an entry with the same phrase adds to it.

Caching: the compiled vocabulary is kept in each process, with the version it was built from.
Each search reads the version from the Django cache (one cache read, no database query); a save or
delete of an entry, a topic or an audience sets a new version (directory.models), so every process
reads the vocabulary again (one query) at its next search. In production the cache is Redis,
shared by the processes, so an edit takes effect at once; with a per-process cache (locmem, as in
development) a process also reloads at least every VOCABULARY_MAX_AGE seconds.
"""

from __future__ import annotations

import csv
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache

from directory.choices import Element

CSV_PATH = Path(__file__).resolve().parent / "data" / "thesaurus.csv"
CSV_HEADER = ["phrase", "topics", "audiences", "elements", "words", "note"]
VOCABULARY_MAX_AGE = 300.0  # seconds: the longest a process keeps a vocabulary without checking the database

# Words people use for the same need, whatever the vocabulary says: a search for any one finds
# listings that use the others.
SYNONYMS = [
    ("lonely", "loneliness", "isolation", "isolated"),
    ("bereaved", "bereavement", "grief", "grieving"),
    ("carer", "carers", "caring"),
    ("men's shed", "mens shed", "shed", "sheds"),
    ("befriending", "befriender", "befrienders"),
    ("peer", "lived experience"),
    ("cafe", "café", "cafes", "cafés"),
]


def tidy(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _pattern(phrase: str) -> str:
    """A phrase as a regular expression: hyphens and spaces alike, apostrophes optional."""
    words = [word for word in re.split(r"[\s\-]+", phrase) if word]
    return r"[\s\-]+".join(re.escape(word).replace("'", "'?") for word in words)


def _key(phrase: str) -> str:
    """The form a phrase is looked up by: hyphens as spaces, no apostrophes."""
    return " ".join(re.split(r"[\s\-]+", tidy(phrase).replace("'", "")))


@dataclass
class Vocabulary:
    """The compiled vocabulary: each phrase's alternatives, and one pattern that finds them all."""

    alternatives: dict[str, tuple[str, ...]]  # by _key(phrase)
    pattern: re.Pattern | None
    tags: frozenset[str] = frozenset()  # the topics' and audiences' names among the alternatives

    @classmethod
    def compile(cls, entries: dict[str, list[str]], tags=frozenset()) -> Vocabulary:
        merged: dict[str, list[str]] = {}
        for group in SYNONYMS:
            for word in group:
                merged.setdefault(_key(word), [word]).extend(group)
        for phrase, alternatives in entries.items():
            merged.setdefault(_key(phrase), [tidy(phrase)]).extend(alternatives)
        table = {
            key: tuple(dict.fromkeys(tidy(a) for a in alternatives if a.strip()))
            for key, alternatives in merged.items()
        }
        # Longest first, so "lost my wife" wins over "wife".
        phrases = sorted(
            {phrase for group in [*SYNONYMS, entries] for phrase in group}, key=lambda p: (-len(p), p)
        )
        tags = frozenset(tidy(name) for name in tags)
        if not phrases:
            return cls(table, None, tags)
        body = "|".join(dict.fromkeys(_pattern(tidy(phrase)) for phrase in phrases))
        return cls(table, re.compile(rf"(?<![\w'])(?:{body})(?![\w'])"), tags)

    def lookup(self, matched: str) -> tuple[str, ...]:
        return self.alternatives.get(_key(matched), (tidy(matched),))


_compiled: dict = {"version": None, "loaded": 0.0, "vocabulary": None}


def _entries_from_database() -> tuple[dict[str, list[str]], set[str]]:
    """One query: every entry's phrase, listing words, and its topics' and audiences' names; and
    those names."""
    from directory.models import SearchTerm, split_words

    entries: dict[str, list[str]] = {}
    tags: set[str] = set()
    rows = SearchTerm.objects.order_by().values_list("phrase", "words", "topics__name", "audiences__name")
    for phrase, words, topic, audience in rows:
        alternatives = entries.setdefault(tidy(phrase), [])
        if not alternatives:
            alternatives.extend(split_words(words))
        names = [name for name in (topic, audience) if name]
        alternatives.extend(names)
        tags.update(names)
    return entries, tags


def vocabulary() -> Vocabulary:
    """The compiled vocabulary, read again when an edit set a new version or it is old."""
    from directory.models import SEARCH_VOCABULARY_VERSION_KEY

    version = cache.get(SEARCH_VOCABULARY_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(SEARCH_VOCABULARY_VERSION_KEY, version, None)
        version = cache.get(SEARCH_VOCABULARY_VERSION_KEY) or version
    now = time.monotonic()
    fresh = now - _compiled["loaded"] < VOCABULARY_MAX_AGE
    if _compiled["vocabulary"] is None or _compiled["version"] != version or not fresh:
        _compiled["vocabulary"] = Vocabulary.compile(*_entries_from_database())
        _compiled["version"], _compiled["loaded"] = version, now
    return _compiled["vocabulary"]


def forget() -> None:
    """Drop this process's copy (tests whose database changes are rolled back use this)."""
    _compiled.update(version=None, loaded=0.0, vocabulary=None)


@dataclass
class Expanded:
    """A search's text after the vocabulary: the groups its phrases became, each at the position
    where the phrase was typed, and the rest of the text with those phrases taken out."""

    found: list[tuple[int, tuple[str, ...]]]
    rest: str


def expand(text: str, source: Vocabulary | None = None) -> Expanded:
    """Find the vocabulary's phrases in `text` (lower case, straight apostrophes, without quoted
    phrases and excluded words).
    Each phrase found becomes one group: the phrase, its listing words, its topics' and audiences'
    names. The text it used up is blanked, keeping the other words' positions."""
    source = source or vocabulary()
    if source.pattern is None or not text:
        return Expanded([], text)
    found = [(match.start(), source.lookup(match.group(0))) for match in source.pattern.finditer(text)]
    rest = source.pattern.sub(lambda match: " " * len(match.group(0)), text)
    return Expanded(found, rest)


# --- loading the CSV (the seeding migration and `manage.py load_search_vocabulary` use this) ----


class VocabularyFileError(ValueError):
    """The vocabulary file has rows that cannot be loaded; the message lists every one."""


@dataclass
class Row:
    line: int
    phrase: str
    topics: list[str]
    audiences: list[str]
    elements: list[str]
    words: str
    note: str


def _slugs(value: str) -> list[str]:
    return [slug.strip() for slug in (value or "").split(";") if slug.strip()]


def read_rows(path: Path = CSV_PATH, topic_slugs=None, audience_slugs=None) -> list[Row]:
    """Read and check the vocabulary file. Every problem is collected and reported at once, with
    its line number: a missing phrase, a phrase twice, an unknown topic, audience or element."""
    rows, problems = check_rows(path, topic_slugs, audience_slugs)
    if problems:
        raise VocabularyFileError(f"{path} has {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    return rows


def check_rows(path: Path = CSV_PATH, topic_slugs=None, audience_slugs=None) -> tuple[list[Row], list[str]]:
    """The file's good rows, and a line-numbered reason for each bad one (left out of the rows).
    A wrong header is a VocabularyFileError: no row can be read without it."""
    problems: list[str] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != CSV_HEADER:
            raise VocabularyFileError(
                f"{path}: the header must be {','.join(CSV_HEADER)}, not {reader.fieldnames}"
            )
        for record in reader:
            line = reader.line_num
            before = len(problems)
            if None in record or any(value is None for value in record.values()):
                problems.append(f"line {line}: expected {len(CSV_HEADER)} columns")
                continue
            phrase = tidy(record["phrase"])
            row = Row(
                line,
                phrase,
                _slugs(record["topics"]),
                _slugs(record["audiences"]),
                _slugs(record["elements"]),
                record["words"].strip(),
                record["note"].strip(),
            )
            if not phrase:
                problems.append(f"line {line}: the phrase is empty")
            elif phrase in seen:
                problems.append(f"line {line}: {phrase!r} is already on line {seen[phrase]}")
            else:
                seen[phrase] = line
            if phrase and not (row.topics or row.audiences or row.words):
                problems.append(f"line {line}: {phrase!r} maps to nothing (no topics, audiences or words)")
            for slug in row.topics:
                if topic_slugs is not None and slug not in topic_slugs:
                    problems.append(f"line {line}: unknown topic {slug!r}")
            for slug in row.audiences:
                if audience_slugs is not None and slug not in audience_slugs:
                    problems.append(f"line {line}: unknown audience {slug!r}")
            for key in row.elements:
                if key not in Element.values:
                    problems.append(
                        f"line {line}: unknown element {key!r} (one of {', '.join(Element.values)})"
                    )
            if len(problems) == before:
                rows.append(row)
    return rows, problems


def load_rows(SearchTerm, Topic, Audience, path: Path = CSV_PATH) -> int:  # noqa: N803 (model classes)
    """Create or update an entry for every row of the file (entries not in it are kept). Takes
    the model classes, so a migration can pass its historical ones. Returns the rows loaded."""
    topics = dict(Topic.objects.values_list("slug", "pk"))
    audiences = dict(Audience.objects.values_list("slug", "pk"))
    return save_rows(SearchTerm, topics, audiences, read_rows(path, set(topics), set(audiences)))


def save_rows(SearchTerm, topics: dict, audiences: dict, rows: list[Row]) -> int:  # noqa: N803 (a model class)
    """Create or update an entry for each checked row; `topics` and `audiences` map slug to id."""
    for row in rows:
        flags = {f"offers_{key}": key in row.elements for key in Element.values}
        term, _ = SearchTerm.objects.update_or_create(
            phrase=row.phrase, defaults={"words": row.words, "note": row.note, **flags}
        )
        term.topics.set([topics[slug] for slug in row.topics])
        term.audiences.set([audiences[slug] for slug in row.audiences])
    return len(rows)

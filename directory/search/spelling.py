"""Spelling: "did you mean", a corrected search offered only for words the directory does not know.

A word the person typed is KNOWN, and never corrected, when its stem is the stem of a word the
listings use (directory_searchword, see words.py), of a word in the search vocabulary
(directory/thesaurus.py: the SearchTerm entries editors keep, seeded from data/thesaurus.csv, with
the built-in synonyms), of a word in a topic's or an audience's name, or of a word the search itself
gives meaning to (its words for ways of delivery, peer-led and mutual support). Stems are PostgreSQL's: the Snowball English stemmer that its 'english' text
search configuration uses, applied twice, so that stacked suffixes meet ("loneliness" stems to
"loneli", "lonely" to "lone", and "loneli" stems to "lone" again).

Stop words (PostgreSQL's English list), words under four letters, contractions and words with
digits are left alone. Only an unknown word is replaced, so the rest of the search stays as typed.

An unknown word becomes the closest listing or thesaurus word within CLOSE ENOUGH, defined by edits
(a letter added, missing, changed, or two neighbours swapped), never changing the first letter:

- 4 or 5 letters: one letter added, missing or swapped, never a changed letter (a changed letter
  in a short word mostly makes another real word: walk/talk, cope/code, hope/home);
- 6 to 8 letters: one edit of any kind;
- 9 letters or more: two edits.

Among the words close enough: fewest edits, then the word more listings use, then alphabetical.

On PostgreSQL one query reads, for every unknown-looking word, the listing words that begin with
its stem's first letters (a range scan of the word column's pattern index) and its NEAREST listing
words by trigram distance (the GiST index, as before), with the topics' and audiences' names. The portable way (SQLite, or `portable=True`)
reads the same things from the whole vocabulary in Python. Both then decide in the same Python code.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer
from django.db import connection

# PostgreSQL's English stop words (tsearch_data/english.stop): the text search ignores them, so
# correcting them could only do harm.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves what which who whom this that these those
    am is are was were be been being have has had having do does did doing a an the and but if or because
    as until while of at by for with about against between into through during before after above below to
    from up down in out on off over under again further then once here there when where why how all any
    both each few more most other some such no nor not only own same so than too very s t can will just don
    should now near""".split()  # noqa: SIM905 (the list as PostgreSQL ships it, not 128 lines)
)
# Everyday words PostgreSQL's list lacks: left alone when typed, and never offered as a correction
# (the search ignores them, and "cold" turned into "could" only loses the meaning).
EVERYDAY_WORDS = frozenset(
    """could would might must shall also every much many still even ever never always often really quite
    since though although however maybe perhaps lots thing things something anything nothing someone
    anyone everyone somebody anybody nobody everybody got gets getting going gone come came coming make
    made know knew think thought want wanted wants need needs needed like feel feels felt keep kept tell
    told give gave take took look looking please thanks thank sure else another without within""".split()  # noqa: SIM905
)
LEAVE_ALONE = STOP_WORDS | EVERYDAY_WORDS
SHORTEST = 4  # words shorter than this are never corrected
# How many nearest listing words (by trigram distance) PostgreSQL hands over for each unknown word.
NEAREST = 20

_stemmer = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9']+", re.IGNORECASE)


def fold(text: str) -> str:
    """Accents folded and lower case, as the vocabulary is stored: "Café" is "cafe"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def bare(word: str) -> str:
    """The word without a possessive 's: "parkinson's" is "parkinson"."""
    return word[:-2] if word.endswith("'s") else word


@functools.lru_cache(maxsize=65536)
def root(word: str) -> str:
    """The word's stem, stemmed again: the form that words of one family share. Remembered: a
    search compares every word of the vocabularies by its root, and stemming is slow in Python."""
    return _stemmer.stemWord(_stemmer.stemWord(bare(word)))


def stem_prefix(stem: str) -> str:
    """The first letters that every word with this root begins with (stemming changes only a
    word's end, and may turn a last "y" into "i"): what the database is asked for."""
    return stem[:4] if len(stem) >= 5 else stem[: max(2, len(stem) - 1)]


def checkable(word: str) -> bool:
    """Whether a typed word is one we would ever correct."""
    if len(word) < SHORTEST or word in LEAVE_ALONE or any(ch.isdigit() for ch in word):
        return False
    # Contractions (can't, i've, we're) are left alone; a possessive is checked without its 's.
    return "'" not in bare(word) and len(bare(word)) >= SHORTEST


def words_of(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]+", fold(text)) if len(word) >= 2}


_known: dict = {"source": None, "words": frozenset()}


def thesaurus_words() -> frozenset[str]:
    """Every word of the search vocabulary (directory/thesaurus.py: the phrases people type, the
    listing words and topic and audience names they map to, and the built-in synonyms), worked out
    again only when the vocabulary was reloaded (an editor's change sets a new version)."""
    from directory import thesaurus

    source = thesaurus.vocabulary()
    if _known["source"] is not source:
        found: set[str] = set()
        for key, alternatives in source.alternatives.items():
            found |= words_of(key)
            for alternative in alternatives:
                found |= words_of(alternative)
        _known.update(source=source, words=frozenset(found))
    return _known["words"]


def search_words() -> frozenset[str]:
    """The words the search itself gives a meaning to: its synonyms and its words for ways of
    delivery, peer-led and mutual support (read lazily: the search's modules import this one)."""
    from directory.search import parsing, portable

    found: set[str] = set()
    for group in getattr(parsing, "SYNONYMS", ()):
        for phrase in group:
            found |= words_of(phrase)
    for name in ("MODE_WORDS", "PEER_LED_WORDS", "MUTUAL_WORDS"):
        for phrase in getattr(portable, name, ()):
            found |= words_of(phrase)
    return frozenset(found)


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, set[str]] = {}
for _row, _line in enumerate(_KEYBOARD_ROWS):
    for _col, _key in enumerate(_line):
        for _other_row in (_row - 1, _row, _row + 1):
            if 0 <= _other_row < len(_KEYBOARD_ROWS):
                # A key's neighbours: left and right, and the keys above and below it (rows are staggered).
                for _other_col in (_col - 1, _col, _col + 1):
                    if 0 <= _other_col < len(_KEYBOARD_ROWS[_other_row]):
                        _NEIGHBOURS.setdefault(_key, set()).add(_KEYBOARD_ROWS[_other_row][_other_col])
VOWELS = set("aeiouy")
SOUNDS_ALIKE = {frozenset(pair) for pair in ("ck", "cs", "sz", "kq", "gj", "fv", "mn")}


def slip(a: str, b: str) -> bool:
    """Whether typing `a` for `b` is a likely slip: two vowels (people misremember them), two keys
    side by side, or two letters that sound alike. Any other changed letter counts as two edits
    (sister/sitter, cope/code are different words, not typos)."""
    return (a in VOWELS and b in VOWELS) or b in _NEIGHBOURS.get(a, ()) or frozenset((a, b)) in SOUNDS_ALIKE


def edits(typed: str, other: str, most: int) -> int | None:
    """The edits between two words (a letter added, missing, changed by a slip, or two neighbours
    swapped; another changed letter counts two), or None when there are more than `most`."""
    if abs(len(typed) - len(other)) > most:
        return None
    previous2: list[int] = []
    previous = list(range(len(other) + 1))
    for i, a in enumerate(typed, 1):
        row = [i] + [0] * len(other)
        for j, b in enumerate(other, 1):
            changed = 0 if a == b else 1 if slip(a, b) else 2
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + changed)
            if i > 1 and j > 1 and a == other[j - 2] and typed[i - 2] == b:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > most:
            return None
        previous2, previous = previous, row
    return previous[-1] if previous[-1] <= most else None


def close_enough(typed: str, other: str) -> int | None:
    """How many edits turn the typed word into the other, if it is close enough to offer."""
    if not other or other[0] != typed[0] or other == typed:
        return None
    if len(typed) <= 5:
        # One letter added, missing or swapped: never a changed letter in a short word.
        if len(other) == len(typed) and sorted(other) != sorted(typed):
            return None
        return edits(typed, other, 1)
    return edits(typed, other, 1 if len(typed) <= 8 else 2)


def best_correction(typed: str, candidates: dict[str, int], everyday: frozenset[str] = frozenset()) -> str:
    """The closest candidate (word -> how many listings use it): fewest edits, then a word of the
    search vocabulary (`everyday`: the words people use), then the one more listings use, then
    alphabetical. Never a word left alone. "" when none is close enough."""
    scored = []
    for candidate, uses in candidates.items():
        distance = None if candidate in LEAVE_ALONE else close_enough(typed, candidate)
        if distance is not None:
            scored.append((distance, candidate not in everyday, -uses, candidate))
    return min(scored)[-1] if scored else ""


def _from_postgresql(words: list[str]) -> tuple[dict[str, int], dict[str, dict[str, int]], set[str]]:
    """One query: the listing words that begin with each word's stem's first letters (a range on
    the word column's pattern index), each word's nearest listing words by trigram distance (the
    GiST index, as before), and the topics' and audiences' names."""
    prefixes = [stem_prefix(root(word)) for word in words]
    family: dict[str, int] = {}
    nearest: dict[str, dict[str, int]] = {word: {} for word in words}
    names: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT 'family', '', s.word, s.services
              FROM unnest(%s::text[]) AS p(prefix)
              JOIN directory_searchword s ON s.word ~>=~ p.prefix AND s.word ~<~ (p.prefix || '{')
            UNION ALL
            SELECT 'near', w.input, near.word, near.services
              FROM unnest(%s::text[]) AS w(input)
              CROSS JOIN LATERAL (
                SELECT s.word, s.services FROM directory_searchword s
                 ORDER BY s.word <-> w.input LIMIT %s) AS near
            UNION ALL
            SELECT 'name', '', name, 0 FROM directory_topic
            UNION ALL
            SELECT 'name', '', name, 0 FROM directory_audience
            """,
            [prefixes, words, NEAREST],
        )
        for kind, typed, word, uses in cursor.fetchall():
            if kind == "family":
                family[word] = uses
            elif kind == "near":
                nearest[typed][word] = uses
            else:
                names.add(word)
    return family, nearest, names


def _portable(words: list[str]) -> tuple[dict[str, int], dict[str, dict[str, int]], set[str]]:
    """The same as _from_postgresql, from the whole vocabulary in Python (one query)."""
    vocabulary: dict[str, int] = {}
    names: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT word, services FROM directory_searchword
            UNION ALL SELECT name, -1 FROM directory_topic
            UNION ALL SELECT name, -1 FROM directory_audience
            """
        )
        for word, uses in cursor.fetchall():
            if uses < 0:
                names.add(word)
            else:
                vocabulary[word] = uses
    prefixes = tuple(stem_prefix(root(word)) for word in words)
    family = {word: uses for word, uses in vocabulary.items() if word.startswith(prefixes)}
    nearest = {
        typed: {
            word: uses for word, uses in vocabulary.items() if close_enough(typed, bare(word)) is not None
        }
        for typed in words
    }
    return family, nearest, names


def suggest(text: str, portable: bool = False) -> str:
    """A corrected search in which only the words the directory does not know are changed, each to
    the closest listing or thesaurus word; "" when nothing would change.
    `portable`: read the vocabulary in Python, as on SQLite, whatever the database."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    tokens = {word: bare(word) for word in _WORD.findall(text.lower()) if checkable(word)}
    if not tokens:
        return ""
    elsewhere = thesaurus_words() | search_words()
    roots_elsewhere = {root(word) for word in elsewhere}
    # Words known without asking the database are settled first.
    unknown = sorted(
        {word for word in tokens.values() if word not in elsewhere and root(word) not in roots_elsewhere}
    )
    if not unknown:
        return ""
    if connection.vendor == "postgresql" and not portable:
        family, nearest, names = _from_postgresql(unknown)
    else:
        family, nearest, names = _portable(unknown)
    name_words = set().union(*(words_of(name) for name in names)) if names else set()
    known_roots = roots_elsewhere | {root(word) for word in family} | {root(word) for word in name_words}
    extra = {word: 0 for word in elsewhere | name_words if len(word) >= SHORTEST}
    fixes = {}
    for word in unknown:
        if root(word) in known_roots:
            continue
        listed: dict[str, int] = {}
        for candidate, uses in nearest.get(word, {}).items():
            listed[bare(candidate)] = max(uses, listed.get(bare(candidate), 0))
        best = best_correction(word, {**extra, **listed}, elsewhere)
        if best:
            fixes[word] = best
    if not fixes:
        return ""

    def fixed(match: re.Match) -> str:
        typed = match.group(0).lower()
        if tokens.get(typed) in fixes:
            return fixes[tokens[typed]] + typed[len(tokens[typed]) :]
        return match.group(0)

    corrected = _WORD.sub(fixed, text)
    return corrected if corrected.lower() != text.lower() else ""

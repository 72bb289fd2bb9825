"""SQLite only: PostgreSQL's ts_rank worked out in Python, so both databases order alike.

sqlite.fts_text finds the matches through FTS5 and ranks them with pg_ts_rank (a SQL function
that sqlite.register_functions adds to each SQLite connection), given rank_query's summary of the
search. It reads the index row's three columns as PostgreSQL's English configuration would: the
same stop words (parsing's list) and the Snowball stemmer.
"""

from __future__ import annotations

import re

from directory.search.parsing import _STOP_WORDS

# --- PostgreSQL's ts_rank, for SQLite --------------------------------------------------------------
# FTS5 finds the matches; their order comes from PostgreSQL's own ts_rank (src/backend/utils/adt/
# tsrank.c, default weights, no length normalisation), worked out from the index's three columns
# with the Snowball stemmer PostgreSQL uses, so that both databases put the same services first
# (the parity test, tests/directory/test_search_parity.py). bm25 ranked differently enough that
# half of the first tens differed.

RANK_WEIGHTS = (1.0, 0.4, 0.2)  # ts_rank's defaults for A (name), B (summary...), C (description)
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_STEMMER = None


def _stop_words() -> frozenset[str]:
    """PostgreSQL's English stop words (parsing._STOP_WORDS, less the "near" it adds)."""
    return frozenset(_STOP_WORDS.split()) - {"near"}


def _stem(word: str) -> str:
    global _STEMMER
    if _STEMMER is None:
        import snowballstemmer

        _STEMMER = snowballstemmer.stemmer("english")
    return _STEMMER.stemWord(word)


def _lexemes(text: str) -> list[str | None]:
    """The text as PostgreSQL's English configuration reads it: each token at its position, a stop
    word as None (it takes a position, as in PostgreSQL); a hyphenated word is itself, then its
    parts ("peer-led": peer-l, peer, led); an apostrophe splits words."""
    stop = _stop_words()
    found: list[str | None] = []
    for match in _TOKEN.finditer(text.lower()):
        token = match.group(0)
        parts = token.split("-")
        words = [token, *parts] if len(parts) > 1 else parts
        found += [None if word in stop else _stem(word) for word in words]
    return found


def rank_query(groups, excluded, widened: bool) -> str:
    """What pg_ts_rank needs of a search: its distinct lexemes, and whether its tsquery's top
    operator is AND (or a phrase), which PostgreSQL ranks by proximity, else OR."""
    import json

    lexemes: list[str] = []
    for alternatives in [*groups, *([word] for word in excluded)]:
        for alternative in alternatives:
            lexemes += [lexeme for lexeme in _lexemes(alternative) if lexeme]
    items = sorted(set(lexemes))
    parts = (1 if widened and len(groups) > 1 else len(groups)) + len(excluded)
    if parts > 1:
        conjunction = True
    else:
        alternatives = [alt for alt in (groups[0] if groups else []) if any(_lexemes(alt))]
        conjunction = len(alternatives) == 1 and len([x for x in _lexemes(alternatives[0]) if x]) > 1
    return json.dumps({"items": items, "and": conjunction})


def _float4(value: float) -> float:
    import struct

    return struct.unpack("f", struct.pack("f", value))[0]


def _word_distance(distance: int) -> float:
    import math

    if distance > 100:
        return 1e-30
    return 1.0 / (1.005 + 0.05 * math.exp(distance / 1.5 - 2))


def pg_ts_rank(name: str, summary: str, description: str, query: str) -> float:
    import json
    import math

    spec = json.loads(query)
    positions: dict[str, list[tuple[int, float]]] = {}
    offset = 0
    for text, weight in zip((name or "", summary or "", description or ""), RANK_WEIGHTS, strict=True):
        last = 0
        for index, lexeme in enumerate(_lexemes(text), start=1):
            if lexeme is not None:
                positions.setdefault(lexeme, []).append((offset + index, weight))
                last = index
        offset += last  # tsvector || shifts by the left side's greatest position
    items = spec["items"]
    if not items:
        return 0.0
    if spec["and"] and len(items) >= 2:
        result = -1.0
        seen: list[list[tuple[int, float]]] = []
        for item in items:
            current = positions.get(item)
            if not current:
                continue
            current = current[:256]
            for earlier in seen:
                for position, weight in current:
                    for other_position, other_weight in earlier:
                        distance = abs(position - other_position)
                        if distance:
                            closeness = math.sqrt(weight * other_weight * _word_distance(distance))
                            result = closeness if result < 0 else 1.0 - (1.0 - result) * (1.0 - closeness)
            seen.append(current)
    else:
        result = 0.0
        for item in items:
            current = positions.get(item)
            if not current:
                continue
            current = current[:256]
            total, best, best_at = 0.0, -1.0, 0
            for j, (_, weight) in enumerate(current):
                total += weight / ((j + 1) * (j + 1))
                if weight > best:
                    best, best_at = weight, j
            result += (best + total - best / ((best_at + 1) * (best_at + 1))) / 1.64493406685
        result /= len(items)
    if result < 0:
        result = 1e-20
    return _float4(result)

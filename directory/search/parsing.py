"""Step 1 of a search: what was typed, as groups of words (page -> plan -> here).

parse_terms() splits the text into AND-ed groups of alternatives and excluded words (-word). A
phrase of the search vocabulary (directory.thesaurus, with the built-in synonyms) becomes one group
of its alternatives, a quoted phrase one group of itself, any other word that is not a stop word a
group of itself; "or" joins the groups either side of it. Both databases get these same groups:
plan.Plan hands them to tsquery.TextQuery on PostgreSQL, and to sqlite.fts_text (or the portable
word match, portable._simple_text) on SQLite. No query of its own: the vocabulary is read through
directory.thesaurus, which keeps it for a few minutes per process.
"""

from __future__ import annotations

import re

from directory import thesaurus
from directory.thesaurus import SYNONYMS  # noqa: F401 (the built-in synonyms, as before)

# The words of a search that say nothing about what is wanted: PostgreSQL's English stop words
# (its text search ignores them) and "near", "me", so that SQLite, which matches every word it is
# given, ignores them too. Vocabulary phrases are found before they are dropped ("feeling down").
_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom this that these
    those am is are was were be been being have has had having do does did doing a an the and but if or
    because as until while of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here there when where why how all
    any both each few more most other some such no nor not only own same so than too very s t can will just
    don should now near"""
# Contractions say nothing either (PostgreSQL would search "i'm" as "m").
_CONTRACTIONS = """i'm im i've ive i'd i'll you're you've it's that's there's he's she's we're we've they're
    they've don't doesn't didn't isn't wasn't aren't weren't won't can't cannot couldn't wouldn't shouldn't
    haven't hasn't hadn't let's"""
STOP_WORDS = frozenset(_STOP_WORDS.split() + _CONTRACTIONS.split())
EXCLUDED = re.compile(r"(?<!\S)-[\w']+")


def _blank(pattern: str | re.Pattern, text: str) -> str:
    """The text with each match replaced by as many spaces, so later positions still hold."""
    return re.sub(pattern, lambda match: " " * len(match.group(0)), text)


def parse_terms(text: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Split a search into AND-ed groups of alternatives, and excluded words (-word).

    In the order typed: a quoted phrase is one group of itself; a phrase of the search vocabulary
    (directory.thesaurus, which holds the synonyms too) is one group of its alternatives; any other
    word, not a stop word, is a group of itself. "or" joins the groups either side of it."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    items: list[tuple[int, tuple[str, ...] | str]] = []
    for match in re.finditer(r'"([^"]+)"', text):
        if match.group(1).strip():
            items.append((match.start(), (" ".join(match.group(1).split()),)))
    text = _blank(r'"[^"]*"', text)
    excluded = [word[1:] for word in EXCLUDED.findall(text)]
    text = _blank(EXCLUDED, text)
    expanded = thesaurus.expand(text)
    items += expanded.found
    items += [(match.start(), match.group(0)) for match in re.finditer(r"[\w']+", expanded.rest)]
    items.sort(key=lambda item: item[0])
    groups: list[tuple[str, ...]] = []
    join_next = False
    for _, item in items:
        if item == "or" and groups:
            join_next = True
            continue
        if isinstance(item, str):
            if item in STOP_WORDS or item.strip("'") == "":
                continue
            alternatives: tuple[str, ...] = (item,)
        else:
            alternatives = item
        if join_next:
            groups[-1] = tuple(dict.fromkeys(groups[-1] + alternatives))
            join_next = False
        else:
            groups.append(alternatives)
    return groups[:10], excluded[:5]

"""The listings' own vocabulary: every word of the published listings, with how many use it.

Two readers: spelling ("did you mean" corrects only words the directory does not know), and
plan.Plan on PostgreSQL, which asks how common each of a search's groups is (group_share) to
choose how to fetch its candidates (walk outwards from a postcode for common words, read the
rarest groups first when widened). Neither ever uses it to choose results, so a vocabulary a
few minutes old does no harm. Rebuilt by rebuild_search_words() (`manage.py
rebuild_search_words`, load_demo_data); read once every ten minutes per process (word_shares).
"""

import re
import time
import unicodedata
from collections import Counter

from django.db import transaction

from directory import thesaurus
from directory.models import SearchWord, Service

WORD = re.compile(r"[a-z][a-z']{2,38}[a-z]")
BATCH = 5000


def rebuild_search_words() -> int:
    """Replace the vocabulary with the words of today's published listings. Returns the word count."""
    seen: Counter[str] = Counter()
    rows = (
        Service.objects.published().values_list("name", "summary", "description").iterator(chunk_size=BATCH)
    )
    for name, summary, description in rows:
        # Accents folded, as suggest() folds what people type: "café" is stored as "cafe".
        text = unicodedata.normalize("NFKD", f"{name} {summary} {description}".lower())
        seen.update(set(WORD.findall(text.encode("ascii", "ignore").decode())))
    with transaction.atomic():
        SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(
            (SearchWord(word=word, services=count) for word, count in seen.items()), batch_size=BATCH
        )
    _shares["loaded"] = None  # read the new vocabulary at the next search
    return len(seen)


SHARES_KEPT_FOR = 600.0  # seconds
_shares: dict = {"loaded": None, "words": {}}


def word_shares() -> dict[str, float]:
    """Each listing word's share of the listings (its count over the commonest word's), kept in
    the process for ten minutes. The search uses it only to choose how to run a query, never to
    choose results, so a vocabulary a few minutes old does no harm."""
    now = time.monotonic()
    if _shares["loaded"] is None or now - _shares["loaded"] > SHARES_KEPT_FOR:
        counts = dict(SearchWord.objects.values_list("word", "services"))
        commonest = max(counts.values(), default=0) or 1
        _shares["words"] = {word: count / commonest for word, count in counts.items()}
        _shares["loaded"] = now
    return _shares["words"]


def share_of_listings(alternatives: tuple[str, ...]) -> float:
    """Roughly what share of listings use any of these words (0 for words no listing uses)."""
    shares = word_shares()
    return min(1.0, sum(shares.get(word, 0.0) for word in alternatives))


# A topic or an audience is broad: a search vocabulary group naming one counts it as this share.
TAG_SHARE = 0.1


def group_share(alternatives: tuple[str, ...]) -> float:
    """Roughly what share of listings match a group: its words' shares (word_shares), a phrase
    counted as its rarest word (a phrase is never more common than any of its words), and
    TAG_SHARE for each topic's or audience's name (in the document of every service tagged)."""
    tags = thesaurus.vocabulary().tags
    words = []
    tagged = 0.0
    for alternative in alternatives:
        if alternative in tags:
            tagged += TAG_SHARE
            continue
        parts = re.findall(r"[a-z][a-z']+", alternative)
        if len(parts) > 1:
            words.append(min(parts, key=lambda word: share_of_listings((word,))))
        elif parts:
            words.append(parts[0])
    return min(1.0, share_of_listings(tuple(words)) + tagged)

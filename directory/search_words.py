"""The vocabulary behind "did you mean": every word of the published listings, with how many use it."""

import re
import time
import unicodedata
from collections import Counter

from django.db import transaction

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

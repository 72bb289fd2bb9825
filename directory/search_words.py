"""The vocabulary behind "did you mean": every word of the published listings, with how many use it."""

import re
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
    return len(seen)

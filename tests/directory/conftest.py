import pytest


@pytest.fixture
def rare_words(db):
    """An empty "did you mean" vocabulary, read afresh: every word searched counts as rare, so a
    search near a postcode collects its matches from the text index (not a walk outwards),
    whatever an earlier test left in the process's copy of the vocabulary."""
    from directory.search.words import rebuild_search_words

    rebuild_search_words()


@pytest.fixture(params=[None, True], ids=["database", "portable"])
def portable(request):
    """Every search twice: as the database searches (PostgreSQL's text search, or SQLite's FTS5),
    and the portable way (plain ORM over every match)."""
    return request.param


@pytest.fixture
def fresh_vocabulary():
    """The search vocabulary read from this test's database: a rolled-back change must not linger
    in the process's copy or the cache."""
    from django.core.cache import cache

    from directory import thesaurus
    from directory.models import SEARCH_VOCABULARY_VERSION_KEY

    thesaurus.forget()
    cache.delete(SEARCH_VOCABULARY_VERSION_KEY)
    yield
    thesaurus.forget()
    cache.delete(SEARCH_VOCABULARY_VERSION_KEY)


@pytest.fixture
def no_vocabulary(db, fresh_vocabulary):
    """No search vocabulary entries (the seeded file's rows are not the test's); the built-in
    synonyms stay."""
    from directory.models import SearchTerm

    SearchTerm.objects.all().delete()

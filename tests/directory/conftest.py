import pytest


@pytest.fixture
def rare_words(db):
    """An empty "did you mean" vocabulary, read afresh: every word searched counts as rare, so a
    search near a postcode collects its matches from the text index (not a walk outwards),
    whatever an earlier test left in the process's copy of the vocabulary."""
    from directory.search_words import rebuild_search_words

    rebuild_search_words()

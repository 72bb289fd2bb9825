"""Spelling: "did you mean" only for words the directory does not know (issue 10, point 3): directory/search/spelling.py.

Each test makes its own listings and rebuilds the listings' vocabulary from them. The search
vocabulary (SearchTerm entries and built-in synonyms), the search's own words and the seeded topics'
and audiences' names are emptied, so that each test shows one reason a word is known; a test adds
what it needs.
"""

import pytest
from django.db import connection

from directory import thesaurus
from directory.models import Audience, SearchTerm, Topic
from directory.search import spelling
from directory.search.words import rebuild_search_words
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"
# Every test runs the way this database runs it; on PostgreSQL the portable way runs as well.
WAYS = [False, True] if ON_POSTGRESQL else [True]


@pytest.fixture
def real_vocabulary():
    """Asked for by a test that reads the project's own search vocabulary and words."""


@pytest.fixture(autouse=True)
def own_vocabulary(request, monkeypatch):
    """No search vocabulary, synonyms, search words, topic or audience names unless a test adds them."""
    if "real_vocabulary" not in request.fixturenames:
        # Raw deletes: a plain delete() sends a signal per entry and takes seconds; the test's
        # transaction is rolled back after it anyway, and forget() below drops the process's copy.
        for model in (SearchTerm.topics.through, SearchTerm.audiences.through, SearchTerm):
            model.objects.all()._raw_delete(model.objects.db)
        monkeypatch.setattr(thesaurus, "SYNONYMS", [])
        monkeypatch.setattr(spelling, "search_words", lambda: frozenset())
        # The seeded topics and audiences keep their rows (other tables refer to them) but lose their names.
        Topic.objects.update(name="")
        Audience.objects.update(name="")
    thesaurus.forget()
    yield
    thesaurus.forget()


def entry(phrase, words):
    """A search vocabulary entry, as an editor adds one in the admin."""
    return SearchTerm.objects.create(phrase=phrase, words=words)


def listings(*texts):
    """One published listing per text (its summary; no other words), and the vocabulary rebuilt."""
    for number, text in enumerate(texts):
        ServiceFactory(name=f"Listing {number}", summary=text, description="")
    rebuild_search_words()


def suggestions(text):
    """What each way of looking up the vocabulary suggests: they must agree."""
    found = {spelling.suggest(text, portable=portable) for portable in WAYS}
    assert len(found) == 1, found
    return found.pop()


def test_a_word_whose_stem_the_listings_use_is_not_corrected_into_a_nearer_listing_word():
    listings("Walks by the river.", "Talk to someone who listens.", "Help with waking at night.")
    assert suggestions("walk") == ""
    assert suggestions("talk") == ""
    assert suggestions("walking") == ""  # one letter from "waking", but the listings' "walks" is its stem
    assert suggestions("walking talks") == ""


def test_lonely_is_not_corrected_to_alone_when_listings_say_loneliness():
    listings("Help with loneliness.", "For people living alone.", "A lovely garden.")
    assert suggestions("lonely") == ""  # near "lovely" and "alone", but the stem of "loneliness"
    assert suggestions("feeling lonely") == ""


def test_stems_are_compared_through_stacked_suffixes():
    listings("Friendliness and kindness.")
    assert spelling.root("friendly") == spelling.root("friendliness") == "friend"
    assert suggestions("friendly") == ""


def test_a_long_sentence_of_correctly_spelled_words_gets_no_suggestion():
    listings(
        "Befriending by telephone for older people who are isolated.",
        "A walking group and a choir for carers.",
        "Talking therapy and counselling after a bereavement.",
    )
    sentence = (
        "My mother is isolated since she was bereaved and I am a carer, "
        "she would like somebody to telephone her or a walking group or choir"
    )
    assert suggestions(sentence) == ""


def test_a_misspelled_word_is_corrected_to_the_listing_word():
    listings("Telephone befriending for older people.")
    assert suggestions("befriendng") == "befriending"
    assert suggestions("befrending") == "befriending"
    assert suggestions("Befriendng") == "befriending"


def test_a_sentence_with_one_typo_keeps_every_other_word_as_typed():
    listings("Telephone befriending for older people.", "A walking group.")
    assert suggestions("Telephone befriendng, Walking! or a gorup for my dad") == (
        "Telephone befriending, Walking! or a group for my dad"
    )


def test_stop_words_and_short_words_are_left_alone():
    listings("Medicine dosing advice.", "A trough garden.", "A cafe with a view.")
    # Each is one edit from a listing word: a stop word or a word under four letters stays.
    assert suggestions("doing") == ""  # dosing
    assert suggestions("through") == ""  # trough
    assert suggestions("cae") == ""  # cafe
    assert suggestions("doing things through the cae") == ""
    # The same edits in words that are neither are corrected.
    assert suggestions("dsing") == "dosing"
    assert suggestions("caffe") == "cafe"


def test_contractions_numbers_and_possessives():
    listings("Support for Parkinson's and dementia.")
    assert suggestions("can't won't didn't") == ""
    assert suggestions("2024 12345") == ""
    assert suggestions("parkinson's") == ""
    assert suggestions("demetia") == "dementia"
    assert suggestions("parkinsn's") == "parkinson's"


def test_a_word_known_only_from_the_search_vocabulary_is_not_corrected():
    listings("A window box garden club.", "A chart of local walks.")
    assert suggestions("chat widow") == "chart window"  # one letter from listing words
    entry("widow", "bereavement;grief")
    entry("nobody to chat to", "someone to talk to;listening")
    assert suggestions("chat widow") == ""
    assert suggestions("widows widowed") == ""  # their stem is the entry's phrase's
    # A typo of a vocabulary word becomes the vocabulary word.
    assert suggestions("listenng") == "listening"


def test_an_editors_change_to_the_search_vocabulary_counts_at_the_next_search():
    listings("A window box garden club.")
    widow = entry("widow", "bereavement")
    assert suggestions("widow") == ""
    widow.delete()
    assert suggestions("widow") == "window"


def test_the_built_in_synonyms_are_known(monkeypatch):
    listings("A window box garden club.")
    assert suggestions("widow") == "window"
    monkeypatch.setattr(thesaurus, "SYNONYMS", [("widow", "widowed", "bereaved")])
    thesaurus.forget()
    assert suggestions("widow") == ""


def test_the_projects_own_vocabulary_and_search_words_are_read(real_vocabulary):
    listings("For people living alone.", "A lovely garden.", "A chart of local walks.")
    assert {"lonely", "widow", "bereavement"} <= spelling.thesaurus_words()
    assert {"lonely", "telephone", "online", "chat"} <= spelling.search_words()
    assert suggestions("lonely widow feeling down") == ""
    assert suggestions("chat") == ""  # the search's own word for a way of delivery, not "chart"


def test_topic_and_audience_names_are_known():
    listings("A choir in the town hall.")
    Topic.objects.create(slug="sensory-loss", name="Sensory loss")
    Audience.objects.create(slug="test-veterans", name="Veterans")
    assert suggestions("sensory veteran") == ""
    assert suggestions("veterns") == "veterans"


@pytest.mark.parametrize(
    ("typed", "listing_word", "expected"),
    [
        ("walk", "talk", ""),  # a short word: no changed letter
        ("rousing", "housing", ""),  # a different first letter is never offered
        ("cope", "code", ""),  # a short word: no changed letter
        ("grif", "grief", "grief"),  # a short word: a missing letter
        ("graf", "grief", ""),  # ...but not a missing and a changed one
        ("gorup", "group", "group"),  # a short word: two letters swapped
        ("lonely", "alone", ""),
        ("depresion", "depression", "depression"),  # one edit
        ("depresson", "depression", "depression"),
        ("dpresin", "depression", ""),  # three edits in a word of seven letters
        ("counseling", "counselling", ""),  # not a typo: the same stem (counsel)
        ("counsellng", "counselling", "counselling"),
        ("councilling", "counselling", "counselling"),  # two edits in a word of eleven letters
        ("councillor", "counselling", ""),  # four
        ("anxiaty", "anxiety", "anxiety"),  # one vowel for another
        ("refugess", "refugees", "refugees"),  # a key beside the right one
        ("sister", "sitter", ""),  # neither: another word, not a slip
        ("sisters", "sitters", ""),
    ],
)
def test_how_close_a_correction_must_be(typed, listing_word, expected):
    listings(f"Our {listing_word} service.")
    assert suggestions(typed) == expected


def test_the_closest_word_wins_then_the_one_more_listings_use():
    listings("Carers meet.", "Carers meet.", "A cares group.", "Career advice.")
    assert suggestions("carres") == "carers"  # one swap; "cares" is one deletion too, used less
    assert spelling.best_correction("carres", {"cares": 1, "carers": 2}) == "carers"
    assert spelling.best_correction("carres", {"cares": 3, "carers": 2}) == "cares"


def test_a_common_word_is_never_offered():
    listings("Could you help? A warm home in winter.")
    assert suggestions("cold house") == ""  # not "could": left alone, and never offered
    assert spelling.best_correction("cold", {"could": 5}) == ""


def test_a_word_of_the_search_vocabulary_wins_a_tie():
    listings("A speaker at each meeting.", "Asylum support.")
    assert suggestions("asylum seaker") == "asylum speaker"
    entry("asylum seeker", "refugees;asylum")
    assert suggestions("asylum seaker") == "asylum seeker"  # as close, and a word people use


def test_nothing_to_suggest():
    listings("A walking group.")
    assert suggestions("") == ""
    assert suggestions("   ") == ""
    assert suggestions("zzzzzzzz") == ""
    assert suggestions("walking group") == ""


def test_accents_are_folded():
    listings("A café for carers.")
    assert suggestions("café") == ""
    assert suggestions("cafeé") == ""  # folded to "cafee": one letter from "cafe", under six letters
    assert suggestions("carres café") == "carers cafe"


def test_the_database_is_asked_once(django_assert_num_queries):
    listings("Telephone befriending.")
    spelling.thesaurus_words()  # the search vocabulary is read by the search before (one query)
    with django_assert_num_queries(1):
        spelling.suggest("befriendng telephone walkng")
    with django_assert_num_queries(0):  # every word known without the database: none asked
        spelling.suggest("the and of")


PARITY_CASES = [
    "walk",
    "walks talks",
    "lonely",
    "befriendng",
    "befrending service",
    "councilling for my mum",
    "depresion and anxeity",
    "bereavment group near dundee",
    "alchohol",
    "carres café",
    "my husband has parkinsons and i am struggling to cope",
    "no money and no freinds since the divorce",
    "telephne befriending",
    "walkng grup",
    "gardenning",
    "vetrans breakfast club",
    "demetia",
    "xyzzy",
]


@pytest.mark.skipif(not ON_POSTGRESQL, reason="only PostgreSQL has both ways to compare")
def test_postgresql_and_the_portable_way_agree():
    listings(
        "Telephone befriending for older people who are isolated and lonely.",
        "A walking group for carers, and talks on staying well.",
        "Counselling for depression and anxiety, and alcohol support.",
        "A bereavement group in Dundee.",
        "A gardening club for veterans, with a breakfast club.",
        "Friends and money advice after divorce.",
        "Dementia and Parkinson's: a carers' café.",
        "Telecare, telephones, tellers, walkers and walkways.",
    )
    answers = {text: (spelling.suggest(text), spelling.suggest(text, portable=True)) for text in PARITY_CASES}
    assert {text: pair for text, pair in answers.items() if pair[0] != pair[1]} == {}
    # And the cases do exercise corrections, not only "no suggestion".
    assert answers["befriendng"][0] == "befriending"
    assert answers["depresion and anxeity"][0] == "depression and anxiety"
    assert (
        answers["no money and no freinds since the divorce"][0] == "no money and no friends since the divorce"
    )

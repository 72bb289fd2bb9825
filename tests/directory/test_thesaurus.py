"""The search vocabulary (issue 10, point 1): phrases people type, matched as whole words, longest
first, each becoming one group of the listing words, topics and audiences it maps to.

These test the mechanism with entries they make themselves (the seeded file's coverage is tested
with the data). The searches run on whichever database the suite runs on, and on PostgreSQL also
the portable (SQLite) way, so both databases expand a search the same way."""

from pathlib import Path

import pytest
from django.http import QueryDict

from directory import thesaurus
from directory.models import Audience, SearchTerm, Topic
from directory.search import parse_terms, search_services
from directory.thesaurus import Vocabulary, VocabularyFileError, expand, read_rows
from tests.factories import ServiceFactory

pytestmark = pytest.mark.usefixtures("fresh_vocabulary")

TERMS = {
    # phrase: (topics, audiences, words)
    "passed away": (["bereavement"], [], "bereavement; bereaved; grief; lost a partner"),
    "ex-raf": ([], ["veterans"], "veterans; ex-service; armed forces"),
    "bi": ([], ["lgbtq"], "lgbt; lgbtq; bisexual"),
    "teen": ([], ["young_people"], "young people; teenagers; youth"),
    "can't pay": (["debt"], [], "debt advice; money advice"),
    "lost my wife": (["bereavement"], [], "widowed; lost a partner"),
}


@pytest.fixture
def terms(db):
    """Only these entries (and the built-in synonyms): the seeded file's rows are not the test's."""
    SearchTerm.objects.all().delete()
    for phrase, (topics, audiences, words) in TERMS.items():
        term, _ = SearchTerm.objects.update_or_create(phrase=phrase, defaults={"words": words})
        term.topics.set(Topic.objects.filter(slug__in=topics))
        term.audiences.set(Audience.objects.filter(slug__in=audiences))


def listing(topics=(), audiences=(), **fields):
    """A published service, tagged with the topics and audiences given (Topic/Audience objects)."""
    service = ServiceFactory(**fields)
    service.topics.set(topics)
    service.audiences.set(audiences)
    return service


def names(query: str, portable=None) -> list[str]:
    return [service.name for service in search_services(QueryDict(query), portable=portable).services]


def compiled(entries: dict[str, list[str]]) -> Vocabulary:
    return Vocabulary.compile(entries)


# --- matching phrases (no database) ------------------------------------------------------------------


def test_a_short_word_never_matches_inside_another_word():
    vocabulary = compiled({"bi": ["bisexual"]})
    for text in ("bike", "bingo", "combi", "a bike ride", "rabbi"):
        assert expand(text, vocabulary).found == [], text
    assert [group for _, group in expand("bi teen", vocabulary).found] == [("bi", "bisexual")]
    assert [group for _, group in expand("teen, bi", vocabulary).found] == [("bi", "bisexual")]


def test_the_longest_phrase_wins_and_its_words_are_not_searched_again():
    vocabulary = compiled({"wife": ["partner"], "lost my wife": ["widowed", "lost a partner"]})
    found = expand("i lost my wife last year", vocabulary)
    assert [group for _, group in found.found] == [("lost my wife", "widowed", "lost a partner")]
    assert "wife" not in found.rest and "lost" not in found.rest
    assert found.rest.split() == ["i", "last", "year"]


def test_hyphens_spaces_and_apostrophes_are_forgiven():
    vocabulary = compiled({"ex-raf": ["veterans"], "can't pay": ["debt"]})
    for typed in ("ex-raf", "ex raf", "ex - raf"):
        assert [group[0] for _, group in expand(typed, vocabulary).found] == ["ex-raf"], typed
    for typed in ("can't pay", "cant pay"):
        assert [group[0] for _, group in expand(typed, vocabulary).found] == ["can't pay"], typed


def test_the_built_in_synonyms_are_part_of_the_vocabulary():
    vocabulary = compiled({"lonely": ["on my own"]})
    (_, group), *_ = expand("lonely", vocabulary).found
    assert set(group) >= {"lonely", "loneliness", "isolation", "isolated", "on my own"}
    (_, shed), *_ = expand("mens shed", vocabulary).found
    assert "men's shed" in shed


# --- parse_terms: what both databases are given ------------------------------------------------------


def test_a_sentence_becomes_one_group_per_concept(terms):
    groups, excluded = parse_terms("My wife passed away")
    assert groups[0] == ("wife",)
    assert groups[1][0] == "passed away"
    assert {"bereavement", "grief", "lost a partner"} <= set(groups[1])
    assert len(groups) == 2  # "my" is a stop word; "away" went with "passed away"
    assert excluded == []


def test_topic_and_audience_names_are_alternatives(terms):
    (group,) = parse_terms("ex-RAF")[0]
    assert {"ex-raf", "veterans", "ex-service", "armed forces"} <= set(group)
    (bi, teen) = parse_terms("bi teen")[0]
    assert "lgbtq+ people" in bi  # the audience's name
    assert "young people" in teen


def test_or_joins_concepts_and_an_excluded_word_stays_excluded(terms):
    groups, excluded = parse_terms("bi or teen -bingo")
    assert len(groups) == 1 and {"bi", "teen", "lgbt", "young people"} <= set(groups[0])
    assert excluded == ["bingo"]
    groups, excluded = parse_terms("teen -bi")
    assert [group[0] for group in groups] == ["teen"]
    assert excluded == ["bi"]


def test_bike_is_not_bi(terms):
    assert parse_terms("bike") == ([("bike",)], [])


# --- searching, on both databases --------------------------------------------------------------------


def test_my_wife_passed_away_finds_a_listing_for_people_who_have_lost_a_partner(terms, portable):
    listing(
        name="Afterwards",
        summary="A group for people who have lost a partner.",
        description="We meet monthly over tea.",
        topics=[Topic.objects.get(slug="bereavement")],
    )
    listing(name="Chess club", summary="Weekly games.", description="In the library.")
    found = names("q=my+wife+passed+away", portable)
    assert found[0] == "Afterwards"
    assert "Chess club" not in found


def test_a_service_tagged_with_the_topic_is_found_whatever_its_words(terms, portable):
    listing(
        name="Tuesday circle",
        summary="A friendly circle.",
        description="Tea and a chat.",
        topics=[Topic.objects.get(slug="bereavement")],
    )
    listing(name="Chess club", summary="A friendly circle.", description="Tea and a chat.")
    assert names("q=passed+away", portable) == ["Tuesday circle"]


def test_ex_raf_finds_a_listing_for_ex_service_personnel(terms, portable):
    listing(name="Forces friends", summary="Coffee mornings for ex-service personnel.")
    listing(name="Chess club", summary="Weekly games.", description="In the library.")
    assert names("q=ex-RAF", portable) == ["Forces friends"]
    assert names("q=ex+RAF", portable) == ["Forces friends"]


def test_bi_teen_finds_an_lgbt_young_people_listing(terms, portable):
    listing(name="Rainbow youth", summary="A social group for LGBT+ young people.", description="Fridays.")
    listing(name="Bike repair workshop", summary="Fix your bike.", description="Tools provided.")
    result = search_services(QueryDict("q=bi+teen"), portable=portable)
    assert [service.name for service in result.services] == ["Rainbow youth"]
    assert result.widened == ""  # every word matched: the search did not need widening


def test_bike_does_not_find_lgbt_listings_and_bi_does_not_find_bikes(terms, portable):
    listing(name="Rainbow youth", summary="A social group for LGBT+ young people.", description="Fridays.")
    listing(name="Bike repair workshop", summary="Fix your bike.", description="Tools provided.")
    assert names("q=bike", portable) == ["Bike repair workshop"]
    assert names("q=bi", portable) == ["Rainbow youth"]


def test_an_audience_tag_alone_is_enough(terms, portable):
    listing(
        name="Friday club",
        summary="Games and pizza.",
        description="Every Friday.",
        audiences=[Audience.objects.get(slug="lgbtq")],
    )
    assert names("q=bi", portable) == ["Friday club"]


def test_a_change_made_in_the_vocabulary_takes_effect_at_the_next_search(db, portable):
    listing(name="Umbrella club", summary="Walks whatever the weather.", description="Bring an umbrella.")
    assert names("q=brolly", portable) == []
    term = SearchTerm.objects.create(phrase="brolly", words="umbrella")
    assert names("q=brolly", portable) == ["Umbrella club"]
    term.words = "parasol"
    term.save()
    assert names("q=brolly", portable) == []
    term.topics.add(Topic.objects.get(slug="physical_activity"))
    listing(name="Step out", summary="Gentle exercise.", topics=[Topic.objects.get(slug="physical_activity")])
    assert names("q=brolly", portable) == ["Step out"]
    term.delete()
    assert names("q=brolly", portable) == []


def test_renaming_a_topic_takes_effect_too(terms):
    listing(name="Debt help", summary="Sorting out bills.", topics=[Topic.objects.get(slug="debt")])
    listing(name="Other", summary="Sorting out bills.")
    assert "money and debt" in parse_terms("can't pay")[0][0]
    Topic.objects.filter(slug="debt").update(name="Money worries")  # no signal: the process's copy stays...
    topic = Topic.objects.get(slug="debt")
    topic.save()  # ...until a save says the vocabulary changed
    assert "money worries" in parse_terms("can't pay")[0][0]


def test_the_search_page_uses_the_vocabulary(terms, client):
    listing(name="Forces friends", summary="Coffee mornings for ex-service personnel.")
    response = client.get("/services/", {"q": "ex-RAF"})
    assert response.status_code == 200
    assert "Forces friends" in response.content.decode()


# --- the file the migration loads ------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thesaurus.csv"
    path.write_text("phrase,topics,audiences,elements,words,note\n" + text, encoding="utf-8")
    return path


def test_the_file_is_checked_and_every_bad_row_reported(tmp_path):
    path = write(
        tmp_path,
        "passed away,bereavement,,,grief,\n"
        "Passed Away,bereavement,,,grief,\n"
        "skint,money,,,debt,\n"
        "ex-raf,,soldiers,,veterans,\n"
        "lonely,,,chatting,loneliness,\n"
        "nothing,,,,,\n",
    )
    with pytest.raises(VocabularyFileError) as error:
        read_rows(path, {"bereavement", "debt"}, {"veterans"})
    message = str(error.value)
    assert "line 3: 'passed away' is already on line 2" in message
    assert "line 4: unknown topic 'money'" in message
    assert "line 5: unknown audience 'soldiers'" in message
    assert "line 6: unknown element 'chatting'" in message
    assert "line 7: 'nothing' maps to nothing" in message


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "thesaurus.csv"
    path.write_text("phrase,words\nbi,lgbt\n", encoding="utf-8")
    with pytest.raises(VocabularyFileError, match="the header must be"):
        read_rows(path)


def test_loading_creates_and_updates_entries_with_their_tags(db, tmp_path):
    path = write(tmp_path, 'skint,debt,,material;practical,money advice; debt,"Scottish slang."\n')
    assert thesaurus.load_rows(SearchTerm, Topic, Audience, path) == 1
    term = SearchTerm.objects.get(phrase="skint")
    assert [topic.slug for topic in term.topics.all()] == ["debt"]
    assert term.offers_material and term.offers_practical and not term.offers_emotional
    assert term.listing_words == ["money advice", "debt"]
    assert term.note == "Scottish slang."
    path = write(tmp_path, "skint,,families,,hardship,\n")
    thesaurus.load_rows(SearchTerm, Topic, Audience, path)
    term.refresh_from_db()
    assert list(term.topics.all()) == [] and [a.slug for a in term.audiences.all()] == ["families"]
    assert term.listing_words == ["hardship"]


def test_the_seeded_vocabulary_is_in_the_database(db):
    # The migration loaded the file (its content is the data's own tests' business).
    assert SearchTerm.objects.count() == len(read_rows())


# --- the admin ---------------------------------------------------------------------------------


def test_editors_find_and_change_entries_in_the_admin(terms, admin_client):
    listing(name="Umbrella club", summary="Walks whatever the weather.", description="Bring an umbrella.")
    index = admin_client.get("/admin/directory/").content.decode()
    assert "Search vocabulary" in index
    page = admin_client.get("/admin/directory/searchterm/", {"q": "ex-service"})
    assert page.status_code == 200
    assert "ex-raf" in page.content.decode() and "passed away" not in page.content.decode()
    assert admin_client.get("/admin/directory/searchterm/", {"audiences__id__exact": "1"}).status_code == 200
    response = admin_client.post(
        "/admin/directory/searchterm/add/",
        {
            "phrase": "brolly",
            "words": "umbrella",
            "note": "Scots and UK slang.",
            "topics": [],
            "audiences": [],
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert names("q=brolly") == ["Umbrella club"]
    term = SearchTerm.objects.get(phrase="brolly")
    assert term.history.count() == 1  # versioned: who changed what
    history = admin_client.get(f"/admin/directory/searchterm/{term.pk}/history/")
    assert history.status_code == 200


def test_the_admin_refuses_a_repeated_phrase(terms, admin_client):
    response = admin_client.post(
        "/admin/directory/searchterm/add/", {"phrase": "bi", "words": "queer", "topics": [], "audiences": []}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()

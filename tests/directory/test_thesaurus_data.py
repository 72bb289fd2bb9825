"""The lay-language vocabulary file, directory/data/thesaurus.csv (issue 10 point 1), read as an
editor's file with the csv module: its format is the contract with the migration that loads it,
and its content must name only topics, audiences and elements that exist.

docs/thesaurus.md says what each column means and how to change the vocabulary."""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from directory.choices import Element
from directory.models import Audience, Topic

CSV_PATH = Path(__file__).resolve().parents[2] / "directory" / "data" / "thesaurus.csv"
HEADER = ["phrase", "topics", "audiences", "elements", "words", "note"]
LIST_COLUMNS = ("topics", "audiences", "elements", "words")


def read_file(path: Path = CSV_PATH) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = []
        for number, values in enumerate(reader, start=2):
            assert len(values) == len(HEADER), f"line {number} has {len(values)} columns: {values}"
            rows.append(dict(zip(HEADER, values, strict=True)))
    return header, rows


def items(value: str) -> list[str]:
    """A semicolon-separated cell as its items, each stripped (blanks kept, so they can be caught)."""
    return [item.strip() for item in value.split(";")] if value.strip() else []


def collapsed(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def matcher_key(phrase: str) -> str:
    """How the search matches a phrase: a hyphen counts as a space and an apostrophe may be left
    out, so "ex-raf" and "ex raf" (or "parkinson's" and "parkinsons") are the same entry."""
    return " ".join(re.split(r"[\s\-]+", collapsed(phrase).replace("'", "")))


HEADER_READ, ROWS = read_file()
BY_PHRASE = {collapsed(row["phrase"]): row for row in ROWS}


def test_the_header_is_the_agreed_one():
    assert HEADER_READ == HEADER


def test_there_are_at_least_300_phrases():
    assert len(ROWS) >= 300


def test_no_phrase_is_there_twice():
    counts = Counter(collapsed(row["phrase"]) for row in ROWS)
    assert [phrase for phrase, count in counts.items() if count > 1] == []


def test_no_phrase_is_a_spelling_variant_the_search_already_treats_alike():
    counts = Counter(matcher_key(row["phrase"]) for row in ROWS)
    assert [phrase for phrase, count in counts.items() if count > 1] == []


def test_phrases_are_lower_case_stripped_and_single_spaced():
    bad = [row["phrase"] for row in ROWS if not row["phrase"] or row["phrase"] != collapsed(row["phrase"])]
    assert bad == []


def test_every_phrase_maps_to_something():
    assert [row["phrase"] for row in ROWS if not any(items(row[column]) for column in LIST_COLUMNS)] == []


def test_lists_have_no_blank_items_and_are_lower_case():
    bad = []
    for row in ROWS:
        for column in LIST_COLUMNS:
            for item in items(row[column]):
                if not item or item != collapsed(item):
                    bad.append((row["phrase"], column, row[column]))
    assert bad == []


def test_no_list_names_the_same_thing_twice():
    bad = [
        (row["phrase"], column)
        for row in ROWS
        for column in LIST_COLUMNS
        if len(items(row[column])) != len(set(items(row[column])))
    ]
    assert bad == []


def test_every_element_is_one_of_the_five():
    named = {key for row in ROWS for key in items(row["elements"])}
    assert named - set(Element.values) == set()


@pytest.mark.django_db
def test_every_topic_and_audience_named_exists():
    # The seed migration (0002) runs in every test database.
    topics = set(Topic.objects.values_list("slug", flat=True))
    audiences = set(Audience.objects.values_list("slug", flat=True))
    assert topics and audiences
    assert {slug for row in ROWS for slug in items(row["topics"])} - topics == set()
    assert {slug for row in ROWS for slug in items(row["audiences"])} - audiences == set()


@pytest.mark.django_db
def test_every_seeded_topic_and_audience_has_phrases():
    topics = Counter(slug for row in ROWS for slug in items(row["topics"]))
    audiences = Counter(slug for row in ROWS for slug in items(row["audiences"]))
    assert [slug for slug in Topic.objects.values_list("slug", flat=True) if not topics[slug]] == []
    assert [slug for slug in Audience.objects.values_list("slug", flat=True) if not audiences[slug]] == []


# The examples of issue 10, and some Scottish and UK usage: what each must mean.
EXPECTED = [
    ("feeling down", "topics", "depression"),
    ("expecting", "topics", "parenting"),
    ("bi", "audiences", "lgbtq"),
    ("non-binary", "audiences", "lgbtq"),
    ("adolescent", "audiences", "young_people"),
    ("young person", "audiences", "young_people"),
    ("ex-raf", "audiences", "veterans"),
    ("served in the forces", "audiences", "veterans"),
    ("in arrears", "topics", "debt"),
    ("can't pay", "topics", "debt"),
    ("booze", "topics", "addiction"),
    ("passed away", "topics", "bereavement"),
    ("widow", "topics", "bereavement"),
    ("nobody to talk to", "topics", "loneliness"),
    ("lost my wife", "topics", "bereavement"),
    ("struggling to cope", "elements", "emotional"),
    ("caring for my mum", "audiences", "carers"),
    ("parkinson's", "topics", "long_term_conditions"),
    ("skint", "topics", "debt"),
    ("the broo", "topics", "debt"),
    ("bairn", "audiences", "children"),
    ("weans", "audiences", "children"),
    ("food bank", "topics", "food"),
    ("blether", "topics", "loneliness"),
    ("walking football", "topics", "physical_activity"),
    ("pip", "topics", "debt"),
]


@pytest.mark.parametrize(("phrase", "column", "value"), EXPECTED)
def test_the_issues_examples_mean_what_people_mean(phrase, column, value):
    assert phrase in BY_PHRASE, f"{phrase!r} is missing"
    assert value in items(BY_PHRASE[phrase][column])


CRISIS_PHRASES = [
    "don't want to live",
    "suicidal",
    "end it all",
    "kill myself",
    "want to die",
    "better off dead",
    "no reason to live",
]
# What a crisis phrase may point to: listening, crisis and mental-health support.
CRISIS_TOPICS = {"suicidal_thoughts", "depression", "anxiety", "trauma"}


@pytest.mark.parametrize("phrase", CRISIS_PHRASES)
def test_crisis_phrases_are_there(phrase):
    assert "suicidal_thoughts" in items(BY_PHRASE[phrase]["topics"])


def test_crisis_phrases_lead_to_listening_never_to_activities():
    crisis = [row for row in ROWS if "suicidal_thoughts" in items(row["topics"])]
    assert len(crisis) >= len(CRISIS_PHRASES)
    for row in crisis:
        assert set(items(row["topics"])) <= CRISIS_TOPICS, row["phrase"]
        assert items(row["elements"]) == ["emotional"], row["phrase"]
        assert not items(row["audiences"]), row["phrase"]


def test_short_phrases_carry_a_note():
    """A phrase of one or two letters ("bi", "aa", "ms") is easily misread: the note says it is
    matched only as a whole word, or why it is safe."""
    short = [row for row in ROWS if len(row["phrase"].replace(" ", "")) <= 2]
    assert short, "the file has no short phrases to check"
    assert [row["phrase"] for row in short if not row["note"].strip()] == []


def test_me_and_other_common_words_are_not_phrases():
    """A phrase like "me" (for ME, chronic fatigue) would match every "near me", and "weed" a
    gardening group."""
    assert not {"me", "weed", "wee", "messages", "help", "support", "group"} & set(BY_PHRASE)


def test_the_checks_catch_a_broken_file(tmp_path):
    """The helpers above really read the cells: a file with a wrong header, a doubled phrase and a
    row that maps to nothing is caught."""
    broken = tmp_path / "thesaurus.csv"
    broken.write_text(
        "phrase,topics,audiences,words,elements,note\nLonely,loneliness,,,lonely,\nlonely,,,,,\n",
        encoding="utf-8",
    )
    header, rows = read_file(broken)
    assert header != HEADER
    assert Counter(collapsed(row["phrase"]) for row in rows)["lonely"] == 2
    assert rows[0]["phrase"] != collapsed(rows[0]["phrase"])
    assert not any(items(rows[1][column]) for column in LIST_COLUMNS)

"""Searches that suggest a risk to life or of harm open with the crisis lines (directory/crisis.py)."""

import re

import pytest
from django.http import QueryDict
from django.urls import reverse

from directory import crisis
from tests.factories import ServiceFactory

URL = reverse("directory:service_list")

MUST_SHOW = [
    # Suicide, in the words people use.
    "I don't want to be here anymore",
    "I don’t want to be here any more",  # curly apostrophe, "any more"
    "i dont want to be here",
    "DONT WANT TO BE HERE",
    "dont want to be hear anymore",  # the homophone
    "I do not want to be here",
    "I don't really want to be here",  # a word in the middle
    "suicide",
    "Suicidal",
    "sucide",
    "suicdal",
    "suiside help",
    "sueside",
    "suicide bereavement",  # bereaved by suicide: the lines help here too
    "thoughts of suicide.",
    "kill myself",
    "I want to kill my self",
    "killing myslef",  # a swap of two letters in a long word
    "I want to die",
    "i wanna die",
    "want 2 die",
    "end it all",
    "I'm going to end it",
    "end my life",
    "take my own life",
    "no reason to live",
    "there's no point living",
    "what's the point of living",
    "nothing to live for",
    "life isn't worth living",
    "I wish I was dead",
    "better off dead",
    "they'd be better off without me",
    "tired of living",
    "I can't go on like this",
    "can't take it anymore",
    "overdose",
    "took an overdose",
    "took too many pills",
    "unalive",
    # Self-harm.
    "self-harm",
    "self harm",
    "selfharm",
    "Self‑harm group",  # a non-breaking hyphen
    "self harming teenagers",
    "selfharming",
    "self injury",
    "cutting myself",
    "I keep cutting my self",
    "cut my wrists",
    "hurting myself",
    "I want to hurt myself",
    "harming myself",
    "burning myself",
    "starving myself",
    # Abuse and not being safe.
    "abuse",
    "abused as a child",
    "abusive relationship",
    "domestic abuse",
    "domestic violence",
    "being hit",
    "being beaten",
    "my husband hits me",
    "he beats me",
    "my partner hurts me",
    "not safe at home",
    "I don't feel safe",
    "unsafe at home",
    "scared of my partner",
    "afraid of my husband",
    "I'm terrified of my ex partner",
    "scared to go home",
    "controlling boyfriend",
    "raped",
    "sexual assault",
    "coercive control",
    "forced marriage",
    "he threatened to kill me",
    "being stalked",
    "I'm in danger",
]

MUST_NOT_SHOW = [
    "",
    "bereavement group",
    "walking group",
    "men's shed",
    "harmony choir",
    "killer sudoku club",
    "cutting hair skills",
    "money advice",
    "here to help",
    "befriending",
    "loneliness",
    "lonely dundee",
    "carers cafe",
    "peer support for new dads",
    "self help",
    "self esteem",
    "self-referral",
    "harm reduction",
    "end of life care",
    "life after loss",
    "sexual health",
    "safe space",
    "keeping safe online",
    "domestic cleaning help",
    "hearing loss",
    "being heard",
    "living with dementia",
    "I don't want to be alone",
    "I don't want to go on my own",
    "tired of being lonely",
    "choir here in Dundee",
    # Short words are matched exactly, never by a near miss.
    "dye hair workshop",
    "kill time",
    "killers",
    "charity race night",  # race is one letter from rape
    "rate my plate",
    "want to dine out with others",  # dine is one letter from die
    # Real words one typo from a risk word (NOT_RISK).
    "amusing stories",
    "amused",
    "overcoming anxiety",
    "overdone",
    "rapid response",
    "pigeon racing",
    "rating scale",
    "modest fees",
    "moles",
    "stalled",
    "stacked chairs",
    "violet",
    "subside",
]


@pytest.mark.parametrize("text", MUST_SHOW)
def test_words_that_suggest_a_risk_show_the_crisis_contacts(text):
    assert crisis.suggests_risk(text), text


@pytest.mark.parametrize("text", MUST_NOT_SHOW)
def test_ordinary_searches_do_not_show_the_crisis_contacts(text):
    assert not crisis.suggests_risk(text), crisis.matching_phrase(text)


def test_normalising_folds_case_apostrophes_accents_and_punctuation():
    assert crisis.normalise("Don’t  WANT—to be ‘here’… Café!") == ["dont", "want", "to", "be", "here", "cafe"]
    assert crisis.normalise("don't") == crisis.normalise("dont") == crisis.normalise("don’t")
    assert crisis.normalise("self-harm") == ["self", "harm"]


@pytest.mark.parametrize(
    ("typed", "risk", "matches"),
    [
        ("suicide", "suicide", True),
        ("sucide", "suicide", True),  # a letter left out
        ("suicidw", "suicide", True),  # a wrong letter
        ("suicdie", "suicide", True),  # two letters swapped
        ("sucidw", "suicide", False),  # two typos: too far
        ("suicid", "suicide", True),
        ("abus", "abuse", True),  # four letters typed for a five-letter word
        ("duicide", "suicide", False),  # the first letter is kept
        ("dye", "die", False),  # short words only exactly
        ("rap", "rape", False),  # a four-letter word only exactly
        ("amused", "abused", False),  # a real word (NOT_RISK)
    ],
)
def test_a_small_typo_is_forgiven_only_in_longer_words(typed, risk, matches):
    assert crisis.word_matches(typed, risk) is matches


def test_every_word_kept_out_really_is_one_typo_from_a_risk_word():
    """NOT_RISK holds only the near misses it exists for: each, without it, would match."""
    risk_words = {word for phrase in crisis.PHRASES for slot in phrase for word in slot}
    for word in crisis.NOT_RISK:
        near = [
            risk
            for risk in risk_words
            if len(risk) >= crisis.FUZZY_FROM and word[0] == risk[0] and crisis._edits(word, risk, 1) <= 1
        ]
        assert near, f"{word} is not near any risk word"


def test_a_very_long_text_is_read_only_as_far_as_a_request_line_can_carry():
    # Gunicorn refuses a request line over 4,094 bytes, so 5,000 characters miss nothing real,
    # and a crafted URL cannot make the matcher read without end.
    assert len(crisis.normalise("ab " * 100_000)) == crisis.MAX_CHARS // 3 + 1
    assert crisis.suggests_risk("I want to die " + "x " * 100_000) is True
    assert crisis.suggests_risk("walking group " * 100_000) is False


def test_choosing_the_suicidal_thoughts_or_domestic_abuse_topic_shows_the_contacts():
    assert crisis.search_suggests_risk(QueryDict("topic=suicidal_thoughts"))
    assert crisis.search_suggests_risk(QueryDict("topic=loneliness&topic=domestic_abuse"))
    assert not crisis.search_suggests_risk(QueryDict("topic=loneliness&q=walking"))
    assert crisis.search_suggests_risk(QueryDict("q=walking&q=end+it+all"))


def test_the_contacts_are_the_scottish_crisis_lines_with_dialable_numbers():
    numbers = {contact.name: contact.tel for contact in crisis.CRISIS_CONTACTS}
    assert numbers == {
        "Emergency services": "tel:999",
        "NHS 24": "tel:111",
        "Samaritans": "tel:116123",
        "Breathing Space": "tel:0800838587",
        "Childline": "tel:08001111",
    }


# --- the results page ------------------------------------------------------------------------


@pytest.fixture
def services(db):
    return [
        ServiceFactory(name="Harmony Choir", summary="Sing with others. Here to help you feel less alone."),
        ServiceFactory(name="Self Harm Peer Support", summary="A group for people who self-harm."),
        ServiceFactory(name="Suicide Bereavement Group", summary="For people bereaved by suicide."),
    ]


def crisis_section(html: str) -> str:
    match = re.search(r'<section class="crisis-help[^"]*" id="crisis-help".*?</section>', html, re.S)
    assert match, "no crisis box"
    return match.group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["self harm", "suicide", "Self‑harm"])
def test_the_crisis_box_comes_before_the_results_count_and_the_first_result(client, services, q):
    response = client.get(URL, {"q": q})
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"], "the search should find the listings too"
    box = html.index('id="crisis-help"')
    assert box < html.index('class="results-count') < html.index('class="card service-card')
    # Before the filters too: screen readers and phones reach it straight after the search box.
    assert html.index("search-bar") < box < html.index("Narrow your results")


@pytest.mark.django_db
def test_the_crisis_box_lists_every_line_with_a_tel_link_and_a_heading(client, services):
    section = crisis_section(client.get(URL, {"q": "I don't want to be here anymore"}).content.decode())
    assert 'aria-labelledby="crisis-help-title"' in section
    assert '<h2 id="crisis-help-title"' in section
    for tel, number in [
        ("tel:999", "999"),
        ("tel:111", "111"),
        ("tel:116123", "116 123"),
        ("tel:0800838587", "0800 83 85 87"),
        ("tel:08001111", "0800 1111"),
    ]:
        assert f'<a href="{tel}">{number}</a>' in section
    assert "under 19" in section
    assert "style=" not in section and "<script" not in section  # the CSP allows neither


@pytest.mark.django_db
def test_the_crisis_box_shows_when_nothing_matches(client, services):
    # No listing is delivered by text chat: even the widened search finds nothing.
    response = client.get(URL, {"q": "cutting myself", "mode": "text_chat"})
    html = response.content.decode()
    assert html.index('id="crisis-help"') < html.index("No services match your search")


@pytest.mark.django_db
def test_a_search_too_long_to_run_still_shows_the_crisis_box(client, services):
    response = client.get(URL, {"q": "I feel like nobody listens and " * 8 + "I want to end my life"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert html.index('id="crisis-help"') < html.index("There is a problem")


@pytest.mark.django_db
def test_an_htmx_update_brings_the_crisis_box_inside_the_swapped_form(client, services):
    response = client.get(URL, {"q": "self harm", "peer_led": "1"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    form = re.search(r'<form id="service-search".*?</form>', html, re.S).group(0)
    assert 'id="crisis-help"' in form


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["harmony choir", "here to help", "", "bereavement"])
def test_ordinary_searches_show_no_crisis_box(client, services, q):
    html = client.get(URL, {"q": q}).content.decode()
    assert 'id="crisis-help"' not in html
    # The footer's crisis lines are on every page all the same.
    assert '<a href="tel:116123">116 123</a>' in html


@pytest.mark.django_db
def test_words_about_a_crisis_are_never_rewritten_by_did_you_mean(client, demo_directory):
    # The listings say "anyone" and "down" but never "anymore": a spelling correction would turn
    # what the person said about wanting to die into other words, and show results for those.
    response = client.get("/services/", {"q": "I don't want to be here anymore"})
    html = response.content.decode()
    assert 'id="crisis-help"' in html
    assert "Did you mean" not in html
    assert "Showing results for" not in html
    assert response.context["result"].suggestion == ""
    # An ordinary misspelling is still corrected.
    assert client.get("/services/", {"q": "befrending"}).context["result"].suggestion

"""Searches that suggest a risk to life or of harm, and the crisis lines shown before any result.

Someone who types "I don't want to be here anymore" into the search box must see who to call
now, not a choir. `search_suggests_risk(request.GET)` decides, from the words typed
(`suggests_risk`) and the topics ticked (RISK_TOPICS). It errs on the side of showing the
contacts: a needless box above the results costs little and a missed one can cost a great deal,
so "drug abuse" or "taking my life back" show it too.

How words are matched (all data below, no phrases in templates):
1. normalise: lowercase, fold accents and curly apostrophes, drop apostrophes (don't -> dont),
   and split on anything that is not a letter or digit ("self-harm" -> self harm);
2. rewrite a few spellings to one form (do not -> dont, wanna -> want to, my self -> myself,
   self harm -> selfharm, be hear -> be here);
3. look for each RISK_PHRASES entry as a sequence of words, in order, with at most MAX_GAP other
   words between two of them ("I don't really want to be here"). A slot lists the words that
   may fill it. A risk word of FUZZY_FROM letters or more also matches a word one typo away (a
   letter added, left out or changed, or two letters swapped) that keeps its first letter and
   is not one of NOT_RISK: real words one typo from a risk word (amused, racing, modest).
   Shorter risk words match only exactly, or "die" would find "dye" and "rape" "race".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Only this much of what someone typed is read: more than a request line carries, bounded work.
MAX_CHARS = 5000
MAX_GAP = 1
FUZZY_FROM = 5


@dataclass(frozen=True)
class CrisisContact:
    name: str
    number: str  # as people read it aloud
    when: str  # who it is for and when, in plain words

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "")


CRISIS_CONTACTS = (
    CrisisContact("Emergency services", "999", "if you or someone else is in danger now, or badly hurt"),
    CrisisContact("NHS 24", "111", "for urgent help with your mental health, day or night"),
    CrisisContact("Samaritans", "116 123", "free, any time, to talk about whatever is on your mind"),
    CrisisContact(
        "Breathing Space",
        "0800 83 85 87",
        "free, if you are feeling low: Monday to Thursday 6pm to 2am, and 6pm Friday to 6am Monday",
    ),
    CrisisContact("Childline", "0800 1111", "free, any time, if you are under 19"),
)

# Slots are separated by spaces; a slot's alternatives by "|". Written in the rewritten form
# (dont, myself, selfharm), without apostrophes.
_PARTNERS = (
    "partner|husband|wife|boyfriend|girlfriend|ex|dad|father|mum|mother|stepdad|stepfather"
    "|stepmum|stepmother|brother|sister|son|daughter|family|parents|carer|flatmate"
)
_HURTS = "hits|hit|hitting|beats|beat|beating|hurts|hurting|kicks|kicking|punches|punching|slaps|slapping|chokes|choking|strangles|strangled|strangling"
RISK_PHRASES = (
    # Suicide.
    "suicide|suicidal|suiside|sueside|suecide|suicidality",
    "unalive|unaliving",
    "kill|kills|killing|killed myself",
    "end|ending|ended my|own life",
    "end|ending it all",
    "want|wanting|going|thinking|about end|ending it|things",
    "take|taking|took my|own life",
    "want|wanting|wants|going|ready to die",
    "want|wanting to be dead",
    "wish|wished i was|were dead|never",
    "wish|wished i wasnt|werent alive|here|born",
    "better off dead",
    "better off without me",
    "no|nothing reason|point|purpose to|in|for live|living|life|alive|existing",
    "no reason to be alive|here",
    "no|nothing point|reason|purpose living|existing",
    "whats|what the point of|in living|existing|life|going",
    "nothing to live for",
    "life|lifes not|isnt worth",
    "not worth living",
    "not worth being alive|here",
    "tired|sick of living|life",
    "tired|sick of being alive|here",
    "dont|doesnt|didnt want to live|exist",
    "dont|doesnt|didnt want to be here|alive|around|living",
    "dont|doesnt|didnt want to wake up",
    "cant|couldnt go|carry on anymore|like|living",
    "cant|couldnt carry on",
    "cant take it|this anymore",
    "give|giving|given up on life|living",
    "hang|hanging|hanged myself",
    "jump|jumping off|from|in|under a|the bridge|building|train|roof|cliff|river",
    "overdose|overdosed|overdosing|overdoses",
    "too many pills|tablets",
    # Self-harm.
    "selfharm|selfharming|selfharmed|selfharmer|selfharms",
    "selfinjury|selfinjuring|selfinjure|selfinjured|selfmutilation|selfmutilating",
    "cut|cuts|cutting|slit|slitting|burn|burns|burning|hurt|hurts|hurting|harm|harms|harming"
    "|hit|hitting|punch|punching|starve|starving|scratch|scratching|injure|injuring myself",
    "cut|cuts|cutting|slit|slitting|slash|slashing my wrists|wrist|arms|arm|legs|thighs|skin",
    # Abuse, violence, not being safe.
    "abuse|abused|abuser|abusers|abusive|abusing|abuses",
    "violence|violent",
    "rape|raped|rapist|raping",
    "molested|molesting|molest",
    "assaulted|assaulting",
    "sexual|sexually assault|assaulted|abuse|abused|violence",
    "coercive|coercion",
    "trafficked|trafficking",
    "forced marriage|married",
    "fgm",
    "modern slavery",
    "being hit|beaten|hurt|raped|attacked|threatened|stalked|strangled|choked|kicked|punched|controlled",
    f"{_HURTS} me",
    "threaten|threatens|threatened|threatening me",
    "want|wants|going|tried|trying|threaten|threatens|threatened to kill|hurt|harm me|us",
    "not|dont|didnt|never safe",
    "unsafe",
    "in danger",
    f"scared|afraid|frightened|terrified of my {_PARTNERS}",
    "scared|afraid|frightened|terrified of him|her",
    "scared|afraid|frightened|terrified to go home",
    f"controlling {_PARTNERS}",
    "stalker|stalked",
)

# One spelling for the ways people write the same words. Applied left to right, before matching.
REWRITES = (
    ("do not", "dont"),
    ("does not", "doesnt"),
    ("did not", "didnt"),
    ("can not", "cant"),
    ("cannot", "cant"),
    ("could not", "couldnt"),
    ("is not", "isnt"),
    ("wanna", "want to"),
    ("wana", "want to"),
    ("gonna", "going to"),
    ("2", "to"),
    ("my self", "myself"),
    ("me self", "myself"),
    ("meself", "myself"),
    ("any more", "anymore"),
    ("be hear", "be here"),
    ("being hear", "being here"),
)

# Real words one typo from a risk word, never read as that risk word. Found by checking every
# word of an English word list against the single-word risk entries; the tests keep them out.
_NOT_RISK_WORDS = """
    abase abased abases abasing amuse amused amuses amusing anuses
    modest moles
    overdoes overdone overdoing
    raced raged raked rapid rapped rared rasped rated raved razed reaped roped
    racing raging raking rapine rapping raring rasping rating raving razing reaping roping racist
    stacked staked staled stalled staler starker
    subside violet burying
"""
NOT_RISK = frozenset(_NOT_RISK_WORDS.split())


def normalise(text: str) -> list[str]:
    """The words of `text`: lowercase, no accents or apostrophes, letters and digits only."""
    text = unicodedata.normalize("NFKD", text[:MAX_CHARS].casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’‘ʼ`´′]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def _rewrite(words: list[str]) -> list[str]:
    joined = " " + " ".join(words) + " "
    for before, after in REWRITES:
        joined = joined.replace(f" {before} ", f" {after} ")
    words = joined.split()
    # "self harm", "self injury", "self-harming" (its hyphen became a space) -> one word.
    out: list[str] = []
    for word in words:
        if out and out[-1] == "self":
            out[-1] = "self" + word
        else:
            out.append(word)
    return out


def _edits(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), or limit + 1 when over limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def word_matches(typed: str, risk: str) -> bool:
    """True when `typed` is the risk word, or the same word with a small typo."""
    if typed == risk:
        return True
    if len(risk) < FUZZY_FROM or len(typed) < FUZZY_FROM - 1 or typed[0] != risk[0]:
        return False
    if typed in NOT_RISK:
        return False
    return _edits(typed, risk, 1) <= 1


def _parse(phrase: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(slot.split("|")) for slot in phrase.split())


PHRASES = tuple(_parse(phrase) for phrase in RISK_PHRASES)
RISK_WORDS = frozenset(word for phrase in PHRASES for slot in phrase for word in slot)
# A typo keeps the first letter, so a word is only compared with risk words that share it.
_RISK_WORDS_BY_FIRST_LETTER: dict[str, list[str]] = {}
for _word in sorted(RISK_WORDS):
    _RISK_WORDS_BY_FIRST_LETTER.setdefault(_word[0], []).append(_word)


@lru_cache(maxsize=4096)
def _read_as(typed: str) -> frozenset[str]:
    """Every risk word that `typed` is, or is with a small typo: worked out once per word."""
    candidates = _RISK_WORDS_BY_FIRST_LETTER.get(typed[0], ())
    return frozenset(risk for risk in candidates if word_matches(typed, risk))


def _phrase_at(meanings: list[frozenset[str]], start: int, phrase) -> bool:
    """Does `phrase` match from word `start`, allowing up to MAX_GAP words between its slots?"""
    if phrase[0].isdisjoint(meanings[start]):
        return False
    if len(phrase) == 1:
        return True
    return any(
        _phrase_at(meanings, start + 1 + gap, phrase[1:])
        for gap in range(MAX_GAP + 1)
        if start + 1 + gap < len(meanings)
    )


def matching_phrase(text: str) -> str | None:
    """The first risk phrase `text` matches, as written in RISK_PHRASES, or None (for tests)."""
    meanings = [_read_as(word) for word in _rewrite(normalise(text))]
    for phrase, written in zip(PHRASES, RISK_PHRASES, strict=True):
        if any(_phrase_at(meanings, start, phrase) for start in range(len(meanings))):
            return written
    return None


def suggests_risk(text: str) -> bool:
    """True when what someone typed suggests a risk to life or of harm."""
    return bool(text) and matching_phrase(text) is not None


# Ticking one of these topics says as much as typing the words.
RISK_TOPICS = frozenset({"suicidal_thoughts", "domestic_abuse"})


def search_suggests_risk(params) -> bool:
    """Should a /services/ search show the crisis contacts first? `params` is request.GET."""
    if RISK_TOPICS.intersection(params.getlist("topic")):
        return True
    return any(suggests_risk(text) for text in params.getlist("q"))

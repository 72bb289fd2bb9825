"""The search form's filters. URL parameters use the DOMAIN.md keys and may repeat:
/services/?q=bereavement&postcode=DD4+7AA&element=friendship&element=emotional&peer_led=1

Each filter is also a Q condition (`conditions()`), because facet counts need every dimension's
condition on its own: an element's count applies all the other filters but not the element one.
"""

import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from directory.choices import Capacity, Cost, DeliveryMode, Element, Frequency, Structure, Weekday
from directory.models import OpeningTime, Service, delivered_by_any, offers_any
from directory.opening_hours import TIME_OF_DAY_CHOICES, open_now_condition, time_of_day_condition
from directory.postcodes import FULL_POSTCODE
from directory.taxonomy import AUDIENCES, TOPICS

MAX_QUERY_LENGTH = 200
RADIUS_CHOICES = [(1, "1 km"), (2, "2 km"), (5, "5 km"), (10, "10 km"), (25, "25 km")]
DEFAULT_RADIUS_KM = 10
WEEKDAY_CHOICES = [(day.name.lower(), day.label) for day in Weekday]
SORT_CHOICES = [
    ("relevance", "Best match"),
    ("distance", "Nearest first"),
    ("checked", "Most recently checked"),
    ("name", "Name (A to Z)"),
]
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")

# The dimensions shown with counts beside each option.
FACETS = ("element", "structure", "mode", "peer_led")


def _invalid_choice(what: str) -> dict:
    return {"invalid_choice": f"“%(value)s” is not {what} we know. Choose from the list."}


class YesNoCheckbox(forms.CheckboxInput):
    """A checkbox whose URL value may be 1/0: absent means "any", so no filter applies."""

    YES = {"1", "true", "on", "yes"}
    NO = {"0", "false", "off", "no"}

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        word = raw.strip().lower()
        return True if word in self.YES else False if word in self.NO else None


class StrictTickField(forms.Field):
    """A tick box that says so when its URL value is neither yes nor no ("open_now=maybe"),
    instead of quietly ignoring it. Ticked is True; unticked (absent, empty or 0) is None."""

    widget = forms.CheckboxInput

    def to_python(self, value):
        if value in (None, "", False):
            return None
        if value is True:
            return True
        word = str(value).strip().lower()
        if word in YesNoCheckbox.YES:
            return True
        if word in YesNoCheckbox.NO or not word:
            return None
        raise forms.ValidationError(
            f"“{str(value).strip()[:20]}” is not a yes or no. Tick the box, or leave it empty."
        )


class RawCheckbox(forms.CheckboxInput):
    """The raw URL value, for StrictTickField to judge."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictTickFilter(django_filters.Filter):
    field_class = StrictTickField


def parse_postcode(raw: str) -> tuple[str, str]:
    """('full', 'DD4 7AA') or ('outward', 'DD4'); raise ValidationError for anything else."""
    squashed = re.sub(r"\s+", "", raw).upper()
    match = FULL_POSTCODE.match(squashed)
    if match:
        return "full", f"{match.group(1)} {match.group(2)}"
    if OUTWARD_CODE.match(squashed):
        return "outward", squashed
    raise forms.ValidationError(
        f"“{raw.strip()[:20]}” does not look like a postcode. Enter a full postcode, such as DD4 7AA, "
        "or its first half, such as DD4."
    )


class SearchForm(forms.Form):
    def clean_q(self):
        q = " ".join(self.cleaned_data.get("q", "").split())
        if len(q) > MAX_QUERY_LENGTH:
            raise forms.ValidationError(
                f"Your search is {len(q):,} characters long. Use a few words (up to {MAX_QUERY_LENGTH} characters)."
            )
        return q

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode", "")
        return parse_postcode(raw) if raw.strip() else None


def _tagged(relation: str, slugs) -> Exists:
    through = getattr(Service, relation).through
    column = relation[:-1]  # audiences -> audience
    return Exists(through.objects.filter(service=OuterRef("pk"), **{f"{column}__slug__in": slugs}))


def conditions(data: dict) -> dict[str, Q]:
    """Each chosen filter as a Q, keyed by its parameter. Absent or empty filters are left out."""
    found = {}
    if data.get("element"):
        found["element"] = offers_any(data["element"])
    if data.get("structure"):
        found["structure"] = Q(structure__in=data["structure"])
    if data.get("mode"):
        found["mode"] = delivered_by_any(data["mode"])
    if data.get("peer_led") is not None:
        found["peer_led"] = Q(peer_led=data["peer_led"])
    if data.get("audience"):
        found["audience"] = Q(_tagged("audiences", data["audience"]))
    if data.get("topic"):
        found["topic"] = Q(_tagged("topics", data["topic"]))
    if data.get("free"):
        found["free"] = Q(cost=Cost.FREE)
    if data.get("accepts_referrals"):
        found["accepts_referrals"] = Q(accepts_supportmap_referrals=True)
    if data.get("day"):
        weekday = Weekday[data["day"].upper()].value
        # Weekly, fortnightly and monthly openings on that day; "by appointment" claims no day
        # (OpeningTime.claims_a_day; PostgreSQL's search_tags, migration 0008, say the same).
        on_the_day = OpeningTime.objects.filter(service=OuterRef("pk"), weekday=weekday).exclude(
            frequency=Frequency.BY_APPOINTMENT
        )
        found["day"] = Q(Exists(on_the_day))
    if data.get("open_now"):
        # Europe/London (settings.TIME_ZONE): "now" as the person searching reads the clock.
        found["open_now"] = open_now_condition(timezone.localtime())
    if data.get("time"):
        # On the chosen day, when there is one: "Tuesday evening" is one opening, not two.
        weekday = Weekday[data["day"].upper()].value if data.get("day") else None
        found["time"] = time_of_day_condition(data["time"], weekday)
    if data.get("hide_full"):
        found["hide_full"] = ~Q(capacity__in=[Capacity.FULL, Capacity.TEMPORARILY_CLOSED])
    return found


def _checkboxes(label, choices, what):
    return django_filters.MultipleChoiceFilter(
        label=label,
        choices=choices,
        method="apply_condition",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid_choice(what),
    )


def _tick(label):
    return django_filters.BooleanFilter(
        label=label, method="apply_condition", widget=YesNoCheckbox(attrs={"value": "1"})
    )


class ServiceFilter(django_filters.FilterSet):
    """Validates the search parameters; `search.search_services` runs the search itself."""

    q = django_filters.CharFilter(
        label="What are you looking for?",
        method="keep",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "For example: bereavement group"}),
    )
    postcode = django_filters.CharFilter(
        label="Postcode",
        method="keep",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 9}),
    )
    radius = django_filters.TypedChoiceFilter(
        label="Distance",
        choices=RADIUS_CHOICES,
        coerce=int,
        empty_value=DEFAULT_RADIUS_KM,
        method="keep",
        error_messages={"invalid_choice": "Choose a distance of 1, 2, 5, 10 or 25 km."},
    )
    element = _checkboxes("Kind of support", Element.choices, "an element of support")
    structure = _checkboxes("Structure", Structure.choices, "a structure")
    mode = _checkboxes("How it is delivered", DeliveryMode.choices, "a way of delivering support")
    peer_led = _tick("Peer-led (run by people with lived experience)")
    audience = _checkboxes("Especially for", AUDIENCES, "a group of people")
    topic = _checkboxes("Can help with", TOPICS, "a topic")
    free = _tick("Free only")
    accepts_referrals = _tick("Accepts referrals through SupportMap")
    day = django_filters.ChoiceFilter(
        label="Open on",
        choices=WEEKDAY_CHOICES,
        empty_label="Any day",
        method="apply_condition",
        error_messages=_invalid_choice("a day of the week"),
    )
    time = django_filters.ChoiceFilter(
        label="Time of day",
        choices=TIME_OF_DAY_CHOICES,
        empty_label="Any time",
        method="apply_condition",
        error_messages=_invalid_choice("a time of day"),
    )
    open_now = StrictTickFilter(
        label="Open now", method="apply_condition", widget=RawCheckbox(attrs={"value": "1"})
    )
    hide_full = _tick("Hide services that are full or closed")
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORT_CHOICES,
        empty_label=None,
        method="keep",
        error_messages=_invalid_choice("a way of sorting"),
    )

    class Meta:
        model = Service
        fields: list[str] = []
        form = SearchForm

    def keep(self, queryset, name, value):
        # Text, place and order are applied by search.search_services, not as plain filters.
        return queryset

    def apply_condition(self, queryset, name, value):
        condition = conditions({**self.form.cleaned_data, name: value}).get(name)
        return queryset.filter(condition) if condition is not None else queryset

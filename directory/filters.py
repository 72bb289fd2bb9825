"""The services list filters. URL parameters use the DOMAIN.md keys and may repeat:
/services/?element=friendship&element=emotional&structure=informal&peer_led=1
"""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q

from directory.choices import DeliveryMode, Element, Structure
from directory.models import Service

# Longer text is cut here: nobody types a search that long, and it keeps the query bounded.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8


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


class ServiceFilterHelper(FormHelper):
    form_method = "get"
    form_id = "service-filters"
    disable_csrf = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_input(Submit("", "Show services", css_class="btn-primary"))


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Words to look for",
        method="filter_text",
        max_length=2000,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    element = django_filters.MultipleChoiceFilter(
        label="Element of support",
        choices=Element.choices,
        method="filter_element",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid_choice("an element of support"),
    )
    structure = django_filters.MultipleChoiceFilter(
        label="Structure",
        field_name="structure",
        choices=Structure.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid_choice("a structure"),
    )
    mode = django_filters.MultipleChoiceFilter(
        label="How it is delivered",
        choices=DeliveryMode.choices,
        method="filter_mode",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid_choice("a way of delivering support"),
    )
    peer_led = django_filters.BooleanFilter(
        label="Peer-led only (run by people with lived experience)",
        field_name="peer_led",
        widget=YesNoCheckbox(attrs={"value": "1"}),
    )

    class Meta:
        model = Service
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.helper = ServiceFilterHelper()

    def filter_text(self, queryset, name, value):
        # A simple word match; ranked full-text search replaces it in the search issue.
        words = value[:MAX_QUERY_LENGTH].split()[:MAX_QUERY_WORDS]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(organisation__name__icontains=word)
            )
        return queryset

    def filter_element(self, queryset, name, value):
        return queryset.offering_any(value) if value else queryset

    def filter_mode(self, queryset, name, value):
        return queryset.delivered_by_any(value) if value else queryset

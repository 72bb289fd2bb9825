"""Editing a person's record: their details and what support they are looking for.

The same rules as the referral form: a date of birth or an age band; a caring relationship only
for a carer (both from Person.clean(), so a ModelForm shows them next to their fields); a CHI
number checked by referrals/chi.py (digits, date of birth prefix, check digit) and against the
date of birth when both are given; a full UK postcode.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout
from django import forms

from directory.choices import Element
from directory.models import Topic
from directory.postcodes import InvalidPostcode, normalise_postcode
from referrals.chi import matches_date_of_birth, validate_chi
from referrals.choices import AgeBand, CaringRelationship
from referrals.models import ELEMENT_FIELDS, Person

DETAILS = ["name", "preferred_name", "date_of_birth", "age_band", "postcode", "chi_number"]
CONTACT = ["phone", "email", "safe_to_leave_message"]
NEEDS = list(ELEMENT_FIELDS.values())
OWN_WORDS_MAX = 4000


class PersonForm(forms.ModelForm):
    caring_relationship = forms.ChoiceField(
        label="Which best describes their caring relationship?",
        required=False,
        choices=[("", "Not a carer, or none of these fit")] + list(CaringRelationship.choices),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the caring relationships."},
    )
    age_band = forms.ChoiceField(
        label="Age band",
        required=False,
        choices=[("", "Not known, or the date of birth is given")] + list(AgeBand.choices),
        help_text="If the date of birth is not known.",
        error_messages={"invalid_choice": "Choose one of the age bands."},
    )
    # Longer than the ten digits it stores: spaces and dashes typed between them are fine.
    chi_number = forms.CharField(
        label="CHI number",
        required=False,
        max_length=20,
        help_text="Optional: the 10-digit Community Health Index number.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"max_length": "A CHI number has 10 digits; this is too long."},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics (optional)",
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose topics from the list.",
            "invalid_pk_value": "Choose topics from the list.",
        },
    )

    class Meta:
        model = Person
        fields = [*DETAILS, *CONTACT, *NEEDS, "topics", "own_words", "is_carer", "caring_relationship"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "own_words": forms.Textarea(attrs={"rows": 4, "maxlength": OWN_WORDS_MAX}),
            "postcode": forms.TextInput(attrs={"autocomplete": "off", "class": "input-postcode"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "date_of_birth": "Or choose an age band below if it is not known.",
            "own_words": "What they hope for, as they said it. No more health details than needed.",
        }
        error_messages = {
            "name": {"required": "Enter the person's full name."},
            "date_of_birth": {"invalid": "Enter a real date of birth, for example 14/03/1948."},
            "email": {"invalid": "Enter an email address like name@example.com."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NEEDS:
            self.fields[name].label = Element(
                next(element for element, field in ELEMENT_FIELDS.items() if field == name)
            ).label
        self.fields["own_words"].max_length = OWN_WORDS_MAX
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset("About them", *(Field(name) for name in DETAILS)),
            Fieldset("How to contact them", *(Field(name) for name in CONTACT)),
            Fieldset(
                "What support are they looking for?",
                HTML('<p class="form-text mt-0">Tick every element of support that fits.</p>'),
                *(Field(name) for name in NEEDS),
                css_id="fieldset-elements",
            ),
            Field("topics"),
            Field("own_words"),
            Fieldset("Caring", Field("is_carer"), Field("caring_relationship")),
        )

    def clean_postcode(self):
        postcode = (self.cleaned_data.get("postcode") or "").strip()
        if not postcode:
            return ""
        try:
            return normalise_postcode(postcode)
        except InvalidPostcode as error:
            raise forms.ValidationError(str(error)) from error

    def clean_chi_number(self):
        raw = (self.cleaned_data.get("chi_number") or "").strip()
        return validate_chi(raw) if raw else ""

    def clean_phone(self):
        return " ".join((self.cleaned_data.get("phone") or "").split())

    def clean(self):
        cleaned = super().clean()
        chi, date_of_birth = cleaned.get("chi_number"), cleaned.get("date_of_birth")
        if chi and date_of_birth and not matches_date_of_birth(chi, date_of_birth):
            self.add_error(
                "chi_number",
                "The CHI number starts with the date of birth (DDMMYY), and this one does not match "
                "the date of birth given. Check both.",
            )
        return cleaned

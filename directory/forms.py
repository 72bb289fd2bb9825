"""Forms of the provider area: a listing in sections, its places and times, capacity, invitations.

Forms validate and tidy; views save through directory/listings.py. The listing form is a ModelForm
so that Service.clean() and OpeningTime.clean() rules come back as messages next to their fields.
"""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms

from directory.choices import (
    ELEMENT_DESCRIPTIONS,
    STRUCTURE_DESCRIPTIONS,
    Capacity,
    Element,
    MemberRole,
    Structure,
)
from directory.models import (
    ELEMENT_FIELDS,
    MODE_FIELDS,
    Audience,
    Location,
    OpeningTime,
    Organisation,
    Service,
    Topic,
    element_field,
)

BASICS = ["name", "summary", "description"]
WHO = ["age_min", "age_max", "audiences", "topics", "cost", "cost_note", "languages", "accessibility_notes"]
ACCESS = [
    "self_referral",
    "professional_referral",
    "accepts_supportmap_referrals",
    "contact_name",
    "email",
    "phone",
    "website",
]
SAFEGUARDS = [
    "has_confidentiality_policy",
    "trained_volunteers",
    "supervision",
    "has_boundaries_policy",
    "pvg_checked_volunteers",
    "has_safeguarding_lead",
    "refers_on_to",
]
CAPACITY = ["capacity", "waiting_weeks"]

# Each safeguard, with the risk of informal support it answers (DOMAIN.md), in plain words.
SAFEGUARD_HELP = {
    "has_confidentiality_policy": (
        "Confidentiality: volunteers are not bound by rules as clinicians are. "
        "A written policy says what stays private and when it cannot."
    ),
    "trained_volunteers": (
        "Catastrophising and inappropriate advice: trained volunteers listen well, do not feed "
        "negative thinking, and know when to point someone elsewhere."
    ),
    "supervision": (
        "Catastrophising: volunteers and staff talk difficult conversations through with someone experienced."
    ),
    "has_boundaries_policy": (
        "Unclear boundaries: a code of conduct says what supporters do and do not do, so roles stay clear."
    ),
    "pvg_checked_volunteers": "Volunteers are checked under the Protecting Vulnerable Groups (PVG) scheme.",
    "has_safeguarding_lead": "A named person who acts when someone may be at risk of harm.",
    "refers_on_to": (
        "Inappropriate advice: where you point people when informal support is not enough, "
        "for example for childhood trauma or a crisis."
    ),
}

SAFEGUARDS_INTRO = """
<p>Informal support has known risks. Tick the safeguards you have; each says which risk it answers.</p>
<ul class="small">
  <li><strong>Disempowering relationship</strong> (receiving help can feel one-sided): being peer-led or
    mutual, chosen under <a href="#section-elements">Elements and structure</a>, answers this.</li>
  <li><strong>Spoiling relationship</strong> (friends or family may not want to talk about problems):
    independent supporters, who are not family, answer this; say so in the description.</li>
</ul>
"""

CAPACITY_NOTE = """
<p class="small">You can also change this at once from your organisation page, without a review.</p>
"""


def _checkbox_list() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple()


class ServiceForm(forms.ModelForm):
    """The whole listing. Rendered in sections by the helpers below, with the formsets between them."""

    audiences = forms.ModelMultipleChoiceField(
        queryset=Audience.objects.all(),
        required=False,
        widget=_checkbox_list(),
        label="Especially for",
        help_text="Leave all unticked if it is for anyone.",
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=_checkbox_list(),
        label="Can help with",
    )
    website = forms.URLField(
        label="Web page",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example: charity.org.uk/groups",
    )
    locations = forms.ModelMultipleChoiceField(
        queryset=Location.objects.none(),
        required=False,
        widget=_checkbox_list(),
        label="Your places where it runs",
        help_text="Untick a place to stop listing the service there. The place stays on your organisation.",
    )

    class Meta:
        model = Service
        fields = [name for name in Service.content_field_names()]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
            "refers_on_to": forms.Textarea(attrs={"rows": 3}),
            "structure": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "capacity": forms.RadioSelect,
        }
        labels = {
            "name": "Name of the service",
            "summary": "Summary",
            "description": "What happens, in your own words",
            "peer_led": "Peer-led",
            "mutual": "Mutual",
            "cost_note": "About the cost",
            "contact_name": "Contact name",
            "email": "Contact email",
            "phone": "Contact phone",
            "website": "Web page",
            "languages": "Languages",
            "accessibility_notes": "Access and accessibility",
            "capacity": "Can it take new people?",
        }
        help_texts = {
            "peer_led": (
                "Run by people with lived or shared experience of what members are going through: "
                "they understand and have genuine empathy."
            ),
            "mutual": "Members support each other, rather than some only giving and others only receiving.",
            "self_referral": "Anyone can get in touch or just turn up.",
            "professional_referral": "A GP, link worker or other professional can refer someone.",
            "accepts_supportmap_referrals": (
                "Link workers and GPs can send you a referral through this site."
            ),
            "accessibility_notes": "Step-free access, hearing loop, quiet space, help with travel.",
            **SAFEGUARD_HELP,
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["locations"].queryset = organisation.locations.all()
        if self.instance.pk and not self.is_bound:
            self.initial["locations"] = [location.pk for location in self.instance.locations.all()]
        for key in Element.values:
            name = element_field(key)
            self.fields[name].help_text = ELEMENT_DESCRIPTIONS[key]
        self.fields["structure"].choices = [
            (key, f"{Structure(key).label}: {STRUCTURE_DESCRIPTIONS[key]}") for key in Structure.values
        ]
        self.fields["description"].help_text = "What people can expect when they come, and how it feels."
        self.helper_top = _helper(
            Fieldset("Basics", *BASICS, css_id="section-basics"),
            Fieldset(
                "Elements and structure",
                HTML(
                    '<p class="small">Which kinds of support does it offer? Choose one or more. '
                    'See <a href="/guide/">about social support</a> for more.</p>'
                ),
                *ELEMENT_FIELDS,
                Field("structure"),
                "peer_led",
                "mutual",
                css_id="section-elements",
            ),
            Fieldset(
                "Who it is for",
                Row(Column("age_min", css_class="col-6"), Column("age_max", css_class="col-6")),
                HTML('<p class="small fw-bold mb-1">How it is delivered</p>'),
                *MODE_FIELDS,
                *WHO[2:],
                css_id="section-who",
            ),
            Fieldset("How to get to it", *ACCESS, css_id="section-access"),
        )
        self.helper_locations = _helper(Field("locations"))
        self.helper_bottom = _helper(
            Fieldset("Safeguards", HTML(SAFEGUARDS_INTRO), *SAFEGUARDS, css_id="section-safeguards"),
            Fieldset("Capacity", HTML(CAPACITY_NOTE), *CAPACITY, css_id="section-capacity"),
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "summary", "contact_name", "phone", "cost_note", "languages"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = cleaned[name].strip()
        return cleaned

    def content_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in Service.content_field_names()
            if name in self.cleaned_data
        }


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    return helper


class OpeningTimeForm(forms.ModelForm):
    class Meta:
        model = OpeningTime
        fields = ["frequency", "weekday", "opens", "closes", "starts_on", "week_of_month", "location", "note"]
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"frequency": "How often", "weekday": "Day", "opens": "Opens", "closes": "Closes"}
        help_texts = {"starts_on": "For every other week: one date it meets."}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = organisation.locations.all()
        self.fields["location"].empty_label = "Not tied to one place"
        self.fields["location"].help_text = "A new place appears here once the listing is saved."
        self.helper = _helper(
            Row(Column("frequency", css_class="col-sm-6"), Column("weekday", css_class="col-sm-6")),
            Row(Column("opens", css_class="col-6"), Column("closes", css_class="col-6")),
            Row(Column("starts_on", css_class="col-sm-6"), Column("week_of_month", css_class="col-sm-6")),
            "location",
            "note",
            Field("DELETE", wrapper_class="remove-row"),
        )

    def content(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address_1", "address_2", "town", "postcode", "hide_exact_address"]
        labels = {"name": "Name of the place", "hide_exact_address": "Hide the exact address"}
        help_texts = {"name": "For example: Hilltown Community Centre."}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.helper = _helper(
            "name",
            "address_1",
            "address_2",
            Row(Column("town", css_class="col-sm-7"), Column("postcode", css_class="col-sm-5")),
            "hide_exact_address",
            Field("DELETE", wrapper_class="remove-row"),
        )

    def content(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class _RowFormSet(forms.BaseFormSet):
    deletion_widget = forms.CheckboxInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = f"Remove this {self.row_name}"

    def kept(self) -> list[dict]:
        """The rows to save: neither removed nor left empty."""
        return [
            form.content()
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]


class OpeningTimeFormSet(_RowFormSet):
    row_name = "opening time"


class LocationFormSet(_RowFormSet):
    row_name = "new place"


def opening_time_formset(*, organisation, data=None, initial=None, extra=0):
    factory = forms.formset_factory(
        OpeningTimeForm, formset=OpeningTimeFormSet, extra=extra, can_delete=True, max_num=50
    )
    return factory(data, initial=initial, prefix="opening", form_kwargs={"organisation": organisation})


def location_formset(*, organisation, data=None, extra=0):
    factory = forms.formset_factory(
        LocationForm, formset=LocationFormSet, extra=extra, can_delete=True, max_num=20
    )
    return factory(data, prefix="place", form_kwargs={"organisation": organisation})


def opening_time_initial(service: Service) -> list[dict]:
    return [
        {
            "frequency": opening.frequency,
            "weekday": opening.weekday,
            "opens": opening.opens,
            "closes": opening.closes,
            "starts_on": opening.starts_on,
            "week_of_month": opening.week_of_month,
            "location": opening.location_id,
            "note": opening.note,
        }
        for opening in service.opening_times.all()
    ]


class CapacityForm(forms.Form):
    capacity = forms.ChoiceField(choices=Capacity.choices)


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Their email address", max_length=254)
    role = forms.ChoiceField(
        choices=MemberRole.choices,
        initial=MemberRole.MEMBER,
        widget=forms.RadioSelect,
        label="Their role",
        help_text="Members keep the listings up to date. Managers can also invite and remove people.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=MemberRole.choices)


def error_items(form, formsets: list[tuple[str, forms.BaseFormSet]]) -> list[dict]:
    """Every error on the page, for the summary at the top: the label, the message and where it is."""
    items = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items += [{"text": error, "anchor": ""} for error in errors]
            continue
        field = form[name]
        anchor = (
            field.auto_id
            if not isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            else f"{field.auto_id}_0"
        )
        items += [{"text": f"{field.label}: {error}", "anchor": anchor} for error in errors]
    for row_name, formset in formsets:
        for error in formset.non_form_errors():
            items.append({"text": error, "anchor": ""})
        for number, row in enumerate(formset.forms, start=1):
            if formset.can_delete and formset._should_delete_form(row):
                continue
            for name, errors in row.errors.items():
                label = row[name].label if name != "__all__" else ""
                anchor = row[name].auto_id if name != "__all__" else ""
                for error in errors:
                    text = (
                        f"{row_name} {number}, {label.lower()}: {error}"
                        if label
                        else f"{row_name} {number}: {error}"
                    )
                    items.append({"text": text, "anchor": anchor})
    return items

"""Recording signposting: a referrer told a person about services without a formal referral."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from directory.choices import Element
from directory.models import Service
from referrals.models import ELEMENT_FIELDS


class ServiceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, service):
        return f"{service.name} ({service.organisation.name})"


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


class SignpostingForm(forms.Form):
    organisation = OrganisationChoiceField(
        label="Recorded for which organisation?",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the organisation you signposted the person for."},
    )
    services = ServiceChoiceField(
        label="Services you told the person about",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one service you told the person about.",
            "invalid_choice": "Choose among the services listed.",
        },
    )
    elements = forms.MultipleChoiceField(
        label="Elements of support you pointed them to",
        help_text="Ticked for what the services offer: untick any the person was not looking for.",
        choices=Element.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one element of support."},
    )
    link_person = forms.BooleanField(label="Link this to the person's record", required=False, initial=True)
    note = forms.CharField(
        label="Note (optional)",
        help_text="A few words, such as how you told them. No health details, please.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisations, services, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["organisation"].queryset = organisations
        organisation_list = list(organisations)
        if len(organisation_list) == 1:
            # One organisation: nothing to choose (the page names it).
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisation_list[0].pk
        # Only the services offered on the page (from the link or the shortlist), all published.
        self.fields["services"].queryset = (
            Service.objects.published()
            .filter(draft_of__isnull=True, pk__in=[service.pk for service in services])
            .select_related("organisation")
            .order_by("name", "pk")
        )
        self.fields["services"].initial = [service.pk for service in services]
        self.fields["elements"].initial = [
            element for element in Element.values if any(element in service.elements for service in services)
        ]
        if person is None:
            del self.fields["link_person"]
        else:
            self.fields["link_person"].label = f"Link this to {person.short_name}'s record"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("organisation"),
            Field("services"),
            Field("elements"),
            *([Field("link_person")] if person is not None else []),
            Field("note"),
            Submit("save", "Record signposting", css_class="btn btn-primary"),
        )

    def element_values(self) -> dict[str, bool]:
        chosen = set(self.cleaned_data["elements"])
        return {field: element in chosen for element, field in ELEMENT_FIELDS.items()}

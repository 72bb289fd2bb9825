"""The staff referral form (one or several services) and the public self-referral form.

The staff form has four parts, each a fieldset in the page: the person (left out when the person
is already on record), their needs, the referral, and consent (one question per provider
organisation, since consent is to share with a named organisation). Consent is asked
before anything is saved, a draft included (referrals.services.referral_create records it); the
reason and the capacity warning are needed only to send.
"""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone

from directory.choices import Capacity, Element
from directory.models import Topic
from directory.postcodes import InvalidPostcode, normalise_postcode
from referrals import chi
from referrals.choices import (
    CONSENT_WORDING_VERSION,
    SELF_REFERRAL_CONSENT_VERSION,
    AgeBand,
    CaringRelationship,
    ConsentMethod,
    ContactMethod,
    consent_statement,
)
from referrals.models import ELEMENT_FIELDS

# The honeypot of the self-referral form: people never see or reach it; robots fill it in.
HONEYPOT_FIELD = "website"
YES, NO = "yes", "no"
YES_NO = [(YES, "Yes"), (NO, "No")]
PHONE = re.compile(r"^\+?[0-9 ()-]{7,25}$")
PERSON_FIELDS = (
    "name",
    "preferred_name",
    "date_of_birth",
    "age_band",
    "postcode",
    "phone",
    "email",
    "safe_to_leave_message",
    "chi_number",
    "elements",
    "topics",
    "own_words",
    "is_carer",
    "caring_relationship",
)
BLOCKING_CAPACITY = frozenset({Capacity.FULL, Capacity.TEMPORARILY_CLOSED})


def _yes_no_radio(label, **kwargs):
    return forms.ChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect, **kwargs)


class _PersonContactForm(forms.Form):
    """Who the person is and how to reach them: shared by the staff and the self-referral forms."""

    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter the person's full name."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="What they like to be called, if different.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        help_text="Or, if it is not known, choose an age band below.",
        error_messages={"invalid": "Enter a real date of birth, for example 14/03/1948."},
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    age_band = forms.ChoiceField(
        label="Age band (if the date of birth is not known)",
        choices=[("", "Not needed: the date of birth is given")] + list(AgeBand.choices),
        required=False,
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        max_length=10,
        required=False,
        help_text="So the service knows the area. Leave it empty if they have no fixed address.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "input-postcode"}),
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org, or leave it empty."},
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    safe_to_leave_message = _yes_no_radio(
        "Is it safe to leave a message?",
        help_text="On their phone, voicemail or email: no if someone else might see or hear it.",
        error_messages={"required": "Say whether it is safe to leave a message."},
    )
    contact_method = forms.ChoiceField(
        label="Best way to contact them",
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the best way to contact them."},
    )
    contact_times = forms.CharField(
        label="Best days and times to contact (optional)",
        max_length=200,
        required=False,
        help_text="For example: weekday mornings, not after 6pm.",
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value is None:
            return value
        if value > timezone.localdate():
            raise forms.ValidationError("The date of birth must be in the past.")
        if value < datetime.date(1900, 1, 1):
            raise forms.ValidationError("Check the year of the date of birth: it is before 1900.")
        return value

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except InvalidPostcode as error:
            raise forms.ValidationError(str(error)) from error

    def clean_phone(self):
        value = " ".join(self.cleaned_data.get("phone", "").split())
        if value and not PHONE.match(value):
            raise forms.ValidationError(
                "Enter a phone number using digits, like 01382 123456 or +44 7700 900123."
            )
        return value

    def clean(self):
        data = super().clean()
        dated = data.get("date_of_birth") or data.get("age_band")
        if "date_of_birth" in self.fields and not self.errors.get("date_of_birth") and not dated:
            self.add_error("date_of_birth", "Give a date of birth, or choose an age band if it is not known.")
        method = data.get("contact_method")
        if "phone" in self.fields and "phone" not in self.errors and "email" not in self.errors:
            phone, email = data.get("phone"), data.get("email")
            if method in {ContactMethod.PHONE, ContactMethod.TEXT} and not phone:
                self.add_error("phone", "Give a phone number: it is the best way to contact them.")
            elif method == ContactMethod.EMAIL and not email:
                self.add_error("email", "Give an email address: it is the best way to contact them.")
            elif not phone and not email and method != ContactMethod.THROUGH_REFERRER:
                self.add_error(
                    "phone", "Give a phone number or an email address, so the service can get in touch."
                )
        return data

    def person_fields(self) -> dict:
        """The Person's fields from what was typed (for referrals.services.person_create)."""
        data = self.cleaned_data
        fields = {
            "name": data["name"],
            "preferred_name": data.get("preferred_name", "").strip(),
            "date_of_birth": data.get("date_of_birth"),
            "age_band": data.get("age_band", ""),
            "postcode": data.get("postcode", ""),
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "safe_to_leave_message": data.get("safe_to_leave_message") == YES,
        }
        return fields


class StaffReferralForm(_PersonContactForm):
    chi_number = forms.CharField(
        label="CHI number (optional)",
        max_length=20,
        required=False,
        help_text="The 10-digit Community Health Index number, if you have it.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    elements = forms.MultipleChoiceField(
        label="Which kinds of support are they looking for? (optional)",
        choices=Element.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label="What would they like help with? (optional)",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    own_words = forms.CharField(
        label="In their own words, what do they hope for? (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_carer = forms.BooleanField(label="They are a carer (they look after someone)", required=False)
    caring_relationship = forms.ChoiceField(
        label="If they are a carer, which best describes their caring relationship? (optional)",
        help_text="So that carers are pointed to support for themselves too.",
        choices=CaringRelationship.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label="Reason for the referral",
        max_length=4000,
        required=False,
        help_text="What is going on for them and why this service could help.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    hopes = forms.CharField(
        label="What they hope for from the service (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_notes = forms.CharField(
        label="Risk or safeguarding notes (optional)",
        max_length=4000,
        required=False,
        help_text="Anything the service must know to keep the person and its volunteers safe.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_method = forms.ChoiceField(
        label="How did they agree?",
        choices=[
            (ConsentMethod.VERBAL, ConsentMethod.VERBAL.label),
            (ConsentMethod.WRITTEN, ConsentMethod.WRITTEN.label),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    capacity_understood = forms.BooleanField(required=False)

    def __init__(
        self,
        *args,
        services,
        organisations=(),
        person=None,
        sending: bool = True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.services = list(services)
        self.sending = sending
        self.person = person
        self.consent_version = CONSENT_WORDING_VERSION
        # One consent question per provider organisation, in the order their services came.
        self.providers = list(
            {service.organisation_id: service.organisation for service in self.services}.values()
        )
        self.consents = []
        for organisation in self.providers:
            name = f"consent_{organisation.pk}"
            self.fields[name] = _yes_no_radio(
                f"Has the person agreed to share their details with {organisation.name}?", required=False
            )
            self.consents.append(
                {
                    "organisation": organisation,
                    "statement": consent_statement(self.consent_version, organisation.name),
                    "field": self[name],
                }
            )
        self.organisations = list(organisations)
        if len(self.organisations) > 1:
            self.fields["referrer_organisation"] = forms.TypedChoiceField(
                label="Which organisation are you referring from?",
                choices=[(str(org.pk), org.name) for org in self.organisations],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the organisation you are referring from."},
            )
        self.blocked_services = [
            service for service in self.services if service.capacity in BLOCKING_CAPACITY
        ]
        self.waiting_services = [
            service for service in self.services if service.capacity == Capacity.WAITING_LIST
        ]
        if self.blocked_services:
            names = ", ".join(service.name for service in self.blocked_services)
            self.fields["capacity_understood"].label = (
                f"I understand that {names} {'is' if len(self.blocked_services) == 1 else 'are'} not taking "
                "new people at the moment, and the referral may wait or be declined."
            )
        else:
            del self.fields["capacity_understood"]
        if person is not None:
            for name in PERSON_FIELDS:
                del self.fields[name]
        self.fields["contact_method"].label = "Best way to contact them"

    def clean_chi_number(self):
        value = self.cleaned_data.get("chi_number", "").strip()
        if not value:
            return ""
        return chi.validate_chi(value)

    def consent_answer(self, organisation) -> str:
        return self.data.get(f"consent_{organisation.pk}", "")

    def refused_everywhere(self) -> bool:
        """The person said no to every organisation: nothing is made, whatever else was typed."""
        return all(self.consent_answer(organisation) == NO for organisation in self.providers)

    def clean(self):
        data = super().clean()
        if self.person is None:
            number, born = data.get("chi_number"), data.get("date_of_birth")
            if number and born and not chi.matches_date_of_birth(number, born):
                self.add_error(
                    "chi_number",
                    f"This CHI number does not start with the date of birth given ({born:%d%m%y}): check both.",
                )
            if data.get("caring_relationship") and not data.get("is_carer"):
                self.add_error(
                    "caring_relationship",
                    "Tick “They are a carer”, or leave the caring relationship unanswered.",
                )
        if self.sending and not data.get("reason", "").strip():
            self.add_error("reason", "Say why you are referring them.")
        agreed = False
        for organisation in self.providers:
            answer = data.get(f"consent_{organisation.pk}")
            if not answer:
                self.add_error(
                    f"consent_{organisation.pk}",
                    f"Say whether the person agreed to share their details with {organisation.name}.",
                )
            agreed = agreed or answer == YES
        if agreed and not data.get("consent_method"):
            self.add_error("consent_method", "Say how the person agreed: verbally or in writing.")
        if self.sending and "capacity_understood" in self.fields and not data.get("capacity_understood"):
            self.add_error(
                "capacity_understood",
                "Tick to say you understand the service is not taking new people at the moment.",
            )
        return data

    def agreed_organisation_ids(self) -> set[int]:
        return {org.pk for org in self.providers if self.cleaned_data.get(f"consent_{org.pk}") == YES}

    def chosen_organisation(self):
        if len(self.organisations) == 1:
            return self.organisations[0]
        chosen = self.cleaned_data.get("referrer_organisation")
        return next((org for org in self.organisations if org.pk == chosen), None)

    def person_fields(self) -> dict:
        fields = super().person_fields()
        data = self.cleaned_data
        elements = set(data.get("elements") or ())
        fields.update(
            chi_number=data.get("chi_number", ""),
            own_words=data.get("own_words", "").strip(),
            is_carer=bool(data.get("is_carer")),
            caring_relationship=data.get("caring_relationship", "") if data.get("is_carer") else "",
            topics=list(data.get("topics") or ()),
            **{field: element in elements for element, field in ELEMENT_FIELDS.items()},
        )
        return fields

    def referral_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "reason": data.get("reason", "").strip(),
            "hopes": data.get("hopes", "").strip(),
            "contact_method": data.get("contact_method", ""),
            "contact_times": data.get("contact_times", "").strip(),
            "risk_notes": data.get("risk_notes", "").strip(),
        }


class SelfReferralForm(_PersonContactForm):
    """A member of the public refers themselves: the minimum, in the second person."""

    hopes = forms.CharField(
        label="What do you hope for from this service?",
        max_length=2000,
        help_text="A sentence or two is plenty. Please do not include details you would not want the service to read.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Tell the service a little about what you hope for."},
    )
    consent = forms.BooleanField(
        error_messages={
            "required": "Tick to agree that your details can be shared with the service, or the referral cannot be sent."
        },
    )
    website = forms.CharField(label="Leave this empty", required=False)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.consent_version = SELF_REFERRAL_CONSENT_VERSION
        self.statement = consent_statement(self.consent_version, service.organisation.name)
        self.fields["consent"].label = self.statement
        labels = {
            "name": "Your full name",
            "preferred_name": "What you like to be called (optional)",
            "date_of_birth": "Your date of birth",
            "age_band": "Your age (if you would rather not give your date of birth)",
            "postcode": "Your postcode (optional)",
            "phone": "Your phone number",
            "email": "Your email address",
            "safe_to_leave_message": "Is it all right to leave you a message?",
            "contact_method": "How would you like to be contacted?",
            "contact_times": "Best days and times to contact you (optional)",
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["name"].error_messages["required"] = "Enter your full name."
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["postcode"].widget.attrs["autocomplete"] = "postal-code"
        self.fields["date_of_birth"].widget.attrs["autocomplete"] = "bday"
        self.fields["date_of_birth"].help_text = "Or choose an age band below."
        self.fields["safe_to_leave_message"].help_text = "Say no if someone else might see or hear it."
        self.fields["postcode"].help_text = "So the service knows your area."
        self.fields["phone"].help_text = "Give a phone number or an email address, or both."
        self.fields["contact_method"].choices = [
            choice for choice in ContactMethod.choices if choice[0] != ContactMethod.THROUGH_REFERRER
        ]
        self.fields["contact_method"].error_messages["required"] = (
            "Choose how you would like to be contacted."
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    def person_fields(self) -> dict:
        fields = super().person_fields()
        fields["own_words"] = self.cleaned_data["hopes"].strip()
        return fields

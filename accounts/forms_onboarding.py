"""Forms for onboarding: finding or adding an organisation, claims, decisions, invitation accounts."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MaxLengthValidator

from accounts.models import OrganisationClaim
from accounts.services import organisations_named
from directory.models import Organisation


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    # Templates write their own <form> tags, CSRF token and buttons.
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label="Your organisation's name",
        max_length=200,
        required=False,
        help_text="Part of the name is enough, for example “Befriending”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class OrganisationRegisterForm(forms.ModelForm):
    """A new organisation. The person adding it becomes its manager."""

    # Declared here, and so left out of Meta.fields, to say that a bare "example.org" means https://
    # (Django 6's default; the model's own form field would still warn).
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example: https://www.example.org",
    )
    same_name_confirmed = forms.BooleanField(
        label="This is a different organisation with the same name",
        required=False,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "is_provider",
            "is_referrer",
            "charity_number",
            "email",
            "phone",
            "description",
        ]
        labels = {
            "name": "Name of the organisation",
            "kind": "What kind of organisation is it?",
            "is_provider": "It runs services (groups, drop-ins, befriending, advice...)",
            "is_referrer": "It refers people to other services",
            "charity_number": "Scottish charity number (optional)",
            "email": "Email address for enquiries (optional)",
            "phone": "Phone number for enquiries (optional)",
            "description": "What the organisation does (optional)",
        }
        help_texts = {
            "name": "As people know it. You can add each service it runs afterwards.",
            "is_provider": "Tick this to list services on the directory and receive referrals.",
            "is_referrer": (
                "Tick this if your staff or volunteers point people to support elsewhere, as link "
                "workers, GP practices and NHS teams do. It lets your members send referrals. "
                "Many charities do both."
            ),
            "charity_number": "From the OSCR register: SC followed by six digits, for example SC012345.",
            "email": "Shown publicly. A shared office address is better than a personal one.",
            "phone": "Shown publicly.",
            "description": "A sentence or two. Each service gets its own description later.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": "Enter the organisation's name."},
            "kind": {"required": "Choose what kind of organisation it is."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose one")] + list(self.fields["kind"].choices)[1:]
        # People type "sc 012345": room for spaces here; the tidied number is checked against the model.
        charity_number = self.fields["charity_number"]
        charity_number.max_length = 16
        charity_number.validators = [
            v for v in charity_number.validators if not isinstance(v, MaxLengthValidator)
        ]
        charity_number.validators.append(MaxLengthValidator(16))
        charity_number.widget.attrs.update(
            {"maxlength": "16", "autocapitalize": "characters", "spellcheck": "false"}
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "url"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel"})
        self.same_named: list[Organisation] = []
        self.helper = _helper(
            Fieldset("The organisation", "name", "kind", "description"),
            Fieldset("What it does on SupportMap", "is_provider", "is_referrer"),
            Fieldset("Registration and contact details", "charity_number", "website", "email", "phone"),
        )

    def clean_charity_number(self):
        return (self.cleaned_data.get("charity_number") or "").upper().replace(" ", "")

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name:
            self.same_named = list(organisations_named(name)[:10])
            if self.same_named and not cleaned.get("same_name_confirmed"):
                self.add_error(
                    "name",
                    "An organisation with this name is already listed. If it is yours, ask to manage "
                    "it instead; if it is a different one, tick the box to say so.",
                )
        if not (cleaned.get("is_provider") or cleaned.get("is_referrer")):
            self.add_error("is_provider", "Tick at least one: it runs services, refers people, or both.")
        return cleaned

    def _post_clean(self):
        # The model's own check says the same as clean() above; one message next to the field is enough.
        super()._post_clean()
        errors = self.errors.get("is_provider")
        if errors and len(errors) > 1:
            self.errors["is_provider"] = self.error_class([errors[0]])


class ClaimForm(forms.ModelForm):
    class Meta:
        model = OrganisationClaim
        fields = ["role_at_organisation", "message"]
        labels = {
            "role_at_organisation": "Your role at the organisation",
            "message": "How can an editor check that you work or volunteer there?",
        }
        help_texts = {
            "role_at_organisation": "For example: volunteer coordinator, chair of the committee.",
            "message": (
                "For example: a colleague an editor could phone, or that the organisation's website "
                "lists you. Please do not include anyone's health details."
            ),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "role_at_organisation": {"required": "Say what your role is at the organisation."},
            "message": {"required": "Say how an editor can check that you work or volunteer there."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].required = True
        self.helper = _helper()


class ClaimDecisionForm(forms.Form):
    APPROVE = "approve"
    DENY = "deny"

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[
            (APPROVE, "Approve: they become a manager of the organisation"),
            (DENY, "Do not approve"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to approve the request."},
    )
    note = forms.CharField(
        label="Reason or note for the person",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if you do not approve: say why, so they can put it right. It is emailed to them.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DENY and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Say why you are not approving it, so the person can put it right.")
        return cleaned


class InvitationAccountForm(forms.Form):
    """The invited person's new account: the email address is the invitation's and cannot change."""

    full_name = forms.CharField(
        label="Your full name", max_length=150, error_messages={"required": "Enter your full name."}
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
        error_messages={"required": "Choose a password."},
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again, to be sure it is what you meant."},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["full_name"].widget.attrs.update({"autocomplete": "name"})
        self.helper = _helper()

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError("The two passwords are not the same.")
        return password2

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and "password2" not in self.errors:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

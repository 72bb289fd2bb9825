"""The forms of one referral's page: a note on a move, declining, completing, referring on, a
contact attempt, a message, and withdrawing consent. Plain text only (templates escape it)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms

from directory.models import Service
from referrals.choices import CONSENT_WORDING_VERSION, ConsentMethod, ContactOutcome, DeclineReason

NOTE_MAX = 2000
TEXT_MAX = 4000
# The refer-on page's list of services: the first this many by name; a search narrows it.
REFER_ON_CHOICES_MAX = 200


class _Form(forms.Form):
    """No <form> tag and no button from crispy: each template has its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*(Field(name) for name in self.fields))

    def _stripped(self, name):
        return (self.cleaned_data.get(name) or "").strip()


def _text(label, *, required=False, max_length=NOTE_MAX, rows=3, help_text="", required_message=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or f"{label}: this is needed.",
            "max_length": f"Keep it to {max_length:,} characters or fewer (it has %(show_value)d).",
        },
    )


class ActionNoteForm(_Form):
    """The optional note that goes with a move (accept, start, withdraw...)."""

    note = _text(
        "Note for the timeline (optional)",
        help_text="Both organisations see it. No more personal or health details than needed.",
    )


class DeclineForm(_Form):
    reason = forms.ChoiceField(
        label="Why are you declining the referral?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why the referral is declined.",
            "invalid_choice": "Choose one of the reasons.",
        },
    )
    note = _text(
        "More about why (needed if you chose another reason)",
        help_text="The referrer sees this. If you can, suggest where else the person might find support.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == DeclineReason.OTHER and not self._stripped("note"):
            self.add_error("note", "Say why the referral is declined.")
        return cleaned


class CompleteForm(_Form):
    outcome_summary = _text(
        "Outcome summary",
        required=True,
        max_length=TEXT_MAX,
        rows=5,
        help_text="What support the person had and how it ended. The referrer sees this.",
        required_message="Write a short summary of the outcome.",
    )


class MessageForm(_Form):
    body = _text(
        "Your message",
        required=True,
        max_length=TEXT_MAX,
        rows=4,
        help_text="Only the two organisations on this referral see the messages.",
        required_message="Write a message.",
    )


class ContactAttemptForm(_Form):
    outcome = forms.ChoiceField(
        label="What happened?",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened.", "invalid_choice": "Choose what happened."},
    )
    note = _text("Note (optional)", rows=2, help_text="For example: phoned at 10am, no voicemail.")


class ConsentWithdrawForm(_Form):
    confirm = forms.BooleanField(
        label="The person has withdrawn their consent to share their details",
        error_messages={"required": "Tick the box to confirm that the person withdrew their consent."},
    )
    note = _text("Note (optional)", rows=2, help_text="For example: how and when they told you.")


def refer_on_services(referral):
    """Published services that take referrals through SupportMap, other than this one."""
    return (
        Service.objects.published()
        .listings()
        .filter(accepts_supportmap_referrals=True)
        .exclude(pk=referral.service_id)
        .select_related("organisation")
        .order_by("name", "pk")
    )


class ReferOnForm(_Form):
    CONSENT_CHOICES = [("yes", "Yes, the person agreed"), ("no", "No, the person did not agree")]

    service = forms.ModelChoiceField(
        label="Service to refer on to",
        queryset=Service.objects.none(),
        empty_label="Choose a service",
        error_messages={
            "required": "Choose the service to refer the person on to.",
            "invalid_choice": "Choose a service from the list: that one does not take referrals through SupportMap.",
        },
    )
    reason = _text(
        "Why are you referring them on?",
        required=True,
        max_length=TEXT_MAX,
        rows=4,
        help_text="The new service sees this.",
        required_message="Say why you are referring the person on.",
    )
    consent = forms.ChoiceField(
        label="Has the person agreed to their details being shared with the organisation that runs that service?",
        choices=CONSENT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the person agreed to share their details."},
    )
    consent_method = forms.ChoiceField(
        label="How did they agree?",
        choices=[
            (ConsentMethod.VERBAL.value, ConsentMethod.VERBAL.label),
            (ConsentMethod.WRITTEN.value, ConsentMethod.WRITTEN.label),
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose how the person agreed."},
    )
    note = _text("Note for this referral's timeline (optional)", rows=2)

    def __init__(self, *args, referral, query="", **kwargs):
        super().__init__(*args, **kwargs)
        services = refer_on_services(referral)
        field = self.fields["service"]
        # Any other published service is a valid choice here; the state machine refuses one that
        # does not take referrals through SupportMap (it may have stopped since the page was opened).
        field.queryset = Service.objects.published().listings().exclude(pk=referral.service_id)
        field.label_from_instance = lambda service: f"{service.name} ({service.organisation.name})"
        shown = services.filter(name__icontains=query) if query else services
        shown = list(shown[: REFER_ON_CHOICES_MAX + 1])
        self.more_than_shown = len(shown) > REFER_ON_CHOICES_MAX
        shown = shown[:REFER_ON_CHOICES_MAX]
        chosen = self.data.get(self.add_prefix("service")) if self.is_bound else None
        if chosen and not any(str(service.pk) == str(chosen) for service in shown):
            shown += list(field.queryset.filter(pk=chosen)) if str(chosen).isdigit() else []
        self.shown_count = len(shown)
        field.widget.choices = [("", field.empty_label)] + [
            (service.pk, field.label_from_instance(service)) for service in shown
        ]
        self.consent_wording_version = CONSENT_WORDING_VERSION

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent") == "yes" and not cleaned.get("consent_method"):
            self.add_error("consent_method", "Choose how the person agreed.")
        return cleaned

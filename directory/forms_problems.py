"""The "Report a problem with this listing" form."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.conf import settings

from directory.choices import ProblemKind

# The honeypot: a field people never see or reach, which form-filling robots fill in.
HONEYPOT_FIELD = "website"


class ProblemReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is the problem?",
        choices=ProblemKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the problem is."},
    )
    details = forms.CharField(
        label="Tell us more",
        help_text="What is wrong, and what is right if you know. Please do not include anyone's health details.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us what is wrong with the listing."},
    )
    reporter_email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        help_text=(
            "Only if you would like a reply: we use it to tell you what we did about your report, "
            "and delete it 30 days after the report is resolved. We do not pass it to the "
            "organisation."
        ),
        error_messages={"invalid": "Enter an email address like name@example.org, or leave it blank."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(label="Leave this empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.PROBLEM_REPORT_EMAIL_RETENTION_DAYS
        self.fields["reporter_email"].help_text = self.fields["reporter_email"].help_text.replace(
            "30 days", f"{days} day" if days == 1 else f"{days} days"
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("kind"),
            Field("details"),
            Field("reporter_email"),
            # Hidden by a CSS class (no inline styles under our CSP), skipped by screen readers
            # and the Tab key, and never filled in by the browser.
            Div(
                Field(HONEYPOT_FIELD, tabindex="-1", autocomplete="off"),
                css_class="problem-extra-field",
                aria_hidden="true",
            ),
            Submit("send", "Send report", css_class="btn btn-primary"),
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))


class ProblemResolveForm(forms.Form):
    note = forms.CharField(
        label="How was it resolved?",
        help_text="Say what you found and what was changed. If the reporter left an email address, they are sent this note.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say how the report was resolved."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("note"), Submit("resolve", "Resolve the report", css_class="btn btn-primary")
        )

"""Emailing a shortlist to yourself or to the person you are helping."""

from django import forms

# The honeypot: a field people never see or reach, which form-filling robots fill in.
HONEYPOT_FIELD = "website"


class ShortlistEmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="We send the list once and do not keep the address.",
        max_length=254,
        error_messages={
            "required": "Enter the email address to send the shortlist to.",
            "invalid": "Enter an email address like name@example.org.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    website = forms.CharField(label="Leave this empty", required=False)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT_FIELD))

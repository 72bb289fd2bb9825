"""The editors' send-back form on the review page."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label="Why are you sending it back?",
        help_text="The organisation sees this and is emailed it. Say what needs to change.",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the listing is being sent back."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        # The button is the template's own: crispy's Submit always adds btn-primary.
        self.helper.layout = Layout(Field("reason"))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why the listing is being sent back.")
        return reason

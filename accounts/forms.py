"""Forms for accounts and signing in: sign-up, confirming an email address, password reset and
change, and the second factor (setting up an app, giving a code)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import BaseUserManager
from django.urls import reverse

from accounts.second_factor import is_app_code, tidy_code
from supportmap.notify import render_email, send_email, site_url


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    # Templates write their own <form> tags, CSRF token and buttons.
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _new_password_field(label: str, *, help_text: str = "") -> forms.CharField:
    # strip=False: spaces are part of a passphrase. No maximum length: long passwords are welcome.
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=help_text,
    )


LONG_PHRASES_WELCOME = (
    "At least 12 characters. A few words you will remember with spaces between them make a good "
    "password. It must not be a common password, all numbers, or too like your name or email."
)


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="You will sign in with this address. We will send a link to it to confirm it is yours.",
    )
    full_name = forms.CharField(
        label="Full name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = _new_password_field("Password", help_text=LONG_PHRASES_WELCOME)
    password2 = _new_password_field("Password again", help_text="Type the same password, to be sure.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_email(self):
        return BaseUserManager.normalize_email(self.cleaned_data["email"].strip())

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError("Enter your name.")
        return name

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are different. Type the same password twice.")
        elif password1:
            # Django's validators, against a user with the details typed so far (for the check
            # that the password is not too like the name or email address).
            user = get_user_model()(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_email(self):
        return self.cleaned_data["email"].strip()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email sent through the task queue (supportmap.notify)."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        link = site_url(
            reverse(
                "accounts:password_reset_confirm",
                kwargs={"uidb64": context["uid"], "token": context["token"]},
            )
        )
        subject, body = render_email(email_template_name, {**context, "reset_link": link})
        send_email.enqueue(to=[to_email], subject=subject, body=body)


class CrispySetPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = LONG_PHRASES_WELCOME
        self.helper = _helper()


class CrispyPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = LONG_PHRASES_WELCOME
        self.helper = _helper()


class AppCodeForm(forms.Form):
    """The six-digit code from a newly set-up authenticator app."""

    code = forms.CharField(
        label="The 6-digit code your app shows now",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("code", css_class="code-input"))

    def clean_code(self):
        code = tidy_code(self.cleaned_data["code"])
        if not is_app_code(code):
            raise forms.ValidationError("Enter the 6 digits your app shows, such as 123456.")
        return code


class SecondFactorForm(forms.Form):
    """A code from the app, or one of the backup codes."""

    code = forms.CharField(
        label="Code from your app, or a backup code",
        max_length=40,
        help_text="6 digits from your authenticator app, or one of your 8-character backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("code", css_class="code-input"))

    def clean_code(self):
        code = tidy_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("Enter a code from your app, or a backup code.")
        return code

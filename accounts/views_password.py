"""Django's password reset and change pages, with our forms and templates, answering a form with
mistakes in it with 400 as the site's other forms do."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from accounts import forms


class _InvalidIs400:
    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class PasswordResetView(_InvalidIs400, auth_views.PasswordResetView):
    form_class = forms.QueuedPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "emails/password_reset.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(_InvalidIs400, auth_views.PasswordResetConfirmView):
    form_class = forms.CrispySetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(_InvalidIs400, auth_views.PasswordChangeView):
    form_class = forms.CrispyPasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    # Referrals, consent and outcomes arrive in later issues; the app exists so the layout is stable.
    name = "referrals"

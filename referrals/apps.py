from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    # People, consent, referrals and their workflow, signposting, shortlists, the personal-data audit.
    name = "referrals"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    # People's accounts and their organisations: membership, invitations, claims, second factor,
    # and who may do what (accounts/rules.py, accounts/access.py).
    name = "accounts"

    def ready(self):
        from accounts import (
            rules,  # noqa: F401 (registers the permissions)
            sign_in_log,  # noqa: F401 (records sign-ins, failures, lockouts, sign-outs)
        )

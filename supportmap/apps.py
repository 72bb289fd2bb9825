from django.apps import AppConfig


class SupportMapConfig(AppConfig):
    name = "supportmap"
    verbose_name = "SupportMap site"

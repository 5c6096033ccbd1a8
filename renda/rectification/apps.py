from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "renda.rectification"
    label = "rectification"
    verbose_name = "整改清单"

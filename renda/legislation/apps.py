from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "renda.legislation"
    label = "legislation"
    verbose_name = "立法：法规文本、版本与现行法规"

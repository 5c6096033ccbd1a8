from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "renda.decisions"
    label = "decisions"
    verbose_name = "重大事项决定"

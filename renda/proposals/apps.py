from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "renda.proposals"
    label = "proposals"
    verbose_name = "议案和建议"

from django.apps import AppConfig


class PortfoliosConfig(AppConfig):
    name = "renda.portfolios"
    label = "portfolios"
    verbose_name = "分管与对口联系"

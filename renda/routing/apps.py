from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "renda.routing"
    label = "routing"
    verbose_name = "承办单位职责与交办建议"

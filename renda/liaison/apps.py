from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "renda.liaison"
    label = "liaison"
    verbose_name = "代表联络站与群众诉求"

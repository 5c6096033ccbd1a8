from django.apps import AppConfig


class EnactmentConfig(AppConfig):
    name = "renda.enactment"
    label = "enactment"
    verbose_name = "法规案审议、表决、批准、公布与备案"

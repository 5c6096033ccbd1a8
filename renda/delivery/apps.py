from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "renda.delivery"
    label = "delivery"
    verbose_name = "通知送达渠道"

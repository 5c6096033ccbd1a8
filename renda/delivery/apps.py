from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "renda.delivery"
    label = "delivery"
    verbose_name = "通知送达渠道"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from renda.delivery.outbox import on_notice_saved
        from renda.proposals.models import Notice

        post_save.connect(on_notice_saved, sender=Notice, dispatch_uid="renda.delivery.notice_saved")

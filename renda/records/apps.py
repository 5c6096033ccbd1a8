from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "renda.records"
    label = "records"
    verbose_name = "代表履职档案"

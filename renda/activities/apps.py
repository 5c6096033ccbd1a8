from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "renda.activities"
    label = "activities"
    verbose_name = "代表闭会期间活动与代表培训"

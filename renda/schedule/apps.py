from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "renda.schedule"
    label = "schedule"
    verbose_name = "日程与日历订阅"

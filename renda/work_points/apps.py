from django.apps import AppConfig


class WorkPointsConfig(AppConfig):
    name = "renda.work_points"
    label = "work_points"
    verbose_name = "工作要点与行事历"

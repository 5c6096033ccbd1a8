from django.apps import AppConfig


class LegislativePlansConfig(AppConfig):
    name = "renda.legislative_plans"
    label = "legislative_plans"
    verbose_name = "立法规划、年度立法计划与立项"

from django.apps import AppConfig


class DeputyGroupsConfig(AppConfig):
    name = "renda.deputy_groups"
    label = "deputy_groups"
    verbose_name = "代表小组"

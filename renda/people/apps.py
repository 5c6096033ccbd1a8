from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "renda.people"
    label = "people"
    verbose_name = "人员和机构"

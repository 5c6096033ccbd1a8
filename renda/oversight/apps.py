from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "renda.oversight"
    label = "oversight"
    verbose_name = "监督工作"

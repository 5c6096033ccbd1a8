from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "renda.throttle"
    label = "throttle"
    verbose_name = "频率限制计数"

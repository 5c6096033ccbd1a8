from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "renda.appointments"
    label = "appointments"
    verbose_name = "人事任免与宪法宣誓"

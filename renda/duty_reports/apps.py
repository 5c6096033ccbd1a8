from django.apps import AppConfig


class DutyReportsConfig(AppConfig):
    name = "renda.duty_reports"
    label = "duty_reports"
    verbose_name = "述职评议"

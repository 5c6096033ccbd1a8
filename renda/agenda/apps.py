from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "renda.agenda"
    label = "agenda"
    verbose_name = "议程（提请事项、主任会议、议程草案）"

from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "renda.questionnaires"
    label = "questionnaires"
    verbose_name = "问卷调查"

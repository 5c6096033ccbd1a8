from django.apps import AppConfig


class LawCommentsConfig(AppConfig):
    name = "renda.law_comments"
    label = "law_comments"
    verbose_name = "法规草案征求意见与基层立法联系点"

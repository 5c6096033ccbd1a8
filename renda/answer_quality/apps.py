from django.apps import AppConfig


class AnswerQualityConfig(AppConfig):
    name = "renda.answer_quality"
    label = "answer_quality"
    verbose_name = "答复质量提示"

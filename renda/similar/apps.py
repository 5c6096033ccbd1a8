from django.apps import AppConfig


class SimilarConfig(AppConfig):
    name = "renda.similar"
    label = "similar"
    verbose_name = "相似件与重复件"

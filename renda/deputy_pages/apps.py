from django.apps import AppConfig


class DeputyPagesConfig(AppConfig):
    name = "renda.deputy_pages"
    label = "deputy_pages"
    verbose_name = "网上代表之家与致代表的信"

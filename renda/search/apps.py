from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "renda.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from renda.search import signals

        signals.connect()

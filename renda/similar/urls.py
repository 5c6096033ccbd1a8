from renda.similar.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

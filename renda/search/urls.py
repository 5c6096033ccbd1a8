from renda.search.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

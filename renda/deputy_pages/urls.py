from renda.deputy_pages.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

from renda.deputy_groups.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

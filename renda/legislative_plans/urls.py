from renda.legislative_plans.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

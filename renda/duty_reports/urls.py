from renda.duty_reports.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

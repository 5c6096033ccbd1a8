from renda.work_points.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

from renda.answer_quality.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

from renda.law_comments.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

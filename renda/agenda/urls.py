"""The agenda chain's pages (see views.py)."""
from renda.agenda.views import urlpatterns as page_patterns

urlpatterns: list = page_patterns

"""The rectification list's pages: the list with its filters and exports, the dashboard, the item
page with each step's form, and the public progress page."""

from renda.rectification.views.pages import urlpatterns

__all__ = ["urlpatterns"]

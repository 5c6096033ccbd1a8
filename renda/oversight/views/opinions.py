"""Oversight pages: opinions (filled by this stage's work)."""

urlpatterns: list = []

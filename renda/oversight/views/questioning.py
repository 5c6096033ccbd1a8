"""Oversight pages: questioning (filled by this stage's work)."""

urlpatterns: list = []

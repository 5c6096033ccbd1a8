"""Oversight pages: investigations (filled by this stage's work)."""

urlpatterns: list = []

"""Oversight pages: hearings (filled by this stage's work)."""

urlpatterns: list = []

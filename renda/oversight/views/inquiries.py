"""Oversight pages: inquiries (filled by this stage's work)."""

urlpatterns: list = []

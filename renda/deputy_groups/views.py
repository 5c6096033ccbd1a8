"""Pages of 代表小组."""

urlpatterns: list = []

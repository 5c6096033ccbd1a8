"""Pages of 代表履职档案."""

urlpatterns: list = []

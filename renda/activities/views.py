"""Pages of 代表闭会期间活动与代表培训."""

urlpatterns: list = []

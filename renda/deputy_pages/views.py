"""Pages of 网上代表之家与致代表的信."""

urlpatterns: list = []

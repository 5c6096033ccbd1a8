"""Pages of 意见建议登记办理（事事有回音）."""

urlpatterns: list = []

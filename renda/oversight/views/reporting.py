urlpatterns: list = []


def activity_context(request, activity) -> dict:
    """What the activity page shows of the report (rendered by _activity_report.html)."""
    return {}

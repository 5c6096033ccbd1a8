urlpatterns: list = []


def activity_context(request, activity) -> dict:
    """What the activity page shows of the fieldwork (rendered by _activity_fieldwork.html)."""
    return {}

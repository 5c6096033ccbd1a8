from django.urls import NoReverseMatch, reverse

urlpatterns: list = []


def activity_url(congress_code: str, activity_id: int, anchor: str = "") -> str:
    """The activity's page (the activities stage's ``oversight_activity``), at one of its sections."""
    try:
        url = reverse("oversight_activity", kwargs={"congress_code": congress_code, "activity_id": activity_id})
    except NoReverseMatch:  # before the activities stage's pages are in
        url = f"/c/{congress_code}/oversight/activities/{activity_id}/"
    return url + (f"#{anchor}" if anchor else "")


def activity_context(request, activity) -> dict:
    """What the activity page shows of the fieldwork (rendered by _activity_fieldwork.html)."""
    return {}

from django.urls import path

from renda.schedule import views

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar_page"),
    path("calendar/feed/issue/", views.issue_feed, name="calendar_feed_issue"),
    path("calendar/feed/revoke/", views.revoke_feed, name="calendar_feed_revoke"),
    path("calendar/public.ics", views.public_feed, name="calendar_public_feed"),
    path("calendar/feed/<slug:secret>.ics", views.personal_feed, name="calendar_feed"),
]

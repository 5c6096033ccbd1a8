from django.urls import path

from renda.delivery import views

urlpatterns: list = [
    path("notices/", views.inbox, name="delivery_inbox"),
    path("notices/read/", views.mark_read, name="delivery_mark_read"),
    path("notices/settings/", views.preferences, name="delivery_preferences"),
    path("notices/dead/", views.dead_letters, name="delivery_dead"),
    path("notices/dead/<int:delivery_id>/retry/", views.retry, name="delivery_retry"),
    path("notices/meetings/<int:meeting_id>/", views.meeting_notice, name="delivery_meeting_notice"),
    path("notices/reply/<str:token>/", views.reply, name="delivery_reply"),
]

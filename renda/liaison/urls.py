from django.urls import path

from renda.liaison import views

urlpatterns = [
    path("liaison/", views.public_home, name="liaison_public_home"),
    path("stations/", views.station_list, name="liaison_stations"),
    path("stations/<int:station_id>/", views.station_detail, name="liaison_station"),
    path("stations/<int:station_id>/do/<str:what>/", views.station_action, name="liaison_station_action"),
    path("stations/<int:station_id>/public/", views.station_public, name="liaison_station_public"),
    path("stations/<int:station_id>/intake/", views.intake, name="liaison_intake"),
    path("track/", views.track_lookup, name="liaison_track_lookup"),
    path("track/<str:tracking_code>/", views.track, name="liaison_track"),
    path("concerns/", views.concern_queue, name="liaison_queue"),
    path("concerns/<int:concern_id>/", views.concern_detail, name="liaison_concern"),
    path("concerns/<int:concern_id>/photos/<int:photo_id>/", views.concern_photo, name="liaison_concern_photo"),
    path("concerns/<int:concern_id>/do/<str:what>/", views.concern_action, name="liaison_concern_action"),
    path("liaison/statistics/", views.statistics, name="liaison_statistics"),
    path("liaison/statistics.xlsx", views.statistics, {"fmt": "xlsx"}, name="liaison_statistics_xlsx"),
    path("contacts/", views.contacts, name="liaison_contacts"),
    path("liaison/cppcc/", views.cppcc_members, name="liaison_cppcc"),
    path("liaison/cppcc/<int:member_id>/", views.cppcc_member, name="liaison_cppcc_member"),
]

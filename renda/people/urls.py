from django.urls import path

from renda.people import views

urlpatterns = [
    path("deputies/", views.deputy_list, name="deputy_list"),
    path("deputies/new/", views.deputy_new, name="deputy_new"),
    path("deputies/<int:mandate_id>/", views.deputy_detail, name="deputy_detail"),
    path("deputies/<int:mandate_id>/edit/", views.deputy_edit, name="deputy_edit"),
    path("deputies/<int:mandate_id>/person/", views.person_edit, name="person_edit"),
    path("deputies/<int:mandate_id>/status/", views.deputy_status, name="deputy_status"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_new, name="organisation_new"),
    path("organisations/<int:organisation_id>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:organisation_id>/edit/", views.organisation_edit, name="organisation_edit"),
    path("memberships/<int:membership_id>/end/", views.membership_end, name="membership_end"),
    path("me/", views.my_home, name="my_home"),
    path("exchange/", views.import_export, name="import_export"),
    path("exchange/preview/", views.import_preview, name="import_preview"),
    path("exchange/apply/", views.import_apply, name="import_apply"),
    path("exchange/progress/<str:token>/", views.import_progress, name="import_progress"),
    path("exchange/export/<str:kind>.<str:fmt>", views.export, name="export"),
    path("popolo.json", views.popolo_export, name="popolo_export"),
]

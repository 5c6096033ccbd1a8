from django.urls import path

from renda.meetings import sheets, views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/absences/", views.absences, name="absences"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/do/<str:what>/", views.meeting_action, name="meeting_action"),
    path("meetings/<int:meeting_id>/roster/", views.meeting_roster, name="meeting_roster"),
    path("meetings/<int:meeting_id>/desk/", views.sign_in_desk, name="sign_in_desk"),
    path("meetings/<int:meeting_id>/sign-in-sheet/", sheets.sign_in_sheet, name="meeting_sign_in_sheet"),
    path("meetings/<int:meeting_id>/headcount/", views.headcount, name="headcount"),
    path("meetings/<int:meeting_id>/code/", views.hall_code_screen, name="hall_code"),
    path("meetings/<int:meeting_id>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:meeting_id>/results.pdf", views.results_notice_pdf, name="results_notice"),
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
]

from django.urls import path

from renda.questionnaires import views

urlpatterns = [
    path("questionnaires/", views.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/new/", views.questionnaire_new, name="questionnaire_new"),
    path("questionnaires/<int:questionnaire_id>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("questionnaires/<int:questionnaire_id>/settings/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:questionnaire_id>/questions/", views.questionnaire_questions, name="questionnaire_questions"),
    path("questionnaires/<int:questionnaire_id>/do/<str:what>/", views.questionnaire_step, name="questionnaire_step"),
    path("questionnaires/<int:questionnaire_id>/codes/", views.questionnaire_codes, name="questionnaire_codes"),
    path("questionnaires/<int:questionnaire_id>/codes/sheet/", views.questionnaire_code_sheet,
         name="questionnaire_code_sheet"),
    path("questionnaires/<int:questionnaire_id>/results/", views.questionnaire_results, name="questionnaire_results"),
    path("questionnaires/<int:questionnaire_id>/responses.xlsx", views.questionnaire_export,
         name="questionnaire_export"),
    # The public link behind the QR code.
    path("q/<str:link_code>/", views.answer, name="questionnaire_answer"),
    path("q/<str:link_code>/thanks/", views.thanks, name="questionnaire_thanks"),
]

from django.urls import path

from renda.livelihood import views, views_accountability

urlpatterns = [
    path("livelihood/", views.public_page, name="livelihood"),
    path("livelihood/calls/new/", views.call_new, name="livelihood_call_new"),
    path("livelihood/calls/<int:call_id>/", views.call_detail, name="livelihood_call"),
    path("livelihood/calls/<int:call_id>/propose/", views.propose, name="livelihood_propose"),
    path("livelihood/calls/<int:call_id>/do/<str:what>/", views.call_action, name="livelihood_call_action"),
    path("livelihood/calls/<int:call_id>/export/<str:what>", views.export, name="livelihood_export"),
    path("livelihood/projects/<int:proposal_id>/", views.project_detail, name="livelihood_project"),
    path("livelihood/projects/<int:proposal_id>/do/<str:what>/", views.project_action, name="livelihood_project_action"),
    path("livelihood/accountability/", views_accountability.case_list, name="livelihood_accountability"),
    path("livelihood/accountability/new/", views_accountability.case_new, name="livelihood_accountability_new"),
    path("livelihood/accountability/<int:case_id>/", views_accountability.case_detail,
         name="livelihood_accountability_case"),
    path("livelihood/accountability/<int:case_id>/do/step/", views_accountability.case_step,
         name="livelihood_accountability_step"),
]

from django.urls import path

from renda.proposals import views

urlpatterns = [
    path("suggestions/mine/", views.my_suggestions, name="my_suggestions"),
    path("suggestions/new/", views.edit, name="suggestion_new"),
    path("suggestions/<int:suggestion_id>/edit/", views.edit, name="suggestion_edit"),
    path("suggestions/<int:suggestion_id>/confirm/", views.confirm, name="suggestion_confirm"),
    path("suggestions/<int:suggestion_id>/attach/", views.attach, name="suggestion_attach"),
    path("suggestions/<int:suggestion_id>/attachments/<int:attachment_id>/", views.attachment, name="suggestion_attachment"),
    path("suggestions/review/", views.review, name="suggestion_review"),
    path("suggestions/queue/", views.unit_queue, name="suggestion_queue"),
    path("suggestions/bulk-assign/", views.bulk_assign, name="suggestion_bulk_assign"),
    path("suggestions/supervision/", views.supervision, name="suggestion_supervision"),
    path("suggestions/reports/", views.report, name="suggestion_report"),
    path("suggestions/reports/evaluation.xlsx", views.report, {"fmt": "xlsx"}, name="suggestion_report_xlsx"),
    path("suggestions/reports/evaluation.pdf", views.report, {"fmt": "pdf"}, name="suggestion_report_pdf"),
    path("suggestions/public/", views.public_answers, name="suggestion_public"),
    path("suggestions/<int:suggestion_id>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:suggestion_id>/handle/<str:what>/", views.handle, name="suggestion_handle"),
    path("suggestions/<int:suggestion_id>/do/<str:what>/", views.review_action, name="suggestion_action"),
]

from django.urls import path

from renda.core import export_jobs, picker, views

urlpatterns = [
    path("", views.congress_home, name="congress_home"),
    path("ping/", views.ping, name="congress_ping"),
    path("overview/", views.congress_overview, name="congress_overview"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<str:key>/", views.rule_edit, name="rule_edit"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/<int:grant_id>/revoke/", views.role_revoke, name="role_revoke"),
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("accounts/", views.account_list, name="account_list"),
    path("accounts/new/", views.account_new, name="account_new"),
    path("accounts/<int:user_id>/", views.account_detail, name="account_detail"),
    path("accounts/<int:user_id>/disable/", views.account_disable, name="account_disable"),
    path("accounts/<int:user_id>/enable/", views.account_enable, name="account_enable"),
    path("accounts/<int:user_id>/password/", views.account_password, name="account_password"),
    path("account/", views.my_account, name="my_account"),
    path("account/password/", views.password_change, name="password_change"),
    path("people/pick/", picker.pick, name="person_pick"),
    path("exports/<str:token>/progress/", export_jobs.progress, name="export_progress"),
    path("exports/<str:token>/download/", export_jobs.download, name="export_download"),
]

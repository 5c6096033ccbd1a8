from django.urls import path

from renda.core import views

urlpatterns = [
    path("", views.congress_home, name="congress_home"),
    path("ping/", views.ping, name="congress_ping"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<str:key>/", views.rule_edit, name="rule_edit"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/<int:grant_id>/revoke/", views.role_revoke, name="role_revoke"),
    path("tokens/", views.token_list, name="token_list"),
]

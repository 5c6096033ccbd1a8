"""Role-aware navigation: each item shows only to those whose roles allow its permission."""

from django.urls import reverse

from renda.core.permissions import may, roles_of
from renda.core.roles import Role

# (label, url name, permission or None for everyone, extra condition)
ITEMS = [
    ("首页", "congress_home", None),
    ("我的履职", "my_home", "update_own_contact"),
    ("代表名册", "deputy_list", None),
    ("机构", "organisation_list", None),
    ("会议", "meeting_list", None),
    ("我的议案建议", "my_suggestions", "save_suggestion_draft"),
    ("议案建议审查", "suggestion_review", "accept_suggestion"),
    ("承办", "suggestion_queue", "answer_suggestion"),
    ("建议统计考评", "suggestion_report", "view_suggestion_reports"),
    ("建议答复公开", "suggestion_public", None),
    ("民生实事", "livelihood", None),
    ("联络站", "liaison_stations", "view_concern_queue"),
    ("群众诉求", "liaison_queue", "view_concern_queue"),
    ("双联系", "liaison_contacts", "record_liaison_contact"),
    ("联络站统计", "liaison_statistics", "view_liaison_statistics"),
    ("导入导出", "import_export", "export_people"),
    ("规则设置", "rule_list", "view_rules"),
    ("账号与角色", "role_list", "grant_role"),
    ("审计日志", "audit_list", "view_audit_log"),
    ("API 令牌", "token_list", "issue_api_token"),
]


def menu_for(request, congress):
    items = []
    for label, name, permission in ITEMS:
        if permission is None or may(request.user, congress, permission):
            items.append({"label": label, "url": reverse(name, kwargs={"congress_code": congress.code}),
                          "active": request.resolver_match is not None and request.resolver_match.url_name == name})
    if getattr(request.user, "is_superuser", False) or Role.ADMIN in roles_of(request.user, congress):
        items.append({"label": "后台", "url": reverse("admin:index"), "active": False})
    return items

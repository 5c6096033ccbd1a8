"""Role-aware navigation: each role sees only the entries of its own work.

An entry shows when the user holds one of its roles (and, where given, may take its permission).
The public (anonymous visitors included) see the public pages; a signed-in deputy does not see the
office's tools, a handling unit does not see the register. Personal things (account, password,
API tokens) are in the account menu, not in the main menu.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from renda.core.permissions import ADMIN, MEMBERS, OFFICE, PERMISSIONS, STAFF, roles_of
from renda.core.roles import Role

UNIT = frozenset({Role.UNIT_OFFICER})
CONTACT_POINT = frozenset({Role.CONTACT_POINT_STAFF})
PUBLIC_ONLY = frozenset({Role.PUBLIC})
EVERYONE = frozenset(Role)
WORKERS = STAFF | MEMBERS | UNIT | CONTACT_POINT


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    roles: frozenset[Role]
    permission: str | None = None


MENU = [
    Entry("待办", "congress_home", WORKERS),
    Entry("首页", "congress_home", PUBLIC_ONLY),
    Entry("日程", "calendar_page", WORKERS, "issue_calendar_feed"),
    Entry("我的履职", "my_home", MEMBERS),
    Entry("我的议案建议", "my_suggestions", MEMBERS, "save_suggestion_draft"),
    Entry("我的履职档案", "my_record", MEMBERS, "view_own_record"),
    Entry("我的活动", "activities_mine", MEMBERS),
    Entry("代表直通车", "opinion_direct_line", MEMBERS, "send_direct_line"),
    Entry("来信", "my_letters", MEMBERS, "mark_letter_read"),
    Entry("会议", "meeting_list", STAFF | MEMBERS),
    Entry("表决结果", "vote_list", STAFF | MEMBERS),
    # The standing committee's business: the agenda chain first, the rest by the area's tabs.
    Entry("常委会工作", "agenda_items", STAFF | frozenset({Role.SC_MEMBER}), "view_agenda"),
    # Legislation: the plan first, the rest by the area's tabs.
    Entry("立法", "legislative_plans", STAFF | frozenset({Role.SC_MEMBER}), "view_legislative_plans"),
    Entry("法规草案征求意见", "law_comments_public", MEMBERS | UNIT),
    Entry("我的立法建议", "legislative_proposals_mine", MEMBERS),
    Entry("基层立法联系点", "law_comments_contact_point", CONTACT_POINT, "forward_contact_point_comment"),
    # Deputies' work between sessions: activities first, the rest by the area's tabs.
    Entry("代表工作", "activities_list", STAFF, "view_activities"),
    Entry("议案建议审查", "suggestion_review", STAFF, "accept_suggestion"),
    Entry("承办", "suggestion_queue", UNIT, "answer_suggestion"),
    Entry("群众诉求", "liaison_queue", STAFF | MEMBERS | UNIT, "view_concern_queue"),
    Entry("联络站", "liaison_stations", STAFF | MEMBERS, "view_concern_queue"),
    Entry("双联系", "liaison_contacts", OFFICE | MEMBERS, "record_liaison_contact"),
    Entry("代表名册", "deputy_list", STAFF | frozenset({Role.SC_MEMBER}) | PUBLIC_ONLY),
    Entry("机构", "organisation_list", STAFF),
    Entry("民生实事", "livelihood", EVERYONE),
    Entry("督查问责", "livelihood_accountability", OFFICE, "hold_unit_accountable"),
    Entry("监督工作", "oversight_plans", STAFF | frozenset({Role.SC_MEMBER}), "view_oversight"),
    Entry("问卷", "questionnaire_list", STAFF, "build_questionnaire"),
    Entry("审议意见", "review_opinion_list", UNIT, "file_opinion_reply"),  # staff reach it by the oversight tabs
    Entry("专项工作报告", "work_report_list", UNIT, "file_work_report"),
    Entry("整改清单", "rectification_list", STAFF | frozenset({Role.SC_MEMBER}) | UNIT, "view_rectification"),
    Entry("调研视察", "oversight_activities", frozenset({Role.DEPUTY})),  # a deputy sees the teams they are on
    Entry("建议统计考评", "suggestion_report", STAFF | frozenset({Role.SC_MEMBER}), "view_suggestion_reports"),
    Entry("联络站统计", "liaison_statistics", STAFF, "view_liaison_statistics"),
    Entry("建议答复公开", "suggestion_public", PUBLIC_ONLY),
    Entry("找联络站、反映诉求", "liaison_public_home", PUBLIC_ONLY),
    Entry("监督工作", "oversight_public", PUBLIC_ONLY),
    Entry("监督报告", "oversight_report_public_list", PUBLIC_ONLY),
    Entry("审议意见", "review_opinion_public_list", PUBLIC_ONLY),
    Entry("整改进展", "rectification_public", PUBLIC_ONLY),
    Entry("决议决定", "decisions_public", PUBLIC_ONLY),
    Entry("立法计划", "legislative_plans_public", PUBLIC_ONLY),
    Entry("法规草案征求意见", "law_comments_public", PUBLIC_ONLY | CONTACT_POINT),
    Entry("现行法规", "legislation_laws", PUBLIC_ONLY),
    Entry("导入导出", "import_export", OFFICE, "export_people"),
    Entry("账号", "account_list", ADMIN),
    Entry("角色授权", "role_list", ADMIN, "grant_role"),
    Entry("规则设置", "rule_list", OFFICE, "view_rules"),
    Entry("审计日志", "audit_list", ADMIN, "view_audit_log"),
    Entry("发送失败的通知", "delivery_dead", OFFICE, "view_dead_deliveries"),
]

# (label, url name, permission or None for every signed-in user)
ACCOUNT_MENU = [("我的账号", "my_account", None), ("我的通知", "delivery_inbox", "read_own_notices"),
                ("通知接收设置", "delivery_preferences", "set_delivery_preferences"), ("修改密码", "password_change", "change_own_password"),
                ("API 令牌", "token_list", "issue_api_token")]


def _url(name: str, congress_code: str | None = None) -> str | None:
    """The entry's address, inside the congress where it lives there, else site-wide."""
    for kwargs in ([{"congress_code": congress_code}] if congress_code else []) + [None]:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def _shows(entry: Entry, roles: frozenset[Role]) -> bool:
    # The public entries are for those who have no other role here.
    held = roles if roles - PUBLIC_ONLY == frozenset() else roles - PUBLIC_ONLY
    if not (held & entry.roles):
        return False
    return entry.permission is None or bool(roles & _allowed(entry.permission))


def _allowed(permission: str) -> frozenset[Role]:
    """The roles that may (as ``permissions.may``, which asks the roles alone); none if undeclared."""
    return PERMISSIONS[permission][1] if permission in PERMISSIONS else frozenset()


@functools.lru_cache(maxsize=4096)
def _menu(congress_code: str, roles: frozenset[Role], superuser: bool) -> tuple[tuple[str, str, str], ...]:
    """(label, url, url name) of the menu for these roles here: a permission depends on the roles
    alone, and the addresses on the code, so each worker works a menu out once, not per page."""
    items, seen = [], set()
    for entry in MENU:
        if entry.url_name in seen or not _shows(entry, roles):
            continue
        url = _url(entry.url_name, congress_code)
        if url is None:
            continue
        seen.add(entry.url_name)
        items.append((entry.label, url, entry.url_name))
    if superuser:
        items.append(("后台", reverse("admin:index"), "admin:index"))
    return tuple(items)


def menu_for(request, congress) -> list[dict]:
    current = request.resolver_match.url_name if request.resolver_match is not None else None
    menu = _menu(congress.code, roles_of(request.user, congress), bool(getattr(request.user, "is_superuser", False)))
    return [{"label": label, "url": url, "active": current == name} for label, url, name in menu]


@functools.lru_cache(maxsize=4096)
def _account_menu(congress_code: str | None, roles: frozenset[Role]) -> tuple[dict, ...]:
    items = []
    for label, name, permission in ACCOUNT_MENU:
        if permission and (congress_code is None or not roles & _allowed(permission)):
            continue
        url = _url(name, congress_code)
        if url:
            items.append({"label": label, "url": url})
    return tuple(items)


def account_menu_for(request, congress) -> list[dict]:
    if not request.user.is_authenticated:
        return []
    roles = roles_of(request.user, congress) if congress is not None else frozenset()
    return [dict(item) for item in _account_menu(congress.code if congress is not None else None, roles)]

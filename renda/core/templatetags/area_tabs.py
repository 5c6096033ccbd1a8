"""An area's own tabs, above each of its lists (the oversight area, the standing committee's
business, legislation, deputies' work): each tab shown to those who may open it, none when only one would show."""

from __future__ import annotations

from django import template
from django.urls import reverse

from renda.core.permissions import may

register = template.Library()

# area → (label, url name, permission), in the order the work runs.
AREAS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "oversight": ("监督工作", [
        ("监督计划", "oversight_plans", "view_oversight"),
        ("调研检查", "oversight_activities", "view_oversight"),
        ("专项工作报告", "work_report_list", "view_oversight"),
        ("审议意见", "review_opinion_list", "view_oversight"),
        ("专题询问", "inquiry_list", "view_oversight"),
        ("质询案", "questioning_list", "view_oversight"),
        ("调查委员会", "investigation_list", "view_oversight"),
        ("整改清单", "rectification_list", "view_rectification"),
    ]),
    "sc": ("常委会工作", [
        ("会议", "meeting_list", "view_agenda"),
        ("提请事项", "agenda_items", "view_agenda"),
        ("人事任免", "appointments_list", "view_appointments"),
        ("任命人员名册", "appointments_register", "view_appointments"),
        ("述职评议", "duty_reports_list", "view_duty_reports"),
        ("工作要点", "work_points_calendar", "view_work_points"),
        ("重大事项决定", "decisions_list", "view_decisions"),
        ("领导分管工作", "portfolios_leaders", "view_portfolios"),
        ("分管与对口联系", "portfolios_map", "view_portfolios"),
    ]),
    "legislation": ("立法", [
        ("立法计划", "legislative_plans", "view_legislative_plans"),
        ("立项建议", "legislative_proposals", "view_legislative_plans"),
        ("法规案", "legislation_bills", "view_bills"),
        ("征求意见", "law_comments_periods", "view_law_comments"),
        ("审议表决", "enactment_list", "view_enactment"),
        ("现行法规", "legislation_laws", "view_bills"),
    ]),
    "suggestions": ("议案建议", [
        ("审查交办", "suggestion_review", "accept_suggestion"),
        ("相似件并案", "similar_clusters", "view_similar_clusters"),
        ("承办单位职责", "routing_units", "view_unit_routing"),
        ("答复质量", "answer_flags", "view_answer_flags"),
        ("统计考评", "suggestion_report", "view_suggestion_reports"),
    ]),
    "deputies": ("代表工作", [
        ("代表活动", "activities_list", "view_activities"),
        ("代表培训", "training_programmes", "view_activities"),
        ("代表小组", "deputy_groups", "view_deputy_groups"),
        ("意见建议登记", "opinion_register", "view_opinion_register"),
        ("办理统计", "opinion_statistics", "view_opinion_register"),
        ("致代表的信", "letters", "view_letters"),
        ("政协委员进站", "liaison_cppcc", "view_cppcc_members"),
        ("履职档案", "records_list", "view_records"),
    ]),
}


@register.inclusion_tag("core/_area_tabs.html", takes_context=True)
def area_tabs(context, area: str) -> dict:
    request = context["request"]
    congress = request.congress
    current = request.resolver_match.url_name if request.resolver_match else None
    label, entries = AREAS[area]
    tabs = [{"label": tab, "url": reverse(name, kwargs={"congress_code": congress.code}), "active": name == current}
            for tab, name, permission in entries if may(request.user, congress, permission)]
    return {"label": label, "tabs": tabs if len(tabs) > 1 else []}

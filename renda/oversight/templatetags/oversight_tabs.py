"""The oversight area's own tabs, above each of its lists: the plan, the fieldwork, the hearings,
the review opinions, the inquiries, questioning, investigations and the rectification list — each
shown to those who may open it."""

from __future__ import annotations

from django import template
from django.urls import reverse

from renda.core.permissions import may

register = template.Library()

TABS = [
    ("监督计划", "oversight_plans", "view_oversight"),
    ("调研检查", "oversight_activities", "view_oversight"),
    ("专项工作报告", "work_report_list", "view_oversight"),
    ("审议意见", "review_opinion_list", "view_oversight"),
    ("专题询问", "inquiry_list", "view_oversight"),
    ("质询案", "questioning_list", "view_oversight"),
    ("调查委员会", "investigation_list", "view_oversight"),
    ("整改清单", "rectification_list", "view_rectification"),
]


@register.inclusion_tag("oversight/_tabs.html", takes_context=True)
def oversight_tabs(context) -> dict:
    request = context["request"]
    congress = request.congress
    current = request.resolver_match.url_name if request.resolver_match else None
    tabs = [{"label": label, "url": reverse(name, kwargs={"congress_code": congress.code}), "active": name == current}
            for label, name, permission in TABS if may(request.user, congress, permission)]
    return {"tabs": tabs if len(tabs) > 1 else []}

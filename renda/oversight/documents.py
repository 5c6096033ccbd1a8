"""A survey or inspection report as an official document (公文), and its covering letter (报送件).

The report keeps the journal's structure — 一、基本情况 (the situation text, its ``{{key}}`` marks
replaced by the figures' values and units, one paragraph per blank-line-separated block), 二、存在的
问题 and 三、意见建议 (one item （一） per finding: its heading, then its text) — then the closing
paragraphs, signed by the team (or the lead committee) and dated the day it was finalised. The
covering letter sends it from the standing committee's office (常委会办公室) to the party committee
and the government of the same place "for reference", the report attached.

Both render through ``renda.core.official_documents`` (PDF and .docx in the GB/T 9704 layout).
"""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from renda.core.official_documents import OfficialDocument, Section
from renda.oversight.arithmetic import fill
from renda.oversight.models import Activity, Figure, Finding, Report, TeamMember
from renda.people.models import Organisation

TEAM_NAMES = {Activity.Kind.SURVEY: "调研组", Activity.Kind.LAW_INSPECTION: "执法检查组", Activity.Kind.VISIT: "视察组",
              Activity.Kind.LEGISLATIVE_RESEARCH: "立法调研组", Activity.Kind.POST_ENACTMENT_REVIEW: "立法后评估组"}
_BLANK_LINE = re.compile(r"\n\s*\n")


def place_name(congress) -> str:
    """The place a congress is of: 示例甲市人民代表大会 → 示例甲市."""
    return congress.name.removesuffix("人民代表大会")


def office_name(congress) -> str:
    return f"{place_name(congress)}人大常委会办公室"


def figure_values(report: Report) -> dict[str, str]:
    """Each figure's key → its value as printed with its unit, for the text's ``{{key}}`` marks."""
    return {f.key: f"{f.value}{f.unit}" for f in Figure.objects.in_congress(report.congress_id).filter(report=report)}


def paragraphs(text: str, values: dict[str, str]) -> list[str]:
    """Paragraphs separated by a blank line; lines inside one paragraph joined."""
    filled = fill(text or "", values).replace("\r\n", "\n").strip()
    return ["".join(line.strip() for line in block.split("\n")) for block in _BLANK_LINE.split(filled) if block.strip()]


def finding_item(finding: Finding, values: dict[str, str]) -> str:
    heading = fill(finding.heading, values).strip()
    if heading and heading[-1] not in "。！？；：.!?;:":
        heading += "。"
    return heading + "".join(fill(finding.text, values).split())


def signature(report: Report) -> str:
    """The team (示例市人大常委会执法检查组), or the lead committee when no team was named."""
    congress = report.congress_id
    activity = Activity.objects.in_congress(congress).get(pk=report.activity_id)
    has_team = TeamMember.objects.in_congress(congress).filter(activity=activity).exists()
    committee = (Organisation.objects.in_congress(congress).filter(pk=activity.lead_committee_id).first()
                 if activity.lead_committee_id else None)
    if has_team or committee is None:
        return f"{place_name(report.congress)}人大常委会{TEAM_NAMES.get(activity.kind, '调研组')}"
    return committee.name


def report_date(report: Report) -> datetime.date:
    return timezone.localdate(report.finalised_at) if report.finalised_at else timezone.localdate()


def report_document(report: Report) -> OfficialDocument:
    values = figure_values(report)
    findings = list(Finding.objects.in_congress(report.congress_id).filter(report=report).order_by("order", "id"))
    problems = [finding_item(f, values) for f in findings if f.kind == Finding.Kind.PROBLEM]
    recommendations = [finding_item(f, values) for f in findings if f.kind == Finding.Kind.RECOMMENDATION]
    sections = [Section("基本情况", paragraphs=paragraphs(report.situation, values)),
                Section("存在的问题", items=problems),
                Section("意见建议", items=recommendations)]
    return OfficialDocument(title=fill(report.title, values), sections=sections,
                            closing=paragraphs(report.closing, values), signature=signature(report),
                            date=report_date(report))


def covering_letter(report: Report) -> OfficialDocument:
    """报送件: the office sends the report to the party committee and the government, for reference."""
    congress = report.congress
    place = place_name(congress)
    title = fill(report.title, figure_values(report))
    return OfficialDocument(
        issuer=office_name(congress),
        title=f"关于报送《{title}》的函",
        addressee=f"中共{place}委、{place}人民政府：",
        preamble=[f"现将《{title}》送上，供参阅。"],
        signature=office_name(congress),
        date=report_date(report),
        attachments=[title],
    )


"""Oversight (监督), one module a stage: the plan and the fieldwork with its report; the hearing of
a body's work report; the review opinions sent after a deliberation; special inquiries; questioning;
and special investigation committees. The problems to fix live in ``renda.rectification``."""

from renda.oversight.models.hearings import WorkReport, WorkReportSuggestion
from renda.oversight.models.inquiries import Inquiry, InquiryAnswerer, InquiryQuestion
from renda.oversight.models.investigations import Evidence, Investigation, InvestigationMember
from renda.oversight.models.opinions import OpinionPoint, OpinionReply, ReviewOpinion
from renda.oversight.models.plan_and_fieldwork import (
    Activity,
    ActivityCommittee,
    ActivityQuestionnaire,
    Figure,
    Finding,
    Letter,
    Notice,
    NoticeReply,
    Photo,
    Plan,
    PlanItem,
    PlanItemCommittee,
    Report,
    ReportComment,
    ReportVersion,
    SiteVisit,
    SiteVisitor,
    Speech,
    Stop,
    Symposium,
    SymposiumReport,
    TeamMember,
)
from renda.oversight.models.questioning import Questioning, QuestioningAnswer, QuestioningSigner

__all__ = [
    "Activity", "ActivityCommittee", "ActivityQuestionnaire", "Evidence", "Figure", "Finding", "Inquiry",
    "InquiryAnswerer", "InquiryQuestion", "Investigation", "InvestigationMember", "Letter", "Notice", "NoticeReply",
    "OpinionPoint", "OpinionReply", "Photo", "Plan", "PlanItem", "PlanItemCommittee", "Questioning",
    "QuestioningAnswer", "QuestioningSigner", "Report", "ReportComment", "ReportVersion", "ReviewOpinion", "SiteVisit",
    "SiteVisitor", "Speech", "Stop", "Symposium", "SymposiumReport", "TeamMember", "WorkReport",
    "WorkReportSuggestion",
]

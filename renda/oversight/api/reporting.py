"""The report API: the report with its findings, figures and their check; drafting, versions,
comments, findings, figures, finalising and the hand-over to a standing-committee session.

``GET /api/oversight/reports/{id}/findings`` gives the problems and recommendations as records (with
the site visit or symposium they came from), for the review opinions and rectification lists built
on them."""


from datetime import datetime
from typing import Annotated, Any

from django.http import Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.meetings.models import Meeting
from renda.oversight import arithmetic, queries
from renda.oversight.actions import reporting as actions
from renda.oversight.models import (
    Activity,
    Figure,
    Finding,
    Report,
    ReportComment,
    ReportVersion,
    SiteVisit,
    Symposium,
)
from renda.people.models import Organisation

router = Router(tags=["oversight"])


def _report(request, report_id: int) -> Report:
    """A report of an activity this token's user may see; 404 otherwise (another congress's too)."""
    report = Report.objects.in_congress(request.congress).filter(pk=report_id).first()
    if report is None:
        raise Http404("找不到该报告")
    queries.activity_for(request, report.activity_id)
    return report


def _activity(request, activity_id: int) -> Activity:
    return queries.activity_for(request, activity_id)


class OversightFindingOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Finding.Kind)]
    order: int
    heading: str
    text: str
    evidence: str
    site_visit_id: int | None
    symposium_id: int | None
    addresses_id: int | None
    unit_id: int | None
    unit: str | None


class OversightReportFindingsOut(Schema):
    report_id: int
    problems: list[OversightFindingOut]
    recommendations: list[OversightFindingOut]


class OversightFigureOut(Schema):
    id: int
    key: str
    label: str
    kind: Annotated[str, OneOf(Figure.Kind)]
    value: str
    unit: str
    parts: list[str]
    source: dict[str, Any]
    ok: bool
    computed: str | None
    message: str


class OversightReportOut(Schema):
    id: int
    activity_id: int
    title: str
    situation: str
    closing: str
    status: Annotated[str, OneOf(Report.Status)]
    finalised_at: datetime | None
    agenda_item_id: int | None
    problems: list[OversightFindingOut]
    recommendations: list[OversightFindingOut]
    figures: list[OversightFigureOut]
    unknown_keys: list[str]
    open_comments: int
    refusals: dict[str, list[str]]


def _finding_out(f: Finding) -> dict:
    return {"id": f.pk, "kind": f.kind, "order": f.order, "heading": f.heading, "text": f.text, "evidence": f.evidence,
            "site_visit_id": f.site_visit_id, "symposium_id": f.symposium_id, "addresses_id": f.addresses_id,
            "unit_id": f.unit_id, "unit": f.unit.name if f.unit is not None else None}


def _findings_out(report: Report) -> dict:
    found = actions.findings_of(report)
    return {"problems": [_finding_out(f) for f in found if f.kind == Finding.Kind.PROBLEM],
            "recommendations": [_finding_out(f) for f in found if f.kind == Finding.Kind.RECOMMENDATION]}


def _figures_out(report: Report) -> list[dict]:
    figures = actions.figures_of(report)
    checks = arithmetic.check_figures(actions.specs(figures))

    def computed(key: str) -> str | None:
        value = checks[key].computed
        return None if value is None else arithmetic.plain(value)

    return [{"id": f.pk, "key": f.key, "label": f.label, "kind": f.kind, "value": f.value, "unit": f.unit,
             "parts": [str(p) for p in f.parts or []], "source": f.source or {}, "ok": checks[f.key].ok,
             "computed": computed(f.key), "message": checks[f.key].message} for f in figures]


def _report_out(report: Report) -> dict:
    report = Report.objects.in_congress(report.congress_id).get(pk=report.pk)
    drafting = report.status == Report.Status.DRAFTING
    return {"id": report.pk, "activity_id": report.activity_id, "title": report.title, "situation": report.situation,
            "closing": report.closing, "status": report.status, "finalised_at": report.finalised_at,
            "agenda_item_id": report.agenda_item_id, **_findings_out(report), "figures": _figures_out(report),
            "unknown_keys": actions.unknown_keys(report), "open_comments": actions.unresolved_comments(report),
            "refusals": actions.refusals(report) if drafting else {}}


@router.get("/oversight/reports/{report_id}", response=OversightReportOut, summary="调研（检查）报告：文字、问题、建议、数据及核对")
@scoped
def get_report(request, report_id: int):
    return _report_out(_report(request, report_id))


@router.get("/oversight/reports/{report_id}/findings", response=OversightReportFindingsOut,
            summary="报告列出的存在的问题和意见建议（逐条记录）")
@scoped
def get_findings(request, report_id: int):
    report = _report(request, report_id)
    return {"report_id": report.pk, **_findings_out(report)}


class OversightReportDraftIn(In):
    title: Filled
    situation: str = ""
    closing: str = ""


@router.post("/oversight/activities/{activity_id}/report", response=OversightReportOut,
             summary="起草或修改调研（检查）报告（首次起草时开始“起草报告”阶段）")
@scoped
def draft(request, activity_id: int, payload: OversightReportDraftIn):
    report = actions.draft_oversight_report(request.congress, _activity(request, activity_id), actor=request.user,
                                            **payload.dict())
    return _report_out(report)


class OversightReportVersionOut(Schema):
    id: int
    number: int
    note: str
    saved_at: datetime
    content: dict[str, Any]


class OversightReportVersionIn(In):
    note: str = ""


def _version_out(v: ReportVersion) -> dict:
    return {"id": v.pk, "number": v.number, "note": v.note, "saved_at": v.saved_at, "content": v.content}


@router.get("/oversight/reports/{report_id}/versions", response=list[OversightReportVersionOut], summary="报告的稿次")
@scoped
def list_versions(request, report_id: int):
    report = _report(request, report_id)
    return [_version_out(v) for v in ReportVersion.objects.in_congress(request.congress).filter(report=report)]


@router.post("/oversight/reports/{report_id}/versions", response={201: OversightReportVersionOut}, summary="保存为新稿次")
@scoped
def save_version(request, report_id: int, payload: OversightReportVersionIn):
    version = actions.save_report_version(request.congress, _report(request, report_id), actor=request.user,
                                          note=payload.note)
    return Status(201, _version_out(version))


class OversightReportCommentOut(Schema):
    id: int
    text: str
    version_id: int | None
    finding_id: int | None
    by: str
    at: datetime
    resolved: bool


class OversightReportCommentIn(In):
    text: Filled
    version_id: int | None = None
    finding_id: int | None = None


def _comment_out(c: ReportComment) -> dict:
    return {"id": c.pk, "text": c.text, "version_id": c.version_id, "finding_id": c.finding_id,
            "by": c.by.get_full_name() or c.by.get_username(), "at": c.at, "resolved": c.resolved}


@router.get("/oversight/reports/{report_id}/comments", response=list[OversightReportCommentOut], summary="报告稿的修改意见")
@scoped
def list_comments(request, report_id: int):
    report = _report(request, report_id)
    return [_comment_out(c) for c in ReportComment.objects.in_congress(request.congress).filter(report=report)
            .select_related("by")]


@router.post("/oversight/reports/{report_id}/comments", response={201: OversightReportCommentOut},
             summary="对报告稿提出修改意见（工作人员或调研组成员）")
@scoped
def comment(request, report_id: int, payload: OversightReportCommentIn):
    report = _report(request, report_id)
    c = request.congress
    version = one(ReportVersion.objects.in_congress(c).filter(report=report), payload.version_id, "version_id", "本报告的稿次")
    finding = one(Finding.objects.in_congress(c).filter(report=report), payload.finding_id, "finding_id",
                  "本报告的问题或建议")
    made = actions.comment_on_report(c, report, actor=request.user, text=payload.text, version=version, finding=finding)
    return Status(201, _comment_out(ReportComment.objects.in_congress(c).select_related("by").get(pk=made.pk)))


@router.post("/oversight/reports/{report_id}/comments/{comment_id}/resolve", response=OversightReportCommentOut,
             summary="将修改意见标为已处理")
@scoped
def resolve(request, report_id: int, comment_id: int):
    report = _report(request, report_id)
    found = ReportComment.objects.in_congress(request.congress).filter(report=report, pk=comment_id).select_related("by").first()
    if found is None:
        raise Http404("找不到该修改意见")
    return _comment_out(actions.resolve_report_comment(request.congress, found, actor=request.user))


class OversightFindingIn(In):
    kind: Annotated[str, OneOf(Finding.Kind)]
    heading: Filled
    text: str = ""
    evidence: str = ""
    site_visit_id: int | None = None
    symposium_id: int | None = None
    addresses_id: int | None = None
    unit_id: int | None = None


def _finding_args(request, report: Report, payload: OversightFindingIn) -> dict:
    c = request.congress
    return {"kind": payload.kind, "heading": payload.heading, "text": payload.text, "evidence": payload.evidence,
            "site_visit": one(SiteVisit.objects.in_congress(c).filter(activity_id=report.activity_id),
                              payload.site_visit_id, "site_visit_id", "本次调研（检查）的实地察看"),
            "symposium": one(Symposium.objects.in_congress(c).filter(activity_id=report.activity_id),
                             payload.symposium_id, "symposium_id", "本次调研（检查）的座谈会"),
            "addresses": one(Finding.objects.in_congress(c).filter(report=report), payload.addresses_id, "addresses_id",
                             "本报告的问题"),
            "unit": one(Organisation.objects.in_congress(c), payload.unit_id, "unit_id", "单位")}


def _finding(request, report: Report, finding_id: int) -> Finding:
    found = Finding.objects.in_congress(request.congress).filter(report=report, pk=finding_id).first()
    if found is None:
        raise Http404("找不到该问题或建议")
    return found


def _finding_fresh(c, pk: int) -> dict:
    return _finding_out(Finding.objects.in_congress(c).select_related("unit").get(pk=pk))


@router.post("/oversight/reports/{report_id}/findings", response={201: OversightFindingOut}, summary="记录问题或建议")
@scoped
def add_finding(request, report_id: int, payload: OversightFindingIn):
    report = _report(request, report_id)
    made = actions.record_finding(request.congress, report, actor=request.user, **_finding_args(request, report, payload))
    return Status(201, _finding_fresh(request.congress, made.pk))


@router.put("/oversight/reports/{report_id}/findings/{finding_id}", response=OversightFindingOut, summary="修改问题或建议")
@scoped
def edit_finding(request, report_id: int, finding_id: int, payload: OversightFindingIn):
    report = _report(request, report_id)
    finding = _finding(request, report, finding_id)
    actions.record_finding(request.congress, report, actor=request.user, finding=finding,
                           **_finding_args(request, report, payload))
    return _finding_fresh(request.congress, finding.pk)


@router.delete("/oversight/reports/{report_id}/findings/{finding_id}", response={204: None}, summary="删除问题或建议")
@scoped
def delete_finding(request, report_id: int, finding_id: int):
    report = _report(request, report_id)
    actions.remove_finding(request.congress, _finding(request, report, finding_id), actor=request.user)
    return Status(204, None)


class OversightFindingOrderIn(In):
    kind: Annotated[str, OneOf(Finding.Kind)]
    ids: list[int]


@router.post("/oversight/reports/{report_id}/findings/order", response=OversightReportFindingsOut,
             summary="调整问题（或建议）的顺序")
@scoped
def order_findings(request, report_id: int, payload: OversightFindingOrderIn):
    report = _report(request, report_id)
    actions.reorder_findings(request.congress, report, actor=request.user, kind=payload.kind, ids=payload.ids)
    return {"report_id": report.pk, **_findings_out(report)}


class OversightFigureSourceIn(In):
    """Where a pulled figure's value comes from; a questionnaire must be one attached to the activity."""

    kind: Annotated[str, OneOf(list(actions.SOURCE_KINDS))]
    questionnaire_id: int | None = None
    question_id: int | None = None
    choice: int | None = None
    measure: Annotated[str, OneOf(list(actions.MEASURES))] | None = None


class OversightFigureIn(In):
    key: Filled
    label: Filled
    kind: Annotated[str, OneOf(Figure.Kind)] = "value"
    value: str = ""
    unit: str = ""
    parts: list[str] = []
    source: OversightFigureSourceIn | None = None


@router.post("/oversight/reports/{report_id}/figures", response=list[OversightFigureOut],
             summary="标注报告数据（同一代号再次标注即修改）；返回全部数据及核对结果")
@scoped
def tag_figure(request, report_id: int, payload: OversightFigureIn):
    report = _report(request, report_id)
    fields = payload.dict(exclude={"source"})
    source = payload.source.dict(exclude_none=True) if payload.source else {}
    actions.tag_report_figure(request.congress, report, actor=request.user, source=source, **fields)
    return _figures_out(report)


@router.delete("/oversight/reports/{report_id}/figures/{key}", response={204: None}, summary="删除报告数据")
@scoped
def delete_figure(request, report_id: int, key: str):
    report = _report(request, report_id)
    figure = Figure.objects.in_congress(request.congress).filter(report=report, key=key).first()
    if figure is None:
        raise Http404("找不到该数据")
    actions.remove_report_figure(request.congress, figure, actor=request.user)
    return Status(204, None)


class OversightReportFinaliseIn(In):
    note: str = ""


@router.post("/oversight/reports/{report_id}/finalise", response=OversightReportOut,
             summary="报告定稿（数据核对、问题和建议、修改意见均须通过）")
@scoped
def finalise(request, report_id: int, payload: OversightReportFinaliseIn):
    report = actions.finalise_oversight_report(request.congress, _report(request, report_id), actor=request.user,
                                               note=payload.note)
    return _report_out(report)


class OversightReportAgendaIn(In):
    meeting_id: int
    release_at: datetime


class OversightReportAgendaOut(Schema):
    report_id: int
    agenda_item_id: int
    document_id: int
    release_at: datetime
    warnings: list[str]


@router.post("/oversight/reports/{report_id}/agenda", response=OversightReportAgendaOut,
             summary="提请常委会会议审议（列入议程，按时向组成人员发布报告）")
@scoped
def place_on_agenda(request, report_id: int, payload: OversightReportAgendaIn):
    report = _report(request, report_id)
    meeting = one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议")
    placed = actions.place_report_on_agenda(request.congress, report, actor=request.user, meeting=meeting,
                                            release_at=payload.release_at)
    return {"report_id": report.pk, "agenda_item_id": placed.agenda_item.pk, "document_id": placed.document.pk,
            "release_at": placed.document.release_at, "warnings": placed.warnings}

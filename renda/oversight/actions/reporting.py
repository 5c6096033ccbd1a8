"""Writes for a survey's or inspection's report: drafting it, its versions and the team's comments,
its findings (problems and recommendations), its figures and their arithmetic, finalising it, and
handing it to a standing-committee session (提请常委会会议审议).

The report follows the journal's structure 基本情况 · 存在的问题 · 意见建议. Figures the text quotes
as ``{{key}}`` are checked by ``oversight.arithmetic``; one with a ``source`` is pulled from the
activity's records, not typed, and refreshed on every save and before finalising. A report cannot be
finalised while a figure is flagged, a ``{{key}}`` is unknown, it lists no problem or no
recommendation, or a comment is unresolved (refused, not warned: an unanswered 修改意见 is a reason
not to sign off the text).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Document, Meeting
from renda.oversight import arithmetic
from renda.oversight.models import (
    Activity,
    ActivityQuestionnaire,
    Figure,
    Finding,
    Letter,
    PlanItem,
    Report,
    ReportComment,
    ReportVersion,
    SiteVisit,
    Symposium,
)
from renda.oversight.queries import on_team
from renda.oversight.workflows import ACTIVITY_WORKFLOW, REPORT_WORKFLOW
from renda.people import validation
from renda.people.models import Organisation
from renda.people.validation import Errors, moment
from renda.questionnaires.tally import figure as tally_figure

SOURCE_KINDS = {"site_visits": "实地察看次数", "counties": "走访的县（市、区）数", "symposia": "座谈会次数",
                "self_reports": "收到的自查报告数", "questionnaire": "问卷统计"}
MEASURES = {"responses": "答卷数", "count": "选择人数", "percent": "选择比例（%）", "mean": "平均分"}
FIELDS = ["title", "situation", "closing", "status"]


# ---------------------------------------------------------------- reading (used by pages and the API)


def report_of(congress: Congress, report: Report) -> Report:
    """The report, locked for this transaction: numbering versions and findings waits its turn."""
    ensure_own(congress, report, "报告")
    return Report.objects.in_congress(congress).select_for_update().get(pk=report.pk)


def figures_of(report: Report) -> list[Figure]:
    return list(Figure.objects.in_congress(report.congress_id).filter(report=report).order_by("id"))


def findings_of(report: Report, kind: str | None = None) -> list[Finding]:
    found = Finding.objects.in_congress(report.congress_id).filter(report=report)
    if kind:
        found = found.filter(kind=kind)
    return list(found.select_related("site_visit", "symposium", "unit", "addresses").order_by("kind", "order", "id"))


def specs(figures: list[Figure]) -> list[arithmetic.FigureSpec]:
    return [arithmetic.FigureSpec(f.key, f.kind, f.value, [str(p) for p in (f.parts or [])], f.label) for f in figures]


def checks(report: Report) -> dict[str, arithmetic.Check]:
    """The arithmetic checker's finding on each figure, by key."""
    return arithmetic.check_figures(specs(figures_of(report)))


def texts(report: Report) -> list[str]:
    """Every text of the report that may quote a figure."""
    return [report.title, report.situation, report.closing] + [
        t for f in findings_of(report) for t in (f.heading, f.text)]


def unknown_keys(report: Report) -> list[str]:
    keys = [f.key for f in figures_of(report)]
    return list(dict.fromkeys(k for t in texts(report) for k in arithmetic.unknown_keys(t, keys)))


def unresolved_comments(report: Report) -> int:
    return ReportComment.objects.in_congress(report.congress_id).filter(report=report, resolved=False).count()


def content(report: Report) -> dict:
    """What a version keeps: the texts, the findings and the figures as they stand."""
    def finding(f: Finding) -> dict:
        return {"id": f.pk, "heading": f.heading, "text": f.text, "evidence": f.evidence,
                "site_visit": f.site_visit_id, "symposium": f.symposium_id, "addresses": f.addresses_id,
                "unit": f.unit_id}

    findings = findings_of(report)
    return {"title": report.title, "situation": report.situation, "closing": report.closing,
            "problems": [finding(f) for f in findings if f.kind == Finding.Kind.PROBLEM],
            "recommendations": [finding(f) for f in findings if f.kind == Finding.Kind.RECOMMENDATION],
            "figures": [{"key": f.key, "label": f.label, "kind": f.kind, "value": f.value, "unit": f.unit,
                         "parts": f.parts, "source": f.source} for f in figures_of(report)]}


def pulled_value(congress: Congress, activity: Activity, figure: Figure) -> Decimal | None:
    """The value a figure's source gives now (None for a typed figure); ValidationError naming
    ``source`` if it cannot be read (a questionnaire no longer attached, the tally not available)."""
    if not figure.source:
        return None
    errors = Errors()
    value = _source_value(congress, activity, figure.source, errors)
    errors.raise_if_any()
    return value


def _source_value(congress: Congress, activity: Activity, source: dict, errors: Errors) -> Decimal | None:
    kind = source.get("kind")
    scoped = lambda model: model.objects.in_congress(congress).filter(activity=activity)  # noqa: E731
    if kind == "site_visits":
        return Decimal(scoped(SiteVisit).count())
    if kind == "counties":
        return Decimal(scoped(SiteVisit).exclude(county="").values("county").distinct().count())
    if kind == "symposia":
        return Decimal(scoped(Symposium).count())
    if kind == "self_reports":
        return Decimal(scoped(Letter).filter(received_at__isnull=False).count())
    if kind == "questionnaire":
        return _questionnaire_value(congress, activity, source, errors)
    errors.add("source", f"“来源”的类别“{kind}”无效，" + "须为以下之一：" + "、".join(SOURCE_KINDS))
    return None


def _questionnaire_value(congress, activity, source: dict, errors: Errors) -> Decimal | None:
    measure = source.get("measure", "responses")
    if measure not in MEASURES:
        errors.add("source", f"“来源”的统计方式“{measure}”无效，须为以下之一：" + "、".join(MEASURES))
        return None
    link = ActivityQuestionnaire.objects.in_congress(congress).filter(
        activity=activity, questionnaire_id=_int(source.get("questionnaire_id"))).select_related("questionnaire").first()
    if link is None:
        errors.add("source", "“来源”的问卷不是本次调研（检查）附加的问卷")
        return None
    try:
        value = tally_figure(link.questionnaire, question_id=_int(source.get("question_id")),
                             choice=_int(source.get("choice")), measure=measure)
    except ValidationError as refusal:
        for message in refusal.messages:
            errors.add("source", f"“来源”：{message}")
        return None
    return Decimal(value)


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def printed(value: Decimal, like: str = "") -> str:
    """A pulled value as the report prints it: at the places the drafter printed before, else as the
    source gives it (a count whole, a percentage at the tally's places), at most two decimals."""
    if arithmetic.parse_number(like) is not None:
        digits = arithmetic.places(like)
    else:
        exponent = value.normalize().as_tuple().exponent
        digits = min(2, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
    return format(arithmetic.round_half_up(value, digits), "f")


def _refresh_pulled(congress: Congress, report: Report) -> None:
    """Pulled figures take their source's value now (on every save and before finalising)."""
    for figure in Figure.objects.in_congress(congress).filter(report=report).exclude(source={}):
        errors = Errors()
        value = _source_value(congress, report.activity, figure.source or {}, errors)
        if value is None:
            continue  # the checker and the editor show what is wrong with the source
        new = printed(value, figure.value)
        if new != figure.value:
            figure.value = new
            figure.save(update_fields=["value"])


def _drafting(report: Report) -> None:
    require_status(report, Report.Status.DRAFTING)


# ---------------------------------------------------------------- the draft


@action("draft_oversight_report")
def draft_oversight_report(congress: Congress, activity: Activity, *, actor, title, situation, closing="") -> Report:
    """Start the report of an activity whose fieldwork is under way (the activity moves on to
    起草报告), or edit its texts while it is being drafted."""
    ensure_own(congress, activity, "调研（检查）")
    errors = Errors()
    data = {"title": title, "situation": situation, "closing": closing}
    title = validation.text(data, errors, "title", "报告标题", required=True, max_length=200, multiline=False)
    situation = validation.text(data, errors, "situation", "基本情况", max_length=20000, multiline=True)
    closing = validation.text(data, errors, "closing", "结语", max_length=4000, multiline=True)
    errors.raise_if_any()
    activity = Activity.objects.in_congress(congress).select_for_update().get(pk=activity.pk)
    report = Report.objects.in_congress(congress).filter(activity=activity).first()
    if report is None:
        ACTIVITY_WORKFLOW.check(activity.status, Activity.Status.DRAFTING, roles_of(actor, congress), congress,
                                action="draft_oversight_report")
        activity.status = Activity.Status.DRAFTING
        activity.save(update_fields=["status"])
        report = Report.objects.create(congress=congress, activity=activity, title=title, situation=situation,
                                       closing=closing)
        audit.record(congress, actor, "draft_oversight_report", report, after=audit.snapshot(report, FIELDS))
        return report
    _drafting(report)
    before = audit.snapshot(report, FIELDS)
    report.title, report.situation, report.closing = title, situation, closing
    report.save(update_fields=["title", "situation", "closing"])
    _refresh_pulled(congress, report)
    audit.record(congress, actor, "draft_oversight_report", report,
                 **dict(zip(("before", "after"), audit.changed(before, audit.snapshot(report, FIELDS)), strict=True)))
    return report


def _next_version(congress: Congress, report: Report, actor, note: str) -> ReportVersion:
    # The report row is locked (report_of), so two saves cannot take the same number; the unique
    # constraint (report, number) stands behind it.
    last = ReportVersion.objects.in_congress(congress).filter(report=report).aggregate(n=Max("number"))["n"] or 0
    return ReportVersion.objects.create(congress=congress, report=report, number=last + 1, content=content(report),
                                        note=note, saved_by=actor)


@action("draft_oversight_report")
def save_report_version(congress: Congress, report: Report, *, actor, note="") -> ReportVersion:
    """Keep the draft as it stands as the next numbered version (第N稿), with a note of what changed."""
    report = report_of(congress, report)
    _drafting(report)
    errors = Errors()
    note = validation.text({"note": note}, errors, "note", "修改说明", max_length=300, multiline=False)
    errors.raise_if_any()
    _refresh_pulled(congress, report)
    version = _next_version(congress, report, actor, note)
    audit.record(congress, actor, "draft_oversight_report", version, object_repr=f"{report.title} 第{version.number}稿",
                 after={"version": version.number, "note": note})
    return version


@action("comment_on_report")
def comment_on_report(congress: Congress, report: Report, *, actor, text, version: ReportVersion | None = None,
                      finding: Finding | None = None) -> ReportComment:
    """A comment (修改意见) on a version of the draft or on one finding: by staff, or by a member of
    the activity's team (a deputy not on the team may not comment)."""
    ensure_own(congress, report, "报告")
    if not roles_of(actor, congress) & STAFF and not on_team(actor, congress, report.activity):
        raise NotPermitted("您不是该调研（检查）组的组成人员，不能对报告稿提出修改意见")
    _drafting(report)
    errors = Errors()
    body = validation.text({"text": text}, errors, "text", "意见", required=True, max_length=2000, multiline=True)
    if version is not None and (version.congress_id != congress.pk or version.report_id != report.pk):
        errors.add("version", "“稿次”不是本报告的稿次")
    if finding is not None and (finding.congress_id != congress.pk or finding.report_id != report.pk):
        errors.add("finding", "“问题或建议”不属于本报告")
    errors.raise_if_any()
    comment = ReportComment.objects.create(congress=congress, report=report, version=version, finding=finding,
                                           text=body, by=actor)
    audit.record(congress, actor, "comment_on_report", comment, object_repr=report.title,
                 after={"version": version.number if version else None, "finding": finding.heading if finding else None,
                        "text": body[:200]})
    return comment


@action("draft_oversight_report")
def resolve_report_comment(congress: Congress, comment: ReportComment, *, actor) -> ReportComment:
    """Mark a comment handled (已处理) by the drafters."""
    ensure_own(congress, comment, "修改意见")
    _drafting(comment.report)
    if not comment.resolved:
        comment.resolved = True
        comment.save(update_fields=["resolved"])
    audit.record(congress, actor, "draft_oversight_report", comment, object_repr=f"修改意见：{comment.text[:60]}",
                 after={"resolved": True})
    return comment


# ---------------------------------------------------------------- findings


@action("record_finding")
def record_finding(congress: Congress, report: Report, *, actor, kind, heading, text="", site_visit=None,
                   symposium=None, evidence="", addresses=None, unit=None, finding: Finding | None = None) -> Finding:
    """Add a problem found (存在的问题) or a recommendation (意见建议), with the site visit or symposium
    it came from; or edit one (``finding``). A recommendation may answer a problem of the same report."""
    report = report_of(congress, report)
    _drafting(report)
    errors = Errors()
    if kind not in Finding.Kind.values:
        errors.add("kind", "“类别”须为“存在的问题”或“意见建议”")
    data = {"heading": heading, "text": text, "evidence": evidence}
    heading = validation.text(data, errors, "heading", "标题", required=True, max_length=200, multiline=False)
    body = validation.text(data, errors, "text", "内容", max_length=4000, multiline=True)
    evidence = validation.text(data, errors, "evidence", "依据", max_length=500, multiline=False)
    if finding is not None and (finding.congress_id != congress.pk or finding.report_id != report.pk):
        raise ValidationError({"finding": "该问题或建议不属于本报告"})
    if site_visit is not None and (site_visit.congress_id != congress.pk or site_visit.activity_id != report.activity_id):
        errors.add("site_visit", "“来源（实地察看）”不是本次调研（检查）的实地察看")
    if symposium is not None and (symposium.congress_id != congress.pk or symposium.activity_id != report.activity_id):
        errors.add("symposium", "“来源（座谈会）”不是本次调研（检查）的座谈会")
    if unit is not None and (not isinstance(unit, Organisation) or unit.congress_id != congress.pk):
        errors.add("unit", "“责任单位”不是本级的单位")
    if addresses is not None:
        if kind != Finding.Kind.RECOMMENDATION:
            errors.add("addresses", "只有意见建议可以针对一个问题")
        elif (addresses.congress_id != congress.pk or addresses.report_id != report.pk
              or addresses.kind != Finding.Kind.PROBLEM):
            errors.add("addresses", "“针对的问题”须为本报告列出的问题")
    if finding is not None and kind != finding.kind and finding.answered_by.exists():
        errors.add("kind", "已有意见建议针对这个问题，不能改为意见建议")
    errors.raise_if_any()
    values = {"kind": kind, "heading": heading, "text": body, "site_visit": site_visit, "symposium": symposium,
              "evidence": evidence, "addresses": addresses, "unit": unit}
    snap = ["kind", "order", "heading", "text", "site_visit", "symposium", "evidence", "addresses", "unit"]
    if finding is None:
        last = Finding.objects.in_congress(congress).filter(report=report, kind=kind).aggregate(n=Max("order"))["n"] or 0
        finding = Finding.objects.create(congress=congress, report=report, order=last + 1, **values)
        audit.record(congress, actor, "record_finding", finding, after=audit.snapshot(finding, snap))
        return finding
    before = audit.snapshot(finding, snap)
    if kind != finding.kind:
        last = Finding.objects.in_congress(congress).filter(report=report, kind=kind).aggregate(n=Max("order"))["n"] or 0
        finding.order = last + 1
    for name, value in values.items():
        setattr(finding, name, value)
    finding.save(update_fields=[*values, "order"])
    old, new = audit.changed(before, audit.snapshot(finding, snap))
    audit.record(congress, actor, "record_finding", finding, before=old, after=new)
    return finding


@action("record_finding")
def remove_finding(congress: Congress, finding: Finding, *, actor) -> None:
    """Take a problem or recommendation out of the draft. Comments on it stay on the report; a
    recommendation that answered it no longer names it."""
    ensure_own(congress, finding, "问题或建议")
    report = report_of(congress, finding.report)
    _drafting(report)
    ReportComment.objects.in_congress(congress).filter(finding=finding).update(finding=None)
    Finding.objects.in_congress(congress).filter(addresses=finding).update(addresses=None)
    audit.record(congress, actor, "record_finding", finding, before={"kind": finding.kind, "heading": finding.heading},
                 after={"removed": True})
    # Nothing points at the row any more (its comments and answers were detached above), so it goes in
    # one statement that names its congress; Django's collector would delete by id alone.
    gone = Finding.objects.in_congress(congress).filter(pk=finding.pk)
    gone._raw_delete(gone.db)
    _renumber(congress, report, finding.kind)


def _renumber(congress: Congress, report: Report, kind: str, order: list[int] | None = None) -> None:
    rows = list(Finding.objects.in_congress(congress).filter(report=report, kind=kind).order_by("order", "id"))
    if order is not None:
        position = {pk: i for i, pk in enumerate(order)}
        rows.sort(key=lambda f: position[f.pk])
    for number, row in enumerate(rows, 1):
        if row.order != number:
            row.order = number
            row.save(update_fields=["order"])


@action("record_finding")
def reorder_findings(congress: Congress, report: Report, *, actor, kind, ids: list[int]) -> list[Finding]:
    """Put the problems (or the recommendations) in the order given: every one of them, each once."""
    report = report_of(congress, report)
    _drafting(report)
    if kind not in Finding.Kind.values:
        raise ValidationError({"kind": "“类别”须为“存在的问题”或“意见建议”"})
    present = list(Finding.objects.in_congress(congress).filter(report=report, kind=kind).values_list("pk", flat=True))
    given = [_int(i) for i in ids]
    wanted = [i for i in given if i is not None]
    if sorted(wanted) != sorted(present) or len(given) != len(present):
        raise ValidationError({"ids": f"“顺序”须列出本报告全部{Finding.Kind(kind).label}（共 {len(present)} 项），每项一次"})
    _renumber(congress, report, kind, wanted)
    audit.record(congress, actor, "record_finding", report, after={"order": {Finding.Kind(kind).label: wanted}})
    return findings_of(report, kind)


# ---------------------------------------------------------------- figures


@action("tag_report_figure")
def tag_report_figure(congress: Congress, report: Report, *, actor, key, label, kind="value", value="", unit="",
                      parts=None, source=None) -> Figure:
    """Name a number the report quotes as ``{{key}}``: typed (as printed), a total or percentage of
    named parts (checked by the arithmetic checker), or pulled from the activity's records
    (``source``: site visits, counties, symposia, self-reports received, or a questionnaire attached
    to the activity) — a pulled figure's value is computed, never typed. Tagging a key again edits it."""
    report = report_of(congress, report)
    _drafting(report)
    errors = Errors()
    data = {"key": key, "label": label, "value": value, "unit": unit}
    key = validation.text(data, errors, "key", "代号", required=True, max_length=30, multiline=False)
    if key and not arithmetic.KEY.match(key):
        errors.add("key", "“代号”须以英文字母或下划线开头，只含英文字母、数字和下划线（如 visits、total_2024）")
    label = validation.text(data, errors, "label", "名称", required=True, max_length=100, multiline=False)
    unit = validation.text(data, errors, "unit", "单位", max_length=12, multiline=False)
    if kind not in Figure.Kind.values:
        errors.add("kind", "“类别”须为以下之一：" + "、".join(Figure.Kind.values))
    parts = [str(p).strip() for p in (parts or [])]
    if any(not p for p in parts) or len(parts) > 20:
        errors.add("parts", "“组成”每项须为数据代号或数字，至多 20 项")
    elif kind == Figure.Kind.VALUE and parts:
        errors.add("parts", "“数值”类的数据不列组成")
    elif kind in (Figure.Kind.SUM, Figure.Kind.DIFFERENCE) and len(parts) < 2:
        errors.add("parts", f"“{Figure.Kind(kind).label}”须列出至少两个组成部分")
    elif kind in (Figure.Kind.RATIO, Figure.Kind.PERCENT) and len(parts) != 2:
        errors.add("parts", f"“{Figure.Kind(kind).label}”须恰好列出两个组成部分（分子、分母）")
    if key and key in parts:
        errors.add("parts", "“组成”不能包含本项自身")
    named = [p for p in parts if arithmetic.parse_number(p) is None]
    repeated = sorted({p for p in named if named.count(p) > 1})
    if repeated:
        errors.add("parts", "“组成”中的数据代号不能重复：" + "、".join(repeated))
    source = dict(source or {})
    if source and not isinstance(source.get("kind"), str):
        errors.add("source", "“来源”须写明类别（kind）")
        source = {}
    pulled = None
    if source:
        if kind != Figure.Kind.VALUE:
            errors.add("source", "从记录中取数的数据只能是“数值”类")
        allowed = {"kind", "questionnaire_id", "question_id", "choice", "measure"}
        if set(source) - allowed:
            errors.add("source", "“来源”中有不认识的项：" + "、".join(sorted(set(source) - allowed)))
        else:
            pulled = _source_value(congress, report.activity, source, errors)
        value = printed(pulled, str(value or "")) if pulled is not None else ""
    else:
        value = validation.text({"value": value}, errors, "value", "报告中的数字", required=True, max_length=30, multiline=False)
        if value and arithmetic.parse_number(value) is None:
            errors.add("value", f"“报告中的数字”须为数字（如 2852、85.92），收到：{value}")
    errors.raise_if_any()
    figure = Figure.objects.in_congress(congress).filter(report=report, key=key).first()
    fields = {"label": label, "kind": kind, "value": value, "unit": unit, "parts": parts, "source": source}
    if figure is None:
        figure = Figure.objects.create(congress=congress, report=report, key=key, **fields)
        audit.record(congress, actor, "tag_report_figure", figure, object_repr=f"{key}：{label}",
                     after={"key": key, **fields})
        return figure
    before = audit.snapshot(figure, list(fields))
    for name, v in fields.items():
        setattr(figure, name, v)
    figure.save(update_fields=list(fields))
    old, new = audit.changed(before, audit.snapshot(figure, list(fields)))
    audit.record(congress, actor, "tag_report_figure", figure, object_repr=f"{key}：{label}", before=old, after=new)
    return figure


@action("tag_report_figure")
def remove_report_figure(congress: Congress, figure: Figure, *, actor) -> None:
    """Untag a figure (the text's ``{{key}}`` marks for it are then flagged as unknown)."""
    ensure_own(congress, figure, "数据")
    report = report_of(congress, figure.report)
    _drafting(report)
    audit.record(congress, actor, "tag_report_figure", figure, object_repr=f"{figure.key}：{figure.label}",
                 before={"key": figure.key, "value": figure.value}, after={"removed": True})
    Figure.objects.in_congress(congress).filter(pk=figure.pk).delete()


# ---------------------------------------------------------------- finalising and the hand-over


def refusals(report: Report) -> dict[str, list[str]]:
    """What stands in the way of finalising, by field (empty when nothing does)."""
    found: dict[str, list[str]] = {}
    if not report.situation.strip():
        found.setdefault("situation", []).append("“基本情况”必须填写")
    flagged = arithmetic.flagged(checks(report))
    if flagged:
        found.setdefault("figures", []).append("数据核对未通过：" + "；".join(c.message for c in flagged))
    unknown = unknown_keys(report)
    if unknown:
        found.setdefault("figures", []).append(
            "报告引用了未标注的数据：" + "、".join("{{" + k + "}}" for k in unknown))
    kinds = set(Finding.objects.in_congress(report.congress_id).filter(report=report).values_list("kind", flat=True))
    if not {Finding.Kind.PROBLEM, Finding.Kind.RECOMMENDATION} <= kinds:
        found.setdefault("findings", []).append("报告须列明存在的问题和意见建议")
    waiting = unresolved_comments(report)
    if waiting:
        found.setdefault("comments", []).append(f"还有 {waiting} 条修改意见未处理，处理后才能定稿")
    return found


@action("finalise_oversight_report")
def finalise_oversight_report(congress: Congress, report: Report, *, actor, note="") -> Report:
    """定稿: the pulled figures are refreshed and everything checked; the final text is kept as the
    last version; the report becomes final and the activity 报告已定稿."""
    report = report_of(congress, report)
    REPORT_WORKFLOW.check(report.status, Report.Status.FINAL, roles_of(actor, congress), congress,
                          action="finalise_oversight_report")
    activity = Activity.objects.in_congress(congress).select_for_update().get(pk=report.activity_id)
    ACTIVITY_WORKFLOW.check(activity.status, Activity.Status.REPORTED, roles_of(actor, congress), congress,
                            action="finalise_oversight_report")
    errors = Errors()
    note = validation.text({"note": note}, errors, "note", "修改说明", max_length=300, multiline=False)
    errors.raise_if_any()
    _refresh_pulled(congress, report)
    found = refusals(report)
    if found:
        raise ValidationError(found)
    version = _next_version(congress, report, actor, note or "定稿")
    report.status, report.finalised_at = Report.Status.FINAL, timezone.now()
    report.save(update_fields=["status", "finalised_at"])
    activity.status = Activity.Status.REPORTED
    activity.save(update_fields=["status"])
    audit.record(congress, actor, "finalise_oversight_report", report,
                 before={"status": Report.Status.DRAFTING}, after={"status": report.status, "version": version.number})
    return report


@dataclass
class Placement:
    report: Report
    agenda_item: AgendaItem
    document: Document
    warnings: list[str] = field(default_factory=list)


def agenda_title(report: Report) -> str:
    title = report.title.strip()
    return (title if title.startswith("听取") else f"听取和审议{title}")[:200]


def lead_time_warning(congress: Congress, meeting: Meeting, release_at: datetime.datetime) -> str | None:
    """监督法 art. 15: members receive the report at least N days (rule) before the session."""
    days = rules.get(congress, "oversight.report_to_members_days")
    latest = meeting.starts_at - datetime.timedelta(days=days)
    if release_at > latest:
        return (f"发布时间晚于会议举行前 {days} 日（{timezone.localtime(latest):%Y-%m-%d %H:%M}）：监督法第十五条要求"
                f"报告在常委会会议举行 {days} 日前发给组成人员")
    return None


@action("place_report_on_agenda")
def place_report_on_agenda(congress: Congress, report: Report, *, actor, meeting: Meeting, release_at) -> Placement:
    """Hand the final report to a standing-committee session that is not closed: an agenda item
    (听取和审议…) and a meeting document holding the report's PDF for the members, released at
    ``release_at`` (before it nobody in the audience can fetch it). The release must come before the
    session starts; later than the members' lead time (监督法 art. 15) it is accepted with a warning."""
    from renda.core.official_documents import filename, to_pdf
    from renda.oversight.documents import report_document

    report = report_of(congress, report)
    ensure_own(congress, meeting, "会议")
    if report.agenda_item_id is not None:
        placed = AgendaItem.objects.in_congress(congress).select_related("meeting").get(pk=report.agenda_item_id)
        raise ValidationError({"meeting": f"该报告已提请{placed.meeting.title}审议"})
    errors = Errors()
    if meeting.kind != Meeting.Kind.SC_SESSION:
        errors.add("meeting", "“会议”须为常务委员会会议")
    elif meeting.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“会议”{meeting.title}已闭会")
    when = None
    if release_at in (None, ""):
        errors.add("release_at", "“发布时间”必须填写")
    else:
        if isinstance(release_at, str):
            try:
                release_at = datetime.datetime.fromisoformat(release_at.strip())
            except ValueError:
                pass  # moment() names the field and what it received
        when = moment(release_at, errors, "release_at", "发布时间")
    if when is not None and meeting.kind == Meeting.Kind.SC_SESSION and when >= meeting.starts_at:
        errors.add("release_at", f"“发布时间”须早于会议开始时间（{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M}）")
    elif when is not None and report.finalised_at is not None and when < report.finalised_at:
        # A document cannot go out before the report it holds was final.
        errors.add("release_at", f"“发布时间”不能早于报告定稿时间（{timezone.localtime(report.finalised_at):%Y-%m-%d %H:%M}）")
    errors.raise_if_any()
    assert when is not None
    require_status(report, Report.Status.FINAL)
    activity = Activity.objects.in_congress(congress).select_for_update().get(pk=report.activity_id)
    ACTIVITY_WORKFLOW.check(activity.status, Activity.Status.ON_AGENDA, roles_of(actor, congress), congress,
                            action="place_report_on_agenda")
    warning = lead_time_warning(congress, meeting, when)
    # The meetings app's own actions, taken by the same actor (office staff may take both): the item
    # goes after the last one, the document is checked as any other upload and released on schedule.
    item = meeting_actions.add_agenda_item(congress, meeting, actor=actor, kind=AgendaItem.Kind.REPORT,
                                           title=agenda_title(report))
    official = report_document(report)
    document = meeting_actions.publish_document(
        congress, meeting, actor=actor, title=report.title, file=ContentFile(to_pdf(official), name=filename(official, "pdf")),
        audience=Document.Audience.MEMBERS, release_at=when, agenda_item=item)
    report.agenda_item = item
    report.save(update_fields=["agenda_item"])
    activity.status = Activity.Status.ON_AGENDA
    activity.save(update_fields=["status"])
    if activity.plan_item_id:
        # The item's progress is derived from its activities (oversight.actions.plan); only the
        # session it goes to is recorded here.
        plan_item = PlanItem.objects.in_congress(congress).select_for_update().get(pk=activity.plan_item_id)
        plan_item.meeting = meeting
        plan_item.save(update_fields=["meeting"])
    audit.record(congress, actor, "place_report_on_agenda", report,
                 after={"meeting": meeting.title, "agenda_item": item.title, "release_at": str(when),
                        "warning": warning or ""})
    return Placement(report, item, document, [warning] if warning else [])

"""Oversight, part 1: the yearly oversight plan, and the surveys (专题调研), law-enforcement inspections
(执法检查) and inspection visits (视察) that carry it out, through to their report.

A report's problems and recommendations are records of their own (``Finding``), each with the site
and evidence it came from, so that review opinions and rectification lists (oversight part 2) are
built from them rather than retyped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel

if TYPE_CHECKING:
    from renda.questionnaires.models import Questionnaire


class Plan(TenantModel):
    """年度监督工作计划: drafted by the office, approved by the directors' meeting, published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草案"
        APPROVED = "approved", "主任会议已通过"
        PUBLISHED = "published", "已公布"

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_at_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+", verbose_name="审议通过的主任会议")
    approved_on = models.DateField("通过日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "年度监督工作计划"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["congress", "year"], name="oversight_plan_year_unique")]

    def __str__(self) -> str:
        return self.title


class PlanItem(TenantModel):
    class Kind(models.TextChoices):
        WORK_REPORT = "work_report", "听取审议专项工作报告"
        LAW_INSPECTION = "law_inspection", "执法检查"
        SURVEY = "survey", "专题调研"
        INQUIRY = "inquiry", "专题询问"
        VISIT = "visit", "视察"
        ENVIRONMENT = "environment", "环境状况和环境保护目标完成情况报告"
        RULE_OF_LAW = "rule_of_law", "法治政府建设情况报告"
        PLAN_EXECUTION = "plan_execution", "国民经济和社会发展计划执行情况"
        BUDGET = "budget", "预算执行情况"
        FINAL_ACCOUNTS = "final_accounts", "决算"
        AUDIT = "audit", "审计工作报告"
        STATE_ASSETS = "state_assets", "国有资产管理情况报告"
        DEBT = "debt", "政府债务管理情况报告"

    # Kinds carried out by a team in the field, through an ``Activity``.
    FIELD_KINDS = (Kind.LAW_INSPECTION, Kind.SURVEY, Kind.VISIT)

    class Status(models.TextChoices):
        PLANNED = "planned", "未开始"
        UNDER_WAY = "under_way", "正在开展"
        REPORTED = "reported", "报告已形成"
        ON_AGENDA = "on_agenda", "已提请审议"
        HEARD = "heard", "已审议"
        POSTPONED = "postponed", "推迟"
        CANCELLED = "cancelled", "取消"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    title = models.CharField("项目", max_length=200)
    body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name="报告机关")
    lead_committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                       verbose_name="牵头委员会")
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="分管领导")
    month = models.PositiveSmallIntegerField("安排月份")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="提请审议的常委会会议")
    session_note = models.CharField("拟提请审议的会议", max_length=60, blank=True)
    status = models.CharField("进展", max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "监督计划项目"
        ordering = ["plan", "month", "order", "id"]

    def __str__(self) -> str:
        return self.title


class PlanItemCommittee(TenantModel):
    """A co-committee (协助委员会) of a plan item."""

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="co_committees")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "item", "organisation"],
                                               name="plan_item_committee_once")]


class Activity(TenantModel):
    """A survey, a law-enforcement inspection or an inspection visit, carried out by a team.

    A joint activity with the congress one level up or down (``partner``) is held once, recorded in
    the host congress, and listed in both congresses' plans (``oversight.queries.joint_activities``)."""

    class Kind(models.TextChoices):
        SURVEY = "survey", "专题调研"
        LAW_INSPECTION = "law_inspection", "执法检查"
        VISIT = "visit", "视察"
        LEGISLATIVE_RESEARCH = "law_research", "立法调研"
        POST_ENACTMENT_REVIEW = "law_review", "立法后评估"

    class Status(models.TextChoices):
        PREPARING = "preparing", "筹备中"
        UNDER_WAY = "under_way", "正在开展"
        DRAFTING = "drafting", "起草报告"
        REPORTED = "reported", "报告已定稿"
        ON_AGENDA = "on_agenda", "已提请审议"

    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    title = models.CharField("题目", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    plan_item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="activities", verbose_name="监督计划项目")
    lead_committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="牵头委员会")
    organiser = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="组织单位（办公室或代表小组）")
    laws = models.JSONField("检查的法律法规", default=list, blank=True)  # 一法一条例: names, in order
    partner = models.ForeignKey("core.Congress", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="联动的人大")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PREPARING)
    # The plan document (调研方案/检查方案)
    goals = models.TextField("目的和重点", max_length=4000, blank=True)
    questions = models.TextField("调研（检查）提纲", max_length=4000, blank=True)
    starts_on = models.DateField("开始日期", null=True, blank=True)
    ends_on = models.DateField("结束日期", null=True, blank=True)
    questionnaires: models.ManyToManyField[Questionnaire, ActivityQuestionnaire] = models.ManyToManyField(
        "questionnaires.Questionnaire", through="ActivityQuestionnaire",
                                            related_name="+", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "调研检查视察"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["congress", "year", "kind"]), models.Index(fields=["partner", "year"])]

    def __str__(self) -> str:
        return self.title


class ActivityQuestionnaire(TenantModel):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="questionnaire_links")
    questionnaire = models.ForeignKey("questionnaires.Questionnaire", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "activity", "questionnaire"],
                                               name="activity_questionnaire_once")]


class TeamMember(TenantModel):
    class Role(models.TextChoices):
        LEADER = "leader", "组长"
        DEPUTY_LEADER = "deputy_leader", "副组长"
        MEMBER = "member", "成员"
        DEPUTY = "deputy", "受邀代表"
        EXPERT = "expert", "专家"
        STAFF = "staff", "工作人员"

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="team")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    role = models.CharField("在组内", max_length=14, choices=Role.choices)
    note = models.CharField("单位职务", max_length=100, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "组成人员"
        ordering = ["activity", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "activity", "person"], name="team_member_once")]


class ActivityCommittee(TenantModel):
    """A committee taking part: the lead committee is ``Activity.lead_committee``; these are the others."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="co_committees")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "activity", "organisation"],
                                               name="activity_committee_once")]


class Stop(TenantModel):
    """One site of the itinerary (行程): where, in which county, on which day."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="itinerary")
    day = models.DateField("日期")
    county = models.CharField("县（市、区）", max_length=40)
    site = models.CharField("地点", max_length=200)
    purpose = models.CharField("内容", max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "行程"
        ordering = ["day", "id"]


class Notice(TenantModel):
    """A notice to the team (通知) asking each member whether they will attend."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="notices")
    text = models.TextField("通知内容", max_length=4000)
    reply_by = models.DateField("回复截止", null=True, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "通知"
        ordering = ["-id"]


class NoticeReply(TenantModel):
    class Answer(models.TextChoices):
        PENDING = "pending", "未回复"
        ATTEND = "attend", "参加"
        ABSENT = "absent", "不参加"

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="replies")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField("回复", max_length=8, choices=Answer.choices, default=Answer.PENDING)
    reason = models.CharField("说明", max_length=200, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "notice", "person"], name="notice_reply_once")]


class Letter(TenantModel):
    """A letter to a unit asking for its self-inspection report (自查报告) by a date, and that report."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="letters")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    text = models.TextField("函件内容", max_length=4000)
    due_on = models.DateField("报送期限")
    sent_at = models.DateTimeField(auto_now_add=True)
    received_at = models.DateTimeField("收到自查报告", null=True, blank=True)
    self_report = models.FileField("自查报告", upload_to="oversight/%Y/", blank=True)
    self_report_name = models.CharField(max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "函件"
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "activity", "unit"], name="letter_per_unit")]


class SiteVisit(TenantModel):
    """A site visited (实地察看): place, date, who went, what was seen, photos."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="site_visits")
    stop = models.ForeignKey(Stop, on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    day = models.DateField("日期")
    county = models.CharField("县（市、区）", max_length=40)
    place = models.CharField("地点", max_length=200)
    observations = models.TextField("察看情况", max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "实地察看"
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.day} {self.county}{self.place}"


class SiteVisitor(TenantModel):
    visit = models.ForeignKey(SiteVisit, on_delete=models.PROTECT, related_name="visitors")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "visit", "person"], name="site_visitor_once")]


class Photo(TenantModel):
    visit = models.ForeignKey(SiteVisit, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField("照片", upload_to="oversight/%Y/")
    caption = models.CharField("说明", max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["id"]


class Symposium(TenantModel):
    """座谈会: the units report, people speak."""

    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="symposia")
    day = models.DateField("日期")
    place = models.CharField("地点", max_length=200)
    topic = models.CharField("主题", max_length=200)
    summary = models.TextField("会议情况", max_length=4000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "座谈会"
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return self.topic


class SymposiumReport(TenantModel):
    """A unit's report (汇报材料) at a symposium."""

    symposium = models.ForeignKey(Symposium, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="单位")
    title = models.CharField("标题", max_length=200)
    file = models.FileField("文件", upload_to="oversight/%Y/")

    class Meta(TenantModel.Meta):
        ordering = ["id"]


class Speech(TenantModel):
    """A speaker at a symposium: a person on record, or a name and unit typed in."""

    symposium = models.ForeignKey(Symposium, on_delete=models.PROTECT, related_name="speeches")
    order = models.PositiveSmallIntegerField("顺序")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    speaker = models.CharField("发言人", max_length=60)
    affiliation = models.CharField("单位职务", max_length=100, blank=True)
    summary = models.TextField("发言要点", max_length=4000)

    class Meta(TenantModel.Meta):
        ordering = ["order", "id"]


class Report(TenantModel):
    """调研报告 / 执法检查报告 / 视察报告, in the journal's structure: 基本情况 · 存在的问题 · 意见建议.

    The situation is text; problems and recommendations are ``Finding`` rows. Each saved version keeps
    a copy of all three; ``figures`` are named numbers the text quotes as ``{{key}}``."""

    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        FINAL = "final", "已定稿"

    activity = models.OneToOneField(Activity, on_delete=models.PROTECT, related_name="report")
    title = models.CharField("报告标题", max_length=200)
    situation = models.TextField("基本情况", max_length=20000, blank=True)
    closing = models.TextField("结语", max_length=4000, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFTING)
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="会议议程")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "调研检查报告"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class ReportVersion(TenantModel):
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("稿次")
    content = models.JSONField("内容")  # {"title", "situation", "problems": [...], "recommendations": [...], "closing"}
    note = models.CharField("修改说明", max_length=300, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["congress", "report", "number"], name="report_version_once")]


class ReportComment(TenantModel):
    """A team member's comment on a version of the draft (修改意见)."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="comments")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    finding = models.ForeignKey("Finding", on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    text = models.TextField("意见", max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField("已处理", default=False)

    class Meta(TenantModel.Meta):
        ordering = ["id"]


class Finding(TenantModel):
    """A problem found (存在的问题) or a recommendation made (意见建议), with where it came from."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", "存在的问题"
        RECOMMENDATION = "recommendation", "意见建议"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    order = models.PositiveSmallIntegerField("序号")
    heading = models.CharField("标题", max_length=200)
    text = models.TextField("内容", max_length=4000, blank=True)
    site_visit = models.ForeignKey(SiteVisit, on_delete=models.PROTECT, null=True, blank=True, related_name="findings",
                                   verbose_name="来源（实地察看）")
    symposium = models.ForeignKey(Symposium, on_delete=models.PROTECT, null=True, blank=True, related_name="findings",
                                  verbose_name="来源（座谈会）")
    evidence = models.CharField("依据", max_length=500, blank=True)
    addresses = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="answered_by",
                                  verbose_name="针对的问题")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="责任单位")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "问题和建议"
        ordering = ["report", "kind", "order", "id"]


class Figure(TenantModel):
    """A number the report quotes. Typed, or pulled from the activity's records (``source``); a total,
    difference, ratio or percentage names its parts, and ``oversight.arithmetic`` checks it."""

    class Kind(models.TextChoices):
        VALUE = "value", "数值"
        SUM = "sum", "合计"
        DIFFERENCE = "difference", "差"
        RATIO = "ratio", "比值"
        PERCENT = "percent", "百分比"

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="figures")
    key = models.CharField("代号", max_length=30)
    label = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.VALUE)
    value = models.CharField("报告中的数字", max_length=30)  # as printed: "2852", "85.92"
    unit = models.CharField("单位", max_length=12, blank=True)
    parts = models.JSONField("组成", default=list, blank=True)  # keys of other figures, or numbers as strings
    source = models.JSONField("来源", default=dict, blank=True)  # {"kind": "questionnaire_choice", ...}

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "报告数据"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "report", "key"], name="figure_key_unique")]

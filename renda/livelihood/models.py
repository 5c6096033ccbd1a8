"""Livelihood projects chosen by deputies' vote (民生实事项目票决制): a yearly call for proposals,
screening through the congress's review stages, a candidate list, the plenary vote (on the voting
engine), supervision by deputy groups and the year-end evaluation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Call(TenantModel):
    class Status(models.TextChoices):
        COLLECTING = "collecting", "征集中"
        SCREENING = "screening", "筛选中"
        CANDIDATES = "candidates", "候选项目已确定"
        VOTING = "voting", "票决中"
        DECIDING = "deciding", "待主席团决定"
        CHOSEN = "chosen", "已票决"

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    opens_on = models.DateField("征集开始")
    closes_on = models.DateField("征集截止")
    to_choose = models.PositiveSmallIntegerField("拟票决项目数")
    stages = models.JSONField("审查环节", default=list)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.COLLECTING)
    vote = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    presidium_note = models.CharField("主席团决定", max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "民生实事项目征集"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class Proposal(TenantModel):
    class Source(models.TextChoices):
        PUBLIC = "public", "群众"
        DEPUTY = "deputy", "代表"
        DEPARTMENT = "department", "部门"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "审查中"
        MERGED = "merged", "已合并"
        DROPPED = "dropped", "未入选"
        CANDIDATE = "candidate", "候选项目"
        CHOSEN = "chosen", "票决通过"
        NOT_CHOSEN = "not_chosen", "未票决通过"

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField("项目名称", max_length=100)
    description = models.TextField("项目内容", max_length=4000)
    place = models.CharField("实施地点", max_length=100, blank=True)
    beneficiaries = models.CharField("受益群众", max_length=200, blank=True)
    estimated_cost = models.DecimalField("估算投资（万元）", max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    proposer_name = models.CharField("建议人", max_length=200, blank=True)
    proposer_contact = models.CharField("联系方式", max_length=60, blank=True)
    department = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="提出部门")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged")
    stage = models.PositiveSmallIntegerField("已通过的审查环节数", default=0)
    drop_reason = models.CharField("未入选理由", max_length=300, blank=True)
    feasibility = models.JSONField("可行性审查", default=dict)
    candidate = models.OneToOneField("voting.Candidate", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    # Once chosen: supervision
    lead_unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="牵头单位")
    budget = models.DecimalField("预算（万元）", max_digits=12, decimal_places=2, null=True, blank=True)
    evaluation = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    leader_in_charge = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+", verbose_name="包联领导")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "民生实事项目建议"
        ordering = ["id"]
        indexes = [models.Index(fields=["congress", "call", "status"])]

    def __str__(self) -> str:
        return self.title


class Proposer(TenantModel):
    """A deputy who proposed (or co-proposed, after a merge) a project."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="proposers")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "proposal", "person"], name="proposer_once")]


class ScreeningDecision(TenantModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    stage_index = models.PositiveSmallIntegerField()
    stage = models.CharField("审查环节", max_length=60)
    passed = models.BooleanField("通过")
    reason = models.CharField("理由", max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["stage_index", "id"]


class Watch(TenantModel):
    """A deputy group assigned to watch a chosen project (every project has at least one)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="watches")
    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["congress", "proposal", "group"], name="watch_once")]


class Milestone(TenantModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField("节点", max_length=100)
    due_on = models.DateField("计划完成")
    done_on = models.DateField("实际完成", null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["due_on", "id"]


class ProgressReport(TenantModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="reports")
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.CharField("进展情况", max_length=1000)
    spent = models.DecimalField("本次支出（万元）", max_digits=12, decimal_places=2, default=0)
    photo = models.FileField("照片", upload_to="livelihood/%Y/", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["-id"]


class Inspection(TenantModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="inspections")
    class Mode(models.TextChoices):
        GROUP = "group", "代表小组视察"
        DIRECTOR_LED = "director_led", "主任领衔督办"
        JOINT = "joint", "联合视察"

    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="代表小组")
    mode = models.CharField("监督方式", max_length=14, choices=Mode.choices, default=Mode.GROUP)
    led_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="领衔的主任（副主任）")
    on = models.DateField("视察日期")
    notes = models.CharField("视察情况", max_length=1000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["-on", "-id"]


class Ranking(TenantModel):
    """The year-end ranking of the projects and their lead units, decided by the directors' meeting
    and approved by the body above (e.g. the county party committee); both decisions on record."""

    class Status(models.TextChoices):
        DECIDED = "decided", "主任会议已确定"
        APPROVED = "approved", "已报经同意"

    call = models.OneToOneField(Call, on_delete=models.PROTECT, related_name="ranking")
    rows = models.JSONField("排名")  # [{"rank", "proposal", "title", "lead_unit", "score", "grade"}], as decided
    decided_at_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                           verbose_name="确定排名的主任会议")
    decided_on = models.DateField("确定日期")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DECIDED)
    approved_by = models.CharField("审核同意的机关", max_length=100, blank=True)
    approved_on = models.DateField("同意日期", null=True, blank=True)
    approval_reference = models.CharField("同意文件", max_length=100, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "年度考评排名"


class CommendationBatch(TenantModel):
    """A batch of commendations (表扬通报): units, people or projects commended together."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="commendation_batches")
    title = models.CharField("通报名称", max_length=200)
    number = models.CharField("文号", max_length=60, blank=True)
    decided_at_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                           related_name="+", verbose_name="决定的会议")
    issued_on = models.DateField("印发日期")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "表扬通报"
        ordering = ["-issued_on", "-id"]


class Commendation(TenantModel):
    batch = models.ForeignKey(CommendationBatch, on_delete=models.PROTECT, related_name="entries")
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="单位")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="个人")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="项目")
    reason = models.CharField("事迹", max_length=300)

    class Meta(TenantModel.Meta):
        ordering = ["batch", "id"]


class AccountabilityCase(TenantModel):
    """督查问责 of a unit that failed a livelihood project or a suggestion, step by step:
    调查核实 → 征求意见 → 提请审核 → 上级同意 → 督查问责, each step with its record."""

    class Status(models.TextChoices):
        VERIFYING = "verifying", "调查核实"
        CONSULTING = "consulting", "征求意见"
        SUBMITTED = "submitted", "提请审核"
        APPROVED = "approved", "上级已同意"
        HELD_ACCOUNTABLE = "held_accountable", "已督查问责"
        DROPPED = "dropped", "不予问责"

    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="被问责单位")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="民生实事项目")
    suggestion = models.ForeignKey("proposals.Suggestion", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="代表建议")
    reason = models.TextField("问责事由", max_length=4000)
    status = models.CharField("状态", max_length=18, choices=Status.choices, default=Status.VERIFYING)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_on = models.DateField("启动日期")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "督查问责"
        ordering = ["-id"]


class AccountabilityStep(TenantModel):
    """The record of one step: what was found, whose opinion was sought, what was decided."""

    case = models.ForeignKey(AccountabilityCase, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField("环节", max_length=18, choices=AccountabilityCase.Status.choices)
    text = models.TextField("情况", max_length=4000)
    document = models.FileField("材料", upload_to="livelihood/accountability/%Y/", blank=True)
    on = models.DateField("日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        ordering = ["case", "on", "id"]

"""The term's legislative programme (立法规划), the yearly plan (年度立法计划) with its items by
status, proposals for items (立项), legislative research and post-enactment review (both on the
oversight survey machinery).

A plan (``LegislativePlan``) is drafted by the office and adopted at a meeting (the directors'
meeting or a standing-committee session); once adopted it is public. Its items (``PlanItem``) are
正式项目 (to be submitted for reading this year or term), 预备项目 (to be submitted when ready) or
调研项目 (to be researched); an item moves between them with a reason, each move kept as a
``PlanItemMove``. Once drafting starts the item names its bill (``legislation.Bill``), whose
status says how far it has come.

A proposal (``Proposal``, 立项建议/立项申请) comes from a body, a deputy or the public, with its
argument (立项论证); the office accepts it into a plan (making an item) or declines it with a
reason, which the proposer sees.

Legislative research (立法调研) and post-enactment review (立法后评估) are oversight activities
(``oversight.Activity`` of kind 立法调研/立法后评估: team, itinerary, site visits, symposia,
questionnaires, report); ``LegislativeResearch`` and ``PostEnactmentReview`` only tie one to its
plan item or bill, or to its law."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel
from renda.liaison import codes


def new_reference_code() -> str:
    """Eleven digits with a check digit, as the public intake's tracking codes (liaison.codes)."""
    return codes.new_code()


class LegislativePlan(TenantModel):
    class Kind(models.TextChoices):
        PROGRAMME = "programme", "立法规划"
        YEARLY = "yearly", "年度立法计划"

    class Status(models.TextChoices):
        DRAFT = "draft", "草案"
        ADOPTED = "adopted", "已通过"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="届次")
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.DRAFT)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="通过的会议")
    adopted_on = models.DateField("通过日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立法规划和计划"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "year"], condition=models.Q(kind="yearly"),
                                    name="legislative_plan_one_per_year"),
            models.UniqueConstraint(fields=["congress", "term"], condition=models.Q(kind="programme"),
                                    name="legislative_programme_one_per_term"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanItem(TenantModel):
    class Status(models.TextChoices):
        FORMAL = "formal", "正式项目"
        PREPARATORY = "preparatory", "预备项目"
        RESEARCH = "research", "调研项目"

    plan = models.ForeignKey(LegislativePlan, on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("项目名称", max_length=200)
    status = models.CharField("类别", max_length=12, choices=Status.choices)
    purpose = models.CharField("立法形式", max_length=10, default="new",
                               choices=[("new", "制定"), ("amendment", "修改"), ("repeal", "废止")])
    law = models.ForeignKey("legislation.Law", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            verbose_name="修改或废止的法规")
    drafting_body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="起草单位")
    committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="牵头委员会")
    # [{"reading": "一审", "month": "2026-03", "meeting_id": 12 or null}], in order
    planned_readings = models.JSONField("计划审议安排", default=list, blank=True)
    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="法规案")
    placed_on = models.DateField("列入计划日期", null=True, blank=True)
    notes = models.TextField("备注", max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立法计划项目"
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "plan", "bill"], name="plan_item_bill_once")]

    def __str__(self) -> str:
        return self.title


class PlanItemMove(TenantModel):
    """An item moved between 正式、预备、调研 (e.g. 预备 → 正式), with the reason and the day."""

    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, related_name="moves")
    from_status = models.CharField("原类别", max_length=12, choices=PlanItem.Status.choices)
    to_status = models.CharField("调整为", max_length=12, choices=PlanItem.Status.choices)
    on = models.DateField("调整日期")
    reason = models.CharField("调整理由", max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "项目类别调整"
        ordering = ["item", "at", "id"]


class Proposal(TenantModel):
    """A proposal for a plan item (立项建议/立项申请) and the office's decision on it."""

    class Source(models.TextChoices):
        BODY = "body", "机关、委员会"
        DEPUTY = "deputy", "人大代表"
        PUBLIC = "public", "社会公众"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待研究"
        ACCEPTED = "accepted", "已列入计划"
        DECLINED = "declined", "不予立项"

    source = models.CharField("来源", max_length=8, choices=Source.choices)
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="提出单位")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="提出代表")
    suggestion = models.ForeignKey("proposals.Suggestion", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="所依据的议案、建议")
    name = models.CharField("提出人", max_length=60, blank=True)  # the public's name as given
    contact = models.CharField("联系方式", max_length=60, blank=True)
    reference_code = models.CharField("查询码", max_length=12, default=new_reference_code)
    year = models.PositiveSmallIntegerField("建议列入年度", null=True, blank=True)
    title = models.CharField("法规名称", max_length=200)
    necessity = models.TextField("立法的必要性", max_length=4000)
    feasibility = models.TextField("可行性", max_length=4000, blank=True)
    main_content = models.TextField("主要内容", max_length=8000, blank=True)
    legal_basis = models.TextField("立法依据", max_length=4000, blank=True)
    status = models.CharField("处理情况", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals",
                             verbose_name="列入的计划项目")
    reason = models.TextField("理由", max_length=2000, blank=True)
    decided_on = models.DateField("处理日期", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立项建议"
        ordering = ["-submitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "reference_code"],
                                               name="legislative_proposal_reference")]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer(self) -> str:
        if self.source == self.Source.BODY and self.organisation is not None:
            return self.organisation.name
        if self.source == self.Source.DEPUTY and self.person is not None:
            return f"{self.person.name}代表"
        return self.name or "社会公众"

    def reference_code_display(self) -> str:
        return codes.display(self.reference_code)


class LegislativeResearch(TenantModel):
    """A 立法调研 (an oversight activity) for a plan item or a bill."""

    activity = models.OneToOneField("oversight.Activity", on_delete=models.PROTECT, related_name="legislative_research")
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, null=True, blank=True, related_name="research")
    bill = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立法调研"
        ordering = ["-id"]


class PostEnactmentReview(TenantModel):
    """A 立法后评估 or implementation survey (an oversight activity) of a law in force; the amendment
    bill its findings led to, once there is one."""

    activity = models.OneToOneField("oversight.Activity", on_delete=models.PROTECT, related_name="enactment_review")
    law = models.ForeignKey("legislation.Law", on_delete=models.PROTECT, related_name="+")
    amendment = models.ForeignKey("legislation.Bill", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="据评估提出的修改法规案")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "立法后评估"
        ordering = ["-id"]

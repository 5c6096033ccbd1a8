"""Local legislation as text with structure: a bill (法规案) and its versions (草案, 修改稿, 表决稿),
each version's provisions (章/节/条/款/项/目) as rows, and the law in force (法规) with the revisions
that made it.

A ``Provision`` carries a ``key`` that stays the same when a version is derived from another, so
two versions compare article by article even when articles are moved or renumbered; a provision
first written in a version gets a new key. ``number`` is the number the text shows (第五条 → 5):
articles are numbered through the whole text, chapters through the text, sections within their
chapter, paragraphs within their article, items within their paragraph, sub-items within their item.

A law's consolidated text (现行文本) is the enacted version of its latest revision; an amendment or
repeal bill (``Bill.purpose``) names the law and starts from that text."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Law(TenantModel):
    """A local regulation or a standing committee's own rules (议事规则 and the like) once enacted."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", "地方性法规"
        RULES = "rules", "常委会议事规则等规范"

    class Status(models.TextChoices):
        NOT_YET_IN_FORCE = "not_yet_in_force", "尚未施行"
        IN_FORCE = "in_force", "现行有效"
        REPEALED = "repealed", "已废止"

    title = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.REGULATION)
    status = models.CharField("效力", max_length=18, choices=Status.choices, default=Status.NOT_YET_IN_FORCE)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规"
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Bill(TenantModel):
    """A 法规案: a new law, an amendment or a repeal, from drafting to promulgation.

    Its status moves only through ``legislation.workflows.BILL_WORKFLOW``."""

    class Purpose(models.TextChoices):
        NEW = "new", "制定"
        AMENDMENT = "amendment", "修改"
        REPEAL = "repeal", "废止"

    class Status(models.TextChoices):
        DRAFTING = "drafting", "起草中"
        SUBMITTED = "submitted", "已提请审议"
        UNDER_DELIBERATION = "under_deliberation", "审议中"
        PASSED = "passed", "已表决通过"
        FAILED = "failed", "表决未通过"
        AWAITING_APPROVAL = "awaiting_approval", "报请批准中"
        APPROVED = "approved", "已批准"
        NOT_APPROVED = "not_approved", "未获批准"
        PROMULGATED = "promulgated", "已公布"
        ENDED = "ended", "终止审议"
        WITHDRAWN = "withdrawn", "已撤回"

    title = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=Law.Kind.choices, default=Law.Kind.REGULATION)
    purpose = models.CharField("立法形式", max_length=10, choices=Purpose.choices, default=Purpose.NEW)
    law = models.ForeignKey(Law, on_delete=models.PROTECT, null=True, blank=True, related_name="bills",
                            verbose_name="修改或废止的法规")
    proposer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="提请机关")
    drafting_body = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="起草单位")
    committee = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name="负责初审的委员会")
    readings_required = models.PositiveSmallIntegerField("审议次数", default=3)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFTING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["congress", "status"])]

    def __str__(self) -> str:
        return self.title


class BillVersion(TenantModel):
    """One text of a bill, numbered in order: 草案, 修改稿 (one or more), 表决稿; kept for ever."""

    class Stage(models.TextChoices):
        DRAFT = "draft", "草案"
        REVISION = "revision", "修改稿"
        FINAL = "final", "表决稿"
        ENACTED = "enacted", "通过文本"

    bill = models.ForeignKey(Bill, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("序号")
    stage = models.CharField("稿别", max_length=10, choices=Stage.choices, default=Stage.DRAFT)
    label = models.CharField("版本名称", max_length=100, blank=True, help_text="如：草案（征求意见稿）、草案修改稿")
    explanation = models.TextField("说明", max_length=40000, blank=True)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name="据以修改的版本")
    # Set once the text is opened for comment or put on an agenda (``queries.freeze_version``); a
    # version with a later version is frozen too. A frozen text is never edited again.
    frozen = models.BooleanField("已定稿", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规案文本"
        ordering = ["bill", "number"]
        constraints = [models.UniqueConstraint(fields=["bill", "number"], name="bill_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.bill.title}（{self.label or self.get_stage_display()}）"


class Provision(TenantModel):
    """A chapter, section, article, paragraph, item or sub-item of one version, in document order."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", "章"
        SECTION = "section", "节"
        ARTICLE = "article", "条"
        PARAGRAPH = "paragraph", "款"
        ITEM = "item", "项"
        SUBITEM = "subitem", "目"

    version = models.ForeignKey(BillVersion, on_delete=models.CASCADE, related_name="provisions")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    kind = models.CharField("层级", max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField("序号")
    heading = models.CharField("标题", max_length=200, blank=True)  # 章名、节名
    text = models.TextField("正文", max_length=8000, blank=True)
    position = models.PositiveIntegerField("位置")  # order in the whole version
    key = models.CharField("跨版本标识", max_length=32, db_index=True)
    eid = models.CharField("Akoma Ntoso eId", max_length=100)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "条文"
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="provision_position_unique")]
        indexes = [models.Index(fields=["version", "kind", "number"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def label(self) -> str:
        """第五条, 第二章, 第一节, （三）, 2."""
        from renda.legislation.text import Node

        return Node(self.kind, self.number).label


class LawRevision(TenantModel):
    """One enactment of a law: its first making or an amendment, with its dates and announcement."""

    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="revisions")
    bill = models.OneToOneField(Bill, on_delete=models.PROTECT, related_name="revision")
    version = models.ForeignKey(BillVersion, on_delete=models.PROTECT, related_name="+",
                                verbose_name="通过文本（修改后为现行文本）")
    passed_on = models.DateField("通过日期")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    announcement_number = models.CharField("公告号", max_length=60, blank=True)
    announced_on = models.DateField("公布日期", null=True, blank=True)
    in_force_on = models.DateField("施行日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "法规制定和修改"
        ordering = ["law", "passed_on", "id"]

    def __str__(self) -> str:
        return f"{self.law.title}（{self.passed_on}）"


class CrossReference(TenantModel):
    """A 转致: an article's text citing another article of the same version (“依照本条例第五十四条第二款”).

    Found by ``legislation.references`` each time a version's provisions are written; ``target_key``
    is the cited article's key, so an edit that renumbers articles rewrites the citing text."""

    version = models.ForeignKey(BillVersion, on_delete=models.CASCADE, related_name="references")
    source = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="references_made",
                               verbose_name="引用的条文")
    target = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="references_received",
                               verbose_name="被引用的条")
    target_key = models.CharField("被引用条的跨版本标识", max_length=32)
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)
    cited_as = models.CharField("引用文字", max_length=60)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "条文引用（转致）"
        ordering = ["version", "source__position", "id"]

    def __str__(self) -> str:
        return self.cited_as

"""代表小组: deputies grouped by area or by field, across levels.

A group is a ``people.Organisation`` of kind DEPUTY_GROUP (so activities, livelihood supervision and
the deputies list keep pointing at one row); what this app adds is the group's basis and where it
meets (``GroupProfile``), its members of any level of this congress's area (``GroupMember``: a county
group may hold city and provincial deputies living there), its yearly plan (``GroupPlan`` and its
items) and the rectification items it follows (``GroupWatch``). The livelihood projects it watches
are livelihood's own ``Watch`` rows, read and written here through that table.

For this congress's own deputies ``Mandate.deputy_group`` is kept equal to their area group by the
same actions that write ``GroupMember`` (other apps read the mandate's field).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class GroupProfile(TenantModel):
    class Basis(models.TextChoices):
        AREA = "area", "按区域划分"
        FIELD = "field", "按专业（领域）划分"

    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name="代表小组")
    basis = models.CharField("划分方式", max_length=8, choices=Basis.choices, default=Basis.AREA)
    scope = models.CharField("区域或专业领域", max_length=100, help_text="例如：城关镇；或：教育卫生")
    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="活动阵地（联络站）")
    description = models.TextField("说明", max_length=2000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表小组信息"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "group"], name="group_profile_once")]


class GroupMember(TenantModel):
    """A deputy in a group, from one date to another. ``as_deputy_of`` is the congress whose deputy
    they are: this congress, one above it or one below it in its area."""

    class Post(models.TextChoices):
        LEADER = "组长", "组长"
        DEPUTY_LEADER = "副组长", "副组长"
        MEMBER = "成员", "成员"

    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name="代表小组")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="代表")
    as_deputy_of = models.ForeignKey("core.Congress", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="代表所属人大")
    post = models.CharField("职务", max_length=4, choices=Post.choices, default=Post.MEMBER)
    start = models.DateField("加入日期")
    end = models.DateField("退出日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表小组成员"
        ordering = ["group", "id"]
        # Two people adding the same deputy at once: the second insert fails here.
        constraints = [models.UniqueConstraint(fields=["congress", "group", "person"], condition=models.Q(end__isnull=True),
                                               name="group_member_once")]
        indexes = [models.Index(fields=["congress", "group", "end"]), models.Index(fields=["congress", "person"])]


class GroupPlan(TenantModel):
    """A group's activity plan for a year (代表小组年度活动计划)."""

    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name="代表小组")
    year = models.PositiveSmallIntegerField("年度")
    adopted_on = models.DateField("通过日期")
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表小组年度计划"
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "group", "year"], name="group_plan_once")]


class GroupPlanItem(TenantModel):
    plan = models.ForeignKey(GroupPlan, on_delete=models.CASCADE, related_name="items")
    on = models.DateField("计划日期")
    kind = models.CharField("活动形式", max_length=20, help_text="例如：视察、调研、进站接待、学习")
    topic = models.CharField("主题", max_length=200)
    place = models.CharField("地点", max_length=100, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "年度计划活动"
        ordering = ["on", "id"]


class GroupWatch(TenantModel):
    """A rectification item (整改事项) the group follows. (Livelihood projects: livelihood.Watch.)"""

    group = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name="代表小组")
    rectification_item = models.ForeignKey("rectification.RectificationItem", on_delete=models.PROTECT,
                                           related_name="+", verbose_name="整改事项")
    since = models.DateField("开始跟踪日期")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "代表小组跟踪的整改事项"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "group", "rectification_item"],
                                               name="group_watch_once")]

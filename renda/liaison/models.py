"""Liaison with constituents: stations and their rota, receptions, concerns (群众诉求) handled by 三办
until the person's feedback, and "双联系" contact records.

A station is an ``people.Organisation`` of kind liaison station (address, deputies attached through
their mandates); ``StationProfile`` adds what the public and the rota need.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils import timezone

from renda.core.tenancy import TenantModel
from renda.liaison import codes


class StationProfile(TenantModel):
    station = models.OneToOneField("people.Organisation", on_delete=models.PROTECT, related_name="liaison_profile")
    area = models.CharField("所在旗县区", max_length=40, blank=True)
    opening_days = models.CharField("接待日", max_length=100, blank=True, help_text="例如：每月5日、15日、25日")
    phone = models.CharField("联系电话", max_length=40, blank=True)
    intake_open = models.BooleanField("接受网上诉求", default=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "联络站信息"

    def __str__(self) -> str:
        return str(self.station_id)


class CppccMember(TenantModel):
    """A CPPCC member (政协委员) who sits at this congress's stations beside deputies (两代表一委员之家).
    Their receptions count in the station's statistics, never in a deputy's record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    cppcc = models.CharField("所属政协", max_length=60, help_text="例如：市政协第十三届委员会")
    sector = models.CharField("界别", max_length=40, blank=True)
    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name="进驻联络站")
    active = models.BooleanField("在任", default=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "政协委员"
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["congress", "person"], name="cppcc_member_once")]

    def __str__(self) -> str:
        return f"{self.person.name}（政协委员）"


class RotaSlot(TenantModel):
    """A deputy — or a CPPCC member — sitting at a station on a day (代表进站接待排班)."""

    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    on = models.DateField("日期")
    mandate = models.ForeignKey("people.Mandate", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="代表")
    cppcc_member = models.ForeignKey(CppccMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name="政协委员")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "接待排班"
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "station", "on", "mandate"], name="rota_once"),
            models.UniqueConstraint(fields=["congress", "station", "on", "cppcc_member"], name="rota_cppcc_once"),
            models.CheckConstraint(condition=models.Q(mandate__isnull=True) ^ models.Q(cppcc_member__isnull=True),
                                   name="rota_deputy_or_cppcc"),
        ]
        indexes = [models.Index(fields=["congress", "station", "on"])]


class Reception(TenantModel):
    """A reception day at a station: who sat, how many came, and the concerns raised."""

    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("接待日期")
    deputies = models.ManyToManyField("people.Mandate", related_name="+", verbose_name="接待代表")
    cppcc_members = models.ManyToManyField(CppccMember, related_name="+", blank=True, verbose_name="接待政协委员")
    visitors = models.PositiveIntegerField("接待群众人数", default=0)
    notes = models.TextField("情况记录", max_length=5000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "接待活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["congress", "held_on", "station"])]


def new_tracking_code() -> str:
    """Eleven digits with a Damm check digit (see liaison.codes); the migrations name this function."""
    return codes.new_code()


class Concern(TenantModel):
    """A constituent's concern (群众诉求), followed by one of the three ways (三办) until the person's
    feedback. The person's name and contact are seen only by those handling it.

    The same workflow carries the opinion register (opinions app): points raised at leaders' visits and
    symposia, 代表直通车, tasks given at meetings, letters and visits (信访), and messages through a
    deputy's public page. Those have no station unless one is named; ``raised_by`` is the deputy or
    member the answer goes back to."""

    class Source(models.TextChoices):
        RECEPTION = "reception", "接待活动"
        ONLINE = "online", "扫码网上反映"
        STAFF = "staff", "工作人员登记"
        LEADERS_VISIT = "leaders_visit", "走访代表"
        SYMPOSIUM = "symposium", "座谈会"
        DIRECT_LINE = "direct_line", "代表直通车"
        MEETING_TASK = "meeting_task", "会议交办"
        PETITION = "petition", "信访"
        DEPUTY_PAGE = "deputy_page", "网上代表之家"

    # The sources of the opinion register, as against a station's own concerns.
    REGISTER_SOURCES = (Source.LEADERS_VISIT, Source.SYMPOSIUM, Source.DIRECT_LINE, Source.MEETING_TASK,
                        Source.PETITION)

    class Path(models.TextChoices):
        ON_THE_SPOT = "on_the_spot", "及时办"
        REFERRED = "referred", "上报办"
        TRACKED = "tracked", "跟踪办"

    class Status(models.TextChoices):
        RECEIVED = "received", "待分办"
        WITH_COMMITTEE = "with_committee", "村（社区）办理中"
        REFERRED = "referred", "承办单位办理中"
        TRACKING = "tracking", "代表跟踪办理中"
        SOLVED = "solved", "已当场解决"
        ANSWERED = "answered", "已答复"
        CLOSED = "closed", "已反馈办结"
        DISMISSED = "dismissed", "不予受理"

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASICALLY = "basically", "基本满意"
        DISSATISFIED = "dissatisfied", "不满意"

    # What the person sees: plain words, never the internal stages (待分办, 上报办).
    PUBLIC_STATUS = {
        Status.RECEIVED: "已收到", Status.WITH_COMMITTEE: "正在办理", Status.REFERRED: "正在办理",
        Status.TRACKING: "正在办理", Status.SOLVED: "已答复", Status.ANSWERED: "已答复", Status.CLOSED: "已办结",
        Status.DISMISSED: "不予受理",
    }

    OPEN = (Status.RECEIVED, Status.WITH_COMMITTEE, Status.REFERRED, Status.TRACKING, Status.SOLVED, Status.ANSWERED)

    station = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="联络站")
    reception = models.ForeignKey(Reception, on_delete=models.PROTECT, null=True, blank=True, related_name="concerns")
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    raised_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="提出人（代表、组成人员）")
    activity = models.ForeignKey("activities.Activity", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="opinions", verbose_name="来源活动")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="交办会议")
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged",
                                    verbose_name="合并到")
    tracking_code = models.CharField("查询码", max_length=12, default=new_tracking_code)
    raised_on = models.DateField("反映日期", default=timezone.localdate)
    anonymous = models.BooleanField("匿名", default=False)
    person_name = models.CharField("反映人", max_length=50, blank=True)
    person_contact = models.CharField("联系方式", max_length=60, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    category = models.CharField("类别", max_length=20)
    text = models.TextField("诉求内容", max_length=5000)
    path = models.CharField("办理方式", max_length=12, choices=Path.choices, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    responsible = models.ForeignKey("people.Mandate", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="负责代表")
    committee = models.CharField("村（居）委会", max_length=60, blank=True)
    unit = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="承办单位")
    step_owner = models.CharField("当前环节责任人", max_length=80, blank=True)
    due_on = models.DateField("当前环节期限", null=True, blank=True)
    answer = models.TextField("办理结果", max_length=5000, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    feedback_by_person = models.BooleanField("本人在线评价", default=False)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    late = models.BooleanField("曾逾期", default=False)
    suggestion = models.ForeignKey("proposals.Suggestion", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="concerns", verbose_name="转为代表建议")
    dismissed_reason = models.CharField("不予受理理由", max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "群众诉求"
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "tracking_code"], name="concern_tracking_code")]
        indexes = [
            models.Index(fields=["congress", "station", "status", "id"], name="concern_queue"),
            # Covers the yearly statistics: a year's range is counted from the index alone.
            models.Index(fields=["congress", "raised_on", "station", "status", "path", "late", "satisfaction", "due_on"],
                         name="concern_year"),
            models.Index(fields=["congress", "status", "due_on"], name="concern_due"),
            # The opinion register's few items among a million concerns (its inbox and overdue counts): the
            # planner cannot tell from concern_due's statistics that a source is rare, so the register has
            # an index of its own rows only, which the query's own ``source IN (…)`` term selects: the sources
            # are REGISTER_SOURCES, in their order (a Meta cannot read the class's names; a test holds them equal).
            models.Index(fields=["congress", "status", "due_on"], name="concern_register_due",
                         condition=models.Q(source__in=["leaders_visit", "symposium", "direct_line", "meeting_task",
                                                        "petition"])),
            # The office's inbox: the oldest awaiting triage first.
            models.Index(fields=["congress", "status", "raised_on"], name="concern_waiting"),
        ]

    def __str__(self) -> str:
        return f"{self.category}：{self.text[:20]}"

    @property
    def public_status(self) -> str:
        return self.PUBLIC_STATUS[self.Status(self.status)]

    @property
    def tracking_code_display(self) -> str:
        return codes.display(self.tracking_code)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.due_on is not None and self.due_on < today


class InConstants(models.Lookup):
    """``field__in_constants=[…]``: ``field IN ('a', 'b')`` with the values written into the statement as
    constants, for a partial index whose condition is that term. SQLite plans with a partial index only
    when it can read the term's values as it plans, and Django binds ``__in``'s values as parameters.
    Only for the code's own plain codes (checked), never for what a user typed."""

    lookup_name = "in_constants"
    prepare_rhs = False  # a list of codes, not one value of the field

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        values = [str(getattr(v, "value", v)) for v in self.rhs]
        if not values or not all(re.fullmatch(r"[a-z_]+", v) for v in values):
            raise ValueError(f"in_constants takes plain codes only: {values!r}")
        return f"{lhs} IN ({', '.join(repr(v) for v in values)})", params


Concern._meta.get_field("source").register_lookup(InConstants)


def register_items(concerns: models.QuerySet) -> models.QuerySet:
    """``concerns`` narrowed to the opinion register's items (Concern.REGISTER_SOURCES) by the term that
    the partial index concern_register_due is made for."""
    return concerns.filter(source__in_constants=Concern.REGISTER_SOURCES)


class ConcernPhoto(TenantModel):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField("照片", upload_to="concerns/%Y/%m/")
    content_type = models.CharField(max_length=20)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "诉求照片"


class ConcernStep(TenantModel):
    """The concern's history as the person and the handlers see it: each move, who took it, when."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Concern.Status.choices)
    note = models.CharField("说明", max_length=500, blank=True)
    public_note = models.CharField("对反映人公开的说明", max_length=500, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["congress", "concern", "id"])]


class ContactLink(TenantModel):
    """A standing "双联系" tie: a standing-committee member with a deputy, or a deputy with a constituent
    (a household, a village, a business) they keep in contact with."""

    class Kind(models.TextChoices):
        MEMBER_DEPUTY = "member_deputy", "常委会组成人员联系代表"
        DEPUTY_CONSTITUENT = "deputy_constituent", "代表联系群众"

    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    holder = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="联系人")
    deputy = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="联系代表")
    constituent = models.CharField("联系群众", max_length=80, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "双联系对象"
        indexes = [models.Index(fields=["congress", "holder"])]

    def __str__(self) -> str:
        return self.constituent or str(self.deputy_id)


class ContactRecord(TenantModel):
    """One contact: who, when, how, what was raised and what followed."""

    class How(models.TextChoices):
        VISIT = "visit", "走访"
        PHONE = "phone", "电话"
        MEETING = "meeting", "座谈"
        ONLINE = "online", "网络"

    link = models.ForeignKey(ContactLink, on_delete=models.PROTECT, related_name="records")
    on = models.DateField("日期")
    how = models.CharField("方式", max_length=10, choices=How.choices)
    raised = models.TextField("反映的问题", max_length=2000, blank=True)
    followed = models.TextField("后续办理", max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "双联系记录"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["congress", "link", "on"])]

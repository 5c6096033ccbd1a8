"""Meetings: plenary sessions, presidium, delegations, standing-committee and directors' meetings."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from renda.core.chinese import numeral
from renda.core.tenancy import TenantModel


class Meeting(TenantModel):
    class Kind(models.TextChoices):
        PLENARY = "plenary", "人民代表大会会议"
        PREPARATORY = "preparatory", "预备会议"
        PRESIDIUM = "presidium", "主席团会议"
        DELEGATION = "delegation", "代表团会议"
        SC_SESSION = "sc_session", "常务委员会会议"
        DIRECTORS = "directors", "主任会议"
        SYMPOSIUM = "symposium", "座谈会"
        PARTY_GROUP = "party_group", "党组会议"

    class Status(models.TextChoices):
        PLANNED = "planned", "筹备中"
        OPEN = "open", "进行中"
        CLOSED = "closed", "已闭会"

    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="+", verbose_name="届次")
    kind = models.CharField("会议类别", max_length=16, choices=Kind.choices)
    number = models.PositiveIntegerField("次数")
    starts_at = models.DateTimeField("开始时间")
    place = models.CharField("地点", max_length=100, blank=True)
    convener = models.CharField("召集人", max_length=100, blank=True)
    chair = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name="主持人")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name="组成人员所在机构")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PLANNED)
    allow_vote_change = models.BooleanField("表决结束前允许改票", default=False)
    filing_deadline = models.DateTimeField("代表提出议案、建议的截止时间", null=True, blank=True)
    sign_in_secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-starts_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["congress", "term", "kind", "number"],
                                               name="meeting_number_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """第五届人大常委会第二十一次会议, 示例市第五届人民代表大会第三次会议 …"""
        term, n = f"第{numeral(self.term.number)}届", numeral(self.number)
        place = self.congress.name.removesuffix("人民代表大会")
        K = Meeting.Kind
        if self.kind == K.DELEGATION:  # only a delegation's title reads its body (a query when not loaded)
            return f"{self.organisation.name if self.organisation else '代表团'}第{n}次会议"
        return {
            K.PLENARY: f"{place}{term}人民代表大会第{n}次会议",
            K.PREPARATORY: f"{place}{term}人民代表大会第{n}次会议预备会议",
            K.PRESIDIUM: f"{place}{term}人民代表大会第{n}次主席团会议",
            K.SC_SESSION: f"{place}{term}人大常委会第{n}次会议",
            K.DIRECTORS: f"{place}{term}人大常委会第{n}次主任会议",
            K.SYMPOSIUM: f"{place}人大常委会第{n}次座谈会",
            K.PARTY_GROUP: f"{place}人大常委会党组{term}第{n}次会议",
        }[Meeting.Kind(self.kind)]

    @property
    def is_plenary(self) -> bool:
        return self.kind in (Meeting.Kind.PLENARY, Meeting.Kind.PREPARATORY)


class RosterEntry(TenantModel):
    """One person expected at a meeting: a voting member, or a non-voting attendee (列席)."""

    class Attendance(models.TextChoices):
        EXPECTED = "expected", "未签到"
        PRESENT = "present", "出席"
        LEAVE = "leave", "请假"
        ABSENT = "absent", "缺席"

    class Method(models.TextChoices):
        DESK = "desk", "签到台"
        PHONE = "phone", "手机签到码"
        DEVICE = "device", "电子签到设备"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="roster", verbose_name="会议")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    voting = models.BooleanField("有表决权", default=True)
    post = models.CharField("列席身份", max_length=60, blank=True)
    attendance = models.CharField("出席情况", max_length=10, choices=Attendance.choices, default=Attendance.EXPECTED)
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    sign_in_method = models.CharField("签到方式", max_length=8, choices=Method.choices, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "会议名单"
        ordering = ["-voting", "id"]
        constraints = [models.UniqueConstraint(fields=["congress", "meeting", "person"], name="roster_person_unique")]
        indexes = [models.Index(fields=["congress", "meeting", "attendance"])]


class LeaveRequest(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending", "待批准"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="leave_requests")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("请假理由", max_length=200)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    filed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField("批示", max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "请假"
        ordering = ["id"]


class AgendaItem(TenantModel):
    class Kind(models.TextChoices):
        REPORT = "report", "听取和审议报告"
        DRAFT = "draft", "审议、表决法规或决定草案"
        APPOINTMENT = "appointment", "人事任免"
        ELECTION = "election", "选举"
        OATH = "oath", "宪法宣誓"
        DUTY_REPORT = "duty_report", "述职评议"
        OTHER = "other", "其他"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    order = models.PositiveSmallIntegerField("顺序")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    title = models.CharField("议题", max_length=200)
    # The schedule (日程): when the item is taken and who presents it (汇报人、说明人).
    scheduled_at = models.DateTimeField("日程时间", null=True, blank=True)
    presenter = models.CharField("汇报或说明人", max_length=100, blank=True)
    # What the meeting decided on the item (通过、原则通过、审议、不予通过…), once it has.
    outcome = models.CharField("审议结果", max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "议程"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Speech(TenantModel):
    """审议发言: what a member said on an agenda item — a short note taken down, or the speech's text
    uploaded. Review opinions are drafted from these (``oversight.OpinionPoint.speech``)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="speeches")
    speaker = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="发言人")
    text = models.TextField("发言要点", max_length=8000, blank=True)
    document = models.FileField("发言稿", upload_to="meeting-speeches/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "审议发言"
        ordering = ["agenda_item", "id"]


class Document(TenantModel):
    """A meeting document with its audience and release time: nobody in the audience before it,
    all of them after it."""

    class Audience(models.TextChoices):
        MEMBERS = "members", "组成人员"
        ATTENDEES = "attendees", "组成人员和列席人员"
        PUBLIC = "public", "公众"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="documents")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    title = models.CharField("标题", max_length=200)
    file = models.FileField("文件", upload_to="meeting-documents/%Y/")
    audience = models.CharField("阅读范围", max_length=10, choices=Audience.choices)
    release_at = models.DateTimeField("发布时间")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "会议文件"
        ordering = ["release_at", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentDownload(TenantModel):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "文件下载记录"

"""人事任免: the 任免案 naming persons and posts, the standing committee's vote on each person, the
任命书 or 免职通知, the posts that start or end, resignations, and the constitutional oath (宪法宣誓)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel
from renda.people.models import Membership

# 全国人民代表大会常务委员会关于实行宪法宣誓制度的决定（2018年修订）
OATH_TEXT = ("我宣誓：忠于中华人民共和国宪法，维护宪法权威，履行法定职责，忠于祖国、忠于人民，恪尽职守、廉洁奉公，"
             "接受人民监督，为建设富强民主文明和谐美丽的社会主义现代化强国努力奋斗！")


class AppointmentBill(TenantModel):
    """任免案: one proposing body's request that the standing committee appoint or remove persons."""

    class Proposer(models.TextChoices):
        GOVERNMENT = "government", "人民政府（市长）"
        COURT = "court", "人民法院（院长）"
        PROCURATORATE = "procuratorate", "人民检察院（检察长）"
        SUPERVISORY = "supervisory", "监察委员会（主任）"
        SC_CHAIR = "sc_chair", "常委会主任"
        DIRECTORS = "directors", "主任会议"

    class Status(models.TextChoices):
        DRAFT = "draft", "起草"
        SUBMITTED = "submitted", "已提请"
        VOTING = "voting", "表决中"
        DECIDED = "decided", "已决定"
        WITHDRAWN = "withdrawn", "已撤回"

    proposer = models.CharField("提请机关", max_length=16, choices=Proposer.choices)
    title = models.CharField("标题", max_length=200)
    letter = models.FileField("提请函", upload_to="appointments/%Y/", blank=True)
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="appointment_bills",
                                verbose_name="提请审议的常委会会议")
    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="议程")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="submitted_appointment_bills", verbose_name="提请的主任会议")
    submitted_on = models.DateField("提请日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    withdrawn_reason = models.CharField("撤回理由", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "任免案"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class Nominee(TenantModel):
    """One person and one post in a 任免案: appoint, remove or accept a resignation."""

    class Action(models.TextChoices):
        APPOINT = "appoint", "任命"
        REMOVE = "remove", "免去"
        ACCEPT_RESIGNATION = "accept_resignation", "接受辞职"
        DISMISS = "dismiss", "撤职"

    class Status(models.TextChoices):
        PENDING = "pending", "待表决"
        PASSED = "passed", "通过"
        FAILED = "failed", "未通过"

    bill = models.ForeignKey(AppointmentBill, on_delete=models.PROTECT, related_name="nominees", verbose_name="任免案")
    order = models.PositiveSmallIntegerField("序号", default=1)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员")
    action = models.CharField("任免事项", max_length=20, choices=Action.choices)
    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+",
                                     verbose_name="机构")
    post = models.CharField("职务", max_length=10, choices=Membership.Post.choices)
    education = models.CharField("学历", max_length=40, blank=True)
    resume = models.TextField("履历", blank=True)
    law_exam_score = models.PositiveSmallIntegerField("任前法律知识考试成绩", null=True, blank=True)
    statement = models.TextField("拟任职发言", blank=True)
    reason = models.CharField("免职或辞职理由", max_length=500, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    vote = models.OneToOneField("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name="表决")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="任职")
    document_year = models.PositiveSmallIntegerField("文书年份", null=True, blank=True)
    document_seq = models.PositiveIntegerField("文书序号", null=True, blank=True)
    document_number = models.CharField("文书编号", max_length=40, blank=True)
    issued_on = models.DateField("签发日期", null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "任免人员"
        ordering = ["bill", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "document_year", "document_seq"],
                                    name="appointment_document_number_unique"),
        ]
        indexes = [models.Index(fields=["congress", "person"])]

    def __str__(self) -> str:
        if self.action == Nominee.Action.APPOINT:
            return f"任命{self.person.name}为{self.organisation.name}{self.post}"
        if self.action == Nominee.Action.DISMISS:
            return f"撤销{self.person.name}的{self.organisation.name}{self.post}职务"
        return f"{self.get_action_display()}{self.person.name}的{self.organisation.name}{self.post}职务"

    @property
    def document_kind(self) -> str:
        kinds: dict[str, str] = {Nominee.Action.APPOINT: "任命书", Nominee.Action.DISMISS: "撤职通知"}
        return kinds.get(self.action, "免职通知")


class OathCeremony(TenantModel):
    """宪法宣誓仪式: at a meeting of the standing committee, led by one person, sworn by appointees."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name="会议")
    held_on = models.DateField("宣誓日期")
    leader = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="领誓人")
    presided_by = models.CharField("监誓人", max_length=50, blank=True)
    text = models.TextField("誓词", default=OATH_TEXT)
    attendance = models.PositiveIntegerField("出席人数", null=True, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "宪法宣誓仪式"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} 宪法宣誓仪式"


class OathTaker(TenantModel):
    """One appointee who swore, once."""

    ceremony = models.ForeignKey(OathCeremony, on_delete=models.PROTECT, related_name="takers", verbose_name="宣誓仪式")
    nominee = models.OneToOneField(Nominee, on_delete=models.PROTECT, related_name="oath", verbose_name="任命")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name="宣誓人")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "宣誓人"
        ordering = ["ceremony", "id"]

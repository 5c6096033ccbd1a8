"""The agenda chain of the standing committee: items proposed with their documents, the directors'
meeting's decision to submit them (提请常委会审议), the draft agenda and schedule it fixes for a session,
and the session's adoption of them by vote."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel
from renda.meetings.models import AgendaItem


class ProposedItem(TenantModel):
    """提请事项：an item proposed for a standing-committee session, with its documents."""

    class Proposer(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        COMMITTEE = "committee", "专门委员会或工作委员会"
        DIRECTORS = "directors", "主任会议"
        SUPERVISORY = "supervisory", "监察委员会"
        COURT = "court", "人民法院"
        PROCURATORATE = "procuratorate", "人民检察院"
        MEMBERS = "members", "常委会组成人员联名"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待主任会议研究"
        SUBMITTED = "submitted", "决定提请常委会审议"
        DECLINED = "declined", "决定不提请审议"
        SCHEDULED = "scheduled", "已列入议程草案"
        ADOPTED = "adopted", "已列入会议议程"

    title = models.CharField("议题", max_length=200)
    kind = models.CharField("类别", max_length=12, choices=AgendaItem.Kind.choices)
    proposer_kind = models.CharField("提请主体", max_length=14, choices=Proposer.choices)
    proposer = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name="提请机关")
    members = models.ManyToManyField("people.Person", blank=True, related_name="+", verbose_name="联名组成人员")
    presenter = models.CharField("汇报或说明人", max_length=100)
    summary = models.TextField("内容摘要", max_length=4000, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    directors_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name="研究的主任会议")
    decision_reason = models.CharField("不提请审议的理由", max_length=1000, blank=True)
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="proposed_item", verbose_name="会议议程")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "提请事项"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def proposer_name(self) -> str:
        if self.proposer_kind == self.Proposer.MEMBERS:
            names = "、".join(p.name for p in self.members.all())
            return f"常委会组成人员{names}联名"
        return self.proposer.name if self.proposer is not None else self.get_proposer_kind_display()


class ItemDocument(TenantModel):
    item = models.ForeignKey(ProposedItem, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField("标题", max_length=200)
    file = models.FileField("文件", upload_to="agenda-documents/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "提请事项文件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class DraftAgenda(TenantModel):
    """议程草案和日程草案 of one session, fixed by a directors' meeting; adopted by the session's vote."""

    class Status(models.TextChoices):
        FIXED = "fixed", "主任会议已确定"
        ADOPTED = "adopted", "会议已通过"

    session = models.OneToOneField("meetings.Meeting", on_delete=models.PROTECT, related_name="draft_agenda",
                                   verbose_name="常委会会议")
    directors_meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+",
                                          verbose_name="主任会议")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.FIXED)
    fixed_at = models.DateTimeField("确定时间")
    adopted_at = models.DateTimeField("通过时间", null=True, blank=True)
    vote = models.ForeignKey("voting.Vote", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name="议程表决")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "议程草案"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.session.title}议程（草案）"


class DraftEntry(TenantModel):
    draft = models.ForeignKey(DraftAgenda, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(ProposedItem, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField("顺序")
    scheduled_at = models.DateTimeField("日程时间", null=True, blank=True)
    presenter = models.CharField("汇报或说明人", max_length=100, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "议程草案条目"
        ordering = ["order", "id"]

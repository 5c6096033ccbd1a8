"""Votes: roll-call votes, elections with ballots, satisfaction evaluations; and the hash chain.

Secret ballots: ``BallotReceipt`` says that a member received and returned a ballot. While the
vote is open, what a ballot said is a ``SealedBallot``, sealed to a key only the tellers can rebuild
together (``voting/sealing.py``). At the close the tellers open them; what they said is written as
``SecretBallot`` rows in random order, with a random id, no member, no time and no sequence, and
the sealed ones are deleted. Only then do they enter the meeting's hash chain.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


class Vote(TenantModel):
    class Kind(models.TextChoices):
        ROLL_CALL = "roll_call", "表决"
        ELECTION = "election", "选举或任免"
        SATISFACTION = "satisfaction", "满意度测评"
        PROJECTS = "projects", "民生实事项目票决"

    class Status(models.TextChoices):
        DRAFT = "draft", "未开始"
        OPEN = "open", "投票中"
        CLOSED = "closed", "已结束"
        ANNOUNCED = "announced", "已宣布"

    class Post(models.TextChoices):
        TOP = "top", "正职（主任、市长等）"
        VICE = "vice", "副职（副主任、副市长等）"
        MEMBER = "member", "常委会委员"
        OTHER = "other", "其他（任免等）"

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="votes")
    agenda_item = models.ForeignKey("meetings.AgendaItem", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="votes")
    title = models.CharField("表决事项", max_length=200)
    kind = models.CharField("类别", max_length=14, choices=Kind.choices, default=Kind.ROLL_CALL)
    secret = models.BooleanField("无记名投票", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    paper = models.BooleanField("纸质选票", default=False)
    # Elections
    post = models.CharField("职务类别", max_length=8, choices=Post.choices, blank=True)
    seats = models.PositiveSmallIntegerField("应选人数", null=True, blank=True)
    round_number = models.PositiveSmallIntegerField("轮次", default=1)
    previous_round = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="next_round")
    # Snapshot at opening: the denominator of every threshold is ALL members, not those present.
    electorate = models.PositiveIntegerField("应到人数", null=True, blank=True)
    present_at_opening = models.PositiveIntegerField("开始时实到人数", null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField("结果", null=True, blank=True)
    # Electronic secret ballots: the public half of the vote's key, and how many tellers' slips open it.
    ballot_key = models.BinaryField(null=True, blank=True, editable=False)
    teller_quorum = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # The tellers' key slips, set by actions.open_vote for the one answer that shows them; never stored.
    teller_slips: list[str]

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "表决"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title if self.round_number == 1 else f"{self.title}（第{self.round_number}轮）"

    @property
    def uses_ballots(self) -> bool:
        return self.secret or self.kind in (Vote.Kind.ELECTION, Vote.Kind.SATISFACTION, Vote.Kind.PROJECTS)


class RollCallCast(TenantModel):
    """A recorded (not secret) vote of one member. One row per member and vote: the unique
    constraint is what makes a double tap or a network retry count once."""

    class Choice(models.TextChoices):
        YES = "yes", "赞成"
        NO = "no", "反对"
        ABSTAIN = "abstain", "弃权"

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="casts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("表决意见", max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "记名表决"
        constraints = [models.UniqueConstraint(fields=["congress", "vote", "person"], name="roll_call_once")]


class BallotReceipt(TenantModel):
    """That a member received a ballot and whether they returned it — never what it said."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="receipts")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    returned = models.BooleanField("已投", default=False)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "发票和投票记录"
        constraints = [models.UniqueConstraint(fields=["congress", "vote", "person"], name="ballot_receipt_once")]


class SealedBallot(TenantModel):
    """A ballot as cast while the vote is open: sealed to the vote's key, padded to a fixed length.
    Random id; no member, no time, no sequence. Deleted when the tellers open the ballots."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="+")
    sealed = models.BinaryField()

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "密封选票"


class SecretBallot(TenantModel):
    """What one ballot said. Random id; no member, no time, no sequence number."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField("选票内容")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "选票"


class Candidate(TenantModel):
    class Nominator(models.TextChoices):
        PRESIDIUM = "presidium", "主席团提名"
        DEPUTIES = "deputies", "代表联合提名"
        DIRECTORS = "directors", "主任会议提名"
        GOVERNMENT = "government", "有关机关提请"

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="candidates")
    name = models.CharField("姓名或项目名称", max_length=100)
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nominated_by = models.CharField("提名方式", max_length=12, choices=Nominator.choices)
    nominators = models.PositiveSmallIntegerField("联名人数", default=0)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "候选人"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PaperCount(TenantModel):
    """One counter's independent tally of the paper ballots; two must agree before a result stands."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="paper_counts")
    slot = models.PositiveSmallIntegerField("计票人", choices=[(1, "计票人一"), (2, "计票人二")])
    counter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    returned = models.PositiveIntegerField("收回票数")
    tally = models.JSONField("计票")

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "纸质计票"
        constraints = [models.UniqueConstraint(fields=["congress", "vote", "slot"], name="paper_count_slot")]


class ResultCorrection(TenantModel):
    """An announced result is never edited: a correction is a new record, audited and chained."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="corrections")
    reason = models.CharField("更正理由", max_length=300)
    before = models.JSONField()
    after = models.JSONField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "结果更正"


class ChainLink(TenantModel):
    """One link of a meeting's tamper-evident record: hash = sha256(prev_hash + canonical payload)."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=24)
    payload = models.JSONField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "防篡改链"
        ordering = ["meeting", "seq"]
        constraints = [models.UniqueConstraint(fields=["congress", "meeting", "seq"], name="chain_seq_unique")]

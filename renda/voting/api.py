from typing import Annotated, Any

from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.permissions import check_permission, may
from renda.meetings.models import AgendaItem
from renda.meetings.views import get_meeting_for_user
from renda.people.validation import INT_MAX
from renda.voting import actions, chain, intake
from renda.voting.models import Candidate, RollCallCast, Vote
from renda.voting.tally import live_tally, may_see_running_tally
from renda.voting.views import get_vote_for_user

router = Router(tags=["voting"])


class VoteOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(Vote.Kind)]
    secret: bool
    status: Annotated[str, OneOf(Vote.Status)]
    electorate: int | None
    present_at_opening: int | None
    seats: int | None
    round_number: int
    result: dict | None
    candidates: list[dict]


def _out(vote: Vote) -> dict:
    return {"id": vote.pk, "title": str(vote), "kind": vote.kind, "secret": vote.uses_ballots, "status": vote.status,
            "electorate": vote.electorate, "present_at_opening": vote.present_at_opening, "seats": vote.seats,
            "round_number": vote.round_number, "result": vote.result,
            "candidates": [{"id": c.pk, "name": c.name} for c in vote.candidates.all()]}


class VoteIn(In):
    title: Filled
    # Elections and project votes have operations of their own.
    kind: Annotated[str, OneOf([Vote.Kind.ROLL_CALL, Vote.Kind.SATISFACTION])] = Vote.Kind.ROLL_CALL
    secret: bool = False
    agenda_item_id: int | None = None  # the agenda item voted on (its outcome then names this vote)


@router.post("/meetings/{meeting_id}/votes", response={201: VoteOut}, summary="提请表决（可指明所表决的议程）")
@scoped
def create_vote(request, meeting_id: int, payload: VoteIn):
    meeting = get_meeting_for_user(request, meeting_id)
    item = one(AgendaItem.objects.in_congress(request.congress).filter(meeting=meeting), payload.agenda_item_id,
               "agenda_item_id", "本次会议的议程")
    vote = actions.create_vote(request.congress, meeting, actor=request.user, title=payload.title, kind=payload.kind,
                               secret=payload.secret, agenda_item=item)
    return Status(201, _out(vote))


class CandidateIn(In):
    name: Filled
    nominated_by: Annotated[str, OneOf(Candidate.Nominator)] = Candidate.Nominator.PRESIDIUM
    nominators: int = Field(0, ge=0, le=32767)


class ElectionIn(In):
    title: Filled
    post: Annotated[str, OneOf(Vote.Post)]
    seats: int = Field(..., ge=1, le=actions.MAX_SEATS)
    candidates: list[CandidateIn]
    paper: bool = False


@router.post("/meetings/{meeting_id}/elections", response={201: VoteOut}, summary="设置选举或任免（无记名）")
@scoped
def setup_election(request, meeting_id: int, payload: ElectionIn):
    vote = actions.setup_election(request.congress, get_meeting_for_user(request, meeting_id), actor=request.user,
                                  title=payload.title, post=payload.post, seats=payload.seats, paper=payload.paper,
                                  candidates=[c.dict() for c in payload.candidates])
    return Status(201, _out(vote))


@router.get("/votes/{vote_id}", response=VoteOut, summary="一项表决")
@scoped
def get_vote(request, vote_id: int):
    vote = get_vote_for_user(request, vote_id)
    out = _out(vote)
    if vote.status != Vote.Status.ANNOUNCED and not may(request.user, request.congress, "open_vote"):
        out["result"] = None  # counted, not yet announced: the staff's to check, no one else's
    return out


class OpenedOut(VoteOut):
    teller_quorum: int | None
    teller_keys: list[str]


@router.post("/votes/{vote_id}/open", response=OpenedOut, summary="开始表决（不足法定人数则拒绝）",
             description="电子无记名投票：响应中的 teller_keys 是监票人密钥条，只在此时返回一次、系统不保存，"
                         "须分别交给监票人；结束表决时须提交其中 teller_quorum 张。")
@scoped
def open_vote(request, vote_id: int):
    vote = actions.open_vote(request.congress, get_vote_for_user(request, vote_id), actor=request.user)
    return {**_out(vote), "teller_quorum": vote.teller_quorum, "teller_keys": vote.teller_slips}


class CloseIn(In):
    teller_keys: list[str] = []


@router.post("/votes/{vote_id}/close", response=VoteOut, summary="结束表决并计票",
             description="电子无记名投票须在 teller_keys 中提交开始表决时发给监票人的密钥条（至少 teller_quorum 张）。")
@scoped
def close_vote(request, vote_id: int, payload: CloseIn | None = None):
    return _out(actions.close_vote(request.congress, get_vote_for_user(request, vote_id), actor=request.user,
                                   teller_keys=payload.teller_keys if payload else None))


class AbandonIn(In):
    reason: Filled


@router.post("/votes/{vote_id}/abandon", response=VoteOut, summary="作废本次表决（如监票人密钥条遗失）",
             description="进行中的表决无法计票时（主要是电子无记名投票的监票人密钥条遗失）以理由作废：选票不开启、不计票，"
                         "表决留档并记入防篡改链，之后可用 revote 重新表决。")
@scoped
def abandon(request, vote_id: int, payload: AbandonIn):
    return _out(actions.abandon_vote(request.congress, get_vote_for_user(request, vote_id), actor=request.user,
                                     reason=payload.reason))


@router.post("/votes/{vote_id}/announce", response=VoteOut, summary="宣布结果（此后不可修改）")
@scoped
def announce(request, vote_id: int):
    return _out(actions.announce_result(request.congress, get_vote_for_user(request, vote_id), actor=request.user))


class CastIn(In):
    choice: Annotated[str, OneOf(RollCallCast.Choice)]


class CastOut(Schema):
    vote: int
    choice: Annotated[str, OneOf(RollCallCast.Choice)]


@router.post("/votes/{vote_id}/cast", response=CastOut, summary="记名表决：yes / no / abstain（重复提交只计一次）")
@scoped
def cast(request, vote_id: int, payload: CastIn):
    cast = intake.cast(request.congress, vote_id, actor=request.user, choice=payload.choice)
    return {"vote": vote_id, "choice": cast.choice}


class BallotIn(In):
    # Its shape follows the vote (a roll call's {choice}, an evaluation's {rating}, an election's
    # {marks, write_ins}); the action checks it against the vote and its candidates.
    content: dict[str, Any]


class BallotOut(Schema):
    vote: int
    returned: bool


@router.post("/votes/{vote_id}/ballot", response=BallotOut,
             summary="无记名投票：{choice} / {rating} / {marks: {候选人编号: for|against|abstain}, write_ins: [姓名]}")
@scoped
def ballot(request, vote_id: int, payload: BallotIn):
    intake.cast_ballot(request.congress, vote_id, actor=request.user, content=payload.content)
    return {"vote": vote_id, "returned": True}


@router.get("/votes/{vote_id}/tally",
            summary="大屏幕计票（无记名投票进行中只显示已投张数；记名表决进行中的实时票数只给工作人员，"
                    "或本级规则 voting.show_running_tally_to_members 开启时给组成人员）")
@scoped
def tally(request, vote_id: int):
    return live_tally(get_vote_for_user(request, vote_id), running=may_see_running_tally(request.user, request.congress))


class PaperIn(In):
    slot: int = Field(..., ge=1, le=2)
    returned: int = Field(..., ge=0, le=INT_MAX)
    tally: dict[str, Any]


@router.post("/votes/{vote_id}/paper-counts", response=VoteOut, summary="计票人录入纸质计票")
@scoped
def paper_count(request, vote_id: int, payload: PaperIn):
    vote = get_vote_for_user(request, vote_id)
    actions.record_paper_count(request.congress, vote, actor=request.user, **payload.dict())
    return _out(vote)


@router.post("/votes/{vote_id}/reconcile", response=VoteOut, summary="核对两份纸质计票")
@scoped
def reconcile(request, vote_id: int):
    return _out(actions.reconcile_paper_counts(request.congress, get_vote_for_user(request, vote_id), actor=request.user))


@router.post("/votes/{vote_id}/further-round", response={201: VoteOut}, summary="另行选举")
@scoped
def further_round(request, vote_id: int):
    return Status(201, _out(actions.start_further_round(request.congress, get_vote_for_user(request, vote_id), actor=request.user)))


@router.post("/votes/{vote_id}/revote", response={201: VoteOut}, summary="无效或作废的表决重新表决",
             description="收回选票多于发出选票、本轮无效时，或表决已作废时，以同样的事项、应选人数和候选人重新表决；"
                         "无效或作废的一轮保留在记录中。")
@scoped
def revote(request, vote_id: int):
    return Status(201, _out(actions.start_revote(request.congress, get_vote_for_user(request, vote_id), actor=request.user)))


class VerdictOut(Schema):
    ok: bool
    links: int
    broken_at: int | None
    message: str


@router.get("/meetings/{meeting_id}/chain", response=VerdictOut, summary="核验会议防篡改链")
@scoped
def verify_chain(request, meeting_id: int):
    return vars(chain.verify(get_meeting_for_user(request, meeting_id)))


class CorrectionIn(In):
    reason: Filled
    corrected: dict[str, Any]


class CorrectionOut(Schema):
    id: int
    reason: str
    before: dict | None
    after: dict


@router.post("/votes/{vote_id}/corrections", response={201: CorrectionOut},
             summary="更正已宣布的结果（原结果不变，更正为新的、留痕并入链的记录）",
             description="corrected 为更正后的票数，形状同表决类别：记名表决 {yes, no, abstain, not_voting}；满意度测评 "
                         "{returned, counts: {满意, 基本满意, 不满意}}；选举和项目票决 {returned, invalid, counts: "
                         "{候选人编号: {for, against, abstain}}}。是否通过、谁当选按同样的规则重新计算。")
@scoped
def correct(request, vote_id: int, payload: CorrectionIn):
    vote = get_vote_for_user(request, vote_id)
    check_permission(request.user, request.congress, "correct_result")  # before saying what is wrong in the body
    # The figures are checked and the verdict counted again by the same rules, as on the page.
    corrected = actions.recount(request.congress, vote, actions.check_figures(request.congress, vote, payload.corrected))
    made = actions.correct_result(request.congress, vote, actor=request.user, reason=payload.reason, corrected=corrected)
    return Status(201, {"id": made.pk, "reason": made.reason, "before": made.before, "after": made.after})

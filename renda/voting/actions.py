"""Writes for votes and elections. Each cast is idempotent; thresholds come from core.rules."""

from __future__ import annotations

import math
import random
from typing import Any

from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotFound, ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import Request, action, batch_action, ensure_own
from renda.core.workflow import require_status
from renda.core.written_out import insert
from renda.meetings.models import AgendaItem, Meeting, RosterEntry
from renda.meetings.queries import quorum
from renda.people.queries import person_of
from renda.people.validation import INT_MAX, Errors, clean_text, text, whole_number
from renda.voting import batch_statements, chain, counting, sealing
from renda.voting.models import (
    BallotReceipt,
    Candidate,
    PaperCount,
    ResultCorrection,
    RollCallCast,
    SealedBallot,
    SecretBallot,
    Vote,
)
from renda.voting.tally import forget, roll_call_counts
from renda.voting.workflows import VOTE_WORKFLOW


def _locked(congress: Congress, vote: Vote) -> Vote:
    """The vote, read afresh with its row locked for the rest of the transaction: two closes, a ballot
    and the close, two openings take turns, and each sees what the other did (a ballot acknowledged
    is never left behind by a close that had already read the ballots)."""
    ensure_own(congress, vote, "表决")
    fresh = Vote.objects.in_congress(congress).select_for_update().filter(pk=vote.pk).first()
    if fresh is None:
        raise NotFound("找不到该表决")
    for field in Vote._meta.concrete_fields:
        setattr(vote, field.attname, getattr(fresh, field.attname))
    return vote


def _count(value, field: str, label: str) -> int:
    """A count of votes or ballots: a whole number from 0; 1.7, "2", true or Infinity are refused."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= INT_MAX:
        raise ValidationError({field: f"“{label}”须为不小于 0 的整数，收到：{str(value)[:20]}"})
    return value


def _name(value, field: str) -> str:
    """A name written on a ballot or a tally (另选他人): the text rule of every field, 50 characters."""
    if not isinstance(value, str):
        raise ValidationError({field: "另选他人须写姓名"})
    name, problem = clean_text(value)
    if problem:
        raise ValidationError({field: f"另选他人的姓名{problem}"})
    return name[:50]


def _check_attendance(attendance: str | None) -> None:
    """``attendance`` is the member's roster mark, or None for someone not on the voting roster."""
    if attendance is None:
        raise ValidationError({"person": "您不是本次会议有表决权的组成人员"})
    if attendance != RosterEntry.Attendance.PRESENT:
        raise ValidationError({"person": "请先签到，再参加表决"})


@action("create_vote")
def create_vote(congress: Congress, meeting: Meeting, *, actor, title: str, kind: str = Vote.Kind.ROLL_CALL,
                secret: bool = False, agenda_item: AgendaItem | None = None, paper: bool = False) -> Vote:
    """Put an item to the vote: a roll call (赞成/反对/弃权) or a satisfaction evaluation (always secret)."""
    if meeting is None or meeting.congress_id != congress.pk:
        raise NotFound("找不到该会议")
    errors = Errors()
    title = text({"title": title}, errors, "title", "表决事项", required=True, max_length=200)
    if kind not in (Vote.Kind.ROLL_CALL, Vote.Kind.SATISFACTION):
        errors.add("kind", "选举请用“设置选举”")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors.add("agenda_item", "议程不属于本次会议")
    errors.raise_if_any()
    vote = Vote.objects.create(congress=congress, meeting=meeting, agenda_item=agenda_item, title=title, kind=kind,
                               secret=secret or kind == Vote.Kind.SATISFACTION, paper=paper)
    audit.record(congress, actor, "create_vote", vote, after={"title": title, "kind": kind, "secret": vote.secret})
    return vote


MAX_SEATS = 32767  # a PositiveSmallIntegerField on PostgreSQL; no body elects more


def candidate_range(congress: Congress, post: str, seats: int, nominees: int) -> tuple[int, int]:
    """How many candidates the post needs (组织法 art. 27): top posts one nominee or seats + 1;
    vice posts seats + 1 to 3; standing-committee members seats + one-tenth to one-fifth."""
    if post == Vote.Post.TOP:
        return (1, 1) if nominees == 1 else (seats + 1, seats + 1)
    if post == Vote.Post.VICE:
        return (seats + rules.get(congress, "election.vice_chair_surplus_min"),
                seats + rules.get(congress, "election.vice_chair_surplus_max"))
    if post == Vote.Post.MEMBER:
        low, high = rules.get(congress, "election.member_surplus_min"), rules.get(congress, "election.member_surplus_max")
        return seats + math.ceil(seats * low), seats + max(math.floor(seats * high), math.ceil(seats * low))
    return seats, 10_000


@action("setup_election")
def setup_election(congress: Congress, meeting: Meeting, *, actor, title: str, post: str, seats: int,
                   candidates: list[dict], paper: bool = False) -> Vote:
    """Set up an election or appointment by secret ballot, checking nominations and candidate numbers."""
    if meeting is None or meeting.congress_id != congress.pk:
        raise NotFound("找不到该会议")
    errors = Errors()
    title = text({"title": title}, errors, "title", "选举事项", required=True, max_length=200)
    if post not in Vote.Post.values:
        errors.add("post", f"“职务类别”无效：{post}")
    seats = whole_number(seats, errors, "seats", "应选人数", minimum=1, maximum=MAX_SEATS)
    minimum = rules.get(congress, "plenary.nomination_min_deputies")
    names = set()
    for n, c in enumerate(candidates, start=1):
        name = str(c.get("name", "")).strip()
        if not name:
            errors.add("candidates", f"第 {n} 名候选人没有姓名")
        if name in names:
            errors.add("candidates", f"候选人“{name}”重复")
        names.add(name)
        person = c.get("person")
        if person is not None and person_of(congress, getattr(person, "pk", person)) is None:
            errors.add("candidates", f"候选人“{name}”：找不到该人员")  # another congress's person, as if unknown
        if c.get("nominated_by") not in Candidate.Nominator.values:
            errors.add("candidates", f"候选人“{name}”的提名方式无效")
        elif c["nominated_by"] == Candidate.Nominator.DEPUTIES and meeting.is_plenary and int(c.get("nominators", 0)) < minimum:
            errors.add("candidates", f"代表联合提名“{name}”须有{minimum}名以上代表联名（组织法第二十六条），现有{c.get('nominators', 0)}名")
    if seats and post in Vote.Post.values and candidates:
        low, high = candidate_range(congress, post, seats, len(candidates))
        if not low <= len(candidates) <= high:
            wanted = f"{low}名" if low == high else f"{low}至{high}名"
            errors.add("candidates", f"应选{seats}名时，候选人须为{wanted}（组织法第二十七条），现有{len(candidates)}名")
    if not candidates:
        errors.add("candidates", "至少要有一名候选人")
    errors.raise_if_any()
    vote = Vote.objects.create(congress=congress, meeting=meeting, title=title, kind=Vote.Kind.ELECTION, secret=True,
                               post=post, seats=seats, paper=paper)
    Candidate.objects.bulk_create([
        Candidate(congress=congress, vote=vote, name=c["name"].strip(), person=c.get("person"),
                  nominated_by=c["nominated_by"], nominators=int(c.get("nominators", 0)), order=n)
        for n, c in enumerate(candidates, start=1)])
    audit.record(congress, actor, "setup_election", vote,
                 after={"title": title, "post": post, "seats": seats, "candidates": sorted(names)})
    return vote


@action("setup_project_vote")
def setup_project_vote(congress: Congress, meeting: Meeting, *, actor, title: str, choose: int,
                       options: list[str]) -> Vote:
    """A secret vote in which each deputy chooses up to ``choose`` of the options (民生实事项目票决)."""
    if meeting is None or meeting.congress_id != congress.pk:
        raise NotFound("找不到该会议")
    if not meeting.is_plenary:
        raise ValidationError({"meeting": "民生实事项目由人民代表大会会议票决"})
    if choose < 1 or len(options) <= choose:
        raise ValidationError({"options": f"候选项目须多于拟票决项目数{choose}个"})
    vote = Vote.objects.create(congress=congress, meeting=meeting, title=title, kind=Vote.Kind.PROJECTS, secret=True,
                               seats=choose)
    Candidate.objects.bulk_create([Candidate(congress=congress, vote=vote, name=name[:100], order=n,
                                             nominated_by=Candidate.Nominator.PRESIDIUM)
                                   for n, name in enumerate(options, start=1)])
    audit.record(congress, actor, "setup_project_vote", vote, after={"choose": choose, "options": options})
    return vote


def _teller_numbers(congress: Congress) -> tuple[int, int]:
    """(slips, quorum), each within its rule's bounds; never more slips needed than there are."""
    slips = rules.get(congress, "voting.teller_slips")
    return slips, min(rules.get(congress, "voting.teller_quorum"), slips)


@action("open_vote")
def open_vote(congress: Congress, vote: Vote, *, actor) -> Vote:
    """Open voting. Refused outright when the meeting lacks its quorum; the electorate (ALL members)
    is fixed now, and ballots are issued to the members present. For electronic secret ballots a key
    is made and split into the tellers' slips, returned once as ``vote.teller_slips`` and never stored."""
    _locked(congress, vote)
    VOTE_WORKFLOW.check(vote.status, Vote.Status.OPEN, roles_of(actor, congress), congress, action="open_vote")
    meeting = vote.meeting
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError({"status": "会议尚未开始或已闭会，不能表决"})
    q = quorum(meeting)
    if not q.met:
        raise ValidationError({"status": f"不足法定人数，不能表决：{q.line}（{q.rule}）"})
    forget(vote)
    vote.status, vote.opened_at = Vote.Status.OPEN, timezone.now()
    vote.electorate, vote.present_at_opening = q.total, q.present
    vote.teller_slips = []
    if vote.uses_ballots and not vote.paper:
        slips, vote.teller_quorum = _teller_numbers(congress)
        keys = sealing.make_keys(slips, vote.teller_quorum)
        vote.ballot_key, vote.teller_slips = keys.public_key, keys.slips
    vote.save(update_fields=["status", "opened_at", "electorate", "present_at_opening", "ballot_key", "teller_quorum"])
    if vote.uses_ballots:
        present = RosterEntry.objects.in_congress(congress).filter(meeting=meeting, voting=True,
                                                                   attendance=RosterEntry.Attendance.PRESENT)
        BallotReceipt.objects.bulk_create([BallotReceipt(congress=congress, vote=vote, person_id=p)
                                           for p in present.values_list("person_id", flat=True)], batch_size=1000)
    chain.append(meeting, "opened", [{"vote": vote.pk, "title": vote.title, "electorate": q.total, "present": q.present}])
    audit.record(congress, actor, "open_vote", vote, after={"electorate": q.total, "present": q.present})
    return vote


def cast_vote(congress: Congress, vote: Vote, *, actor, choice: str) -> RollCallCast:
    """A member votes 赞成/反对/弃权 on a recorded roll call: ``cast_votes`` with one request."""
    (outcome,) = cast_votes(congress, vote, requests=[Request(actor, {"choice": choice})])
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _locked_for_batch(congress: Congress, vote: Vote) -> Vote:
    """The vote a batch writes to, with its meeting, read once with its row locked (see ``_locked``); the
    caller's object may be a mere reference (the intake knows only the id)."""
    ensure_own(congress, vote, "表决")
    fresh = batch_statements.locked_vote(congress, vote.pk)
    if fresh is None:
        raise NotFound("找不到该表决")
    return fresh


def _roster_of(congress: Congress, vote: Vote, requests: list[Request]) -> tuple[dict[int, int], dict[int, str]]:
    """For a batch, in one query: each requesting user's person on this meeting's voting roster (user id →
    person id) and that person's attendance mark (person id → mark). Someone not on the voting roster
    is in neither."""
    return batch_statements.roster_marks(congress, vote.meeting_id, {r.actor.pk for r in requests})


@batch_action("cast_vote")
def cast_votes(congress: Congress, vote: Vote, *, requests: list[Request]) -> list[RollCallCast | Exception]:
    """Members vote 赞成/反对/弃权 on a recorded roll call, many in one transaction (the hall's group
    commit). The same vote sent twice counts once; a different one replaces it only where the meeting
    allows changes, until the vote closes. Requests are taken in order, so two from one member in a
    batch behave as they would one after the other. The vote row is locked first: concurrent batches
    on one vote wait for each other, and the unique constraint stays the last line of defence."""
    vote = _locked_for_batch(congress, vote)
    if vote.uses_ballots:
        raise ValidationError({"choice": "这是无记名投票，请提交选票"})
    require_status(vote, Vote.Status.OPEN)
    person_of, attendance_of = _roster_of(congress, vote, requests)
    cast_of = batch_statements.casts_of(congress, vote.pk, person_of.values())
    now = timezone.now()
    outcomes: list[RollCallCast | Exception] = []
    new: list[RollCallCast] = []
    changed: dict[int, RollCallCast] = {}
    links: list[tuple[str, dict]] = []
    notes: list[tuple[object, RollCallCast, dict | None, dict]] = []
    for request in requests:
        choice = request.params.get("choice")
        person_id = person_of.get(request.actor.pk)
        try:
            if choice not in RollCallCast.Choice.values:
                raise ValidationError({"choice": f"“表决意见”须为赞成、反对或弃权，收到：{choice}"})
            _check_attendance(None if person_id is None else attendance_of.get(person_id))
            assert person_id is not None  # only someone on the roster has an attendance mark
            cast = cast_of.get(person_id)
            if cast is None:
                cast = cast_of[person_id] = RollCallCast(congress=congress, vote=vote, person_id=person_id,
                                                         choice=choice)
                new.append(cast)
                links.append(("cast", {"vote": vote.pk, "person": person_id, "choice": choice}))
                notes.append((request.actor, cast, None, {"choice": choice}))
            elif cast.choice == choice:
                notes.append((request.actor, cast, None, {"repeated": choice}))
            elif not vote.meeting.allow_vote_change:
                raise ValidationError({"choice": "您已表决，本次会议不允许改变表决意见"})
            else:
                notes.append((request.actor, cast, {"choice": cast.choice}, {"choice": choice}))
                links.append(("changed", {"vote": vote.pk, "person": person_id, "choice": choice}))
                cast.choice, cast.changed_at = choice, now
                if cast.pk is not None:
                    changed[cast.pk] = cast
            outcomes.append(cast)
        except ValidationError as refusal:
            outcomes.append(refusal)
    insert(new)
    if changed:  # rare (a meeting that allows changes): not worth writing out, nor building when empty
        RollCallCast.objects.bulk_update(list(changed.values()), ["choice", "changed_at"])
    chain.append_many(vote.meeting, links, meeting_locked=True)  # _locked_for_batch locked vote and meeting
    audit.record_many([audit.entry(congress, actor, "cast_vote", cast, object_repr=str(vote), before=before,
                                   after=after) for actor, cast, before, after in notes])
    return outcomes


# Write-ins beyond the seats make a ballot invalid anyway (选举法 art. 44: more marked for than seats);
# the bound keeps every sealed ballot within one padding block (voting/sealing.py).
MAX_WRITE_INS = 10


def _candidate_ids(congress: Congress, vote: Vote) -> set[str]:
    return batch_statements.candidate_ids(congress, vote.pk)


def _check_ballot(congress: Congress, vote: Vote, content: Any, known: set[str] | None = None) -> dict:
    """The ballot's content checked against the vote; ``known`` is the vote's candidate ids as text (read
    here when not given: a batch reads them once)."""
    if not isinstance(content, dict):
        raise ValidationError({"content": "选票格式不正确"})
    if vote.kind == Vote.Kind.SATISFACTION:
        if not isinstance(content.get("rating"), str) or content["rating"] not in counting.RATINGS or set(content) != {"rating"}:
            raise ValidationError({"rating": "“测评意见”须为满意、基本满意或不满意"})
        return {"rating": content["rating"]}
    if vote.kind == Vote.Kind.ROLL_CALL:
        if not isinstance(content.get("choice"), str) or content["choice"] not in RollCallCast.Choice.values or set(content) != {"choice"}:
            raise ValidationError({"choice": "“表决意见”须为赞成、反对或弃权"})
        return {"choice": content["choice"]}
    if known is None:
        known = _candidate_ids(congress, vote)
    marks = content.get("marks", {})
    write_ins = content.get("write_ins", [])
    if not isinstance(marks, dict) or not isinstance(write_ins, list) or set(content) - {"marks", "write_ins"}:
        raise ValidationError({"content": "选票格式不正确：应为 marks（候选人→for/against/abstain）和 write_ins（另选他人）"})
    if vote.kind == Vote.Kind.PROJECTS and (write_ins or any(m != "for" for m in marks.values())):
        raise ValidationError({"marks": "项目票决只能对候选项目投赞成票（for），不能另提项目"})
    unknown = set(map(str, marks)) - known
    if unknown:
        raise ValidationError({"marks": f"选票上有不是本次选举候选人的编号：{'、'.join(sorted(unknown))}"})
    if any(not isinstance(m, str) or m not in counting.MARKS for m in marks.values()):
        raise ValidationError({"marks": "每名候选人只能标赞成（for）、反对（against）或弃权（abstain）"})
    if len(write_ins) > MAX_WRITE_INS or not all(isinstance(n, str) for n in write_ins):
        raise ValidationError({"write_ins": f"另选他人最多写 {MAX_WRITE_INS} 名，每名为一个姓名"})
    names = [n for n in (_name(w, "write_ins") for w in write_ins) if n]
    return {"marks": {str(k): v for k, v in sorted(marks.items())}, "write_ins": sorted(names)}


def cast_ballot(congress: Congress, vote: Vote, *, actor, content: dict) -> None:
    """A member returns a secret ballot: ``cast_ballots`` with one request, in its own transaction."""
    (outcome,) = cast_ballots(congress, vote, requests=[Request(actor, {"content": content})])
    if isinstance(outcome, Exception):
        raise outcome


@batch_action("cast_ballot")
def cast_ballots(congress: Congress, vote: Vote, *, requests: list[Request]) -> list[None | Exception]:
    """Members return secret ballots, many in one transaction (the hall's group commit, as ``cast_votes``).
    Recorded for each: that they returned one (their receipt, and an audit row). Stored apart: what it
    said, sealed to the tellers' key, so that nothing stored while the vote is open tells what it said;
    within a batch the sealed ballots are written in random order, not the order of the requests. Each
    request is checked as a single ballot would be, in order: a second ballot from a member (in an
    earlier batch or this one) is refused without counting twice. The vote row is locked first, so
    batches, and a batch and the close, take turns."""
    vote = _locked_for_batch(congress, vote)
    require_status(vote, Vote.Status.OPEN)
    if not vote.uses_ballots or vote.paper:
        raise ValidationError({"content": "此项表决不使用电子选票"})
    person_of, attendance_of = _roster_of(congress, vote, requests)
    returned_of = batch_statements.receipts_of(congress, vote.pk, person_of.values())
    known = _candidate_ids(congress, vote) if vote.kind in (Vote.Kind.ELECTION, Vote.Kind.PROJECTS) else set()
    outcomes: list[None | Exception] = []
    accepted: list[int] = []
    sealed: list[bytes] = []
    notes = []
    for request in requests:
        person_id = person_of.get(request.actor.pk)
        try:
            _check_attendance(None if person_id is None else attendance_of.get(person_id))
            assert person_id is not None  # only someone on the roster has an attendance mark
            clean = _check_ballot(congress, vote, request.params.get("content"), known)
            if vote.ballot_key is None:
                raise ValidationError({"content": "本项表决没有监票人密钥，不能接收电子选票"})
            if person_id not in returned_of:
                raise ValidationError({"content": "表决开始时您未签到，没有领取选票"})
            if returned_of[person_id]:
                raise ValidationError({"content": "您已投票，每人只能投一票"})
            returned_of[person_id] = True
            accepted.append(person_id)
            sealed.append(sealing.seal(bytes(vote.ballot_key), clean))
            notes.append(audit.entry(congress, request.actor, "cast_ballot", vote, object_repr=str(vote),
                                     after={"returned": True}))
            outcomes.append(None)
        except ValidationError as refusal:
            outcomes.append(refusal)
    if accepted:
        # Conditional update: only receipts not yet returned flip. Under the vote's lock every one of them
        # must; if one did not, something wrote around the lock, and nothing of the batch is kept.
        flipped = batch_statements.mark_returned(congress, vote.pk, accepted)
        if flipped != len(accepted):
            raise RuntimeError(f"{len(accepted)} ballots accepted but {flipped} receipts flipped: batch not written")
        random.SystemRandom().shuffle(sealed)
        insert([SealedBallot(congress=congress, vote=vote, sealed=b) for b in sealed])
        audit.record_many(notes)
    return outcomes


def _compute_result(congress: Congress, vote: Vote, ballots: list[dict] | None, *, returned=None, issued=None) -> dict:
    # Fixed when the vote opened; ballots are given for every secret vote.
    electorate, present, seats = vote.electorate or 0, vote.present_at_opening or 0, vote.seats or 0
    if vote.uses_ballots:
        assert ballots is not None
    if vote.kind in (Vote.Kind.ELECTION, Vote.Kind.PROJECTS):
        assert ballots is not None
        candidates = list(Candidate.objects.in_congress(congress).filter(vote=vote).values_list("id", flat=True))
        tally = counting.tally_ballots(ballots, seats=seats, candidates=candidates)
        return _election_result(congress, vote, tally, issued=issued or 0, returned=returned or 0)
    if vote.kind == Vote.Kind.SATISFACTION:
        assert ballots is not None
        return counting.satisfaction(ballots, issued=issued, returned=returned)
    if vote.secret:
        assert ballots is not None
        casts = counting.secret_roll_call(ballots)
    else:
        casts = roll_call_counts(vote)
    passes = rules.vote_passes(congress, vote.meeting.kind, casts.get("yes", 0), electorate)
    return counting.roll_call(casts, electorate, present, passes)


def _election_result(congress: Congress, vote: Vote, tally: dict, *, issued: int, returned: int) -> dict:
    rule = "election.pass_fraction" if vote.kind == Vote.Kind.ELECTION else "livelihood.pass_fraction"
    result = counting.election(tally, seats=vote.seats or 0, electorate=vote.electorate or 0, issued=issued,
                               returned=returned, pass_fraction=rules.get(congress, rule))
    if vote.kind == Vote.Kind.PROJECTS:
        # Ties at the boundary and too few chosen go to the presidium; never resolved here.
        result["for_presidium"], result["further_round"] = result.get("further_round"), None
    return result


def recount(congress: Congress, vote: Vote, figures: dict) -> dict:
    """The result that corrected figures give, counted by the same rules as the original: a roll
    call's verdict against ALL members, an election's elected and further round. ``figures`` is a
    roll call's {yes, no, abstain, not_voting}, a satisfaction evaluation's {returned, counts} or an
    election's {returned, invalid, counts: {candidate id: {for, against, abstain}}}; the rest (the
    electorate, ballots issued, write-ins) stays as announced."""
    announced = dict(vote.result or {})
    if vote.kind == Vote.Kind.ROLL_CALL:
        yes = figures["yes"]
        passes = rules.vote_passes(congress, vote.meeting.kind, yes, vote.electorate or 0)
        return {**announced, **figures, "passed": passes}
    if vote.kind == Vote.Kind.SATISFACTION:
        return {**announced, **figures}
    tally = {"counts": figures["counts"], "write_ins": announced.get("write_ins", {}), "invalid": figures["invalid"]}
    return _election_result(congress, vote, tally, issued=announced.get("issued") or 0, returned=figures["returned"])


def _finish(congress: Congress, vote: Vote, result: dict, ballots: list[dict] | None) -> None:
    links = []
    if ballots is not None:
        # Write the opened ballots in random order with random ids, all in this one transaction: not
        # storage order, nor a transaction id, then follows the order in which members returned them.
        shuffled = list(ballots)
        random.SystemRandom().shuffle(shuffled)
        SealedBallot.objects.in_congress(congress).filter(vote=vote).delete()
        sealing.remove_residue_after_commit()
        stored = SecretBallot.objects.bulk_create(
            [SecretBallot(congress=congress, vote=vote, content=c) for c in shuffled], batch_size=1000)
        links = [{"vote": vote.pk, "ballot": str(b.pk), "content": b.content} for b in stored]
    forget(vote)
    vote.status, vote.closed_at, vote.result = Vote.Status.CLOSED, timezone.now(), result
    vote.save(update_fields=["status", "closed_at", "result"])
    if links:
        chain.append(vote.meeting, "ballot", links)
    chain.append(vote.meeting, "result", [{"vote": vote.pk, "result": result}])


@action("close_vote")
def close_vote(congress: Congress, vote: Vote, *, actor, teller_keys: list[str] | None = None) -> Vote:
    """The chair closes the vote; the result is counted at once and chained. Electronic secret
    ballots are opened first with the tellers' slips (``teller_keys``); wrong or too few slips leave
    the vote open and nothing written."""
    _locked(congress, vote)
    VOTE_WORKFLOW.check(vote.status, Vote.Status.CLOSED, roles_of(actor, congress), congress, action="close_vote")
    if vote.paper:
        raise ValidationError({"status": "纸质选票须由两名计票人分别录入并核对一致后得出结果"})
    ballots = None
    issued = returned = None
    if vote.uses_ballots:
        sealed = SealedBallot.objects.in_congress(congress).filter(vote=vote).values_list("sealed", flat=True)
        if vote.ballot_key is None:
            raise ValidationError({"teller_keys": "本项表决没有监票人密钥，无法开启选票"})
        ballots = sealing.open_ballots(bytes(vote.ballot_key), list(teller_keys or []), vote.teller_quorum or 1,
                                       [bytes(b) for b in sealed])
        receipts = BallotReceipt.objects.in_congress(congress).filter(vote=vote)
        issued, returned = receipts.count(), receipts.filter(returned=True).count()
    result = _compute_result(congress, vote, ballots, returned=returned, issued=issued)
    _finish(congress, vote, result, ballots)
    audit.record(congress, actor, "close_vote", vote, after={"result": result})
    return vote


@action("announce_result")
def announce_result(congress: Congress, vote: Vote, *, actor) -> Vote:
    """Announce the result; from now on it cannot be edited, only corrected by a new record."""
    _locked(congress, vote)
    VOTE_WORKFLOW.check(vote.status, Vote.Status.ANNOUNCED, roles_of(actor, congress), congress, action="announce_result")
    forget(vote)  # the hall screen says "结果已宣布" at its next poll
    vote.status, vote.announced_at = Vote.Status.ANNOUNCED, timezone.now()
    vote.save(update_fields=["status", "announced_at"])
    chain.append(vote.meeting, "announced", [{"vote": vote.pk}])
    audit.record(congress, actor, "announce_result", vote, after={"status": "announced"})
    return vote


def _paper_tally(congress: Congress, vote: Vote, tally: dict) -> dict:
    """A counter's tally: candidates' for/against/abstain, write-ins, invalid ballots."""
    known = {str(i) for i in Candidate.objects.in_congress(congress).filter(vote=vote).values_list("id", flat=True)}
    counts = tally.get("counts", {})
    if not isinstance(counts, dict) or set(map(str, counts)) != known:
        raise ValidationError({"tally": "须为每名候选人录入赞成、反对、弃权票数，且不能有名单外的候选人"})
    write_ins = tally.get("write_ins", {})
    if not isinstance(write_ins, dict) or set(tally) - {"counts", "write_ins", "invalid"}:
        raise ValidationError({"tally": "计票格式不正确：应为 counts（候选人→赞成、反对、弃权票数）、write_ins（另选他人→票数）和 invalid（废票数）"})
    clean: dict[str, Any] = {"counts": {}, "write_ins": {}, "invalid": _count(tally.get("invalid", 0), "tally", "废票数")}
    for cid, c in counts.items():
        if not isinstance(c, dict) or set(c) - counting.MARKS:
            raise ValidationError({"tally": "每名候选人只能录入赞成（for）、反对（against）、弃权（abstain）票数"})
        clean["counts"][str(cid)] = {m: _count(c.get(m, 0), "tally", "票数") for m in counting.MARKS}
    for name, n in write_ins.items():
        if _name(name, "tally"):
            clean["write_ins"][_name(name, "tally")] = _count(n, "tally", "另选他人票数")
    return clean


def _check_paper_totals(returned: int, clean: dict) -> None:
    valid = returned - clean["invalid"]
    if valid < 0:
        raise ValidationError({"tally": f"废票{clean['invalid']}张，多于收回的{returned}张"})
    for cid, c in clean["counts"].items():
        if sum(c.values()) > valid:
            raise ValidationError({"tally": f"候选人（编号{cid}）的赞成、反对、弃权票合计{sum(c.values())}，多于有效票{valid}张"})


@action("record_paper_count")
def record_paper_count(congress: Congress, vote: Vote, *, actor, slot: int, returned: int, tally: dict) -> PaperCount:
    """One of two counters enters the paper ballots' tally, independently of the other."""
    _locked(congress, vote)
    require_status(vote, Vote.Status.OPEN)
    if not vote.paper or vote.kind != Vote.Kind.ELECTION:
        raise ValidationError({"slot": "此项表决不使用纸质选票"})
    if slot not in (1, 2):
        raise ValidationError({"slot": "“计票人”须为 1 或 2"})
    other = PaperCount.objects.in_congress(congress).filter(vote=vote).exclude(slot=slot).first()
    if other is not None and other.counter_id == actor.pk:
        raise ValidationError({"slot": "两次计票须由两名不同的计票人录入"})
    clean = _paper_tally(congress, vote, tally)
    returned = _count(returned, "returned", "收回票数")
    _check_paper_totals(returned, clean)
    count, _ = PaperCount.objects.update_or_create(congress=congress, vote=vote, slot=slot,
                                                   defaults={"counter": actor, "returned": returned, "tally": clean})
    audit.record(congress, actor, "record_paper_count", vote, after={"slot": slot, "returned": returned, **clean})
    return count


@action("reconcile_paper_counts")
def reconcile_paper_counts(congress: Congress, vote: Vote, *, actor) -> Vote:
    """The two counts must agree to the ballot; then the result stands and the vote closes."""
    _locked(congress, vote)
    VOTE_WORKFLOW.check(vote.status, Vote.Status.CLOSED, roles_of(actor, congress), congress, action="reconcile_paper_counts")
    counts = list(PaperCount.objects.in_congress(congress).filter(vote=vote).order_by("slot"))
    if len(counts) != 2:
        raise ValidationError({"slot": "须有两名计票人分别录入后才能核对"})
    first, second = counts
    if (first.returned, first.tally) != (second.returned, second.tally):
        raise ValidationError({"tally": "两名计票人的结果不一致，请复核选票后重新录入"})
    issued = BallotReceipt.objects.in_congress(congress).filter(vote=vote).count()
    result = counting.election(first.tally, seats=vote.seats or 0, electorate=vote.electorate or 0, issued=issued,
                               returned=first.returned, pass_fraction=rules.get(congress, "election.pass_fraction"))
    _finish(congress, vote, result, None)
    audit.record(congress, actor, "reconcile_paper_counts", vote, after={"result": result})
    return vote


@action("start_further_round")
def start_further_round(congress: Congress, vote: Vote, *, actor) -> Vote:
    """另行选举: a further round for the seats left unfilled, among the candidates named by the result."""
    _locked(congress, vote)
    require_status(vote, Vote.Status.CLOSED, Vote.Status.ANNOUNCED)
    further = (vote.result or {}).get("further_round")
    if vote.kind != Vote.Kind.ELECTION or not further or not further["candidates"]:
        raise ValidationError({"status": "本次选举没有需要另行选举的名额"})
    if Vote.objects.in_congress(congress).filter(previous_round=vote).exists():
        raise ValidationError({"status": "已开始下一轮选举"})
    new = Vote.objects.create(congress=congress, meeting=vote.meeting, agenda_item=vote.agenda_item, title=vote.title,
                              kind=vote.kind, secret=True, paper=vote.paper, post=vote.post, seats=further["seats"],
                              round_number=vote.round_number + 1, previous_round=vote)
    old = {str(c.pk): c for c in Candidate.objects.in_congress(congress).filter(vote=vote)}
    Candidate.objects.bulk_create([
        Candidate(congress=congress, vote=new, name=old[k].name, person=old[k].person,
                  nominated_by=old[k].nominated_by, nominators=old[k].nominators, order=n)
        for n, k in enumerate(further["candidates"], start=1)])
    audit.record(congress, actor, "start_further_round", new, after={"seats": new.seats, "round": new.round_number})
    return new


@action("start_further_round")
def start_revote(congress: Congress, vote: Vote, *, actor) -> Vote:
    """重新投票: a round made void (more ballots returned than issued, or a vote called off because
    the tellers' slips were lost) is voted again, with the same seats and the same candidates; the
    void round stays on record."""
    _locked(congress, vote)
    require_status(vote, Vote.Status.CLOSED, Vote.Status.ANNOUNCED)
    if not (vote.result or {}).get("void"):
        raise ValidationError({"status": "只有无效或已作废的表决才能重新投票"})
    if Vote.objects.in_congress(congress).filter(previous_round=vote).exists():
        raise ValidationError({"status": "已开始下一轮投票"})
    new = Vote.objects.create(congress=congress, meeting=vote.meeting, agenda_item=vote.agenda_item, title=vote.title,
                              kind=vote.kind, secret=vote.secret, paper=vote.paper, post=vote.post, seats=vote.seats,
                              round_number=vote.round_number + 1, previous_round=vote)
    Candidate.objects.bulk_create([
        Candidate(congress=congress, vote=new, name=c.name, person=c.person, nominated_by=c.nominated_by,
                  nominators=c.nominators, order=c.order)
        for c in Candidate.objects.in_congress(congress).filter(vote=vote)])
    audit.record(congress, actor, "start_revote", new, after={"seats": new.seats, "round": new.round_number,
                                                              "void_round": vote.pk})
    return new


@action("close_vote")
def abandon_vote(congress: Congress, vote: Vote, *, actor, reason: str) -> Vote:
    """作废: an open vote that cannot be counted — above all an electronic secret vote whose tellers'
    slips are lost, so that nobody can open its ballots — is called off with a reason. Its sealed
    ballots are deleted unread; it is chained and audited as void, and may be voted again."""
    _locked(congress, vote)
    VOTE_WORKFLOW.check(vote.status, Vote.Status.CLOSED, roles_of(actor, congress), congress, action="abandon_vote")
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "作废理由", required=True, max_length=200)
    errors.raise_if_any()
    result = {"void": True, "abandoned": True, "reason": f"本次表决作废：{reason}"}
    if vote.uses_ballots:
        SealedBallot.objects.in_congress(congress).filter(vote=vote).delete()
        sealing.remove_residue_after_commit()
    forget(vote)
    vote.status, vote.closed_at, vote.result = Vote.Status.CLOSED, timezone.now(), result
    vote.save(update_fields=["status", "closed_at", "result"])
    chain.append(vote.meeting, "result", [{"vote": vote.pk, "result": result}])
    audit.record(congress, actor, "abandon_vote", vote, after={"reason": reason})
    return vote


def check_figures(congress: Congress, vote: Vote, raw) -> dict:
    """Corrected figures sent through the API, in the shape ``recount`` takes (as the page's form
    gives them): a roll call's {yes, no, abstain, not_voting}, an evaluation's {returned, counts:
    {rating: n}}, an election's {returned, invalid, counts: {candidate id: {for, against, abstain}}};
    every figure a whole number from 0, nothing missing, nothing else."""
    def shaped(value, keys: set[str], field: str) -> dict:
        if not isinstance(value, dict) or set(value) != keys:
            raise ValidationError({field: f"“{field}”须恰好包含：{'、'.join(sorted(keys))}"})
        return value

    if vote.kind == Vote.Kind.ROLL_CALL:
        raw = shaped(raw, {"yes", "no", "abstain", "not_voting"}, "corrected")
        return {k: _count(v, f"corrected.{k}", k) for k, v in raw.items()}
    if vote.kind == Vote.Kind.SATISFACTION:
        raw = shaped(raw, {"returned", "counts"}, "corrected")
        counts = shaped(raw["counts"], set(counting.RATINGS), "corrected.counts")
        return {"returned": _count(raw["returned"], "corrected.returned", "收回票数"),
                "counts": {r: _count(counts[r], "corrected.counts", r) for r in counting.RATINGS}}
    raw = shaped(raw, {"returned", "invalid", "counts"}, "corrected")
    known = {str(i) for i in Candidate.objects.in_congress(congress).filter(vote=vote).values_list("id", flat=True)}
    counts = shaped(raw["counts"], known, "corrected.counts")
    return {"returned": _count(raw["returned"], "corrected.returned", "收回票数"),
            "invalid": _count(raw["invalid"], "corrected.invalid", "废票数"),
            "counts": {cid: {m: _count(c, "corrected.counts", "票数")
                             for m, c in shaped(counts[cid], set(counting.MARKS), "corrected.counts").items()}
                       for cid in sorted(counts)}}


@action("correct_result")
def correct_result(congress: Congress, vote: Vote, *, actor, reason: str, corrected: dict) -> ResultCorrection:
    """Correct an announced result: the original stays; the correction is a new record, chained."""
    _locked(congress, vote)
    require_status(vote, Vote.Status.ANNOUNCED)
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "更正理由", required=True, max_length=300)
    if not isinstance(corrected, dict) or not corrected:
        errors.add("corrected", "须填写更正后的结果")
    errors.raise_if_any()
    correction = ResultCorrection.objects.create(congress=congress, vote=vote, reason=reason, before=vote.result,
                                                 after=corrected, by=actor)
    chain.append(vote.meeting, "correction", [{"vote": vote.pk, "reason": reason, "result": corrected}])
    audit.record(congress, actor, "correct_result", correction, before=vote.result, after=corrected)
    return correction


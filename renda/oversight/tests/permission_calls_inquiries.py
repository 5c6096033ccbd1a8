"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py), and the
set-up the inquiry, questioning and investigation tests share."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from renda.core.roles import Role

_seq = itertools.count(1)


def session(world, *, members=5, **kw):
    """An open standing-committee session; its body holds both member personas and ``members`` in all."""
    from renda.testing import make_meeting

    return make_meeting(world, kind="sc_session", members=members, **kw)


def directors(world):
    from renda.testing import make_meeting

    return make_meeting(world, kind="directors", members=3, open_it=False)


def prepared(world, meeting=None, *, actor=None):
    from renda.oversight.actions import inquiries

    meeting = meeting or session(world)
    return inquiries.prepare_inquiry(world.congress, actor=actor or world.root, topic=f"义务教育均衡发展{next(_seq)}",
                                     meeting=meeting, answerers=[
                                         {"name": "赵强", "post": "局长", "organisation": world.unit, "present": True}])


def asked(world, inquiry=None, asker=None):
    from renda.oversight.actions import inquiries

    inquiry = inquiry or prepared(world)
    return inquiries.register_inquiry_question(world.congress, inquiry, actor=world.root, text="学校布局调整何时完成？",
                                               asker=asker or world.deputies[0].person)


def answered(world, question=None):
    from renda.oversight.actions import inquiries
    from renda.oversight.models import InquiryAnswerer

    question = question or asked(world)
    who = InquiryAnswerer.objects.in_congress(world.congress).filter(inquiry_id=question.inquiry_id).first()
    return inquiries.record_inquiry_answer(world.congress, question, actor=world.root, answered_by=who,
                                           answer="今年底前完成。")


def signed_questioning(world, *, signers=None, forum="standing_committee", meeting=None):
    """A draft signed by the member personas and enough other members of the session's body (by
    default the legal minimum)."""
    from renda.oversight.actions import questioning
    from renda.people.models import Membership

    c, root = world.congress, world.root
    needed = questioning.minimum(c, forum)[0]
    count = needed if signers is None else signers
    if meeting is None:
        from renda.testing import make_meeting

        meeting = session(world, members=max(count, 2)) if forum == "standing_committee" else \
            make_meeting(world, kind="plenary", members=max(count, 2))
    q = questioning.draft_questioning(c, actor=root, forum=forum, meeting=meeting, body=world.unit,
                                      title=f"关于校舍安全问题的质询案{next(_seq)}", questions="一、……",
                                      signer=world.deputies[1].person)
    if forum == "standing_committee":
        people = [m.person for m in Membership.objects.in_congress(c).filter(organisation_id=meeting.organisation_id)
                  .select_related("person").order_by("id")]
    else:
        from renda.people.models import Mandate

        people = [m.person for m in Mandate.objects.in_congress(c).filter(status="serving").select_related("person")
                  .order_by("id")]
    people = [p for p in people if p.pk != world.deputies[1].person.pk]
    for person in people[: count - 1]:
        questioning.sign_questioning(c, q, actor=root, person=person)
    return q


def filed_questioning(world, **kw):
    from renda.oversight.actions import questioning

    return questioning.file_questioning(world.congress, signed_questioning(world, **kw), actor=world.root)


def accepted_questioning(world, **kw):
    from renda.oversight.actions import questioning

    q = filed_questioning(world, **kw)
    return questioning.decide_questioning(world.congress, q, actor=world.root, decision="accept",
                                          meeting=directors(world), mode="written",
                                          answer_by=timezone.localdate() + datetime.timedelta(days=30))


def answered_questioning(world, **kw):
    from renda.oversight.actions import questioning

    q = accepted_questioning(world, **kw)
    questioning.record_questioning_answer(world.congress, q, actor=world.root, answerer="局长赵强", text="已整改。",
                                          answered_on=timezone.localdate())
    q.refresh_from_db()
    return q


def sc_size(world) -> int:
    """How many sit on the standing committee now (every later session's roster holds them all)."""
    from renda.people.models import Membership, Organisation

    return Membership.objects.in_congress(world.congress).filter(
        organisation__kind=Organisation.Kind.STANDING_COMMITTEE).count()


def proposed_investigation(world, meeting=None):
    from renda.oversight.actions import investigations

    meeting = meeting or session(world, members=max(3, sc_size(world)))
    return investigations.propose_investigation(world.congress, actor=world.root, title=f"关于校舍安全问题的特定问题调查委员会{next(_seq)}",
                                                subject="校舍安全隐患排查整治情况", meeting=meeting)


def voted(world, inv, yes: int | None = None):
    """Open the investigation's vote, the first ``yes`` members (default all) for, the rest against; closed."""
    from renda.testing import teller_keys, voters
    from renda.voting import actions as voting
    from renda.voting.models import Vote

    vote = Vote.objects.in_congress(world.congress).get(pk=inv.vote_id)
    vote = voting.open_vote(world.congress, vote, actor=world.root)
    people = voters(vote.meeting)
    for n, user in enumerate(people):
        voting.cast_vote(world.congress, vote, actor=user, choice="yes" if yes is None or n < yes else "no")
    return voting.close_vote(world.congress, vote, actor=world.root, teller_keys=teller_keys(vote))


def established_investigation(world, members=None):
    """Established by a unanimous vote; the member personas sit on it (chair: the standing-committee one)."""
    from renda.oversight.actions import investigations

    inv = proposed_investigation(world)
    voted(world, inv)
    inv = investigations.record_establishment(world.congress, inv, actor=world.root)
    investigations.set_investigation_members(
        world.congress, inv, actor=world.root,
        members=members if members is not None else [(world.deputies[1].person, "chair"), (world.deputies[0].person, "member")])
    return inv


def writes(world) -> dict:
    from renda.oversight.actions import inquiries, investigations, questioning

    c = world.congress
    person = {world.deputy: world.deputies[0].person, world.users[Role.SC_MEMBER]: world.deputies[1].person}

    def register(u):
        # A member asks their own question; staff (and the denied) name the deputy persona.
        return inquiries.register_inquiry_question(c, prepared(world), actor=u, text="问题",
                                                   asker=person.get(u, world.deputies[0].person))

    def rate_inquiry(u):
        question = answered(world, asked(world, asker=person.get(u, world.deputies[0].person)))
        return inquiries.rate_inquiry_answer(c, question, actor=u, satisfaction="basic")

    def draft(u):
        meeting = session(world)
        signer = None if u in person else world.deputies[1].person
        return questioning.draft_questioning(c, actor=u, forum="standing_committee", meeting=meeting, body=world.unit,
                                             title="质询案", questions="问题", signer=signer)

    def file_(u):
        return questioning.file_questioning(c, signed_questioning(world), actor=u)

    def decide(u):
        return questioning.decide_questioning(c, filed_questioning(world), actor=u, decision="reject",
                                              meeting=directors(world), reason="不属于质询范围")

    def answer(u):
        return questioning.record_questioning_answer(c, accepted_questioning(world), actor=u, answerer="局长",
                                                     text="答复", answered_on=timezone.localdate())

    def rate_questioning(u):
        q = answered_questioning(world)
        return questioning.rate_questioning_answer(c, q, actor=u, satisfied=True,
                                                   person=None if u in person else world.deputies[0].person)

    return {
        "prepare_inquiry": lambda u: prepared(world, actor=u),
        "register_inquiry_question": register,
        "record_inquiry_answer": lambda u: _record_answer(world, u),
        "rate_inquiry_answer": rate_inquiry,
        "draft_questioning": draft,
        "file_questioning": file_,
        "decide_questioning": decide,
        "record_questioning_answer": answer,
        "rate_questioning_answer": rate_questioning,
        "establish_investigation": lambda u: investigations.propose_investigation(
            c, actor=u, title="特定问题调查委员会", subject="问题", meeting=session(world, members=3)),
        "log_investigation_evidence": lambda u: investigations.log_investigation_evidence(
            c, established_investigation(world), actor=u, on=timezone.localdate(), title="询问笔录", source="现场询问"),
        "report_investigation": lambda u: investigations.report_investigation(
            c, established_investigation(world), actor=u, report="调查报告",
            meeting=session(world, members=3, starts_at=timezone.now() + datetime.timedelta(days=30))),
    }


def _record_answer(world, u):
    from renda.oversight.actions import inquiries
    from renda.oversight.models import InquiryAnswerer

    question = asked(world)
    who = InquiryAnswerer.objects.in_congress(world.congress).filter(inquiry_id=question.inquiry_id).first()
    return inquiries.record_inquiry_answer(world.congress, question, actor=u, answered_by=who, answer="回答")


def reads(world) -> dict:
    from django.utils.functional import lazy

    # Built only when the cell asks for it (every cell of the matrix reads this table).
    def evidence_page() -> str:
        inv = established_investigation(world)
        return f"/c/{world.congress.code}/oversight/investigations/{inv.pk}/evidence/"

    return {"view_investigation_evidence": lazy(evidence_page, str)()}

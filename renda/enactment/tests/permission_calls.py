"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
enactment permission, each call on a fresh bill at the stage it needs."""

from __future__ import annotations

import datetime


def writes(world) -> dict:
    from renda.enactment import actions
    from renda.enactment.models import Filing
    from renda.enactment.tests import fixtures as f
    from renda.legislation.models import Provision
    from renda.people.models import Person
    from renda.testing import make_meeting

    c, office = world.congress, world.office
    passed_on = datetime.date(2023, 8, 25)
    member: Person = world.deputies[1].person  # 王芳, the standing-committee member persona

    def scheduled():
        bill = f.submitted(world)
        meeting = f.session(world, members=2)
        return actions.schedule_reading(c, bill, actor=office, version=f.latest(bill), meeting=meeting,
                                        distributed_at=meeting.starts_at - datetime.timedelta(days=7))

    def passed():
        return f.voted(world, readings=2, on=passed_on)

    def awaiting():
        bill = passed()
        actions.submit_for_approval(c, bill, actor=office, submitted_on="2023-08-28")
        return bill

    def approved():
        bill = awaiting()
        actions.record_approval(c, bill, actor=office, decided_on="2023-09-27", outcome="approved")
        return bill

    def filing():
        made = actions.promulgate_law(c, approved(), actor=office, announcement_number="第1号",
                                      announced_on="2023-10-08", in_force_on="2023-11-01")
        return Filing.objects.in_congress(c).filter(promulgation=made).first()

    def voted_unrecorded():
        bill, meeting = f.ready(world, readings=2)
        bv = actions.put_bill_to_vote(c, bill, actor=office, meeting=meeting)
        f.cast(world, bv.vote, meeting, yes=meeting.roster.count())
        return bill

    def articles(u):
        bill, meeting = f.ready(world, readings=2)
        article = Provision.objects.in_congress(c).filter(version=f.latest(bill), kind="article").first()
        return actions.put_articles_to_vote(c, bill, actor=u, meeting=meeting, provisions=[article.pk])

    def shelved():
        bill = f.submitted(world)
        f.read(world, bill, meeting=f.session(world, members=2, on=datetime.date(2023, 3, 31)))
        return bill

    return {
        "submit_bill": lambda u: actions.submit_bill(c, (b := f.make_bill(world)), actor=u, version=f.latest(b),
                                                     proposer_kind="government", proposer=world.unit, presenter="局长"),
        "record_preliminary_review": lambda u: actions.record_preliminary_review(
            c, f.make_bill(world), actor=u, meeting=make_meeting(world, kind="directors", members=2),
            committee=world.committee, file=f.pdf()),
        "schedule_reading": lambda u: actions.schedule_reading(
            c, (b := f.submitted(world)), actor=u, version=f.latest(b), meeting=(m := f.session(world, members=2)),
            distributed_at=m.starts_at - datetime.timedelta(days=7)),
        "record_reading": lambda u: actions.record_reading(c, scheduled(), actor=u),
        "record_opinion": lambda u: actions.record_opinion(c, scheduled(), actor=u, speaker=member, text_="建议修改。"),
        "record_review_report": lambda u: actions.record_review_report(
            c, f.read(world, f.submitted(world), members=2), actor=u, kind="unified", body=world.committee,
            file=f.pdf()),
        "set_readings_required": lambda u: actions.set_readings_required(c, f.submitted(world), actor=u, readings=2,
                                                                         reason="意见比较一致"),
        "end_bill": lambda u: actions.end_bill(c, shelved(), actor=u, reason="意见分歧较大"),
        "put_articles_to_vote": articles,
        "put_bill_to_vote": lambda u: actions.put_bill_to_vote(c, (r := f.ready(world, readings=2))[0], actor=u,
                                                               meeting=r[1]),
        "record_bill_vote": lambda u: actions.record_bill_vote(c, voted_unrecorded(), actor=u),
        "submit_for_approval": lambda u: actions.submit_for_approval(c, passed(), actor=u, submitted_on="2023-08-28"),
        "record_approval": lambda u: actions.record_approval(c, awaiting(), actor=u, decided_on="2023-09-27",
                                                             outcome="approved"),
        "promulgate_law": lambda u: actions.promulgate_law(c, approved(), actor=u, announcement_number="第2号",
                                                           announced_on="2023-10-08", in_force_on="2023-11-01"),
        "record_filing": lambda u: actions.record_filing(c, filing(), actor=u, filed_on="2023-10-20"),
        "bring_laws_into_force": lambda u: actions.bring_laws_into_force(c, actor=u),
    }


def reads(world) -> dict:
    return {"view_enactment": f"/c/{world.congress.code}/enactment/"}

"""Bills on their way through the standing committee, built through the actions: a bill (the
legislation tests' regulation text) submitted by the government, read at sessions whose draft went
out ``days`` before, its 表决稿, and the vote with ``yes`` of ``members``."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.enactment import actions
from renda.legislation import actions as legislation
from renda.legislation.models import BillVersion
from renda.legislation.tests.fixtures import TEXT
from renda.testing import make_meeting, voters
from renda.voting import actions as voting

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_bill(world, title: str = "示例市河湖保护条例", **kw):
    return legislation.create_bill(world.congress, actor=world.office, title=title, text=TEXT,
                                   committee=world.committee, explanation="关于《示例市河湖保护条例（草案）》的说明。", **kw)


def latest(bill) -> BillVersion:
    return BillVersion.objects.in_congress(bill.congress_id).filter(bill=bill).order_by("-number").first()


def submitted(world, **kw):
    bill = make_bill(world, **kw)
    actions.submit_bill(world.congress, bill, actor=world.office, version=latest(bill), proposer_kind="government",
                        proposer=world.unit, presenter="市司法局局长")
    bill.refresh_from_db()
    return bill


def session(world, *, members: int = 5, sign_in: int | None = None, on: datetime.date | None = None):
    """A standing-committee session of at least ``members`` (every member the world already has
    stays on the committee: make_meeting adds, never removes), all signed in unless ``sign_in``."""
    from renda.people.models import Membership

    serving = Membership.objects.in_congress(world.congress).filter(
        organisation__kind="standing_committee").values("person_id").distinct().count()
    starts = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9))) if on else None
    return make_meeting(world, members=max(members, serving), sign_in=sign_in, starts_at=starts)


def read(world, bill, *, meeting=None, days: int = 7, members: int = 5):
    """One reading scheduled (draft out ``days`` before the session) and held."""
    meeting = meeting or session(world, members=members)
    out = timezone.localtime(meeting.starts_at) - datetime.timedelta(days=days)
    reading = actions.schedule_reading(world.congress, bill, actor=world.office, version=latest(bill),
                                       meeting=meeting, distributed_at=out)
    return actions.record_reading(world.congress, reading, actor=world.office)


def final(world, bill) -> BillVersion:
    return legislation.add_version(world.congress, bill, actor=world.office, stage=BillVersion.Stage.FINAL,
                                   label="表决稿")


def ready(world, *, readings: int = 3, members: int = 5, on: datetime.date | None = None, **kw):
    """A bill read ``readings`` times (its requirement set to that), with its 表决稿, and the session
    (``members`` in the standing committee, all signed in; held ``on``, earlier ones two months
    apart) where the last reading was held."""
    bill = submitted(world, **kw)
    if readings != bill.readings_required:
        actions.set_readings_required(world.congress, bill, actor=world.office, readings=readings, reason="意见比较一致")
    meeting = None
    for n in range(readings):
        # Earlier sessions only the world's two members: make_meeting adds members it lacks, for good.
        day = on - datetime.timedelta(days=60 * (readings - 1 - n)) if on else None
        meeting = session(world, members=members if n == readings - 1 else 2, on=day)
        read(world, bill, meeting=meeting)
    final(world, bill)
    bill.refresh_from_db()
    return bill, meeting


def cast(world, vote, meeting, yes: int) -> None:
    c, office = world.congress, world.office
    voting.open_vote(c, vote, actor=office)
    for n, user in enumerate(voters(meeting)):
        voting.cast_vote(c, vote, actor=user, choice="yes" if n < yes else "no")
    voting.close_vote(c, vote, actor=office)
    voting.announce_result(c, vote, actor=office)


def voted(world, *, yes: int | None = None, members: int = 5, **kw):
    bill, meeting = ready(world, members=members, **kw)
    bv = actions.put_bill_to_vote(world.congress, bill, actor=world.office, meeting=meeting)
    cast(world, bv.vote, meeting, members if yes is None else yes)
    return actions.record_bill_vote(world.congress, bill, actor=world.office)

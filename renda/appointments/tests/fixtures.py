"""Test helpers: the bodies whose leaders the standing committee appoints, a session of 43 with 36
present, a directors' meeting, a 任免案 with nominees, and a vote run to its announced result."""

from __future__ import annotations

import datetime
import itertools

from renda.appointments import actions
from renda.people import actions as people_actions
from renda.people.models import Organisation
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions as voting


def bodies(world) -> dict[str, Organisation]:
    c, root = world.congress, world.root
    K = Organisation.Kind
    found = {o.name: o for o in Organisation.objects.in_congress(c).filter(name__in=["市人民政府", "市中级人民法院"])}
    if len(found) == 2:
        return {"government": found["市人民政府"], "court": found["市中级人民法院"]}
    return {
        "government": people_actions.create_organisation(c, actor=root, kind=K.HANDLING_UNIT, name="市人民政府",
                                                         unit_type="government"),
        "court": people_actions.create_organisation(c, actor=root, kind=K.HANDLING_UNIT, name="市中级人民法院",
                                                    unit_type="court"),
    }


def sitting(world, *, members: int = 43, sign_in: int = 36):
    return make_meeting(world, members=members, sign_in=sign_in)


def directors(world):
    return make_meeting(world, kind="directors", members=5, open_it=False)


def official(world, name: str = "赵局长", post: str = "副市长"):
    """A person holding a post now (to remove or accept the resignation of)."""
    return people_actions.add_membership(world.congress, actor=world.root, organisation=bodies(world)["government"],
                                         person_data={"name": name, "sex": "男"}, post=post,
                                         start=datetime.date(2022, 2, 1)).person


def new_person(name: str = "陈新", sex: str = "女") -> dict:
    return {"name": name, "sex": sex, "birth_date": "1975-03-01", "ethnicity": "汉族", "party": "中共党员"}


def draft_bill(world, session, name: str = "陈新"):
    c, office = world.congress, world.office
    bill = actions.create_bill(c, actor=office, proposer="government", title="市人民政府关于提请任免职务的议案",
                               meeting=session)
    gov = bodies(world)["government"]
    actions.add_nominee(c, bill, actor=office, action="appoint", organisation=gov, post="副市长",
                        person_data=new_person(name), resume="1997年参加工作……", statement="如获任命，我将依法履职。")
    return bill


def run_vote(world, vote, yes: int):
    """Open, cast ``yes`` yes and the rest no among those present, close and announce."""
    c, office = world.congress, world.office
    voting.open_vote(c, vote, actor=office)
    for n, user in enumerate(voters(vote.meeting)):
        voting.cast_vote(c, vote, actor=user, choice="yes" if n < yes else "no")
    voting.close_vote(c, vote, actor=office, teller_keys=teller_keys(vote))
    voting.announce_result(c, vote, actor=office)
    vote.refresh_from_db()
    return vote


def decided_bill(world, yes: int = 30, session=None, name: str = "陈新"):
    """A bill submitted, voted and decided: one appointee (passed with ``yes`` of 43)."""
    c, office = world.congress, world.office
    session = session or sitting(world)
    bill = draft_bill(world, session, name=name)
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world))
    [vote] = actions.put_to_vote(c, bill, actor=office)
    run_vote(world, vote, yes)
    actions.decide(c, bill, actor=office)
    bill.refresh_from_db()
    return bill, session


def small_bill(world, stage: str = "draft", name: str | None = None):
    """A bill on a small session (3 members, all present) taken to ``stage``: draft, submitted,
    voting (its vote announced, passed) or decided. Cheap enough for the permission matrix."""
    c, root = world.congress, world.root
    session = sitting(world, members=3, sign_in=3)
    bill = draft_bill(world, session, name=name or f"新人{next(_small)}")
    if stage == "draft":
        return bill
    actions.submit_bill(c, bill, actor=root, directors_meeting=directors(world))
    if stage == "submitted":
        return bill
    for vote in actions.put_to_vote(c, bill, actor=root):
        run_vote(world, vote, 100)
    if stage == "voting":
        return bill
    actions.decide(c, bill, actor=root)
    bill.refresh_from_db()
    return bill


_small = itertools.count(1)

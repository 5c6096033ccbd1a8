"""Test data: named personas in two congresses, built through the actions, plus ``make_*`` helpers.

Congress A (示例甲市) and congress B (示例乙市) each get one user per role, so every test can
check the allowed, the denied and the other congress's user (cross-tenant).
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from renda.core import actions as core_actions
from renda.core.models import Congress, Term
from renda.core.roles import Role
from renda.people import actions
from renda.people.models import Mandate, Organisation

_numbers = itertools.count(1)


def make_user(username: str, **extra):
    return get_user_model().objects.create_user(username=username, password="pw-for-tests", **extra)


def signed_in(user):
    """A test client signed in as ``user``."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def make_congress(code: str, name: str, level: str = Congress.Level.CITY, parent: Congress | None = None) -> Congress:
    return Congress.objects.create(code=code, name=name, level=level, parent=parent)


@dataclass
class World:
    """One congress with its personas and a little structure."""

    congress: Congress
    term: Term
    users: dict[Role, object]
    root: object
    delegation: Organisation
    group: Organisation
    station: Organisation
    committee: Organisation
    unit: Organisation
    contact_point: Organisation | None = None  # 基层立法联系点, its staff the CONTACT_POINT_STAFF user
    deputies: list[Mandate] = field(default_factory=list)

    @property
    def admin(self):
        return self.users[Role.ADMIN]

    @property
    def office(self):
        return self.users[Role.OFFICE_STAFF]

    @property
    def deputy(self):
        return self.users[Role.DEPUTY]

    @property
    def public(self):
        return self.users[Role.PUBLIC]

    def make_deputy(self, name: str = "张伟", **extra) -> Mandate:
        person = {"name": name, "sex": extra.pop("sex", "男"), "birth_date": extra.pop("birth_date", None),
                  "phone": extra.pop("phone", "13800000000")}
        return actions.appoint_deputy(
            self.congress, actor=self.root, term=self.term, number=extra.pop("number", f"T{next(_numbers):05d}"),
            elected_on=extra.pop("elected_on", datetime.date(2022, 1, 10)), person_data=person,
            delegation=extra.pop("delegation", self.delegation), **extra,
        )


def make_world(code: str = "a", name: str = "示例甲市人民代表大会", level: str = Congress.Level.CITY,
               parent: Congress | None = None) -> World:
    congress = make_congress(f"test-{code}", name, level, parent)
    root = make_user(f"root-{code}", is_superuser=True)
    term = core_actions.create_term(congress, actor=root, number=5, start="2022-01-10", end="2027-01-09")
    K = Organisation.Kind
    org = lambda kind, n, **kw: actions.create_organisation(congress, actor=root, kind=kind, name=n, **kw)  # noqa: E731
    delegation = org(K.DELEGATION, f"{code}东湖代表团")
    group = org(K.DEPUTY_GROUP, f"{code}第一代表小组", parent=delegation)
    station = org(K.LIAISON_STATION, f"{code}城关代表联络站")
    committee = org(K.WORKING_COMMITTEE, "代表工作委员会")
    unit = org(K.HANDLING_UNIT, "教育局", unit_type="department")
    contact_point = org(K.LEGISLATIVE_CONTACT_POINT, f"{code}城关街道基层立法联系点")
    users = {}
    for role in Role:
        user = make_user(f"{role.value}-{code}")
        users[role] = user
        if role == Role.PUBLIC:
            continue
        organisation = {Role.COMMITTEE_STAFF: committee, Role.UNIT_OFFICER: unit,
                        Role.CONTACT_POINT_STAFF: contact_point}.get(role)
        core_actions.grant_role(congress, actor=root, user=user, role=role, organisation=organisation)
    world = World(congress, term, users, root, delegation, group, station, committee, unit, contact_point)
    for role, name in [(Role.DEPUTY, "李明"), (Role.SC_MEMBER, "王芳")]:
        mandate = world.make_deputy(name, sex="男" if role == Role.DEPUTY else "女", deputy_group=group)
        mandate.person.user = users[role]
        mandate.person.save(update_fields=["user"])
        world.deputies.append(mandate)
    return world


def make_meeting(world: World, *, members: int = 5, kind: str = "sc_session", open_it: bool = True, starts_at=None,
                 sign_in: int | None = None, allow_vote_change: bool = False):
    """A standing-committee (or other) meeting whose roster holds the world's deputy and
    standing-committee personas plus enough deputies to make ``members`` in all; ``sign_in`` of
    them (default all) signed in at the desk."""
    from django.utils import timezone

    from renda.meetings import actions as meeting_actions

    c, root = world.congress, world.root
    organisation = None
    if kind in ("sc_session", "directors", "presidium", "party_group"):
        body_kind = {"sc_session": "standing_committee", "directors": "directors_meeting", "presidium": "presidium",
                     "party_group": "party_group"}[kind]
        organisation = Organisation.objects.in_congress(c).filter(kind=body_kind).first() or \
            actions.create_organisation(c, actor=root, kind=body_kind, name=f"{c.code}{body_kind}")
        people = [m.person for m in world.deputies]
        while len(people) < members:
            people.append(world.make_deputy(f"委员{len(people)}{next(_numbers)}").person)
        from renda.people.models import Membership

        already = set(Membership.objects.in_congress(c).filter(organisation=organisation).values_list("person_id", flat=True))
        for person in people[:members]:
            if person.pk not in already:
                actions.add_membership(c, actor=root, organisation=organisation, person=person, post="委员",
                                       start=datetime.date(2022, 1, 10))
    if kind in ("plenary", "preparatory"):
        from renda.people.models import Mandate

        serving = Mandate.objects.in_congress(c).filter(status=Mandate.Status.SERVING).count()
        for n in range(serving, members):
            world.make_deputy(f"代表{n}{next(_numbers)}")
    meeting = meeting_actions.create_meeting(c, actor=root, term=world.term, kind=kind, starts_at=starts_at or timezone.now(),
                                             place="常委会会议室", organisation=organisation,
                                             allow_vote_change=allow_vote_change)
    meeting_actions.build_roster(c, meeting, actor=root)
    if open_it:
        meeting_actions.open_meeting(c, meeting, actor=root)
        from renda.meetings.models import RosterEntry

        entries = RosterEntry.objects.in_congress(c).filter(meeting=meeting, voting=True).select_related("person")
        for entry in list(entries.order_by("id"))[: members if sign_in is None else sign_in]:
            meeting_actions.sign_in_at_desk(c, meeting, actor=root, person=entry.person)
    return meeting


def congress_root(congress: Congress):
    return get_user_model().objects.get(username=f"root-{congress.code.removeprefix('test-')}")


def voters(meeting, *, present_only: bool = True) -> list:
    """A signed-in account for each voting member on the roster (created where missing)."""
    from renda.meetings.models import RosterEntry

    entries = RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting, voting=True)
    if present_only:
        entries = entries.filter(attendance=RosterEntry.Attendance.PRESENT)
    users = []
    for entry in entries.select_related("person__user").order_by("id"):
        person = entry.person
        if person.user is None:
            person.user = make_user(f"voter-{person.pk}")
            person.save(update_fields=["user"])
            congress = Congress.objects.get(pk=meeting.congress_id)
            core_actions.grant_role(congress, actor=congress_root(congress), user=person.user, role=Role.DEPUTY)
        users.append(person.user)
    return users


def make_call(world: World, *, to_choose: int = 2, proposals: int = 3, screen: bool = True, today=None):
    """A livelihood call with ``proposals`` public proposals, all taken through every review stage."""
    from renda.livelihood import actions as livelihood

    day = today or datetime.date.today()
    c, root = world.congress, world.root
    call = livelihood.open_call(c, actor=root, year=day.year, title=f"{day.year}年民生实事项目征集",
                                opens_on=day - datetime.timedelta(days=10), closes_on=day + datetime.timedelta(days=10),
                                to_choose=to_choose)
    made = [livelihood.submit_proposal(c, call, actor=None, title=f"项目{n}", description="为民办实事",
                                       place="城关镇", estimated_cost="120.5", proposer_name="群众甲",
                                       proposer_contact="13900001111")
            for n in range(proposals)]
    if screen:
        for proposal in made:
            for _ in call.stages:
                livelihood.decide_stage(c, proposal, actor=root, passed=True)
    return call


# The tellers' key slips of every vote opened in a test, by the vote's public key (renda/conftest.py
# records them as voting.sealing makes them): the slips the office would have handed the tellers.
TELLER_SLIPS: dict[bytes, list[str]] = {}


def teller_keys(vote) -> list[str]:
    """The slips to close an electronic secret vote with, as the tellers would type them."""
    from renda.voting.models import Vote

    key = Vote.objects.in_congress(vote.congress_id).values_list("ballot_key", flat=True).get(pk=vote.pk)
    return TELLER_SLIPS[bytes(key)] if key is not None else []

"""The demo data: a city caught on an ordinary working day, with something waiting for every role,
and the pages each role sees, in Chinese."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from renda import demo
from renda.core import inbox
from renda.core.queries import subordinate_deputy_counts
from renda.people.models import Mandate, Membership, Organisation, Person

pytestmark = pytest.mark.django_db  # each test runs inside the transaction that holds the module's demo


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    # Built once for the module (it takes a while) and dropped at the end, like a class-level fixture.
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield demo.build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def db_access(demo_city, db):
    return demo_city


def test_the_demo_has_the_promised_shape(db_access):
    city = db_access
    K = Organisation.Kind
    orgs = Organisation.objects.in_congress(city)
    assert [c.code for c in city.children.order_by("id")] == ["demo-donghu", "demo-xishan"]
    assert Mandate.objects.in_congress(city).count() == 400
    assert orgs.filter(kind=K.DELEGATION).count() == 7
    assert orgs.filter(kind=K.WORKING_COMMITTEE).count() == 9
    assert orgs.filter(kind=K.HANDLING_UNIT).count() >= 30
    assert orgs.filter(kind=K.LIAISON_STATION).count() == 9
    assert orgs.filter(kind=K.DEPUTY_GROUP).count() >= 7
    sc = orgs.get(kind=K.STANDING_COMMITTEE)
    assert Membership.objects.in_congress(city).filter(organisation=sc, end__isnull=True).count() == 43
    counts = dict(subordinate_deputy_counts(city))
    assert all(n == 150 for n in counts.values())


def test_people_have_real_looking_names(db_access):
    city = db_access
    people = Person.objects.filter(pk__in=Mandate.objects.in_congress(city).values("person_id"))
    names = list(people.values_list("name", flat=True))
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", n) for n in names), [n for n in names if "（" in n][:3]
    assert not any("人大代表" in n or "代表" == n[-2:] for n in names)
    assert len(set(names)) == len(names)  # no two deputies of the city share a name
    mongolian = people.filter(ethnicity="蒙古族").count()
    assert 0.1 * len(names) < mongolian < 0.4 * len(names)
    users = get_user_model().objects.filter(username__in=[a[0] for a in demo.ACCOUNTS])
    assert {u.username: u.get_full_name() for u in users} == {
        "admin": "刘志远", "office": "乌云其其格", "committee": "李静", "member": "巴特尔", "deputy": "程雪琪",
        "unit": "张建华", "public": "赵桂兰", "contact": "孙丽娟"}
    for username in ("admin", "office", "committee", "member", "deputy", "unit", "contact"):
        assert Person.objects.get(user__username=username).name == users.get(username=username).get_full_name()


def test_a_session_of_suggestions_answered_rated_and_reported(db_access):
    from renda.proposals import reports
    from renda.proposals.models import Answer, Assignment, Rating, Suggestion

    city = db_access
    today = timezone.localdate()
    items = Suggestion.objects.in_congress(city)
    assert items.count() >= 250
    statuses = set(items.values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "accepted", "merged", "assigned", "answered", "rehandling",
            "closed"} <= statuses
    assert items.filter(key_supervision=True).count() >= 3
    answers = Answer.objects.in_congress(city)
    assert set(answers.values_list("outcome", flat=True)) == {"A", "B", "C"}
    assert answers.filter(round=2).exists()  # re-handled after a deputy was dissatisfied
    assert set(Rating.objects.in_congress(city).values_list("result", flat=True)) == {"满意", "基本满意", "不满意"}
    leads = Assignment.objects.in_congress(city).filter(lead=True).select_related("unit", "suggestion")
    assert leads.filter(due_on__lt=today, suggestion__status__in=["assigned", "rehandling"]).count() >= 3
    for assignment in leads:  # every item went to the department whose work it is
        wanted = demo.CATEGORY_UNITS[assignment.suggestion.category][0]
        assert assignment.unit.name == f"示例市{wanted}", (assignment.suggestion.title, assignment.unit.name)
    summary = reports.summary(city, year=today.year)
    assert summary.total >= 250 and summary.commitments and summary.fulfilled
    assert "—" not in (summary.on_time, summary.satisfaction, summary.done)
    ranking = reports.unit_evaluation(city, today.year)
    assert len(ranking) >= 10 and all(r.items and r.score > 0 for r in ranking)


def test_meetings_held_this_year_and_one_this_week(db_access):
    from django.db.models import Q

    from renda.meetings.models import LeaveRequest, Meeting, RosterEntry
    from renda.oversight.models import Inquiry, WorkReport
    from renda.voting.models import Vote

    city = db_access
    meetings = Meeting.objects.in_congress(city)
    now = timezone.now()
    assert not meetings.filter(starts_at__lt=now - datetime.timedelta(days=1)).exclude(status="closed").exists()
    recent = meetings.filter(kind="sc_session", status="closed", starts_at__gte=now - datetime.timedelta(days=120))
    # the oversight demo holds two sessions of its own: a work report evaluated, an inquiry
    oversight = recent.filter(Q(pk__in=WorkReport.objects.in_congress(city).values("meeting"))
                              | Q(pk__in=Inquiry.objects.in_congress(city).values("meeting")))
    assert oversight.count() == 2
    assert all(RosterEntry.objects.in_congress(city).filter(meeting=m, voting=True).count() == 43 for m in oversight)
    # and the standing committee's business holds three: appointments with the oath, duty reports rated,
    # a major matter decided
    from renda.appointments.models import AppointmentBill
    from renda.decisions.models import Decision
    from renda.duty_reports.models import DutyReport

    business = recent.filter(Q(pk__in=AppointmentBill.objects.in_congress(city).values("meeting"))
                             | Q(pk__in=DutyReport.objects.in_congress(city).values("meeting"))
                             | Q(pk__in=Decision.objects.in_congress(city).values("meeting"))).exclude(
        pk__in=oversight.values("pk"))
    assert business.count() == 3
    held = recent.exclude(pk__in=oversight.values("pk")).exclude(pk__in=business.values("pk"))
    assert held.count() == 4
    for meeting in held:
        roster = RosterEntry.objects.in_congress(city).filter(meeting=meeting, voting=True)
        assert roster.count() == 43 and roster.filter(attendance="present").count() >= 37
        assert Vote.objects.in_congress(city).filter(meeting=meeting, status="announced").count() == 2
    plenary = meetings.get(kind="plenary", status="closed", starts_at__gte=now - datetime.timedelta(days=150))
    assert Vote.objects.in_congress(city).filter(meeting=plenary, status="announced").count() == 2
    upcoming = meetings.filter(status="planned").order_by("starts_at").first()
    assert upcoming.starts_at.date() - timezone.localdate() <= datetime.timedelta(days=6)
    assert LeaveRequest.objects.in_congress(city).filter(meeting=upcoming, status="pending").count() == 1
    from renda.livelihood.models import Call, Proposal

    call = Call.objects.in_congress(city).get()
    assert call.status == "chosen"
    chosen = Proposal.objects.in_congress(city).filter(call=call, status="chosen").select_related("lead_unit")
    assert chosen.count() == 5
    assert Proposal.objects.in_congress(city).filter(call=call, status="dropped").count() == 2
    wanted = {title: unit for title, *_, unit in demo.PROJECTS}
    assert all(p.lead_unit.name == f"示例市{wanted[p.title]}" for p in chosen)


def test_concerns_at_every_stage_of_the_three_ways(db_access):
    from renda.liaison.models import Concern

    statuses = set(Concern.objects.in_congress(db_access).values_list("status", flat=True))
    assert {"received", "with_committee", "referred", "tracking", "solved", "answered", "closed", "dismissed"} <= statuses


WAITING = {  # each demo account's home has these tasks, each with something in it
    "office": {"suggestions_to_review", "units_overdue", "handling_requests", "leave_requests", "meetings_this_week",
               "concerns_untriaged"},
    "committee": {"committee_supervision"},
    "member": {"next_meeting", "not_contacted_member_deputy"},
    "deputy": {"cosign_requests", "answers_to_rate", "station_duty", "not_contacted_deputy_constituent"},
    "unit": {"unit_overdue", "unit_due_soon", "unit_commitments", "unit_reminders"},
}


def test_every_demo_role_has_something_waiting(db_access):
    from renda.proposals.models import Assignment

    city = db_access
    User = get_user_model()
    for username, keys in WAITING.items():
        found = {t.key for t in inbox.tasks_for(city, User.objects.get(username=username))}
        assert keys <= found, (username, keys - found)
    # The education bureau has items due within a day, a week and a month, and one overdue.
    today = timezone.localdate()
    left = [(a.due_on - today).days for a in Assignment.objects.in_congress(city).filter(
        unit__name="示例市教育局", lead=True, suggestion__status__in=["assigned", "rehandling"])]
    assert min(left) < 0 and any(0 <= d <= 1 for d in left) and any(1 < d <= 7 for d in left)
    assert any(7 < d <= 31 for d in left)


DEMO_PAGES = {
    "admin": ["/c/demo-city/", "/c/demo-city/rules/", "/c/demo-city/audit/", "/c/demo-city/roles/"],
    "office": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/exchange/", "/c/demo-city/organisations/"],
    "committee": ["/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/rules/"],
    "member": ["/c/demo-city/", "/c/demo-city/me/", "/c/demo-city/deputies/"],
    "deputy": ["/c/demo-city/me/", "/c/demo-donghu/me/", "/c/demo-city/deputies/", "/c/demo-city/meetings/"],
    "unit": ["/c/demo-city/", "/c/demo-city/organisations/"],
    "public": ["/", "/c/demo-city/", "/c/demo-city/deputies/", "/c/demo-city/livelihood/"],
}


def test_each_demo_account_signs_in_and_sees_its_pages_in_chinese(db_access):
    for username, urls in DEMO_PAGES.items():
        client = Client()
        assert client.login(username=username, password=demo.PASSWORD), username
        for url in urls:
            response = client.get(url, follow=True)
            assert response.status_code == 200, (username, url)
            text = response.content.decode()
            assert "人大" in text and 'lang="zh-Hans"' in text, (username, url)
            assert "人大代表（人大代表）" not in text
    # The deputy's own page shows both levels she serves at.
    client = Client()
    client.login(username="deputy", password=demo.PASSWORD)
    page = client.get("/c/demo-city/me/").content.decode()
    assert "示例市人民代表大会" in page and "东湖县人民代表大会" in page and "程雪琪" in page
    # Navigation follows the role.
    client.login(username="office", password=demo.PASSWORD)
    office_page = client.get("/c/demo-city/").content.decode()
    client.login(username="public", password=demo.PASSWORD)
    public_page = client.get("/c/demo-city/").content.decode()
    assert "导入导出" in office_page and "导入导出" not in public_page and "审计日志" not in office_page
    client.login(username="member", password=demo.PASSWORD)
    meetings = client.get("/c/demo-city/meetings/").content.decode()
    assert "示例市第五届人大常委会" in meetings and "示例市第五届人民代表大会" in meetings


_READ = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)


def _kept_figures_read(source: str, congress) -> set[str]:
    """The kept figures' table, for a source that lists the figures it reads (``KEPT_FIGURES``) and every table
    those figures are counted from: their rows move only in the actions that write those tables."""
    from importlib import import_module

    from renda.core import tallies
    from renda.core.models import Tally

    figures = getattr(import_module(source.rsplit(".", 1)[0]), "KEPT_FIGURES", ())
    for name in figures:
        counted_from = set(_READ.findall(str(tallies.all_kept()[name].source(congress).query)))
        assert counted_from and counted_from <= set(inbox.reads(source)), (name, counted_from - set(inbox.reads(source)))
    return {Tally._meta.db_table} if figures else set()


def test_each_inbox_source_reads_only_the_tables_it_lists(db_access):
    """A source's tasks are kept until a table it lists is written (inbox.kept_tasks): one that read an
    unlisted table would show a stale count. Each demo account (one of each role) in both congresses, each
    source alone, nothing kept from before (roles, rules, the person), the statements' tables caught as
    they run."""
    from django.core.cache import caches
    from django.db import connection

    User = get_user_model()
    checked = 0
    for congress in (db_access, *db_access.children.all()):
        for user_id in User.objects.filter(username__in=[a[0] for a in demo.ACCOUNTS]).values_list("id", flat=True):
            for source in inbox.SOURCES:
                caches["local"].clear()
                read: set[str] = set()

                def noting(execute, sql, params, many, context, read=read):
                    read.update(_READ.findall(sql))
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(noting):
                    inbox._tasks_of(source, inbox.Ask(congress, User.objects.get(pk=user_id)))
                assert read <= set(inbox.reads(source)) | _kept_figures_read(source, congress), (source, read - set(inbox.reads(source)))
                checked += bool(read)
    assert checked > 200  # the sources did read: the roles at least, for every account

"""A station's page read by written-out statements (``station_statements``) shows what the ORM's queries
gave it: the queue, the deputies, the last receptions, the rota and the profile, on both databases."""

from __future__ import annotations

import datetime

from django.db.models import Count
from django.utils import timezone

from renda.core.tenancy import congress_scope
from renda.liaison import actions, reports, station_statements
from renda.liaison.models import Concern, Reception, RotaSlot, StationProfile
from renda.liaison.tests.factory import attach, concern, station_deputy
from renda.liaison.tests.test_cppcc import member
from renda.people.models import Mandate, Organisation
from renda.testing import signed_in


def _concerns(world, count: int = 90) -> Organisation:
    """Concerns of every status at the world's station and another, some overdue, some with no due date."""
    other = Organisation.objects.create(congress=world.congress, kind="liaison_station", name="另一联络站")
    today = timezone.localdate()
    statuses = [s for s, _ in Concern.Status.choices]
    Concern.objects.bulk_create([
        Concern(congress=world.congress, station=(world.station, other)[n % 4 == 3], source="online", category="交通",
                text=f"诉求{n}" * (n % 9 + 1), status=statuses[n % len(statuses)], step_owner=("", "交通局")[n % 2],
                due_on=None if n % 5 == 0 else today + datetime.timedelta(days=n % 11 - 5))
        for n in range(count)])
    return other


def _shown(concerns) -> list[tuple]:
    """What a queue's row shows of each concern (liaison/queue_rows.jinja)."""
    return [(c.pk, c.station.name, c.get_source_display(), c.category, c.text, c.get_status_display(), c.step_owner,
             c.due_on) for c in concerns]


def test_the_queue_is_the_orms_open_concerns_page_by_page_and_overdue(world_a):
    _concerns(world_a, 150)
    for overdue in (False, True):
        after, pages = None, 0
        while True:
            ours = station_statements.queue(world_a.congress, world_a.station, after=after, overdue_only=overdue, limit=20)
            with congress_scope(world_a.congress):
                orm = reports.open_concerns(world_a.congress, station=world_a.station, after=after, overdue_only=overdue)[:20]
            assert _shown(ours) == _shown(orm)
            pages += 1
            if len(ours) < 20:
                break
            after = ours[-1].pk
        assert pages > 1  # the keyset was followed
    for beyond in (2**63, 10**40):  # below a number no key holds: the first page, as the ORM gives it
        ours = station_statements.queue(world_a.congress, world_a.station, after=beyond, overdue_only=False, limit=20)
        with congress_scope(world_a.congress):
            orm = reports.open_concerns(world_a.congress, station=world_a.station, after=beyond)[:20]
        assert _shown(ours) == _shown(orm) and len(ours) == 20
    shown = station_statements.queue(world_a.congress, world_a.station, after=None, overdue_only=True, limit=200)
    assert shown and all(c.due_on < timezone.localdate() and c.status in Concern.OPEN for c in shown)


def test_the_deputies_receptions_rota_and_profile_are_the_orms(world_a):
    c = world_a.congress
    deputy = station_deputy(world_a)
    attach(world_a, world_a.deputies[1])
    orm_names = [m.person.name for m in Mandate.objects.in_congress(c).filter(liaison_station=world_a.station,
                                                                            status="serving").order_by("person__name")]
    assert station_statements.deputies(c, world_a.station) == orm_names and len(orm_names) == 2
    cppcc = member(world_a)
    for days, sitters in ((1, [cppcc]), (2, []), (3, [cppcc])):
        actions.record_reception(c, world_a.station, actor=world_a.office, visitors=days * 4, deputies=[deputy],
                                 held_on=timezone.localdate() - datetime.timedelta(days=days), cppcc_members=sitters)
    orm = [{"held_on": r.held_on, "visitors": r.visitors, "cppcc_count": r.cppcc_count}
           for r in Reception.objects.in_congress(c).filter(station=world_a.station)
           .annotate(cppcc_count=Count("cppcc_members"))[:2]]
    assert station_statements.receptions(c, world_a.station, limit=2) == orm
    assert [r["cppcc_count"] for r in orm] == [1, 0]
    day = timezone.localdate() + datetime.timedelta(days=3)
    actions.set_rota(c, world_a.station, actor=world_a.office, on=day, mandates=[deputy], cppcc_members=[cppcc])
    actions.set_rota(c, world_a.station, actor=world_a.office, on=day + datetime.timedelta(days=70), mandates=[deputy])
    with congress_scope(c):
        orm_rota: dict = {}
        for slot in RotaSlot.objects.filter(station=world_a.station, on__lte=timezone.localdate() + datetime.timedelta(days=60)):
            orm_rota.setdefault(slot.on, []).append(reports.slot_name(slot))
    assert reports.rota(c, world_a.station) == sorted(orm_rota.items()) == [(day, [deputy.person.name, "周委员（政协委员）"])]
    assert reports.profile(c, world_a.station).pk is None  # none set up yet: the defaults
    actions.set_up_station(c, world_a.station, actor=world_a.office, area="城关区", opening_days="每月5日", phone="0471-1")
    ours = reports.profile(c, world_a.station)
    assert ours == StationProfile.objects.in_congress(c).get(station=world_a.station)
    assert (ours.area, ours.opening_days, ours.phone, ours.intake_open) == ("城关区", "每月5日", "0471-1", True)


def test_the_station_page_shows_its_own_queue_and_not_another_congress(world_a, world_b):
    _concerns(world_a, 12)
    _concerns(world_b, 12)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/").content.decode()
    mine = station_statements.queue(world_a.congress, world_a.station, after=None, overdue_only=False, limit=50)
    queue = page.split('id="queue"')[1].split("</table>")[0]
    assert mine and queue.count("<tr") - 1 == len(mine)
    assert all(f">{c.pk}</a>" in queue for c in mine)
    assert station_statements.queue(world_a.congress, world_b.station, after=None, overdue_only=False, limit=50) == []


def test_a_rows_short_text_is_truncators():
    from django.utils.text import Truncator

    from renda.liaison.views import short_text

    decomposed = "e\u0301" * 10  # é as e and a combining accent: NFC makes it one character
    for text in ["", "路灯坏了", "字" * 40, "字" * 41, "字" * 39 + "ab", "长" * 300, decomposed, decomposed * 5]:
        assert short_text(text) == Truncator(text).chars(40), text
    assert short_text("字" * 41) != "字" * 41 and len(short_text("字" * 41)) <= 40  # cut, and marked as cut


def _station_with_everything(world):
    """A station with a deputy, a CPPCC member, a reception they sat at, a rota day and an open concern."""
    c = world.congress
    deputy = station_deputy(world)
    cppcc = member(world)
    actions.record_reception(c, world.station, actor=world.office, visitors=3, deputies=[deputy], cppcc_members=[cppcc],
                             held_on=timezone.localdate())
    actions.set_rota(c, world.station, actor=world.office, on=timezone.localdate() + datetime.timedelta(days=2),
                     mandates=[deputy], cppcc_members=[cppcc])
    actions.set_up_station(c, world.station, actor=world.office, area="城关区", opening_days="每周三")
    concern(world)
    return deputy


def _parts_worked_out(monkeypatch) -> dict:
    """Each value the station page works out afresh (by name): the tables its statements read, and the
    models it is kept by."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.core import versioned

    worked_out: dict = {}
    original = versioned.cached

    def watching(congress, name, compute, **options):
        def computing():
            with CaptureQueriesContext(connection) as queries:
                value = compute()
            read = {t for q in queries.captured_queries for t in re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', q["sql"])}
            worked_out[name] = (read, {m._meta.db_table for m in options.get("tables", ())})
            return value

        return original(congress, name, computing, **options)

    monkeypatch.setattr(versioned, "cached", watching)
    return worked_out


def test_each_part_kept_by_its_tables_reads_no_other(world_a, monkeypatch):
    _station_with_everything(world_a)
    worked_out = _parts_worked_out(monkeypatch)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/").content.decode()
    assert "政协委员 1 人参加" in page and "每周三" in page and "周委员（政协委员）" in page
    parts = {name: found for name, found in worked_out.items() if name.startswith("liaison.station")}
    assert {name.split(":")[0] + ":" + name.split(":")[1] if "form" in name else name.split(":")[0] for name in parts} == {
        "liaison.station_row", "liaison.station", "liaison.station_queue", "liaison.station_form:reception",
        "liaison.station_form:profile", "liaison.station_form:rota"}
    for name, (read, kept_by) in parts.items():
        assert kept_by and read <= kept_by, (name, read - kept_by)


def test_a_concern_raised_redraws_the_queue_and_leaves_the_rest_standing(world_a, monkeypatch):
    deputy = _station_with_everything(world_a)
    office, url = signed_in(world_a.office), f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/"
    office.get(url)
    worked_out = _parts_worked_out(monkeypatch)
    raised = concern(world_a, text="桥下积水严重")
    page = office.get(url).content.decode()
    assert f">{raised.pk}</a>" in page and "桥下积水严重" in page
    assert {name.split(":")[0] for name in worked_out if name.startswith("liaison.")} == {"liaison.station_queue"}
    day = timezone.localdate() + datetime.timedelta(days=5)
    actions.set_rota(world_a.congress, world_a.station, actor=world_a.office, on=day, mandates=[deputy])
    assert f"{day.isoformat()}：{deputy.person.name}" in office.get(url).content.decode()  # the rota's write redraws it
    actions.set_up_station(world_a.congress, world_a.station, actor=world_a.office, area="新城区")
    profile_form = office.get(url).content.decode().split('id="profile"')[1]
    assert 'value="新城区"' in profile_form  # the profile's write redraws its form

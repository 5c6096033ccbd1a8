"""Migration 0003: the livelihood problems move onto the shared rectification list, open and closed,
in every congress, and come back when the migration is reversed.

The migration reads every congress's rows at once, as a data migration must, so this test opts out
of the tenant SQL guard (``unscoped_sql``)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from renda.livelihood.models import Call, Inspection, Proposal, Watch
from renda.rectification.models import RectificationItem, RectificationUpdate
from renda.testing import make_world

BEFORE = [("livelihood", "0002_accountability")]
AFTER = [("livelihood", "0003_problems_onto_rectification_list")]
D = datetime.date


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _projects(world, *, lead_unit=True):
    """A demo-like year: a chosen project with its lead unit and two visits, and one not yet assigned."""
    c = world.congress
    call = Call.objects.create(congress=c, year=2026, title="2026年民生实事项目征集", opens_on=D(2026, 1, 1),
                               closes_on=D(2026, 2, 1), to_choose=2, status=Call.Status.CHOSEN)
    project = Proposal.objects.create(congress=c, call=call, title="老旧小区改造", description="改造", source="public",
                                      status=Proposal.Status.CHOSEN, lead_unit=world.unit if lead_unit else None)
    bare = Proposal.objects.create(congress=c, call=call, title="校园食堂", description="改造", source="public",
                                   status=Proposal.Status.CHOSEN)
    Watch.objects.create(congress=c, proposal=project, group=world.group)
    visits = [Inspection.objects.create(congress=c, proposal=project, group=world.group, on=D(2026, 5, n), notes="视察",
                                        by=world.root) for n in (10, 20)]
    return project, bare, visits


def _rows(Problem):
    return sorted((p.congress_id, p.proposal_id, p.inspection_id, p.text, p.owner, p.due_on, p.closed_on, p.resolution)
                  for p in Problem.objects.all())


@pytest.mark.unscoped_sql
@pytest.mark.django_db(transaction=True)
def test_problems_move_onto_the_rectification_list_and_back():
    a, b = make_world("m1", "示例甲市人民代表大会"), make_world("m2", "示例乙市人民代表大会")
    project, bare, (first, second) = _projects(a)
    theirs, _, (their_visit, _) = _projects(b)
    try:
        apps = _migrate(BEFORE)
        Problem = apps.get_model("livelihood", "Problem")
        made = [
            Problem.objects.create(congress_id=a.congress.pk, proposal_id=project.pk, inspection_id=first.pk,
                                   text="施工期间居民出行不便", owner="张科长", due_on=D(2026, 6, 1)),
            Problem.objects.create(congress_id=a.congress.pk, proposal_id=project.pk, inspection_id=second.pk,
                                   text="围挡不规范", owner="李股长", due_on=D(2026, 6, 10), closed_on=D(2026, 6, 5),
                                   resolution="已更换围挡"),
            Problem.objects.create(congress_id=a.congress.pk, proposal_id=bare.pk, inspection_id=None,
                                   text="尚未确定牵头单位", owner="办公室", due_on=D(2026, 7, 1)),
            Problem.objects.create(congress_id=b.congress.pk, proposal_id=theirs.pk, inspection_id=their_visit.pk,
                                   text="乙市的问题", owner="王主任", due_on=D(2026, 8, 1), closed_on=D(2026, 7, 30),
                                   resolution="已整改"),
        ]
        before = _rows(Problem)
        assert len(before) == len(made) == 4

        apps = _migrate(AFTER)
        items = {i.problem: i for i in RectificationItem.objects.order_by("id")}
        assert set(items) == {"施工期间居民出行不便", "围挡不规范", "尚未确定牵头单位", "乙市的问题"}
        open_one, closed_one, bare_one, their_one = (items[k] for k in ("施工期间居民出行不便", "围挡不规范",
                                                                         "尚未确定牵头单位", "乙市的问题"))
        assert all(i.source == "livelihood" for i in items.values())
        assert (open_one.congress_id, open_one.livelihood_project_id, open_one.livelihood_inspection_id,
                open_one.owner, open_one.due_on, open_one.unit_id, open_one.status, open_one.closed_on,
                open_one.resolution) == (a.congress.pk, project.pk, first.pk, "张科长", D(2026, 6, 1), a.unit.pk,
                                         "open", None, "")
        assert (closed_one.status, closed_one.closed_on, closed_one.resolution, closed_one.livelihood_inspection_id) == (
            "closed", D(2026, 6, 5), "已更换围挡", second.pk)
        assert (bare_one.livelihood_project_id, bare_one.livelihood_inspection_id, bare_one.unit_id) == (bare.pk, None, None)
        assert (their_one.congress_id, their_one.unit_id, their_one.status) == (b.congress.pk, b.unit.pk, "closed")
        # Raised at its visit: the item's time is the visit's day; the visit's recorder listed it.
        assert timezone.localdate(open_one.created_at) == D(2026, 5, 10) and open_one.created_by_id == a.root.pk
        accepted = list(RectificationUpdate.objects.order_by("id").values_list("item_id", "kind", "text", "on",
                                                                                "congress_id"))
        assert accepted == [(closed_one.pk, "accepted", "已更换围挡", D(2026, 6, 5), a.congress.pk),
                            (their_one.pk, "accepted", "已整改", D(2026, 7, 30), b.congress.pk)]
        assert "Problem" not in {m.__name__ for m in apps.get_app_config("livelihood").get_models()}

        apps = _migrate(BEFORE)
        assert _rows(apps.get_model("livelihood", "Problem")) == before
        assert not RectificationItem.objects.exists() and not RectificationUpdate.objects.exists()
    finally:
        _migrate(AFTER)
    assert RectificationItem.objects.filter(source="livelihood").count() == 4

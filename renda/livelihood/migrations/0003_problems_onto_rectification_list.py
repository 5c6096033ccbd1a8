"""The livelihood problems move onto the shared rectification list (整改清单): every Problem becomes a
RectificationItem of source "livelihood", linked to its project and inspection, the project's lead
unit responsible; a closed problem arrives closed, with its accepted update. Backwards, the items of
source "livelihood" become Problems again."""

import datetime

from django.db import migrations
from django.utils import timezone


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time())) if day else None


def forward(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not necessarily "default"
    Problem = apps.get_model("livelihood", "Problem")
    Item = apps.get_model("rectification", "RectificationItem")
    Update = apps.get_model("rectification", "RectificationUpdate")
    for problem in Problem.objects.using(db).select_related("proposal", "inspection").order_by("id"):
        closed = problem.closed_on is not None
        item = Item.objects.using(db).create(
            congress_id=problem.congress_id, source="livelihood", livelihood_project_id=problem.proposal_id,
            livelihood_inspection_id=problem.inspection_id, problem=problem.text, owner=problem.owner,
            due_on=problem.due_on, unit_id=problem.proposal.lead_unit_id, status="closed" if closed else "open",
            closed_on=problem.closed_on, resolution=problem.resolution,
            created_by_id=problem.inspection.by_id if problem.inspection_id else None)
        # A problem kept no time of its own: it was raised at its inspection.
        if problem.inspection_id:
            Item.objects.using(db).filter(pk=item.pk).update(created_at=_midnight(problem.inspection.on))
        if closed:
            Update.objects.using(db).create(congress_id=problem.congress_id, item=item, kind="accepted",
                                  text=problem.resolution or "已整改销号", on=problem.closed_on)


def backward(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not necessarily "default"
    Problem = apps.get_model("livelihood", "Problem")
    Item = apps.get_model("rectification", "RectificationItem")
    Update = apps.get_model("rectification", "RectificationUpdate")
    items = Item.objects.using(db).filter(source="livelihood", livelihood_project__isnull=False).order_by("id")
    for item in items:
        closed = item.status == "closed"
        Problem.objects.using(db).create(
            congress_id=item.congress_id, proposal_id=item.livelihood_project_id,
            inspection_id=item.livelihood_inspection_id, text=item.problem[:500], owner=item.owner[:100],
            due_on=item.due_on, closed_on=(item.closed_on or item.due_on) if closed else None,
            resolution=item.resolution[:500] if closed else "")
    Update.objects.using(db).filter(item__in=items).delete()
    items.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("livelihood", "0002_accountability"),
        ("rectification", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.DeleteModel(name="Problem"),
    ]

"""The kept figure ``proposals.leads_in_handling`` (proposals.tallies) counted once from the rows already
stored, as ``renda manage rebuild_tallies`` would; from here on the actions keep it."""

import json
from collections import Counter

from django.db import migrations

NAME = "proposals.leads_in_handling"


def count_them(apps, schema_editor):
    Assignment = apps.get_model("proposals", "Assignment")
    Tally = apps.get_model("core", "Tally")
    db = schema_editor.connection.alias
    counts: Counter = Counter()
    rows = (Assignment.objects.using(db).filter(lead=True, ended_on__isnull=True, suggestion__status__in=["assigned", "rehandling"])
            .values_list("congress_id", "unit_id", "due_on").order_by())
    for congress_id, unit_id, due_on in rows.iterator(chunk_size=2000):
        day = due_on.year * 10000 + due_on.month * 100 + due_on.day
        counts[(congress_id, day, json.dumps([unit_id]))] += 1
    Tally.objects.using(db).filter(name=NAME).delete()
    Tally.objects.using(db).bulk_create([Tally(congress_id=congress_id, name=NAME, period=day, key=key, count=n, total=0)
                               for (congress_id, day, key), n in counts.items()], batch_size=1000)


def forget_them(apps, schema_editor):
    apps.get_model("core", "Tally").objects.using(schema_editor.connection.alias).filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_tally"),
        ("proposals", "0004_notice_link"),
    ]

    operations = [migrations.RunPython(count_them, forget_them)]

"""The demo's rectification list, built on the demo's part-1 inspection findings."""

import pytest
from django.test import Client

from renda.rectification.models import RectificationItem, RectificationUpdate


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the whole demo is built inside the test (core's demo test builds it in a fixture, unguarded)
def test_the_demo_list_has_progress_a_check_a_closed_item_and_an_overdue_one():
    from django.utils import timezone

    from renda import demo

    congress = demo.build()  # renda/demo.py calls rectification.demo_data.build(city)
    items = RectificationItem.objects.in_congress(congress).filter(finding__isnull=False,  # ours: from the findings
                                                                   created_by__username="office")
    today = timezone.localdate()
    assert items.count() >= 4
    [closed] = items.filter(status=RectificationItem.Status.CLOSED, resolution__startswith="经实地核查")
    assert closed.closed_on <= closed.due_on and closed.accepted_by_id
    assert RectificationUpdate.objects.in_congress(congress).filter(item=closed, kind="closure_request").exclude(
        evidence="").exists()
    assert items.filter(status=RectificationItem.Status.OPEN, due_on__lt=today).exists()
    assert items.filter(status=RectificationItem.Status.CLAIMED).exists()
    kinds = set(RectificationUpdate.objects.in_congress(congress).filter(item__in=items).values_list("kind", flat=True))
    assert {"progress", "spot_check", "site_check", "closure_request", "accepted"} <= kinds
    client = Client()
    assert client.login(username="unit", password=demo.PASSWORD)
    page = client.get(f"/c/{congress.code}/rectification/")
    assert page.status_code == 200 and "本单位的整改事项" in page.content.decode()
